import type { PublicationKind } from '../publication.ts';

/**
 * Ids of the rows in the SQLite search tables. The id is FTS5's rowid, the one thing FTS5 can
 * order and filter by without looking anything up, so it carries what search needs per row:
 *
 *   id = (MAX_DAY − day) · 2^32 + (county slot · 4 + kind) · 2^18 + sequence
 *
 * - the day (its own date, or the day its publication appeared; days since 1970), counted down,
 *   so FTS5's natural ascending rowid order is newest first (it walks a posting list forwards
 *   cheaply; backwards it first loads the whole list);
 * - the county's slot (search_counties, < 4096) and the kind, so facets are counted from ids
 *   alone (`facetOf`) instead of joining every match to its row;
 * - a sequence number, unique within its day, county and kind, counted down too, so that of two
 *   rows of the same day the one stored later comes first.
 *
 * Days before 1970 count as 1970; ids stay below 2^52, exact as JavaScript numbers.
 */
export function searchRowId(isoDate: string, facet: number, allocate: RowIdAllocator): number {
  const day = Math.min(MAX_DAY, Math.max(0, Math.floor(Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`) / 86_400_000) || 0));
  const lo = (MAX_DAY - day) * DAY_SPAN + facet * FACET_SPAN;
  const hi = lo + FACET_SPAN;
  const min = allocate(lo, hi);
  const id = min === null ? hi - 1 : min - 1;
  if (id < lo) throw new RangeError(`more than 2^18 search rows dated ${isoDate} in one county and kind`);
  return id;
}

/** The smallest id in [lo, hi) already used, or null; called inside the writing transaction. */
export type RowIdAllocator = (lo: number, hi: number) => number | null;

/** The facet number of a county slot and a kind, as encoded in the id. */
export function facetNumber(countySlot: number, kind: PublicationKind): number {
  if (!Number.isInteger(countySlot) || countySlot < 0 || countySlot >= MAX_COUNTY_SLOTS) {
    throw new RangeError(`county slot ${countySlot} is outside 0…${MAX_COUNTY_SLOTS - 1}`);
  }
  const k = KINDS.indexOf(filedAs(kind));
  if (k < 0) throw new RangeError(`kind ${kind} has no place in the search ids`);
  return countySlot * 4 + k;
}

/** The county slot and kind of a facet number (the inverse of facetNumber). */
export function facetOf(facet: number): { countySlot: number; kind: PublicationKind } {
  return { countySlot: Math.floor(facet / 4), kind: KINDS[facet % 4] ?? 'finance' };
}

/** More county-level divisions than China has (about 2,850). */
export const MAX_COUNTY_SLOTS = 4096;

/** The facet number in an id (JavaScript's bit operators stop at 32 bits, so by division). */
export function facetOfId(id: number): number {
  return Math.floor(id / FACET_SPAN) % (MAX_COUNTY_SLOTS * 4);
}

/**
 * What a row is filed under, as tokens of the FTS `scope` column: its county, township and
 * village codes, its kind, and its months — the month of its own date, or every month of its
 * publication's period when it has none (c430802 t430802108 v430802108214 kfinance m202607).
 * Filters then become part of the MATCH expression, which FTS5 intersects from its index; a
 * date filter narrows by month there and checks the exact days on what is left.
 */
export function scopeTokens(village: string, kind: PublicationKind, months: readonly string[]): string {
  const kinds = filedAs(kind) === kind ? [`k${kind}`] : [`k${filedAs(kind)}`, `k${kind}`];
  return [`c${village.slice(0, 6)}`, `t${village.slice(0, 9)}`, `v${village}`, ...kinds, ...months.map((m) => `m${m}`)].join(' ');
}

/** The months (YYYYMM) a row counts in for date filters: its date's, or those of [periodStart, periodEnd]. */
export function rowMonths(date: string | null, periodStart: string, periodEnd: string): string[] {
  return date ? [date.slice(0, 4) + date.slice(5, 7)] : monthsBetween(periodStart, periodEnd) ?? [];
}

/** YYYYMM of every month from the one of `from` to the one of `to` (ISO dates); null when more than `max`. */
export function monthsBetween(from: string, to: string, max = 240): string[] | null {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const endY = Number(to.slice(0, 4));
  const endM = Number(to.slice(5, 7));
  while (y < endY || (y === endY && m <= endM)) {
    if (out.length >= max) return null;
    out.push(`${y}${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

// ——— private helpers ———

// The order is part of every stored id: a new kind goes at the end, and a fifth needs a wider facet.
const KINDS: readonly PublicationKind[] = ['finance', 'subsidy', 'project', 'contract'];

/**
 * The kind a row is counted under in the ids' facets. A statement (收支对照表, 收益分配表) is the
 * village's finances too, and the ids have room for four kinds: it is counted as finance, and its
 * rows carry both kind tokens, so a finance filter finds it (as the facet counted it) and a
 * statement filter finds statements alone.
 */
function filedAs(kind: PublicationKind): PublicationKind {
  return kind === 'statement' ? 'finance' : kind;
}
const DAY_SPAN = 2 ** 32;
const FACET_SPAN = 2 ** 18;
/** 2^20 days after 1970 is beyond the year 4800. */
const MAX_DAY = 2 ** 20 - 1;
