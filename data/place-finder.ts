import { pinyin } from 'pinyin-pro';
import type { Division } from './region.ts';

/**
 * Finding a village, township or county by what a villager types (issue 16: "find my village"):
 * part of its name (马头溪 → 马头溪村) or the first letters of its pinyin (mtx → 马头溪村, as phone
 * keyboards and 拼音首字母 lookups work). Every division counts, whether it has published or not.
 */
export interface PlaceIndex {
  find(q: string, limit?: number): Division[];
}

export function placeIndex(divisions: readonly Division[]): PlaceIndex {
  const places = divisions.filter((d) => d.code.length >= 6);
  // the letters are worked out once, on the first query that needs them (about 5 µs a name)
  let letters: Array<{ full: string; core: string }> | null = null;
  const lettersOf = () => (letters ??= places.map((d) => lettersOfName(d.name)));
  return {
    find(q, limit = 8) {
      const text = q.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
      if (text === '') return [];
      const scored: Array<{ d: Division; score: number }> = [];
      if (/^[a-z]{2,12}$/.test(text)) {
        const all = lettersOf();
        places.forEach((d, i) => {
          const l = all[i]!;
          if (l.full === text || l.core === text) scored.push({ d, score: 3 });
          else if (l.full.startsWith(text)) scored.push({ d, score: 2 });
        });
      } else if (/\p{Script=Han}/u.test(text) && text.length >= 2) {
        for (const d of places) {
          if (d.name === text) scored.push({ d, score: 5 });
          else if (d.name.startsWith(text)) scored.push({ d, score: 4 });
          else if (d.name.includes(text) || d.officialName.includes(text)) scored.push({ d, score: 3 });
        }
      }
      // best match first; among equals a village before its township and county, then by code
      scored.sort((a, b) => b.score - a.score || b.d.code.length - a.d.code.length || a.d.code.localeCompare(b.d.code));
      return scored.slice(0, limit).map((s) => s.d);
    },
  };
}

/** 马头溪村 → mtxc */
export function initials(name: string): string {
  return pinyin(name, { pattern: 'first', toneType: 'none', type: 'array' }).join('').toLowerCase();
}

// ——— private helpers ———

/** mtx finds 马头溪村 as well as mtxc would: the level's word (村, 镇, 乡, 区, 县) may be left off. */
function lettersOfName(name: string): { full: string; core: string } {
  const full = initials(name);
  return { full, core: /[村镇乡区县市]$/.test(name) ? full.slice(0, -1) : full };
}
