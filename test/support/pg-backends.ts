import { randomBytes } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll } from 'vitest';
import type { PgClient } from '../../data/store/pg/client.ts';
import { pgliteClient } from '../../data/store/pg/pglite-client.ts';
import { poolClient } from '../../data/store/pg/pool-client.ts';
import { inCI, testDatabaseUrl } from './environment.ts';

/**
 * The PostgreSQL databases the contract suites run on (issue 14): PGlite in-process, always, and
 * the real server named by PORTAL_TEST_DATABASE_URL when it is set (required under CI=true). Each
 * `open` gives a fresh schema of its own; `connect` another client on the same schema (on the
 * server a second pool: real concurrent connections; on PGlite the same single connection);
 * `cleanup` closes them and drops the schema.
 */
export interface PgTestDatabase {
  client: PgClient;
  connect(): Promise<PgClient>;
  cleanup(): Promise<void>;
}

export interface PgBackend {
  name: 'pglite' | 'postgres';
  open(): Promise<PgTestDatabase>;
}

export function pgBackends(): PgBackend[] {
  const backends: PgBackend[] = [pgliteBackend()];
  if (testDatabaseUrl) backends.push(serverBackend(testDatabaseUrl));
  else if (inCI) backends.push({ name: 'postgres', open: () => Promise.reject(new Error('PORTAL_TEST_DATABASE_URL is not set: under CI=true the PostgreSQL suites must run on a real server (.ci/run sets it)')) });
  return backends;
}

const schemaName = () => `t_${randomBytes(6).toString('hex')}`;

/** One PGlite per test file (it takes about two seconds to start), a schema per store. */
function pgliteBackend(): PgBackend {
  let shared: Promise<PGlite> | undefined;
  afterAll(async () => {
    if (shared) await (await shared).close();
  });
  return {
    name: 'pglite',
    async open() {
      shared ??= pgliteClient().then((c) => c.pglite);
      const db = await shared;
      const schema = schemaName();
      const client = await pgliteClient({ shared: db, schema });
      return {
        client,
        connect: () => pgliteClient({ shared: db, schema }),
        async cleanup() {
          await db.exec(`DROP SCHEMA ${schema} CASCADE; SET search_path TO public;`);
        },
      };
    },
  };
}

function serverBackend(url: string): PgBackend {
  return {
    name: 'postgres',
    async open() {
      const schema = schemaName();
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`CREATE SCHEMA ${schema}`);
      const clients: PgClient[] = [];
      const connect = async () => {
        const client = poolClient(url, { schema, max: 4 });
        clients.push(client);
        return client;
      };
      const client = await connect();
      return {
        client,
        connect,
        async cleanup() {
          for (const c of clients.splice(0)) await c.close();
          await admin.query(`DROP SCHEMA ${schema} CASCADE`);
          await admin.end();
        },
      };
    },
  };
}
