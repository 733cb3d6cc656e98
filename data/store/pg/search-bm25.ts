import { isSingleHan } from '../../search/tokenize.ts';

/**
 * The SQL pieces of PostgreSQL search's ranking (search-query.ts): positional parameters, and
 * FTS5's bm25 written out so that both backends score alike.
 */

/** FTS5's bm25 constants, and the weights SQLite gives the tokens and places columns. */
const K1 = 1.2;
const B = 0.75;
const WORD_WEIGHT = 1.0;
const PLACE_WEIGHT = 0.4;

export interface Scoring {
  /** the distinctive tokens, in query order, and how many rows each occurs in (exact: at most RARE) */
  tokens: ReadonlyArray<{ token: string; rows: number }>;
  /** their tsquery, ANDed (every match has them all) or ORed (a fallback) */
  expression: string;
}

/** Positional parameters, numbered as they are added. */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * FTS5's bm25 (fts5_aux.c), operation for operation so the doubles come out the same:
 *
 *   Σ over the scoring tokens: idf · (f · (k1 + 1)) / (f + k1 · (1 − b + b · D / avgdl))
 *
 * idf = ln((N − n + 0.5) / (n + 0.5)), 1e-6 when not positive, n the rows the token occurs in;
 * N and avgdl from search_totals; D the row's size; f the token's occurrences in the row, each
 * weighted by its column and added in FTS5's order (the row's own tokens, then its places).
 * `constants` is a one-row CTE (k), `frequencies` a LATERAL beside the row (f), `score` the result.
 */
export function bm25(scoring: Scoring, sql: Params): { constants: string; frequencies: string; score: string } {
  const k1 = `${sql.add(K1)}::float8`;
  const k1PlusOne = `${sql.add(K1 + 1.0)}::float8`;
  const b = `${sql.add(B)}::float8`;
  const oneMinusB = `${sql.add(1 - B)}::float8`;
  const constants = ['t.tokens::float8 / t.rows::float8 AS avgdl'];
  const frequencies: string[] = [];
  const terms: string[] = [];
  scoring.tokens.forEach(({ token, rows }, i) => {
    const n = `${sql.add(rows)}::bigint`;
    constants.push(
      `(SELECT CASE WHEN v <= 0 THEN '1e-6'::float8 ELSE v END
        FROM (SELECT ln(((t.rows - ${n})::float8 + 0.5::float8) / (${n}::float8 + 0.5::float8)) AS v) s) AS idf${i}`,
    );
    const value = `${sql.add(token)}::text`;
    const test = isSingleHan(token) ? `starts_with(w, ${value})` : `w = ${value}`;
    const summed = `coalesce((SELECT sum(x.weight ORDER BY x.col) FROM (
         SELECT 0 AS col, ${WORD_WEIGHT.toFixed(1)}::float8 AS weight FROM unnest(r.tokens) AS w WHERE ${test}
         UNION ALL SELECT 1, ${PLACE_WEIGHT}::float8 FROM unnest(r.places) AS w WHERE ${test}) x), 0::float8)`;
    // A whole token is counted by array_positions (C, no subquery per row: most of a broad query's
    // time went to unnesting every matching row). The same additions in the same order as the sum
    // above — 1.0 per occurrence in the row's tokens (exact in any order), then 0.4 per one in its
    // places, one at a time — so the doubles are the same; rows with a place three or more times
    // fall back to the sum.
    const place = `${PLACE_WEIGHT}::float8`;
    frequencies.push(
      isSingleHan(token)
        ? `${summed} AS f${i}`
        : `(SELECT CASE c.m WHEN 0 THEN c.n WHEN 1 THEN c.n + ${place} WHEN 2 THEN (c.n + ${place}) + ${place} ELSE ${summed} END
           FROM (SELECT coalesce(cardinality(array_positions(r.tokens, ${value})), 0)::float8 * ${WORD_WEIGHT.toFixed(1)}::float8 AS n,
                        coalesce(cardinality(array_positions(r.places, ${value})), 0) AS m) c) AS f${i}`,
    );
    const f = `f.f${i}`;
    terms.push(`(k.idf${i} * ((${f} * ${k1PlusOne}) / (${f} + ${k1} * (${oneMinusB} + ((${b} * r.size::float8) / k.avgdl)))))`);
  });
  return { constants: constants.join(', '), frequencies: frequencies.join(', '), score: `(0::float8 + ${terms.join(' + ')})` };
}
