import { scopePrefix } from '../data/accounts/role.ts';
import { detectFormat } from '../data/import/detect-format.ts';
import type { ColumnReading } from '../data/import/column-report.ts';
import type { ImportIssue } from '../data/import/import-result.ts';
import type { Division } from '../data/region.ts';
import type { StoredSummary } from '../data/store/summary-store.ts';
import type { RegionSummary } from '../data/summary/region-summary.ts';
import type { AppDeps } from './app.ts';
import type { Failure } from './http-errors.ts';
import { sharedImportPool } from './import-pool.ts';

/** A summary table of a few thousand rows is a few hundred kilobytes even as XLSX: the API's and the console's limit. */
export const SUMMARY_BODY_LIMIT = 2 * 1024 * 1024;

export type PublishSummaryDeps = Pick<AppDeps, 'store' | 'config' | 'clock' | 'afterSummary' | 'importPool'>;

export type SummaryOutcome =
  | { kind: 'preview'; summary: RegionSummary; warnings: ImportIssue[]; columns: ColumnReading[] }
  | { kind: 'published'; summary: StoredSummary; warnings: ImportIssue[]; columns: ColumnReading[] }
  | { kind: 'failure'; failure: Failure };

/**
 * A region's summary table from an upload to the store (issue 15): the one path the API
 * (routes/region-summaries.ts) and the console take, so a file previews and publishes alike in
 * both. The caller has checked who may publish for `region`; this reads the file, and stores it
 * unless it is a dry run.
 */
export async function publishSummary(
  deps: PublishSummaryDeps,
  input: { region: Division; bytes: Uint8Array; contentType: string | undefined; filename: string | undefined; period: string | undefined; dryRun: boolean },
): Promise<SummaryOutcome> {
  const detected = detectFormat(input.bytes, input.contentType, input.filename);
  if (detected.kind !== 'ok') return { kind: 'failure', failure: { kind: 'unsupported-media-type', message: detected.message, messageEn: detected.messageEn } };
  if (detected.format === 'json') {
    return { kind: 'failure', failure: { kind: 'unsupported-media-type', message: '汇总表请上传 CSV 或 Excel（XLSX）文件。', messageEn: 'Upload a summary table as CSV or Excel (XLSX).' } };
  }
  // in the import pool's worker threads, as a village's file is: parsing never holds the event loop
  const run = await (deps.importPool ?? sharedImportPool()).runSummary({
    bytes: input.bytes,
    format: detected.format,
    scope: input.region.code,
    divisions: await deps.store.listDivisions(input.region.code),
    period: input.period,
    filename: input.filename,
    idMask: deps.config.idMask,
    publicNumbers: deps.config.publicPhones,
    amountToleranceFen: deps.config.amountToleranceFen,
  });
  if (run.kind === 'busy') return { kind: 'failure', failure: { kind: 'imports-busy', retryAfterSeconds: run.retryAfterSeconds } };
  const imported = run.result;
  if (!imported.ok) return { kind: 'failure', failure: { kind: 'invalid-file', errors: imported.errors, warnings: imported.warnings, columns: imported.columns } };
  if (input.dryRun) return { kind: 'preview', summary: imported.summary, warnings: imported.warnings, columns: imported.columns };
  const stored = await deps.store.publishSummary(imported.summary, deps.clock().toISOString());
  try {
    deps.afterSummary?.(stored.scope);
  } catch (error) {
    console.error('[ingest] afterSummary failed:', error);
  }
  return { kind: 'published', summary: stored, warnings: imported.warnings, columns: imported.columns };
}

/** The township, county or city a code names (a city also as 430800), if the store has it. */
export async function summaryRegion(store: PublishSummaryDeps['store'], code: string): Promise<Division | null> {
  const division = await store.getDivision(scopePrefix(code));
  return division && division.level !== 'village' && division.level !== 'province' ? division : null;
}
