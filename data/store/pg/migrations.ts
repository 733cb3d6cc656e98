import type { PgClient } from './client.ts';
import { pgSchema1 } from './schema-1.ts';
import { pgSchema2 } from './schema-2.ts';
import { pgSchema3 } from './schema-3.ts';
import { pgSchema4 } from './schema-4.ts';
import { pgSchema5 } from './schema-5.ts';
import { pgSchema6 } from './schema-6.ts';
import { pgSchema7 } from './schema-7.ts';
import { pgSchema8 } from './schema-8.ts';
import { pgSchema9 } from './schema-9.ts';
import { pgSchema10 } from './schema-10.ts';
import { pgSchema11 } from './schema-11.ts';
import { pgSchema12 } from './schema-12.ts';
import { pgSchema13 } from './schema-13.ts';
import { pgSchema14 } from './schema-14.ts';
import { pgSchema15 } from './schema-15.ts';
import { pgSchema16 } from './schema-16.ts';
import { pgSchema17 } from './schema-17.ts';
import { pgSchema18 } from './schema-18.ts';
import { pgSchema19 } from './schema-19.ts';
import { pgSchema20 } from './schema-20.ts';
import { pgSchema21 } from './schema-21.ts';
import { pgSchema22 } from './schema-22.ts';
import { pgSchema23 } from './schema-23.ts';
import { pgSchema24 } from './schema-24.ts';

/** One step of the PostgreSQL schema: applied once, in order, in one transaction with its record. */
export interface PgMigration {
  version: number;
  name: string;
  sql: string;
}

/**
 * The PostgreSQL schema's migrations, in order (issue 14). They are their own list, not SQLite's:
 * the two schemas say the same things in each database's words (bytea, timestamptz-free ISO text as
 * SQLite keeps it, triggers in PL/pgSQL), and both are checked by the same contract suites.
 */
export const PG_MIGRATIONS: readonly PgMigration[] = [pgSchema1, pgSchema2, pgSchema3, pgSchema4, pgSchema5, pgSchema6, pgSchema7, pgSchema8, pgSchema9, pgSchema10, pgSchema11, pgSchema12, pgSchema13, pgSchema14, pgSchema15, pgSchema16, pgSchema17, pgSchema18, pgSchema19, pgSchema20, pgSchema21, pgSchema22, pgSchema23, pgSchema24];

/**
 * Brings the schema up to date. Two processes starting at once on one database both call this: a
 * transaction-scoped advisory lock makes the second wait and then find nothing left to do.
 */
export async function migratePg(client: PgClient, migrations: readonly PgMigration[] = PG_MIGRATIONS): Promise<number[]> {
  if (migrations.some((m, i) => i > 0 && m.version <= migrations[i - 1]!.version)) throw new RangeError('migrations must be listed once each, in order of version');
  return client.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock(hashtext('cunwu schema migrations'))");
    await tx.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    const done = new Set((await tx.query<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version));
    const applied: number[] = [];
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    return applied;
  });
}
