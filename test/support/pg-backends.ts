import { randomBytes } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import type { PgClient } from '../../data/store/pg/client.ts';
import { migratePg } from '../../data/store/pg/migrations.ts';
import { pgliteClient } from '../../data/store/pg/pglite-client.ts';
import { poolClient } from '../../data/store/pg/pool-client.ts';
import { inCI, testDatabaseUrl } from './environment.ts';

/**
 * The PostgreSQL databases the contract suites run on (issue 14): PGlite in-process, always, and
 * the real server named by PORTAL_TEST_DATABASE_URL when it is set (required under CI=true). Each
 * `open` gives a schema of its own with the whole schema migrated and no rows; `connect` another
 * client on the same schema (on the server a second pool: real concurrent connections; on PGlite
 * the same single connection); `cleanup` closes them.
 *
 * Making and migrating a schema costs about 130 ms, more than most tests; so a file migrates one
 * schema per backend once, and each later `open` empties it again (every table's rows deleted and
 * its identity sequences restarted, then the rows the migrations themselves put there, such as the
 * log's head, put back). The schemas are dropped when the file ends.
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

/** The run's prefix (test/pg-schemas.global.ts drops what begins with it when the run ends), then a name of its own. */
const schemaName = () => `${inject('pgSchemaPrefix') ?? 't_'}${randomBytes(6).toString('hex')}`;

/** A migrated schema, emptied for each test: what `open` hands out. */
interface Warm {
  schema: string;
  /** the migrations' own rows, table by table, to put back after emptying */
  seeds: Array<{ table: string; rows: Array<Record<string, unknown>> }>;
  tables: string[];
  /** the sequences the tables' identity and serial columns own, which a fresh schema starts again */
  sequences: string[];
  /** whether this role may turn triggers and foreign keys off for the emptying (a superuser, as in CI and PGlite) */
  replica: boolean;
  busy: boolean;
}

/** Migrates `client`'s schema and notes what an emptied copy must hold. */
async function warmUp(client: PgClient, schema: string): Promise<Warm> {
  await migratePg(client);
  const tables = (await client.query<{ tablename: string }>('SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename')).map((r) => r.tablename).filter((t) => t !== 'schema_migrations');
  const seeds = [];
  for (const table of tables) {
    const rows = await client.query<Record<string, unknown>>(`SELECT * FROM ${table}`);
    if (rows.length > 0) seeds.push({ table, rows });
  }
  const sequences = (
    await client.query<{ name: string }>(
      `SELECT s.relname AS name FROM pg_class s JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
       WHERE s.relkind = 'S' AND s.relnamespace = current_schema()::regnamespace ORDER BY s.relname`,
    )
  ).map((r) => r.name);
  const replica = await client
    .transaction(async (tx) => void (await tx.query('SET LOCAL session_replication_role = replica')))
    .then(() => true)
    .catch(() => false);
  return { schema, seeds, tables, sequences, replica, busy: true };
}

/**
 * Deletes every row rather than TRUNCATE, where the role may: TRUNCATE makes new files for each of
 * the fifty tables and their indexes and scans the server's buffers for each, about 110 ms a test
 * on the server against 4 ms for deleting from tables a test filled with a few rows (measured
 * 2026-12-07). With triggers and foreign keys off (replica), the order of the tables is free and
 * no trigger counts the deletions.
 */
async function empty(client: PgClient, warm: Warm): Promise<void> {
  await client.transaction(async (tx) => {
    if (warm.replica) {
      await tx.query('SET LOCAL session_replication_role = replica');
      await tx.exec([...warm.tables.map((t) => `DELETE FROM ${t};`), ...warm.sequences.map((s) => `ALTER SEQUENCE ${s} RESTART;`)].join('\n'));
    } else {
      await tx.query(`TRUNCATE ${warm.tables.join(', ')} RESTART IDENTITY CASCADE`);
    }
    for (const { table, rows } of warm.seeds) {
      for (const row of rows) {
        const columns = Object.keys(row);
        await tx.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`, Object.values(row));
      }
    }
  });
}

/**
 * One PGlite per test file (it takes about two seconds to start), one migrated schema reused. A
 * PGlite is one connection with one search path, so a store opened while another is still open
 * (a test with two portals) gets a PGlite of its own, not a second schema on the first one.
 */
export function pgliteBackend(): PgBackend {
  const instances: Array<{ db: PGlite; warm: Warm }> = [];
  afterAll(async () => {
    for (const { db } of instances.splice(0)) await db.close();
  });
  return {
    name: 'pglite',
    async open() {
      let instance = instances.find((i) => !i.warm.busy);
      let client;
      if (instance) {
        instance.warm.busy = true;
        client = await pgliteClient({ shared: instance.db, schema: instance.warm.schema });
        await empty(client, instance.warm);
      } else {
        const db = (await pgliteClient()).pglite;
        const schema = schemaName();
        client = await pgliteClient({ shared: db, schema });
        instance = { db, warm: await warmUp(client, schema) };
        instances.push(instance);
      }
      const taken = instance;
      return {
        client,
        connect: () => pgliteClient({ shared: taken.db, schema: taken.warm.schema }),
        async cleanup() {
          taken.warm.busy = false;
        },
      };
    },
  };
}

/**
 * The server at PORTAL_TEST_DATABASE_URL for the `api-postgres` project (issue 14); without it,
 * every open fails, saying so: that project exists only where the server is meant to be used.
 */
export function pgServerBackend(): PgBackend {
  if (testDatabaseUrl) return serverBackend(testDatabaseUrl);
  return { name: 'postgres', open: () => Promise.reject(new Error('PORTAL_TEST_DATABASE_URL is not set: the api-postgres tests run on a real PostgreSQL server (.ci/run sets it)')) };
}

function serverBackend(url: string): PgBackend {
  const warm: Warm[] = [];
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  afterAll(async () => {
    for (const w of warm.splice(0)) await admin(`DROP SCHEMA ${w.schema} CASCADE`);
  });
  return {
    name: 'postgres',
    async open() {
      const clients: PgClient[] = [];
      let slot = warm.find((w) => !w.busy);
      const connect = async () => {
        const client = poolClient(url, { schema: slot!.schema, max: 4 });
        clients.push(client);
        return client;
      };
      let client: PgClient;
      if (slot) {
        slot.busy = true;
        client = await connect();
        await empty(client, slot);
      } else {
        const schema = schemaName();
        await admin(`CREATE SCHEMA ${schema}`);
        slot = { schema, seeds: [], tables: [], sequences: [], replica: false, busy: true };
        client = await connect();
        const made = await warmUp(client, schema);
        Object.assign(slot, made);
        warm.push(slot);
      }
      const taken = slot;
      return {
        client,
        connect,
        async cleanup() {
          for (const c of clients.splice(0)) await c.close();
          taken.busy = false;
        },
      };
    },
  };
}
