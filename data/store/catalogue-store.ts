import type { PowerCatalogue } from '../power/power-catalogue.ts';

/**
 * Counties' and cities' own 小微权力清单 (issue 11, point 1): their own small interface, with its
 * contract suite (catalogue-contract.ts) run against every backend. The national default is code
 * (data/power/default-catalogue.ts), never stored.
 *
 * Invariants under concurrent writers: versions of one scope are numbered 1, 2 … with no gap; a
 * document's own `version` names one version of its scope only; a version and its
 * `power-catalogue` leaf commit together; nothing is updated or deleted.
 */
export interface StoredCatalogue {
  scope: string;
  seq: number;
  document: PowerCatalogue;
  publishedAt: string;
  logIndex: number;
}

export type CatalogueOutcome = { kind: 'published'; catalogue: StoredCatalogue } | { kind: 'version-taken'; scope: string; version: string };

export interface CatalogueStore {
  /** Appends a version of its scope's list, with its leaf; a document `version` already used there is refused as a value. */
  publishCatalogue(document: PowerCatalogue, at: string): Promise<CatalogueOutcome>;
  /** Every version of every scope: by scope (as text), oldest first within a scope. */
  listCatalogues(): Promise<StoredCatalogue[]>;
}
