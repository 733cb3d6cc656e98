import { loadVillageIndex, searchVillageIndex, type LoadedVillageIndex, type VillageHit, type VillageIndexFile } from './village-search-query.ts';

/**
 * The village search in a Web Worker, bundled with lunr and the tokenizer into one hashed file
 * under /_astro/ (VillageSearch.astro imports its URL). The page starts it the first time the
 * search box gets focus, so the first view carries none of it, and loading the index does not
 * freeze a cheap phone's page while it happens.
 *
 * Messages in: `{ index: url }` once, then `{ id, q }`. Out: `{ id, q, hits }`, or
 * `{ id, q, failed: true }` when the index cannot be had (the page then sends the plain form).
 */
export type WorkerRequest = { index: string } | { id: number; q: string };
export type WorkerReply = { id: number; q: string; hits: VillageHit[] } | { id: number; q: string; failed: true };

const scope = self as unknown as { onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null; postMessage(reply: WorkerReply): void };
let loaded: Promise<LoadedVillageIndex | null> = Promise.resolve(null);

scope.onmessage = (event) => {
  const message = event.data;
  if ('index' in message) {
    loaded = fetch(message.index)
      .then((r) => (r.ok ? (r.json() as Promise<VillageIndexFile>) : null))
      .then((file) => (file ? loadVillageIndex(file) : null))
      .catch(() => null);
    return;
  }
  void loaded.then((index) => {
    if (!index) scope.postMessage({ id: message.id, q: message.q, failed: true });
    else scope.postMessage({ id: message.id, q: message.q, hits: searchVillageIndex(index.idx, index.docs, message.q) });
  });
};
