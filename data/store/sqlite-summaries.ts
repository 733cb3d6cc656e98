import type Database from 'better-sqlite3';
import { canonicalJson } from '../canonical-json.ts';
import { regionSummaryLeaf } from '../log/log-leaf.ts';
import { RegionSummary, summarySeries } from '../summary/region-summary.ts';
import type { StoredSummary, SummaryStore } from './summary-store.ts';
import { summaryCounts, summaryCountsSql, type SummaryCountStore } from './summary-count-store.ts';
import type { LogAppender } from './sqlite-log.ts';
import type { StalePage } from './page-outbox.ts';
import { storedSummary, type SummaryRow } from './summary-rows.ts';
import { prefixBounds } from './prefix-range.ts';

/**
 * Region summary tables in SQLite (migration 26). A scope's next seq and a series' newest version
 * are read in the IMMEDIATE transaction that inserts the next: SQLite's one writer keeps both
 * gapless (pg/summaries.ts does it under the log's head lock).
 */
export function createSqliteSummaries(db: Database.Database, log: LogAppender, stale: (pages: readonly StalePage[]) => void): SummaryStore & SummaryCountStore {
  const sql = {
    next: db.prepare('SELECT coalesce(max(seq), 0) + 1 FROM region_summaries WHERE scope = ?').pluck(),
    newest: db.prepare('SELECT seq, version FROM region_summaries WHERE scope = ? AND series = ? ORDER BY version DESC LIMIT 1'),
    insert: db.prepare('INSERT INTO region_summaries (scope, seq, series, version, supersedes, document, published_at, log_index) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    list: db.prepare('SELECT scope, seq, series, version, supersedes, document, published_at, log_index FROM region_summaries WHERE scope = ? ORDER BY seq'),
    under: db.prepare('SELECT scope, seq, series, version, supersedes, document, published_at, log_index FROM region_summaries WHERE scope >= @low AND scope < @high ORDER BY scope, seq'),
    counts: db.prepare(summaryCountsSql('@low', '@high')),
  };
  const publishTx = db.transaction((input: RegionSummary, at: string): StoredSummary => {
    const document = RegionSummary.parse(input);
    const series = summarySeries(document);
    const seq = sql.next.get(document.scope) as number;
    const newest = sql.newest.get(document.scope, series) as { seq: number; version: number } | undefined;
    const version = (newest?.version ?? 0) + 1;
    const supersedes = newest?.seq ?? null;
    const logIndex = log.append(regionSummaryLeaf({ scope: document.scope, seq, version, supersedes, at, document }));
    sql.insert.run(document.scope, seq, series, version, supersedes, canonicalJson(document), at, logIndex);
    // its pages are stale from the same commit, so a crash right after it cannot leave them unbuilt
    stale([{ target: 'region-summaries', key: document.scope }]);
    return { scope: document.scope, seq, series, version, supersedes, document, publishedAt: at, logIndex };
  });
  return {
    async publishSummary(document, at) {
      return publishTx.immediate(document, at);
    },
    async listSummaries(scope) {
      return (sql.list.all(scope) as SummaryRow[]).map(storedSummary);
    },
    async listSummariesUnder(prefix) {
      return (sql.under.all(prefixBounds(prefix)) as SummaryRow[]).map(storedSummary);
    },
    async summaryCountsUnder(prefix) {
      return summaryCounts(sql.counts.all(prefixBounds(prefix)) as Array<{ county: string; tables: number; last: string }>);
    },
  };
}
