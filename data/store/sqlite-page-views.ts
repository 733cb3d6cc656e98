import type Database from 'better-sqlite3';
import { checkedScope, checkedVillageListScope, pageViewRows, recentWindow, totalsFromMonths, type PageViewRow, type PageViewStore, type VillageViews } from './page-views.ts';
import { prefixBounds } from './prefix-range.ts';

/**
 * Page views in SQLite (migration 17; page-views.ts). A batch is one IMMEDIATE transaction of
 * upserts that add to what is stored, so a second process's batch waits for it (busy_timeout) and
 * then adds on top: nothing is read and written back.
 */
export function createSqlitePageViews(db: Database.Database): PageViewStore {
  const add = db.prepare('INSERT INTO page_views (code, day, views) VALUES (@code, @day, @views) ON CONFLICT (code, day) DO UPDATE SET views = views + excluded.views');
  const addAll = db.transaction((rows: readonly PageViewRow[]) => {
    for (const row of rows) add.run(row);
  });
  const months = db.prepare(
    `SELECT substr(day, 1, 7) AS month, sum(views) AS views, sum(CASE WHEN day BETWEEN @from AND @today THEN views ELSE 0 END) AS recent, min(day) AS first
     FROM page_views WHERE code = @code GROUP BY month`,
  );
  const villages = db.prepare(
    `SELECT code, sum(views) AS total, sum(CASE WHEN day BETWEEN @from AND @today THEN views ELSE 0 END) AS recent
     FROM page_views WHERE code >= @low AND code < @high AND length(code) = 12 GROUP BY code ORDER BY code`,
  );
  return {
    async addPageViews(counts) {
      const rows = pageViewRows(counts);
      if (rows.length > 0) addAll.immediate(rows);
    },
    async pageViewTotals(scope, today) {
      const code = checkedScope(scope);
      return totalsFromMonths(months.all({ code, ...recentWindow(today) }) as { month: string; views: number; recent: number; first: string }[]);
    },
    async villagePageViews(scope, today) {
      const bounds = prefixBounds(checkedVillageListScope(scope));
      const rows = villages.all({ ...bounds, ...recentWindow(today) }) as { code: string; total: number; recent: number }[];
      return new Map<string, VillageViews>(rows.map((r) => [r.code, { total: r.total, recent: r.recent }]));
    },
  };
}
