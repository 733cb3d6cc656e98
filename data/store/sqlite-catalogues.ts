import type Database from 'better-sqlite3';
import { canonicalJson } from '../canonical-json.ts';
import { powerCatalogueLeaf } from '../log/log-leaf.ts';
import { PowerCatalogue } from '../power/power-catalogue.ts';
import type { CatalogueStore, StoredCatalogue } from './catalogue-store.ts';
import type { LogAppender } from './sqlite-log.ts';

/**
 * Counties' power lists in SQLite (migration 9). The next version of a scope is max + 1, read in
 * the IMMEDIATE transaction that inserts it: SQLite's one writer keeps it gapless (see
 * public-id.ts for what PostgreSQL needs instead).
 */
export function createSqliteCatalogues(db: Database.Database, log: LogAppender): CatalogueStore {
  const sql = {
    next: db.prepare('SELECT coalesce(max(seq), 0) + 1 FROM power_catalogues WHERE scope = ?').pluck(),
    taken: db.prepare('SELECT 1 FROM power_catalogues WHERE scope = ? AND version = ?').pluck(),
    insert: db.prepare('INSERT INTO power_catalogues (scope, seq, version, document, published_at, log_index) VALUES (?, ?, ?, ?, ?, ?)'),
    all: db.prepare('SELECT scope, seq, document, published_at, log_index FROM power_catalogues ORDER BY scope, seq'),
  };
  const publishTx = db.transaction((input: PowerCatalogue, at: string) => {
    const document = PowerCatalogue.parse(input);
    if (sql.taken.get(document.scope, document.version) !== undefined) return { kind: 'version-taken' as const, scope: document.scope, version: document.version };
    const seq = sql.next.get(document.scope) as number;
    const logIndex = log.append(powerCatalogueLeaf({ scope: document.scope, seq, at, document }));
    sql.insert.run(document.scope, seq, document.version, canonicalJson(document), at, logIndex);
    return { kind: 'published' as const, catalogue: { scope: document.scope, seq, document, publishedAt: at, logIndex } };
  });
  return {
    async publishCatalogue(document, at) {
      return publishTx.immediate(document, at);
    },
    async listCatalogues() {
      return (sql.all.all() as Array<{ scope: string; seq: number; document: string; published_at: string; log_index: number }>).map(
        (r): StoredCatalogue => ({ scope: r.scope, seq: r.seq, document: JSON.parse(r.document) as PowerCatalogue, publishedAt: r.published_at, logIndex: r.log_index }),
      );
    },
  };
}
