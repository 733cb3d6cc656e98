import type { Worker } from 'node:worker_threads';
import { startTsWorker } from '../site/build/ts-worker.ts';
import type { TwinTable } from '../site/lib/twin-tables.ts';
import type { XlsxJob, XlsxReply } from './xlsx-worker.ts';

/**
 * XLSX twins written off the main thread, one at a time in one worker (xlsx-worker.ts), started on
 * first use and stopped after `idleMs` without work; it never keeps the process alive. A worker
 * that fails or exits fails the twins it was writing, and the next one starts a new worker.
 */
export interface XlsxThread {
  make(sheetName: string, table: TwinTable): Promise<{ bytes: Uint8Array<ArrayBuffer>; threadId: number }>;
  close(): Promise<void>;
}

export function xlsxThread(options: { idleMs?: number } = {}): XlsxThread {
  const idleMs = options.idleMs ?? 60_000;
  const pending = new Map<number, { resolve: (r: { bytes: Uint8Array<ArrayBuffer>; threadId: number }) => void; reject: (e: Error) => void }>();
  let worker: Worker | null = null;
  let timer: NodeJS.Timeout | null = null;
  let nextId = 1;

  const failAll = (error: Error) => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  const start = (): Worker => {
    const w = startTsWorker(new URL('./xlsx-worker.ts', import.meta.url));
    w.on('message', (reply: XlsxReply) => {
      const p = pending.get(reply.id);
      if (!p) return;
      pending.delete(reply.id);
      if (reply.type === 'done') p.resolve({ bytes: reply.bytes, threadId: reply.threadId });
      else p.reject(new Error(`XLSX 线程出错 / the XLSX worker failed: ${reply.message}`));
      if (pending.size === 0) rest(w);
    });
    const lost = (error: Error) => {
      if (worker === w) worker = null;
      failAll(error);
    };
    w.once('error', (error) => lost(new Error(`XLSX 线程出错 / the XLSX worker failed: ${error.message}`)));
    w.once('exit', (code) => lost(new Error(`XLSX 线程意外退出 / the XLSX worker exited with code ${code}`)));
    return w;
  };
  const rest = (w: Worker) => {
    w.unref();
    timer = setTimeout(() => {
      if (worker === w && pending.size === 0) {
        worker = null;
        void w.terminate();
      }
    }, idleMs);
    timer.unref();
  };

  return {
    make(sheetName, table) {
      if (timer) clearTimeout(timer);
      worker ??= start();
      worker.ref();
      const id = nextId++;
      const done = new Promise<{ bytes: Uint8Array<ArrayBuffer>; threadId: number }>((resolve, reject) => pending.set(id, { resolve, reject }));
      worker.postMessage({ id, sheetName, table } satisfies XlsxJob);
      return done;
    },
    async close() {
      if (timer) clearTimeout(timer);
      const w = worker;
      worker = null;
      failAll(new Error('XLSX 线程已关闭 / the XLSX worker was closed'));
      if (w) await w.terminate();
    },
  };
}
