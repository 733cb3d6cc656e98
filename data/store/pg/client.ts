/**
 * The one way PostgreSQL backends talk to a database (issue 14): a real server through `pg`
 * (pool-client.ts) or PostgreSQL in-process through PGlite (pglite-client.ts), so every backend is
 * written once and its contract suite runs on both. Parameters are always `$1, $2 …`, never
 * spliced into the text.
 */
export interface PgQueryable {
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /** Several statements at once, without parameters: migrations only. */
  exec(sql: string): Promise<void>;
}

export interface PgClient extends PgQueryable {
  /**
   * Runs `work` in one transaction on one connection: committed when it resolves, rolled back when
   * it throws. READ COMMITTED, as PostgreSQL's default; a backend that needs one writer at a time
   * for a sequence takes a row lock inside (see log.ts).
   */
  transaction<T>(work: (tx: PgQueryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A schema name the backends may put in SQL text: lower-case letters, digits and _, as tests make them. */
export function checkedSchema(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new RangeError(`not a schema name: ${name}`);
  return name;
}
