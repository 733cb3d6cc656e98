/**
 * A number that grows each time the divisions are replaced (Store.replaceDivisions), written in
 * the same transaction, so every process's caches of the divisions (ingest/region-cache.ts) can
 * ask cheaply whether theirs is still the store's — issue 14: a portal of several processes, one of
 * which reloads the divisions (a year's new codes, a region widened), must not keep serving the
 * old ones until it restarts. It only grows; its value means nothing beyond "changed or not".
 */
export interface DivisionsVersion {
  divisionsVersion(): Promise<number>;
}
