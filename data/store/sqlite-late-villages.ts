import type Database from 'better-sqlite3';
import { ACTIVE_STATUSES } from '../flags/flag-workflow.ts';
import { LATE_DISCLOSURE_RULE, type LateVillageCounts, type LateVillageStore } from './late-villages.ts';
import { prefixBounds } from './prefix-range.ts';

/** lateVillageCounts on SQLite: one aggregate per code, each over the flags index's range of its villages. */
export function createSqliteLateVillages(db: Database.Database): LateVillageStore {
  const counts = db.prepare(
    `SELECT count(*) AS late, coalesce(sum(NOT EXISTS (SELECT 1 FROM publications p WHERE p.village = l.village)), 0) AS neverPublished
     FROM (SELECT DISTINCT f.village FROM flags f
           WHERE f.village >= @low AND f.village < @high AND f.status IN (${ACTIVE_STATUSES.map((s) => `'${s}'`).join(', ')})
             AND f.rule = @rule AND f.public_from <= @publicAt) l`,
  );
  return {
    async lateVillageCounts(codes, publicAt) {
      const out = new Map<string, LateVillageCounts>();
      for (const code of new Set(codes)) {
        out.set(code, counts.get({ ...prefixBounds(code), rule: LATE_DISCLOSURE_RULE, publicAt }) as LateVillageCounts);
      }
      return out;
    },
  };
}
