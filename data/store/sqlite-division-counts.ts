import type Database from 'better-sqlite3';
import { countedAncestors, type DivisionCounts, type DivisionCountStore } from './division-counts.ts';
import { RECOMPUTE_DIVISION_COUNTS, ZERO_DIVISION_COUNTS } from './division-count-sql.ts';
import { toDivision, type DivisionRow } from './store-rows.ts';
import { prefixRange } from './prefix-range.ts';

/**
 * Per-division publication counters in SQLite (migration 14; division-counts.ts). `recompute` runs
 * in the transaction that replaces the divisions; `beforePublish` and `afterPublish` around the
 * insert of a version, in its transaction.
 */
export interface SqliteDivisionCounts extends DivisionCountStore {
  recompute(): void;
  /** the village's figures before a version is stored */
  beforePublish(village: string): VillageFigures | null;
  /** moves the counters above the village by what the stored version changed */
  afterPublish(village: string, before: VillageFigures | null): void;
}

interface VillageFigures {
  n: number;
  last: string | null;
}

export function createSqliteDivisionCounts(db: Database.Database): SqliteDivisionCounts {
  const sql = {
    clear: db.prepare('DELETE FROM division_counts'),
    recompute: db.prepare(RECOMPUTE_DIVISION_COUNTS),
    zero: db.prepare(ZERO_DIVISION_COUNTS),
    isVillage: db.prepare("SELECT 1 FROM divisions WHERE code = ? AND level = 'village'").pluck(),
    village: db.prepare(
      'SELECT count(*) AS n, max(p.published_at) AS last FROM publications p WHERE p.village = ? AND NOT EXISTS (SELECT 1 FROM publications s WHERE s.supersedes = p.id)',
    ),
    move: db.prepare(
      `UPDATE division_counts SET publications = publications + :n, published_villages = published_villages + :published,
         last_published_at = CASE WHEN last_published_at IS NULL OR last_published_at < :last THEN :last ELSE last_published_at END
       WHERE code = :code`,
    ),
    // a backdated correction can lower a village's newest date: the ancestors' is read again
    lastUnder: db.prepare(
      `UPDATE division_counts SET last_published_at = (
         SELECT max(p.published_at) FROM publications p JOIN divisions d ON d.code = p.village AND d.level = 'village'
         WHERE p.village >= :lo AND p.village < :hi AND NOT EXISTS (SELECT 1 FROM publications s WHERE s.supersedes = p.id))
       WHERE code = :code`,
    ),
    to: db.prepare('SELECT * FROM divisions WHERE code >= ? AND code < ? AND length(code) <= ? ORDER BY code'),
    counts: db.prepare('SELECT * FROM division_counts WHERE code = ?'),
  };
  return {
    recompute() {
      sql.clear.run();
      sql.recompute.run();
      sql.zero.run();
    },
    beforePublish(village) {
      return sql.isVillage.get(village) ? (sql.village.get(village) as VillageFigures) : null;
    },
    afterPublish(village, before) {
      if (!before) return;
      const after = sql.village.get(village) as VillageFigures;
      const moved = { n: after.n - before.n, published: (after.n > 0 ? 1 : 0) - (before.n > 0 ? 1 : 0), last: after.last };
      for (const code of countedAncestors(village)) sql.move.run({ ...moved, code });
      if (before.last !== null && (after.last === null || after.last < before.last)) {
        for (const code of countedAncestors(village)) sql.lastUnder.run({ code, lo: code, hi: prefixRange(code)[1] });
      }
    },
    async listDivisionsTo(prefix, maxLength) {
      return (sql.to.all(...prefixRange(prefix), maxLength) as DivisionRow[]).map(toDivision);
    },
    async divisionCounts(codes) {
      const out = new Map<string, DivisionCounts>();
      for (const code of new Set(codes)) {
        const row = sql.counts.get(code) as { villages: number; published_villages: number; publications: number; last_published_at: string | null } | undefined;
        if (row) out.set(code, { villages: row.villages, publishedVillages: row.published_villages, publications: row.publications, lastPublishedAt: row.last_published_at });
      }
      return out;
    },
  };
}
