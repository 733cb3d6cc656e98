import { normaliseDivisionName, shortName } from '../division-name.ts';
import { DEFAULT_ID_MASK, maskedPersonalNumber, maskNumbersInText, type MaskFormat } from '../personal-data.ts';
import { publicNumberKeys, recognisePersonalNumbers } from '../privacy/personal-numbers.ts';
import { pathCodes, type Division, type DivisionLevel } from '../region.ts';

/**
 * A message pasted as it was written in a WeChat group (issue 17: complaints from every channel),
 * turned into a pre-filled complaint form for township staff to check:
 * 王家坪镇马头溪村三组有几户耕地补贴没发，联系人老王 13907441234 gives the village 马头溪村, the
 * private contact 老王 / 13907441234, and the public text with both masked.
 *
 * The village is a guess with its reasons and the alternatives, never a decision: staff confirm
 * it. Names are found the other way round from place-finder.ts (there a query is part of a name,
 * here names are parts of the text), and without place-mismatch.ts's scan of every division per
 * text, which a province's 30,000 villages would make slow: see pastePlaceIndex.
 */

export interface PlaceEvidence {
  code: string;
  level: DivisionLevel;
  name: string;
  /** the name as the text writes it (马头溪 for 马头溪村) */
  text: string;
}

export interface VillageCandidate {
  village: Division;
  /** higher is better: the names found of the village and of the places above it */
  score: number;
  /** why: the village's own name and its township's, county's … that the text names */
  matched: PlaceEvidence[];
  /** townships and counties the text names that this village is not in */
  elsewhere: PlaceEvidence[];
}

export interface VillageGuess {
  best: VillageCandidate | null;
  /** the next best, for staff to pick instead */
  alternatives: VillageCandidate[];
  /** the best is no better than the first alternative (two 长岭村, no township named): ask */
  ambiguous: boolean;
  /** when no village is named: the narrowest township or county that is, to narrow the choice */
  area: Division | null;
}

export interface PastePlaceIndex {
  /** `scope`: a division code (a token's); only divisions under it, and the ones above it, count */
  find(text: string, opts?: { scope?: string; limit?: number }): VillageGuess;
}

/**
 * Every form of every division's name — as displayed, as the statistics bureau writes it, and
 * short, without 村/社区/居委会, 镇/乡/街道 (土家族乡 too), 县/区/市 — in one map from name to
 * divisions, with the set of name lengths.
 *
 * Building: O(D) for D divisions (three or four names each). A query: at each of the n
 * characters of the text, one map lookup per distinct name length (about a dozen), so
 * O(n · lengths), whatever D is; a province answers as fast as a prefecture, its map being 10
 * times larger. Then the names found (m, a handful) are weighed: O(m²) to drop names inside
 * longer ones (m counting each stretch of text once), and per village named, the names of its
 * four ancestors.
 */
export function pastePlaceIndex(divisions: readonly Division[]): PastePlaceIndex {
  const names = new Map<string, Array<{ division: Division; short: boolean }>>();
  const add = (name: string, division: Division, short: boolean) => {
    const list = names.get(name) ?? [];
    if (!list.some((x) => x.division.code === division.code)) list.push({ division, short });
    names.set(name, list);
  };
  for (const d of divisions) {
    const full = new Set([d.name, d.officialName, normaliseDivisionName(d.officialName, d.level)].filter((n) => n.length >= 2));
    for (const n of full) add(n, d, false);
    for (const n of full) {
      const short = shortName(n, d.level);
      if (short !== null) add(short, d, true);
    }
  }
  const lengths = [...new Set([...names.keys()].map((n) => n.length))].sort((a, b) => b - a);

  return {
    find(text, opts = {}) {
      const scope = opts.scope ?? '';
      const t = text.normalize('NFKC').replace(/\s+/g, '');
      const found: Found[] = [];
      for (let i = 0; i < t.length; i++) {
        for (const len of lengths) {
          if (i + len > t.length) continue;
          const piece = t.slice(i, i + len);
          for (const { division, short } of names.get(piece) ?? []) {
            found.push({ division, short, start: i, end: i + len, text: piece, weight: weightOf(division, short, len) });
          }
        }
      }
      // 头溪村 inside 马头溪村, 王家坪 inside 王家坪镇: the longer name is what the text says.
      // Compared as distinct stretches of text, since one stretch may name many divisions.
      const spans = [...new Map(found.map((f) => [`${f.start}:${f.end}`, f])).values()];
      const inside = (f: Found) => spans.some((o) => o.end - o.start > f.end - f.start && o.start <= f.start && o.end >= f.end);
      const shadowed = new Set(spans.filter(inside).map((f) => `${f.start}:${f.end}`));
      // out of scope only now: 马头溪村 still hides the 头溪村 inside it from a scope that has only 头溪村
      const kept = found.filter((f) => !shadowed.has(`${f.start}:${f.end}`) && (f.division.code.startsWith(scope) || scope.startsWith(f.division.code)));
      return guess(kept, opts.limit ?? 5);
    },
  };
}

export type MovedItem =
  | { kind: 'mobile' | 'landline'; digits: string; masked: string; usedAsContact: boolean }
  | { kind: 'id-number' | 'bank-card'; masked: string }
  | { kind: 'name'; name: string; masked: string };

export interface PastePrefill {
  village: VillageGuess;
  /** private, as complaint.ts's contact takes it: the first phone found, digits only */
  contact: { name: string | null; phone: string | null };
  /** the message with every personal number masked (maskNumbersInText) and the contact's name too */
  publicText: string;
  /** what was taken out of the public text; phones with their digits (staff only) */
  removed: MovedItem[];
}

export interface PastePrefillOptions {
  /** the staff member's division code (a township's 9 digits): only villages under it are guessed */
  scope?: string;
  /** numbers published on purpose (a township's office line): left in the text, never a contact */
  allow?: readonly string[];
  /** how ID numbers are masked in the public text (the portal's setting); DEFAULT_ID_MASK unless given */
  idMask?: MaskFormat;
  /** at most this many alternatives (5) */
  limit?: number;
}

export function pastePrefill(text: string, places: PastePlaceIndex, opts: PastePrefillOptions = {}): PastePrefill {
  const idMask = opts.idMask ?? DEFAULT_ID_MASK;
  const allowed = publicNumberKeys(opts.allow);
  const numbers = recognisePersonalNumbers(text).filter((n) => !allowed.has(n.digits));
  const contactPhone = numbers.find((n) => n.kind === 'mobile' || n.kind === 'landline');
  const removed: MovedItem[] = numbers.map((n) => {
    const masked = maskedPersonalNumber(n, idMask);
    return n.kind === 'mobile' || n.kind === 'landline' ? { kind: n.kind, digits: n.digits, masked, usedAsContact: n === contactPhone } : { kind: n.kind, masked };
  });
  let publicText = maskNumbersInText(text, idMask, { allow: opts.allow ?? [] }).text.trim();
  const name = contactName(publicText);
  if (name !== null) {
    const masked = maskName(name);
    publicText = publicText.split(name).join(masked);
    removed.push({ kind: 'name', name, masked });
  }
  return {
    village: places.find(text, { ...(opts.scope !== undefined && { scope: opts.scope }), ...(opts.limit !== undefined && { limit: opts.limit }) }),
    contact: { name, phone: contactPhone?.digits ?? null },
    publicText,
    removed,
  };
}

/**
 * The contact's name, from the simple ways a message gives it: after 联系人, 姓名, 我叫 or 名叫
 * (联系人老王, 姓名：张三丰), or after 我是 when a phone follows (我是张三，电话 139…) — without
 * the phone, 我是 is as often 我是三组的 or 我是党员. A name is 老/小/阿 and a character, or two
 * to four characters ending before punctuation, a space, a number or 电话/手机/联系.
 */
export function contactName(text: string): string | null {
  for (const pattern of NAME_PATTERNS) {
    const name = pattern.exec(text)?.groups?.name;
    if (name && !/[村组镇乡县区的了在是姓叫]/.test(name)) return name;
  }
  return null;
}

// ——— private helpers ———

interface Found {
  division: Division;
  short: boolean;
  start: number;
  end: number;
  text: string;
  weight: number;
}

const NAME = String.raw`(?<name>[老小阿]\p{Script=Han}|\p{Script=Han}{2,4}?)`;
const NAME_END = String.raw`(?=[\s,，。.:：;；、)）!！]|电话|手机|联系|\+?\d|\*|$)`;
const NAME_PATTERNS: readonly RegExp[] = [
  new RegExp(String.raw`(?:联系人|姓名|我叫|名叫)[:：\s]*${NAME}${NAME_END}`, 'u'),
  new RegExp(String.raw`我是${NAME}(?=[\s,，:：]*(?:电话|手机|联系|\+?\d))`, 'u'),
];

/** 张三 → 张*, 老王 → 老*: the way Chinese public lists write names */
function maskName(name: string): string {
  const chars = Array.from(name);
  return chars[0] + '*'.repeat(chars.length - 1);
}


/**
 * A village's own name counts most, the short name less, a two-character one least (中心, 河口
 * are words too); each place above it that the text names adds, less the higher it is, so a
 * township named picks the right one of two 长岭村.
 */
function weightOf(d: Division, short: boolean, length: number): number {
  switch (d.level) {
    case 'village':
      return short ? (length >= 3 ? 5 : 4) : 6;
    case 'township':
      return short ? 2 : 3;
    case 'county':
      return short ? 1 : 2;
    default:
      return 1;
  }
}

function guess(kept: Found[], limit: number): VillageGuess {
  const byDivision = new Map<string, Found[]>();
  const villages = new Map<string, Division>();
  for (const f of kept) {
    const list = byDivision.get(f.division.code);
    if (list) list.push(f);
    else byDivision.set(f.division.code, [f]);
    if (f.division.level === 'village') villages.set(f.division.code, f.division);
  }
  const candidates = [...villages.values()].map((v) => candidate(v, byDivision, kept));
  candidates.sort((a, b) => b.score - a.score || b.matched.length - a.matched.length || a.village.code.localeCompare(b.village.code));
  const [best = null, ...rest] = candidates;
  const alternatives = rest.slice(0, limit);
  const narrowest = [...kept].sort((a, b) => b.division.code.length - a.division.code.length || b.weight - a.weight || a.division.code.localeCompare(b.division.code))[0];
  return { best, alternatives, ambiguous: best !== null && alternatives[0]?.score === best.score, area: best ? null : (narrowest?.division ?? null) };
}

/**
 * The village's score: for it and each place above it, the best-weighted name of it the text
 * gives, a stretch of text counting once — in 王家坪马头溪, 王家坪 is the township of 马头溪村,
 * or the village 王家坪村 alone, never both for one village.
 */
function candidate(village: Division, byDivision: ReadonlyMap<string, Found[]>, kept: readonly Found[]): VillageCandidate {
  const path = pathCodes(village.code).reverse();
  const used: Found[] = [];
  for (const code of path) {
    const options = (byDivision.get(code) ?? []).filter((f) => !used.some((u) => overlaps(u, f)));
    const pick = options.sort((a, b) => b.weight - a.weight || b.end - b.start - (a.end - a.start))[0];
    if (pick) used.push(pick);
  }
  const onPath = new Set(path);
  const elsewhere = new Map<string, PlaceEvidence>();
  for (const f of kept) {
    const level = f.division.level;
    if ((level === 'township' || level === 'county') && !onPath.has(f.division.code) && !used.some((u) => overlaps(u, f))) elsewhere.set(f.division.code, evidence(f));
  }
  return {
    village,
    score: used.reduce((sum, f) => sum + f.weight, 0),
    matched: used.map(evidence),
    elsewhere: [...elsewhere.values()],
  };
}

function overlaps(a: Found, b: Found): boolean {
  return a.start < b.end && b.start < a.end;
}

function evidence(f: Found): PlaceEvidence {
  return { code: f.division.code, level: f.division.level, name: f.division.name, text: f.text };
}
