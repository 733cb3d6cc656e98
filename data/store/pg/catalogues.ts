import { canonicalJson } from '../../canonical-json.ts';
import { powerCatalogueLeaf } from '../../log/log-leaf.ts';
import { PowerCatalogue } from '../../power/power-catalogue.ts';
import type { CatalogueOutcome, CatalogueStore, StoredCatalogue } from '../catalogue-store.ts';
import type { PgClient } from './client.ts';
import type { PgLog } from './log.ts';

/**
 * Counties' power lists in PostgreSQL (schema 3). A scope's next version is max + 1 and a document
 * version is checked free, both read after the log's head lock is taken: under READ COMMITTED each
 * later statement sees what the writers before committed, so two publishers of one scope cannot
 * read the same max, nor both find a version name unused (SQLite's one writer, in PostgreSQL).
 */
export function createPgCatalogues(db: PgClient, log: PgLog): CatalogueStore {
  return {
    async publishCatalogue(input, at) {
      // an invalid document throws here, before a transaction or a lock
      const document = PowerCatalogue.parse(input);
      return db.transaction(async (tx): Promise<CatalogueOutcome> => {
        await log.lock(tx);
        const taken = await tx.query('SELECT 1 FROM power_catalogues WHERE scope = $1 AND version = $2', [document.scope, document.version]);
        if (taken.length > 0) return { kind: 'version-taken', scope: document.scope, version: document.version };
        const seq = (await tx.query<{ seq: number }>('SELECT coalesce(max(seq), 0) + 1 AS seq FROM power_catalogues WHERE scope = $1', [document.scope]))[0]!.seq;
        const [logIndex] = (await log.append(tx, [powerCatalogueLeaf({ scope: document.scope, seq, at, document })])) as [number];
        await tx.query('INSERT INTO power_catalogues (scope, seq, version, document, published_at, log_index) VALUES ($1, $2, $3, $4, $5, $6)', [
          document.scope,
          seq,
          document.version,
          canonicalJson(document),
          at,
          logIndex,
        ]);
        return { kind: 'published', catalogue: { scope: document.scope, seq, document, publishedAt: at, logIndex } };
      });
    },

    async listCatalogues() {
      const rows = await db.query<{ scope: string; seq: number; document: string; published_at: string; log_index: number }>(
        'SELECT scope, seq, document, published_at, log_index FROM power_catalogues ORDER BY scope, seq',
      );
      return rows.map((r): StoredCatalogue => ({ scope: r.scope, seq: r.seq, document: JSON.parse(r.document) as PowerCatalogue, publishedAt: r.published_at, logIndex: r.log_index }));
    },
  };
}
