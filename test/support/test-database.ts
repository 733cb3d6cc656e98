import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { pgliteClient } from '../../data/store/pg/pglite-client.ts';
import { openPgStore } from '../../data/store/pg/pg-store.ts';
import type { RuntimeStore } from '../../scripts/lib/runtime.ts';
import { testDatabaseUrl } from './environment.ts';

/**
 * A database for a whole-portal test (issue 14). `sqlite`: nothing to do (the data folder's file).
 * `pglite`: a store on PostgreSQL in-process, handed to the portal directly. `postgres`: a fresh
 * schema on PORTAL_TEST_DATABASE_URL's server and a URL that selects it, which the portal opens
 * as it opens PORTAL_DATABASE_URL; `drop` removes the schema.
 */
export async function openTestDatabase(kind: 'sqlite' | 'pglite' | 'postgres'): Promise<{ store?: RuntimeStore; url?: string; drop: () => Promise<void> }> {
  switch (kind) {
    case 'sqlite':
      return { drop: async () => {} };
    case 'pglite':
      return { store: await openPgStore(await pgliteClient()), drop: async () => {} };
    case 'postgres': {
      if (!testDatabaseUrl) throw new Error('PORTAL_TEST_DATABASE_URL is not set: the whole-portal PostgreSQL tests need a server (.ci/run sets it)');
      const schema = `e2e_${randomBytes(6).toString('hex')}`;
      const admin = async (sql: string) => {
        const client = new pg.Client({ connectionString: testDatabaseUrl ?? undefined });
        await client.connect();
        try {
          await client.query(sql);
        } finally {
          await client.end();
        }
      };
      await admin(`CREATE SCHEMA ${schema}`);
      const url = new URL(testDatabaseUrl);
      url.searchParams.set('options', `-c search_path=${schema}`);
      return { url: url.toString(), drop: () => admin(`DROP SCHEMA ${schema} CASCADE`) };
    }
  }
}
