import type { Worker } from 'node:worker_threads';
import type { WorkerInit, WorkerReply, WorkerRequest } from './build-worker.ts';
import type { CountyWork } from './full-build-plan.ts';
import type { WithheldFile } from './output-writer.ts';
import { startTsWorker } from './ts-worker.ts';

/**
 * Builds villages in worker threads, handing out batches as workers finish, so a full build
 * uses every core. The work comes county by county from `work` as workers ask for it, so the
 * country's 620,573 villages are never in memory at once; a county's region pages go with the
 * batch that holds its first village, so the thread that reads the county for its villages builds
 * them too, and no other thread reads it for them.
 */
export async function buildInWorkers(
  init: WorkerInit,
  count: number,
  work: AsyncIterable<CountyWork>,
  progress: (pages: number) => void,
): Promise<{ pages: number; files: number; withheld: WithheldFile[] }> {
  const source = work[Symbol.asyncIterator]();
  /** a village to build, or a county's region pages, or both (the county's first village) */
  let pending: Array<{ code: string | null; county: string | null }> = [];
  let exhausted = false;
  // one taker at a time: two workers finishing together must not both read the same pending codes
  let taking: Promise<Batch | null> = Promise.resolve(null);
  const take = () =>
    (taking = taking.then(async () => {
      while (pending.length < BATCH && !exhausted) {
        const next = await source.next();
        if (next.done) exhausted = true;
        else {
          const { county = null, villages } = next.value;
          if (county !== null && villages.length === 0) pending.push({ code: null, county });
          villages.forEach((code, i) => pending.push({ code, county: i === 0 ? county : null }));
        }
      }
      const taken = pending.slice(0, BATCH);
      pending = pending.slice(BATCH);
      if (taken.length === 0) return null;
      return { codes: taken.flatMap((t) => (t.code === null ? [] : [t.code])), counties: taken.flatMap((t) => (t.county === null ? [] : [t.county])) };
    }));
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
          progress(reply.villages + reply.regionPages);
        }
        (primed.length > 0 ? Promise.resolve(primed.shift()!) : take()).then((batch) => {
          const request: WorkerRequest = batch ? { type: 'batch', ...batch } : { type: 'close' };
          worker.postMessage(request);
          if (!batch) resolve();
        }, reject);
      });
      worker.once('error', reject);
      worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`build worker exited with ${code}`))));
    });
  // as many threads as there are first batches: a region of a few villages starts one
  const primed: Batch[] = [];
  for (let i = 0; i < count; i++) {
    const batch = await take();
    if (!batch) break;
    primed.push(batch);
  }
  const pool = Array.from({ length: Math.max(1, primed.length) }, () => startTsWorker(new URL('./build-worker.ts', import.meta.url), { workerData: init }));
  try {
    await Promise.all(pool.map(run));
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return { pages, files, withheld };
}

/** Villages handed to a worker at a time: small enough to balance the load, large enough to keep messages rare. */
const BATCH = 25;

interface Batch {
  codes: string[];
  counties: string[];
}

