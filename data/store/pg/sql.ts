/** Small pieces every PostgreSQL backend shares. */

/**
 * The [low, high) range of codes starting with `prefix`, for an index range scan on a COLLATE "C"
 * column ('' gives every code), as the SQLite backends query it.
 */
export function prefixRange(prefix: string): [string, string] {
  return [prefix, `${prefix}\uffff`];
}

/** A unique constraint refused the write: SQLSTATE 23505, from `pg` and from PGlite alike. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}
