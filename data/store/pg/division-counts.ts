import { countedAncestors, type DivisionCounts, type DivisionCountStore } from '../division-counts.ts';
import { RECOMPUTE_DIVISION_COUNTS, ZERO_DIVISION_COUNTS } from '../division-count-sql.ts';
import { toDivision, type DivisionRow } from '../store-rows.ts';
import type { PgQueryable } from './client.ts';
import { prefixRange } from './sql.ts';

/**
 * Per-division publication counters in PostgreSQL (schema 8; division-counts.ts): recomputed in
 * the transaction that replaces the divisions, moved in each publication's transaction, which
 * already holds the log's head lock (one publisher at a time), so two uploads never both read the
 * same figures before moving them.
 */
export interface PgDivisionCounts extends DivisionCountStore {
  recompute(tx: PgQueryable): Promise<void>;
  beforePublish(tx: PgQueryable, village: string): Promise<VillageFigures | null>;
  afterPublish(tx: PgQueryable, village: string, before: VillageFigures | null): Promise<void>;
}

interface VillageFigures {
  n: number;
  last: string | null;
}

const VILLAGE_NOW =
  'SELECT count(*)::integer AS n, max(p.published_at) AS last FROM publications p WHERE p.village = $1 AND NOT EXISTS (SELECT 1 FROM publications s WHERE s.supersedes = p.id)';

export function createPgDivisionCounts(db: PgQueryable): PgDivisionCounts {
  return {
    async recompute(tx) {
      await tx.query('DELETE FROM division_counts');
      await tx.query(RECOMPUTE_DIVISION_COUNTS);
      await tx.query(ZERO_DIVISION_COUNTS);
    },
    async beforePublish(tx, village) {
      if ((await tx.query("SELECT 1 FROM divisions WHERE code = $1 AND level = 'village'", [village])).length === 0) return null;
      return (await tx.query<VillageFigures>(VILLAGE_NOW, [village]))[0]!;
    },
    async afterPublish(tx, village, before) {
      if (!before) return;
      const after = (await tx.query<VillageFigures>(VILLAGE_NOW, [village]))[0]!;
      await tx.query(
        `UPDATE division_counts SET publications = publications + $2, published_villages = published_villages + $3,
           last_published_at = CASE WHEN last_published_at IS NULL OR last_published_at < $4 THEN $4 ELSE last_published_at END
         WHERE code = ANY($1::text[])`,
        [countedAncestors(village), after.n - before.n, (after.n > 0 ? 1 : 0) - (before.n > 0 ? 1 : 0), after.last],
      );
      // a backdated correction can lower a village's newest date: the ancestors' is read again
      if (before.last !== null && (after.last === null || after.last < before.last)) {
        for (const code of countedAncestors(village)) {
          await tx.query(
            `UPDATE division_counts SET last_published_at = (
               SELECT max(p.published_at) FROM publications p JOIN divisions d ON d.code = p.village AND d.level = 'village'
               WHERE p.village >= $2 AND p.village < $3 AND NOT EXISTS (SELECT 1 FROM publications s WHERE s.supersedes = p.id))
             WHERE code = $1`,
            [code, ...prefixRange(code)],
          );
        }
      }
    },
    async listDivisionsTo(prefix, maxLength) {
      const rows = await db.query<DivisionRow>('SELECT * FROM divisions WHERE code >= $1 AND code < $2 AND length(code) <= $3 ORDER BY code', [...prefixRange(prefix), maxLength]);
      return rows.map(toDivision);
    },
    async divisionCounts(codes) {
      const rows = await db.query<{ code: string; villages: number; published_villages: number; publications: number; last_published_at: string | null }>(
        'SELECT * FROM division_counts WHERE code = ANY($1::text[])',
        [[...new Set(codes)]],
      );
      return new Map(rows.map((r): [string, DivisionCounts] => [r.code, { villages: r.villages, publishedVillages: r.published_villages, publications: r.publications, lastPublishedAt: r.last_published_at }]));
    },
  };
}
