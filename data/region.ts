import { z } from 'zod';

/**
 * Administrative divisions with the statistical codes of the National Bureau of Statistics,
 * in their natural lengths: province 2 digits, prefecture 4, county 6, township 9, village 12.
 */
export const DivisionLevel = z.enum(['province', 'prefecture', 'county', 'township', 'village']);
export type DivisionLevel = z.infer<typeof DivisionLevel>;

export const Division = z.object({
  code: z.string().regex(/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/),
  level: DivisionLevel,
  /** display name, normalised: 马头溪村委会 → 马头溪村 */
  name: z.string(),
  /** the official name as the statistics bureau writes it */
  officialName: z.string(),
  parent: z.string().nullable(),
});
export type Division = z.infer<typeof Division>;


/** The code lengths of the levels, top down: the one place that knows them. */
export const CODE_LENGTHS: readonly number[] = [2, 4, 6, 9, 12];
/** A county's code length: what sits above it is counted in the store, what is under it per county. */
export const COUNTY_CODE_LENGTH: number = CODE_LENGTHS[DivisionLevel.options.indexOf('county')]!;
/** A prefecture's (city's) code length: the complaint sums kept per city (answer days) serve it and what is above it. */
export const PREFECTURE_CODE_LENGTH: number = CODE_LENGTHS[DivisionLevel.options.indexOf('prefecture')]!;
const LEVEL_BY_LENGTH: Record<number, DivisionLevel> = Object.fromEntries(CODE_LENGTHS.map((n, i) => [n, DivisionLevel.options[i]!]));

/**
 * The codes on the path from just below `above` down to `code` itself, top down: a village's
 * province, prefecture, county, township and itself when `above` is '' (the country). A code
 * not under `above` has none.
 */
export function pathCodes(code: string, above = ''): string[] {
  if (!code.startsWith(above)) return [];
  return CODE_LENGTHS.filter((n) => n > above.length && n <= code.length).map((n) => code.slice(0, n));
}

export function levelOf(code: string): DivisionLevel | null {
  return /^\d+$/.test(code) ? (LEVEL_BY_LENGTH[code.length] ?? null) : null;
}

/** Whether a division code (a token's scope, a filter) covers another division. */
export function covers(scope: string, code: string): boolean {
  return code.startsWith(scope);
}
