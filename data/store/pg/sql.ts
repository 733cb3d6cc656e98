/** Small pieces every PostgreSQL backend shares. */

export { prefixRange } from '../prefix-range.ts';

/** A unique constraint refused the write: SQLSTATE 23505, from `pg` and from PGlite alike. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}
