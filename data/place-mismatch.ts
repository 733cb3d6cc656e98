import type { Division } from './region.ts';

/**
 * A file meant for another village (issue 16: "an upload that prevents mistakes"). An official
 * with several villages' files open picks the wrong one more easily than the wrong village, and
 * what the file says about itself tells:
 *
 * - a file name that starts with another village's 12-digit code (the way the county hands files
 *   out: 430821211227-龙岗村-…) clearly belongs elsewhere: `code`, refused;
 * - a title (or file name) naming another village, township or county of the region, and not the
 *   chosen village: `name`, published only when the official says it is right.
 *
 * `divisions`: the region's divisions the names are looked for among (the chosen village's
 * prefecture is enough: a file from further away is rarer than a neighbour's).
 */
export type PlaceMismatch = { kind: 'code'; code: string; other: Division | null } | { kind: 'name'; other: Division; where: 'title' | 'filename' };

export function placeMismatch(input: { village: Division; path: readonly Division[]; title: string; filename: string | null; divisions: readonly Division[] }): PlaceMismatch | null {
  const { village, path, title, filename, divisions } = input;
  const code = /^(\d{12})(?!\d)/.exec(filename ?? '')?.[1];
  if (code !== undefined && code !== village.code) return { kind: 'code', code, other: divisions.find((d) => d.code === code) ?? null };
  const own = new Set([village.code, ...path.map((d) => d.code)]);
  const ownNames = [village, ...path].flatMap((d) => [d.name, d.officialName]).filter((n) => n.length > 0);
  for (const [where, text] of [['title', title], ['filename', filename ?? '']] as const) {
    if (text === '' || text.includes(village.name)) continue;
    // the most specific place first (a village over its township), then the longest name
    const other = [...divisions]
      .filter((d) => !own.has(d.code) && d.code.length >= 6 && d.name.length >= 2 && text.includes(d.name))
      // a name inside one of the chosen village's own places' names is theirs (头溪 in 王家坪镇马头溪…)
      .filter((d) => !ownNames.some((n) => n.includes(d.name) && text.includes(n)))
      .sort((a, b) => b.code.length - a.code.length || b.name.length - a.name.length)[0];
    if (other) return { kind: 'name', other, where };
  }
  return null;
}
