import { pathCodes, type Division } from '../region.ts';

/**
 * Per-division publication figures kept in the store (issue 14), so the pages above a village are
 * built from the divisions they show and their counters, never from every division of the region:
 * the home page of the whole country reads about 3,300 divisions, not 662,706.
 *
 * The counters are those `publicationStats` gives, rolled up: for each division (and '' for the
 * whole country) its villages, the villages with a current version, the current versions, and
 * the newest publication date among them. They are recomputed with the divisions and moved by
 * each publication in its own transaction (division-counts-contract.ts checks they always equal
 * the roll-up of `publicationStats`).
 */
export interface DivisionCounts {
  villages: number;
  publishedVillages: number;
  publications: number;
  lastPublishedAt: string | null;
}

export interface DivisionCountStore {
  /** `prefix` itself and the divisions under it whose codes are at most `maxLength` digits, in code order */
  listDivisionsTo(prefix: string, maxLength: number): Promise<Division[]>;
  /** the counters of these divisions ('' is the whole country); a code no division has is absent */
  divisionCounts(codes: readonly string[]): Promise<Map<string, DivisionCounts>>;
}

/** The codes a village's counters roll up into: the country, its province, prefecture, county, township. */
export function countedAncestors(village: string): string[] {
  return ['', ...pathCodes(village).slice(0, -1)];
}
