import { canonicalJson } from '../../canonical-json.ts';
import { regionSummaryLeaf } from '../../log/log-leaf.ts';
import { RegionSummary, summarySeries } from '../../summary/region-summary.ts';
import { storedSummary, type SummaryRow } from '../summary-rows.ts';
import { prefixRange } from '../prefix-range.ts';
import type { StoredSummary, SummaryStore } from '../summary-store.ts';
import { summaryCounts, summaryCountsSql, type SummaryCountStore } from '../summary-count-store.ts';
import type { PgClient } from './client.ts';
import type { PgLog } from './log.ts';
import type { RecordStale } from './outbox.ts';

/**
 * Region summary tables in PostgreSQL (schema 21). A scope's next seq and a series' newest version
 * are read after the log's head lock is taken: under READ COMMITTED each later statement sees what
 * the writers before committed, so two publishers cannot take one seq or supersede one version
 * twice (SQLite's one writer, in PostgreSQL; as pg/catalogues.ts).
 */
export function createPgSummaries(db: PgClient, log: PgLog, stale: RecordStale): SummaryStore & SummaryCountStore {
  return {
    async publishSummary(input, at) {
      // an invalid document throws here, before a transaction or a lock
      const document = RegionSummary.parse(input);
      const series = summarySeries(document);
      return db.transaction(async (tx): Promise<StoredSummary> => {
        await log.lock(tx);
        const seq = (await tx.query<{ seq: number }>('SELECT coalesce(max(seq), 0) + 1 AS seq FROM region_summaries WHERE scope = $1', [document.scope]))[0]!.seq;
        const [newest] = await tx.query<{ seq: number; version: number }>('SELECT seq, version FROM region_summaries WHERE scope = $1 AND series = $2 ORDER BY version DESC LIMIT 1', [document.scope, series]);
        const version = (newest?.version ?? 0) + 1;
        const supersedes = newest?.seq ?? null;
        const [logIndex] = (await log.append(tx, [regionSummaryLeaf({ scope: document.scope, seq, version, supersedes, at, document })])) as [number];
        await tx.query('INSERT INTO region_summaries (scope, seq, series, version, supersedes, document, published_at, log_index) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
          document.scope,
          seq,
          series,
          version,
          supersedes,
          canonicalJson(document),
          at,
          logIndex,
        ]);
        // its pages are stale from the same commit, so a crash right after it cannot leave them unbuilt
        await stale(tx, [{ target: 'region-summaries', key: document.scope }]);
        return { scope: document.scope, seq, series, version, supersedes, document, publishedAt: at, logIndex };
      });
    },

    async listSummaries(scope) {
      const rows = await db.query<SummaryRow>('SELECT scope, seq, series, version, supersedes, document, published_at, log_index FROM region_summaries WHERE scope = $1 ORDER BY seq', [scope]);
      return rows.map(storedSummary);
    },

    async listSummariesUnder(prefix) {
      const rows = await db.query<SummaryRow>(
        'SELECT scope, seq, series, version, supersedes, document, published_at, log_index FROM region_summaries WHERE scope >= $1 AND scope < $2 ORDER BY scope, seq',
        prefixRange(prefix),
      );
      return rows.map(storedSummary);
    },

    async summaryCountsUnder(prefix) {
      return summaryCounts(await db.query<{ county: string; tables: string; last: string }>(summaryCountsSql('$1', '$2'), prefixRange(prefix)));
    },
  };
}
