import type { PortalStore } from './portal-store.ts';
import { openSqliteStore } from './sqlite-store.ts';

/**
 * How to reach a store, as plain data: what a worker thread is handed so that it can open its
 * own connection. PostgreSQL adds its own kind here.
 */
export type StoreLocator = { kind: 'sqlite'; file: string };

export async function openStore(locator: StoreLocator): Promise<PortalStore> {
  switch (locator.kind) {
    case 'sqlite':
      return openSqliteStore(locator.file);
    default: {
      const unknown: never = locator.kind;
      throw new Error(`unknown store kind ${String(unknown)}`);
    }
  }
}
