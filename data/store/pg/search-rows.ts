import { daysInMonth } from '../../dates.ts';
import { parsePeriod } from '../../period.ts';
import { indexTokens, rowSearchText } from '../../search/tokenize.ts';
import { facetNumber, MAX_COUNTY_SLOTS, rowMonths, scopeTokens, searchRowId } from '../sqlite-search-rows.ts';
import type { PgQueryable } from './client.ts';
import type { IndexedPublication } from './search-port.ts';

/**
 * Writing the PostgreSQL search rows (schema 6): a version's rows in a few statements inside the
 * caller's transaction, its predecessor's rows out in the same one. Everything that decides what
 * SQLite stores — the rows and their text (rowSearchText), tokens (indexTokens), scope
 * (scopeTokens, rowMonths), ids (searchRowId) — is the same code, so both indexes hold the same
 * rows under the same ids.
 */

/** Rows per INSERT: a 99,000-row ledger goes in a few statements of bounded size. */
const INSERT_BATCH = 5_000;

/** Adds every row of `p` and removes those of `supersedes`, inside `tx`. */
export async function indexVersion(tx: PgQueryable, p: IndexedPublication, supersedes: string | null): Promise<void> {
  const rows = rowSearchText(p);
  if (rows.length > 0) {
    await lockWriters(tx);
    const [places = []] = await placeTokens(tx, [p.village]);
    const facet = facetNumber(await countySlot(tx, p.village.slice(0, 6)), p.kind);
    const [periodStart, periodEnd] = periodDates(p.period);
    const days = rows.map((r) => r.date ?? p.publishedAt.slice(0, 10));
    const ids = await allocateIds(tx, days, facet);
    const tokens = rows.map((r) => indexTokens(r.text));
    const scopes = rows.map((r) => scopeTokens(p.village, p.kind, rowMonths(r.date, periodStart, periodEnd)));
    const sizes = rows.map((_, i) => tokens[i]!.length + places.length + scopes[i]!.split(' ').length);
    for (let i = 0; i < rows.length; i += INSERT_BATCH) {
      const end = Math.min(rows.length, i + INSERT_BATCH);
      const col = <T>(f: (k: number) => T): T[] => Array.from({ length: end - i }, (_, k) => f(i + k));
      // Tokens never hold a space (tokenize.ts splits on everything else), so a row's list travels
      // as one space-joined string: unnest cannot take arrays of different lengths.
      await tx.query(
        `INSERT INTO search_rows (id, publication_id, village, kind, period, period_start, period_end, row, text, date, amount,
           published_at, tokens, places, size, words, scope)
         SELECT u.id, $1, $2, $3, $4, $5, $6, u.row, u.text, u.date, u.amount, $7, u.tokens, $8::text[], u.size,
           ${wordsOf('u.tokens', '$8::text[]')}, array_to_tsvector(u.scope)
         FROM (SELECT id, row, text, date, amount, string_to_array(tokens, ' ') AS tokens, size, string_to_array(scope, ' ') AS scope
               FROM unnest($9::bigint[], $10::integer[], $11::text[], $12::text[], $13::bigint[], $14::text[], $15::integer[], $16::text[])
                 AS v(id, row, text, date, amount, tokens, size, scope)) u`,
        [
          p.id,
          p.village,
          p.kind,
          p.period,
          periodStart,
          periodEnd,
          p.publishedAt,
          places,
          col((k) => ids[k]),
          col((k) => rows[k]!.row),
          col((k) => rows[k]!.text),
          col((k) => rows[k]!.date),
          col((k) => rows[k]!.amount),
          col((k) => tokens[k]!.join(' ')),
          col((k) => sizes[k]),
          col((k) => scopes[k]),
        ],
      );
    }
    await countIndexed(tx, rows.length, sizes.reduce((a, b) => a + b, 0));
  }
  // after the new rows went in, as SQLite's queue does: ids were allocated beside the old ones
  if (supersedes) await removePublication(tx, supersedes);
}

/** Removes every row of a version. The totals stay: FTS5 keeps a deleted row's counts too. */
export async function removePublication(tx: PgQueryable, publicationId: string): Promise<void> {
  // the lexeme counts (schema 18) change with the rows, one writer at a time
  await lockWriters(tx);
  await tx.query('DELETE FROM search_rows WHERE publication_id = $1', [publicationId]);
}

/** Re-derives the place tokens of every row of these villages from the divisions, inside `tx`. */
export async function refreshPlaces(tx: PgQueryable, list: readonly string[]): Promise<void> {
  const villages = [...new Set(list)];
  if (villages.length === 0) return;
  await lockWriters(tx);
  const places = await placeTokens(tx, villages);
  // FTS5 deletes and re-inserts each row: counted again, with its new size
  const [done] = await tx.query<{ rows: number; tokens: number | null }>(
    `WITH v AS (SELECT village, string_to_array(places, ' ') AS places FROM unnest($1::text[], $2::text[]) AS u(village, places)),
     changed AS (
       UPDATE search_rows r SET places = v.places, words = ${wordsOf('r.tokens', 'v.places')},
         size = r.size - cardinality(r.places) + cardinality(v.places)
       FROM v WHERE r.village = v.village
       RETURNING r.size)
     SELECT count(*) AS rows, sum(size) AS tokens FROM changed`,
    [villages, places.map((p) => p.join(' '))],
  );
  await countIndexed(tx, Number(done?.rows ?? 0), Number(done?.tokens ?? 0));
}

// ——— private helpers ———

/**
 * The `words` tsvector of a row. A lexeme is at most 2,047 bytes in PostgreSQL: a longer token
 * (a 700-digit "number" in an upload) is left out of it rather than failing the publish, and
 * cannot be found; it still counts in the row's size.
 */
function wordsOf(tokens: string, places: string): string {
  return `array_to_tsvector(ARRAY(SELECT w FROM unnest(${tokens} || ${places}) AS w WHERE octet_length(w) <= 2047))`;
}

/**
 * The search writers' queue: until this transaction ends no other writer reads a county slot or
 * the smallest id of a range, so the ones it takes are free (SQLite has one writer anyway), and no
 * two transactions change the lexeme counts (schema 18) at once. It is taken before the divisions
 * are read, so a rename committing meanwhile is seen, never missed.
 */
async function lockWriters(tx: PgQueryable): Promise<void> {
  await tx.query('SELECT 1 FROM search_totals FOR UPDATE');
}

async function countIndexed(tx: PgQueryable, rows: number, tokens: number): Promise<void> {
  await tx.query('UPDATE search_totals SET rows = rows + $1, tokens = tokens + $2', [rows, tokens]);
}

/** Per village: the tokens of its, its township's and its county's names; none for a name not loaded. */
async function placeTokens(tx: PgQueryable, villages: readonly string[]): Promise<string[][]> {
  const codes = (v: string) => [v, v.slice(0, 9), v.slice(0, 6)];
  const found = await tx.query<{ code: string; name: string }>('SELECT code, name FROM divisions WHERE code = ANY($1::text[])', [[...new Set(villages.flatMap(codes))]]);
  const names = new Map(found.map((d) => [d.code, d.name]));
  return villages.map((v) => indexTokens(codes(v).map((c) => names.get(c) ?? '').join(' ')));
}

/** The county's slot, given the next one the first time it is indexed (under lockWriters). */
async function countySlot(tx: PgQueryable, county: string): Promise<number> {
  const [found] = await tx.query<{ slot: number }>(
    `WITH known AS (SELECT slot FROM search_counties WHERE code = $1),
     added AS (INSERT INTO search_counties (slot, code)
               SELECT (SELECT coalesce(max(slot), 0) + 1 FROM search_counties), $1 WHERE NOT EXISTS (SELECT 1 FROM known)
               RETURNING slot)
     SELECT slot FROM known UNION ALL SELECT slot FROM added`,
    [county],
  );
  const slot = Number(found!.slot);
  if (slot >= MAX_COUNTY_SLOTS) throw new RangeError(`search supports at most ${MAX_COUNTY_SLOTS} counties`);
  return slot;
}

/**
 * searchRowId for each day in order, as SQLite allocates them one insert at a time: a dry run
 * names the id ranges, one query reads the smallest id used in each, and the real run counts
 * down from there in memory.
 */
async function allocateIds(tx: PgQueryable, days: readonly string[], facet: number): Promise<number[]> {
  const ranges = new Map<number, number>();
  for (const day of days) {
    searchRowId(day, facet, (lo, hi) => {
      ranges.set(lo, hi);
      return null;
    });
  }
  const lows = [...ranges.keys()];
  const found = await tx.query<{ lo: number; min: number | null }>(
    'SELECT w.lo, (SELECT min(id) FROM search_rows WHERE id >= w.lo AND id < w.hi) AS min FROM unnest($1::bigint[], $2::bigint[]) AS w(lo, hi)',
    [lows, lows.map((lo) => ranges.get(lo))],
  );
  const smallest = new Map(found.map((r) => [Number(r.lo), r.min === null ? null : Number(r.min)]));
  return days.map((day) => {
    let range = 0;
    const id = searchRowId(day, facet, (lo) => {
      range = lo;
      return smallest.get(lo) ?? null;
    });
    smallest.set(range, id);
    return id;
  });
}

/**
 * A period's first and last day (2026-Q3 → 2026-07-01, 2026-09-30). SQLite's index has the same
 * as a private function (periodRange in sqlite-search.ts); both should use one in data/period.ts.
 */
function periodDates(period: string): [string, string] {
  const p = parsePeriod(period);
  if (!p) throw new RangeError(`not a period: ${period}`);
  const last = p.startMonth + p.months - 1;
  const mm = (m: number) => String(m).padStart(2, '0');
  return [`${p.year}-${mm(p.startMonth)}-01`, `${p.year}-${mm(last)}-${mm(daysInMonth(p.year, last))}`];
}
