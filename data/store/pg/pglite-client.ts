import { PGlite } from '@electric-sql/pglite';
import { checkedSchema, type PgClient, type PgQueryable } from './client.ts';

/**
 * PostgreSQL in-process through PGlite: real PostgreSQL (the same SQL, types, locks and errors) with
 * no server, so `npm test` runs every PostgreSQL backend on a fresh machine. One PGlite is one
 * connection; `shared` lets several stores (a contract's "second connection") use the same one.
 */
export async function pgliteClient(options: { shared?: PGlite; schema?: string } = {}): Promise<PgClient & { pglite: PGlite }> {
  const db = options.shared ?? (await PGlite.create());
  const schema = options.schema === undefined ? undefined : checkedSchema(options.schema);
  // One connection: every statement of every store on it runs in this schema.
  if (schema) await db.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}; SET search_path TO ${schema};`);
  const on = (q: Pick<PGlite, 'query' | 'exec'>): PgQueryable => ({
    async query<R>(text: string, params: readonly unknown[] = []) {
      return (await q.query<R>(text, [...params])).rows.map((row) => numbers(row) as R);
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  });
  const direct = on(db);
  return {
    pglite: db,
    query: direct.query,
    transaction: (work) => db.transaction((tx) => work(on(tx))),
    exec: direct.exec,
    // a shared PGlite belongs to whoever made it
    close: async () => {
      if (!options.shared) await db.close();
    },
  };
}

/** bigint columns (count(*), bigserial) as JS numbers, as pool-client.ts reads them. */
function numbers(row: unknown): unknown {
  if (row === null || typeof row !== 'object') return row;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) out[k] = typeof v === 'bigint' ? Number(v) : v;
  return out;
}
