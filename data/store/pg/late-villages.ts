import { ACTIVE_STATUSES } from '../../flags/flag-workflow.ts';
import { LATE_DISCLOSURE_RULE, type LateVillageCounts, type LateVillageStore } from '../late-villages.ts';
import type { PgQueryable } from './client.ts';
import { prefixRange } from './sql.ts';

/** lateVillageCounts on PostgreSQL: every code in one statement, each over the flags index's range of its villages. */
export function createPgLateVillages(db: PgQueryable): LateVillageStore {
  return {
    async lateVillageCounts(codes, publicAt) {
      const unique = [...new Set(codes)];
      const ranges = unique.map(prefixRange);
      const rows = await db.query<{ code: string; late: number; never: number }>(
        `SELECT c.code, count(l.village)::integer AS late,
                count(l.village) FILTER (WHERE NOT EXISTS (SELECT 1 FROM publications p WHERE p.village = l.village))::integer AS never
         FROM unnest($1::text[], $2::text[], $3::text[]) AS c(code, low, high)
         LEFT JOIN LATERAL (SELECT DISTINCT f.village FROM flags f
                            WHERE f.village >= c.low AND f.village < c.high AND f.status = ANY($4::text[])
                              AND f.rule = $5 AND f.public_from <= $6) l ON true
         GROUP BY c.code`,
        [unique, ranges.map((r) => r[0]), ranges.map((r) => r[1]), ACTIVE_STATUSES, LATE_DISCLOSURE_RULE, publicAt],
      );
      return new Map<string, LateVillageCounts>(rows.map((r) => [r.code, { late: Number(r.late), neverPublished: Number(r.never) }]));
    },
  };
}
