import { checkedScope, checkedVillageListScope, pageViewRows, recentWindow, totalsFromMonths, type PageViewStore, type VillageViews } from '../page-views.ts';
import type { PgQueryable } from './client.ts';
import { prefixRange } from './sql.ts';

/**
 * Page views in PostgreSQL (schema 11; page-views.ts). A batch is one statement: atomic, and each
 * row is incremented in the database, so concurrent batches from other processes add on top. The
 * rows go in in (code, day) order — every batch locks the rows it shares with another in the same
 * order, so two batches wait for each other but never deadlock.
 */
export function createPgPageViews(db: PgQueryable): PageViewStore {
  return {
    async addPageViews(counts) {
      const rows = pageViewRows(counts);
      if (rows.length === 0) return;
      await db.query(
        `INSERT INTO page_views (code, day, views)
         SELECT code, day, views FROM unnest($1::text[], $2::text[], $3::bigint[]) AS r(code, day, views) ORDER BY code COLLATE "C", day COLLATE "C"
         ON CONFLICT (code, day) DO UPDATE SET views = page_views.views + EXCLUDED.views`,
        [rows.map((r) => r.code), rows.map((r) => r.day), rows.map((r) => r.views)],
      );
    },
    async pageViewTotals(scope, today) {
      const { from } = recentWindow(today);
      const rows = await db.query<{ month: string; views: string; recent: string; first: string }>(
        `SELECT substr(day, 1, 7) AS month, sum(views) AS views, sum(CASE WHEN day BETWEEN $2 AND $3 THEN views ELSE 0 END) AS recent, min(day) AS first
         FROM page_views WHERE code = $1 GROUP BY month`,
        [checkedScope(scope), from, today],
      );
      return totalsFromMonths(rows);
    },
    async villagePageViews(scope, today) {
      const [low, high] = prefixRange(checkedVillageListScope(scope));
      const { from } = recentWindow(today);
      const rows = await db.query<{ code: string; total: string; recent: string }>(
        `SELECT code, sum(views) AS total, sum(CASE WHEN day BETWEEN $3 AND $4 THEN views ELSE 0 END) AS recent
         FROM page_views WHERE code >= $1 AND code < $2 AND length(code) = 12 GROUP BY code ORDER BY code`,
        [low, high, from, today],
      );
      return new Map<string, VillageViews>(rows.map((r) => [r.code, { total: Number(r.total), recent: Number(r.recent) }]));
    },
  };
}
