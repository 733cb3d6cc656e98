import type { RegionSummary } from '../summary/region-summary.ts';
import type { StoredSummary } from './summary-store.ts';

/** A row of region_summaries as both backends read it. */
export interface SummaryRow {
  scope: string;
  seq: number;
  series: string;
  version: number;
  supersedes: number | null;
  document: string;
  published_at: string;
  log_index: number;
}

/** A stored row as the store hands it out (both backends). */
export function storedSummary(r: SummaryRow): StoredSummary {
  return { scope: r.scope, seq: r.seq, series: r.series, version: r.version, supersedes: r.supersedes, document: JSON.parse(r.document) as RegionSummary, publishedAt: r.published_at, logIndex: Number(r.log_index) };
}
