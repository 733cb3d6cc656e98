/**
 * The [low, high) range of division codes starting with `prefix` ('' gives every code), for an
 * index range scan instead of LIKE: codes are ASCII digits, all below U+FFFF. Both backends ask
 * here (PostgreSQL on its COLLATE "C" columns).
 */
export function prefixRange(prefix: string): [string, string] {
  return [prefix, `${prefix}\uffff`];
}

/** The same as named parameters (@low, @high). */
export function prefixBounds(prefix: string): { low: string; high: string } {
  const [low, high] = prefixRange(prefix);
  return { low, high };
}
