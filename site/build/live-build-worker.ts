import { parentPort, workerData } from 'node:worker_threads';
import type { Config } from '../../data/config.ts';
import { openStore, type StoreLocator } from '../../data/store/open-store.ts';
import { createSiteBuilder } from './site-builder.ts';

/**
 * The page thread of a running portal (live-build-thread.ts starts it): its own store connection
 * and its own site builder, rebuilding into the live site what it is asked to, one request after
 * the other in the order they came. It only reads the store; the privacy findings it writes to
 * the data folder's list itself, as any builder does.
 */
export interface LiveThreadInit {
  store: StoreLocator;
  config: Config;
  outDir: string;
  serverEntry: string;
}

export type LiveRequest =
  | { type: 'publication' | 'publication-pages'; seq: number; id: string }
  | { type: 'villages'; seq: number; codes: string[] }
  | { type: 'rounds'; seq: number; ids: string[] }
  | { type: 'power'; seq: number }
  | { type: 'summaries'; seq: number; scopes: string[] }
  | { type: 'close' };

export type LiveReply =
  | { type: 'done'; seq: number; result: { files: number; ms: number; withheld: string[]; villages?: number } }
  | { type: 'error'; seq: number; message: string };

if (parentPort) {
  const port = parentPort;
  const init = workerData as LiveThreadInit;
  const store = await openStore(init.store);
  const builder = await createSiteBuilder({ store, config: init.config, outDir: init.outDir, serverEntry: init.serverEntry });

  const run = async (request: Exclude<LiveRequest, { type: 'close' }>) => {
    switch (request.type) {
      case 'publication':
      case 'publication-pages': {
        const publication = await store.getPublication(request.id);
        if (!publication) throw new Error(`publication ${request.id} is not stored`);
        return request.type === 'publication' ? builder.rebuildForPublication(publication) : builder.rebuildPublicationPages(publication);
      }
      case 'villages':
        return builder.rebuildVillages(request.codes);
      case 'rounds':
        return builder.rebuildRounds(request.ids);
      case 'power':
        return builder.rebuildPowerLists();
      case 'summaries':
        return builder.rebuildSummaries(request.scopes);
    }
  };

  let queue: Promise<void> = Promise.resolve();
  port.on('message', (request: LiveRequest) => {
    if (request.type === 'close') {
      queue = queue.then(async () => {
        await store.close();
        port.close();
      });
      return;
    }
    queue = queue.then(async () => {
      try {
        port.postMessage({ type: 'done', seq: request.seq, result: await run(request) } satisfies LiveReply);
      } catch (error) {
        port.postMessage({ type: 'error', seq: request.seq, message: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies LiveReply);
      }
    });
  });
}
