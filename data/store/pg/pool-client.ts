import pg from 'pg';
import { checkedSchema, type PgClient, type PgQueryable } from './client.ts';

// bigint (count(*), bigserial) as a JS number: every count and id the store keeps fits in 2^53
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

/**
 * A PostgreSQL server through a `pg` pool: what PORTAL_DATABASE_URL names. `schema`, when given,
 * is the search path of every connection (the tests give each store a schema of its own).
 */
export function poolClient(url: string, options: { schema?: string; max?: number } = {}): PgClient {
  const schema = options.schema === undefined ? undefined : checkedSchema(options.schema);
  // jit off: the planner's JIT compiles broad searches for longer than they run (hundreds of ms).
  // work_mem 32MB: a search's GIN bitmap over a few hundred thousand rows stays exact; at the
  // default 4MB it turns lossy and every row of its pages is checked again (a query with no match
  // at 1M rows took 700 ms instead of 10). Ten connections at most: 320MB at worst.
  // The URL's own `options` are kept, and come last, so they win (a connection string's win over
  // the config's in `pg`).
  const parsed = new URL(url);
  const own = parsed.searchParams.get('options');
  parsed.searchParams.delete('options');
  const settings = ['-c jit=off', '-c work_mem=32MB', ...(own ? [own] : []), ...(schema ? [`-c search_path=${schema}`] : [])].join(' ');
  const pool = new pg.Pool({ connectionString: parsed.toString(), max: options.max ?? 10, options: settings });
  // an idle connection the server dropped must not take the process down
  pool.on('error', (error) => console.error('[pg] idle connection failed:', error.message));
  const on = (run: (text: string, params?: unknown[]) => Promise<{ rows: unknown[] }>): PgQueryable => ({
    async query<R>(text: string, params: readonly unknown[] = []) {
      return (await run(text, [...params])).rows as R[];
    },
    // no parameters: the simple protocol, which takes several statements
    async exec(sql: string) {
      await run(sql);
    },
  });
  const direct = on((text, params) => pool.query(text, params));
  let closed: Promise<void> | undefined;
  return {
    query: direct.query,
    async transaction(work) {
      const connection = await pool.connect();
      try {
        await connection.query('BEGIN');
        const result = await work(on((text, params) => connection.query(text, params)));
        await connection.query('COMMIT');
        return result;
      } catch (error) {
        await connection.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        connection.release();
      }
    },
    exec: direct.exec,
    // a store and its owner may both close the pool it was given: the second close is a no-op
    close: () => (closed ??= pool.end()),
  };
}
