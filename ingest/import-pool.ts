import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { importPublication } from '../data/import/import-publication.ts';
import type { ImportInput, ImportResult } from '../data/import/import-result.ts';
import { importRegionSummary, type SummaryImportInput, type SummaryImportResult } from '../data/import/summary-import.ts';
import { startTsWorker } from '../site/build/ts-worker.ts';
import type { ImportFile, ImportJob, ImportReply } from './import-worker.ts';

/**
 * Reads uploaded files in worker threads (import-worker.ts), so that while a 20 MB ledger is parsed
 * the event loop keeps answering village pages, /healthz and other officials. At most `workers`
 * files are read at once and at most `queue` wait; past that an upload is told to come back
 * (503 + Retry-After) rather than piling up bodies in memory.
 *
 * Workers start on first use, stop after `idleMs` without work, and never keep the process alive
 * while idle. A worker that dies (a bug, or a file that needs more than `maxHeapMb` of heap) fails
 * only its own upload (500); the next upload gets a new worker.
 */
export interface ImportPool {
  run(input: ImportInput): Promise<ImportRun>;
  /** a region's summary table (issue 15), in the same workers and queue */
  runSummary(input: SummaryImportInput): Promise<SummaryImportRun>;
  stats(): ImportPoolStats;
  /** stops the workers; uploads still waiting are failed */
  close(): Promise<void>;
}

export type ImportRun = { kind: 'done'; result: ImportResult } | { kind: 'busy'; retryAfterSeconds: number };
export type SummaryImportRun = { kind: 'done'; result: SummaryImportResult } | { kind: 'busy'; retryAfterSeconds: number };

export interface ImportPoolStats {
  /** worker threads alive now */
  workers: number;
  /** files handed to a worker and not yet answered */
  active: number;
  /** of those, files the importer is reading now (the worker has said it started) */
  parsing: number;
  /** files waiting for a worker */
  queued: number;
}

export interface ImportPoolOptions {
  /** files read at once: one fewer than the cores by default (the main thread keeps one), at least 1 */
  workers?: number;
  /**
   * files that may wait for a worker: 16, or twice the workers when that is more. Uploads are rare
   * (a village publishes a few times a quarter), so a full queue means a flood, not a busy morning;
   * each waiting file holds its body (≤ the body limit) in memory.
   */
  queue?: number;
  /** what a refused upload is told */
  retryAfterSeconds?: number;
  idleMs?: number;
  /** old-generation heap per worker (2 GB by default); a 20 MB CSV of 99,000 rows needs some 300 MB */
  maxHeapMb?: number;
}

export const DEFAULT_RETRY_AFTER_SECONDS = 5;

export function createImportPool(options: ImportPoolOptions = {}): ImportPool {
  const size = Math.max(1, Math.floor(options.workers ?? availableParallelism() - 1));
  const queueLimit = Math.max(0, Math.floor(options.queue ?? Math.max(16, 2 * size)));
  const retryAfterSeconds = options.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS;
  const idleMs = options.idleMs ?? 60_000;
  const maxHeapMb = options.maxHeapMb ?? 2048;
  const slots = new Set<Slot>();
  const waiting: Pending[] = [];
  let nextId = 1;
  let parsing = 0;
  let closed = false;

  const spawn = (): Slot => {
    const worker = startTsWorker(new URL('./import-worker.ts', import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: maxHeapMb } });
    const slot: Slot = { worker, job: null, timer: null, gone: false };
    const lost = (error: Error) => {
      if (slot.gone) return;
      slot.gone = true;
      slots.delete(slot);
      if (slot.timer) clearTimeout(slot.timer);
      const job = slot.job;
      slot.job = null;
      if (job?.started) parsing -= 1;
      job?.reject(error);
      if (!closed) dispatch();
    };
    worker.on('message', (reply: ImportReply) => {
      const job = slot.job;
      if (reply.type === 'ready' || !job || reply.id !== job.id) return;
      if (reply.type === 'started') {
        job.started = true;
        parsing += 1;
        return;
      }
      if (job.started) parsing -= 1;
      slot.job = null;
      idle(slot);
      if (reply.type === 'done') job.resolve(reply.result);
      else job.reject(new Error(`导入线程出错 / the import worker failed: ${reply.message}`));
      dispatch();
    });
    worker.once('error', (error) => lost(new Error(`导入线程出错 / the import worker failed: ${error.message}`)));
    worker.once('exit', (code) => lost(new Error(`导入线程意外退出 / the import worker exited with code ${code}`)));
    slots.add(slot);
    return slot;
  };

  const idle = (slot: Slot) => {
    slot.worker.unref();
    slot.timer = setTimeout(() => {
      slots.delete(slot);
      slot.gone = true;
      void slot.worker.terminate();
    }, idleMs);
    slot.timer.unref();
  };

  const freeSlot = (): Slot | null => {
    for (const slot of slots) if (!slot.job) return slot;
    return slots.size < size ? spawn() : null;
  };

  const dispatch = () => {
    while (waiting.length > 0) {
      const slot = freeSlot();
      if (!slot) return;
      const job = waiting.shift()!;
      if (slot.timer) clearTimeout(slot.timer);
      slot.timer = null;
      slot.job = job;
      slot.worker.ref();
      slot.worker.postMessage({ id: job.id, file: job.file } satisfies ImportJob);
    }
  };

  /** Queues a file for a worker, or says come back when every worker is busy and the queue is full. */
  const submit = (file: ImportFile): Promise<ImportRun | SummaryImportRun> => {
    if (closed) return Promise.reject(new Error('the import pool is closed'));
    const busy = [...slots].filter((s) => s.job).length >= size;
    if (busy && waiting.length >= queueLimit) return Promise.resolve({ kind: 'busy', retryAfterSeconds });
    return new Promise((resolve, reject) => {
      waiting.push({ id: nextId++, file, resolve: (result) => resolve({ kind: 'done', result } as ImportRun | SummaryImportRun), reject, started: false });
      dispatch();
    });
  };

  return {
    run(input) {
      return submit({ what: 'publication', input: { ...input, bytes: ownBytes(input.bytes) } }) as Promise<ImportRun>;
    },
    runSummary(input) {
      return submit({ what: 'summary', input: { ...input, bytes: ownBytes(input.bytes) } }) as Promise<SummaryImportRun>;
    },
    stats: () => ({ workers: slots.size, active: [...slots].filter((s) => s.job).length, parsing, queued: waiting.length }),
    async close() {
      closed = true;
      for (const job of waiting.splice(0)) job.reject(new Error('the import pool is closed'));
      await Promise.all([...slots].map((s) => s.worker.terminate()));
    },
  };
}

let shared: ImportPool | undefined;

/** The process's pool, made on first use: the one every app shares unless given its own. */
export function sharedImportPool(): ImportPool {
  shared ??= createImportPool();
  return shared;
}

/**
 * The importer on the calling thread, as uploads were read before the pool: for the bench's
 * comparison (scripts/bench/stall-bench.ts), never for a server.
 */
export function inlineImportPool(): ImportPool {
  let parsing = 0;
  return {
    async run(input) {
      parsing += 1;
      try {
        return { kind: 'done', result: await importPublication(input) };
      } finally {
        parsing -= 1;
      }
    },
    async runSummary(input) {
      parsing += 1;
      try {
        return { kind: 'done', result: await importRegionSummary(input) };
      } finally {
        parsing -= 1;
      }
    },
    stats: () => ({ workers: 0, active: parsing, parsing, queued: 0 }),
    close: async () => {},
  };
}

// ——— private helpers ———

interface Pending {
  id: number;
  file: ImportFile;
  /** the importer's result, whichever file it was */
  resolve: (result: ImportResult | SummaryImportResult) => void;
  reject: (error: Error) => void;
  started: boolean;
}

interface Slot {
  worker: Worker;
  job: Pending | null;
  timer: NodeJS.Timeout | null;
  gone: boolean;
}

/** A view of part of a larger buffer would send the whole buffer to the worker. */
function ownBytes(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
}

