import { parentPort, threadId } from 'node:worker_threads';
import type { TwinTable } from '../site/lib/twin-tables.ts';
import { tableXlsx } from '../site/lib/xlsx-export.ts';

/**
 * The thread that writes XLSX twins (xlsx-thread.ts): a 20,000-row ledger takes exceljs well over a
 * second of CPU, which on the main thread held up every other request for as long.
 */
export type XlsxJob = { id: number; sheetName: string; table: TwinTable };
export type XlsxReply = { type: 'done'; id: number; bytes: Uint8Array<ArrayBuffer>; threadId: number } | { type: 'error'; id: number; message: string };

if (parentPort) {
  const port = parentPort;
  port.on('message', async (job: XlsxJob) => {
    try {
      const bytes = await tableXlsx(job.sheetName, job.table);
      port.postMessage({ type: 'done', id: job.id, bytes, threadId } satisfies XlsxReply, [bytes.buffer]);
    } catch (error) {
      port.postMessage({ type: 'error', id: job.id, message: error instanceof Error ? error.message : String(error) } satisfies XlsxReply);
    }
  });
}
