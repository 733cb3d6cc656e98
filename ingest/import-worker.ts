import { parentPort } from 'node:worker_threads';
import { importPublication } from '../data/import/import-publication.ts';
import type { ImportInput, ImportResult } from '../data/import/import-result.ts';
import { importRegionSummary, type SummaryImportInput, type SummaryImportResult } from '../data/import/summary-import.ts';

/**
 * A worker thread of the import pool (import-pool.ts): reads one uploaded file at a time with the
 * same pure importer the main thread used to run, so parsing a 20 MB ledger never holds up the
 * event loop that answers every other request.
 */
export type ImportJob = { id: number; file: ImportFile };
/** A village's file for its publication, or a region's summary table (issue 15). */
export type ImportFile = { what: 'publication'; input: ImportInput } | { what: 'summary'; input: SummaryImportInput };
export type ImportReply =
  | { type: 'ready' }
  /** sent just before the importer runs, so the pool can tell booting from parsing */
  | { type: 'started'; id: number }
  | { type: 'done'; id: number; result: ImportResult | SummaryImportResult }
  | { type: 'error'; id: number; message: string };

if (parentPort) {
  const port = parentPort;
  port.on('message', async (job: ImportJob) => {
    port.postMessage({ type: 'started', id: job.id } satisfies ImportReply);
    try {
      const result = job.file.what === 'publication' ? await importPublication(job.file.input) : await importRegionSummary(job.file.input);
      port.postMessage({ type: 'done', id: job.id, result } satisfies ImportReply);
    } catch (error) {
      port.postMessage({ type: 'error', id: job.id, message: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies ImportReply);
    }
  });
  port.postMessage({ type: 'ready' } satisfies ImportReply);
}
