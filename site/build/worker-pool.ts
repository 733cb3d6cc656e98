import type { Worker } from 'node:worker_threads';
import type { WorkerInit, WorkerReply, WorkerRequest } from './build-worker.ts';
import type { WithheldFile } from './output-writer.ts';
import { startTsWorker } from './ts-worker.ts';

/**
 * Builds villages in worker threads, handing out batches as workers finish, so a full build
 * uses every core.
 */
export async function buildInWorkers(
  init: WorkerInit,
  count: number,
  codes: readonly string[],
  progress: (villages: number) => void,
): Promise<{ pages: number; files: number; withheld: WithheldFile[] }> {
  const batches: string[][] = [];
  for (let i = 0; i < codes.length; i += BATCH) batches.push(codes.slice(i, i + BATCH));
  let next = 0;
  let pages = 0;
  let files = 0;
  const withheld: WithheldFile[] = [];
  const run = (worker: Worker) =>
    new Promise<void>((resolve, reject) => {
      worker.on('message', (reply: WorkerReply) => {
        if (reply.type === 'error') return reject(new Error(`页面生成线程出错 / build worker failed: ${reply.message}`));
        if (reply.type === 'done') {
          pages += reply.pages;
          files += reply.files;
          withheld.push(...reply.withheld);
          progress(reply.villages);
        }
        const batch = batches[next++];
        const request: WorkerRequest = batch ? { type: 'batch', codes: batch } : { type: 'close' };
        worker.postMessage(request);
        if (!batch) resolve();
      });
      worker.once('error', reject);
      worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`build worker exited with ${code}`))));
    });
  const pool = Array.from({ length: Math.max(1, Math.min(count, batches.length)) }, () => startTsWorker(new URL('./build-worker.ts', import.meta.url), { workerData: init }));
  try {
    await Promise.all(pool.map(run));
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return { pages, files, withheld };
}

/** Villages handed to a worker at a time: small enough to balance the load, large enough to keep messages rare. */
const BATCH = 25;

