import type { StoreDurability } from './durability.ts';
import { openPgStore } from './pg/pg-store.ts';
import { poolClient } from './pg/pool-client.ts';
import type { PortalStore } from './portal-store.ts';
import { openSqliteStore } from './sqlite-store.ts';

/**
 * How to reach a store, as plain data: what a worker thread is handed so that it can open its
 * own connection — the embedded SQLite file, or a PostgreSQL database (PORTAL_DATABASE_URL).
 */
export type StoreLocator = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; poolSize?: number };

export async function openStore(locator: StoreLocator): Promise<PortalStore & StoreDurability> {
  switch (locator.kind) {
    case 'sqlite':
      return openSqliteStore(locator.file);
    case 'postgres':
      return openPgStore(poolClient(locator.url, { max: locator.poolSize }));
    default: {
      const unknown: never = locator;
      throw new Error(`unknown store kind ${JSON.stringify(unknown)}`);
    }
  }
}
