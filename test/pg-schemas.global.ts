import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { testDatabaseUrl } from './support/environment.ts';

declare module 'vitest' {
  interface ProvidedContext {
    /** what every schema this run makes on the test server begins with (support/pg-backends.ts) */
    pgSchemaPrefix: string;
  }
}

/**
 * Vitest global setup: the schemas a run makes on PORTAL_TEST_DATABASE_URL's server are dropped
 * when it ends. The test files drop theirs in `afterAll`, but the worker keeps modules between
 * files (`isolate: false`), so a backend made once at a module's top (ingest/test-support.ts)
 * registers that hook for its first file only, and the schemas later files made stayed: four a
 * run on the shared server. Each run names its own by a prefix, so two runs at once on one server
 * never drop each other's.
 */
export default function setup(project: TestProject): () => Promise<void> {
  const prefix = `t_${randomBytes(4).toString('hex')}_`;
  project.provide('pgSchemaPrefix', prefix);
  return async () => {
    if (!testDatabaseUrl) return;
    const client = new pg.Client({ connectionString: testDatabaseUrl });
    try {
      await client.connect();
      const { rows } = await client.query<{ nspname: string }>('SELECT nspname FROM pg_namespace WHERE starts_with(nspname, $1)', [prefix]);
      for (const { nspname } of rows) await client.query(`DROP SCHEMA IF EXISTS ${nspname} CASCADE`);
    } catch (error) {
      console.warn(`test schemas ${prefix}* were not dropped: ${(error as Error).message}`);
    } finally {
      await client.end().catch(() => {});
    }
  };
}
