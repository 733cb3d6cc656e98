import type { Worker } from 'node:worker_threads';
import type { LiveReply, LiveRequest, LiveThreadInit } from './live-build-worker.ts';
import type { SiteBuilder } from './site-builder.ts';
import { startTsWorker } from './ts-worker.ts';

/**
 * The running portal's rebuilds, in a page thread (live-build-worker.ts), so that rendering a
 * 99,000-row ledger's pages (seconds of work) never holds the event loop that answers villagers,
 * officials and /healthz. Requests are built one after the other in the order they were made, so
 * a later rebuild of a page is never overwritten by an earlier one. A thread that dies fails the
 * rebuilds it held (the version is stored; its page is rebuilt by the next change or start-up)
 * and the next request starts a new one.
 */
export type LiveRebuilds = Pick<SiteBuilder, 'rebuildForPublication' | 'rebuildPublicationPages' | 'rebuildVillages' | 'rebuildRounds' | 'rebuildPowerLists' | 'rebuildSummaries'>;

export interface LiveBuildThread extends LiveRebuilds {
  close(): Promise<void>;
}

export type { LiveThreadInit } from './live-build-worker.ts';

export function startLiveBuildThread(init: LiveThreadInit): LiveBuildThread {
  let worker: Worker | null = null;
  let seq = 0;
  const pending = new Map<number, { resolve: (result: Result) => void; reject: (error: Error) => void }>();

  const failAll = (error: Error) => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };

  const thread = (): Worker => {
    if (worker) return worker;
    const started = startTsWorker(new URL('./live-build-worker.ts', import.meta.url), { workerData: init });
    started.on('message', (reply: LiveReply) => {
      const waiting = pending.get(reply.seq);
      if (!waiting) return;
      pending.delete(reply.seq);
      if (reply.type === 'done') waiting.resolve(reply.result);
      else waiting.reject(new Error(`页面线程出错 / page thread failed: ${reply.message}`));
    });
    started.once('error', (error) => {
      if (worker === started) worker = null;
      failAll(new Error(`页面线程出错 / page thread failed: ${error.message}`));
    });
    started.once('exit', (code) => {
      if (worker === started) worker = null;
      failAll(new Error(`页面线程已退出 / page thread exited (${code})`));
    });
    worker = started;
    return started;
  };

  const ask = (request: DistributiveOmit<Exclude<LiveRequest, { type: 'close' }>, 'seq'>): Promise<Result> =>
    new Promise((resolve, reject) => {
      const id = ++seq;
      pending.set(id, { resolve, reject });
      thread().postMessage({ ...request, seq: id } as LiveRequest);
    });

  return {
    rebuildForPublication: (p) => ask({ type: 'publication', id: p.id }),
    rebuildPublicationPages: (p) => ask({ type: 'publication-pages', id: p.id }),
    rebuildVillages: async (codes) => {
      const result = await ask({ type: 'villages', codes: [...codes] });
      return { ...result, villages: result.villages ?? 0 };
    },
    rebuildRounds: (ids) => ask({ type: 'rounds', ids: [...ids] }),
    rebuildPowerLists: () => ask({ type: 'power' }),
    rebuildSummaries: (scopes) => ask({ type: 'summaries', scopes: [...scopes] }),
    async close() {
      const current = worker;
      if (!current) return;
      worker = null;
      // the rebuilds already asked for are finished, then the thread closes its store and ends
      const exited = new Promise<void>((resolve) => current.once('exit', () => resolve()));
      current.postMessage({ type: 'close' } satisfies LiveRequest);
      await exited;
    },
  };
}

// ——— private helpers ———

type Result = Extract<LiveReply, { type: 'done' }>['result'];
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
