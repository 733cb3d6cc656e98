/**
 * The same form posted twice — a double tap, or a resend on a 3G line after the first answer was
 * lost — does its work once: the second post waits for the first and gets its result. Keys are
 * kept `ttlMs` after the work finishes (at most `max` of them, the oldest dropped first); a failure
 * is not kept, so the next post tries again. In one process: a deployment with several behind a
 * balancer that does not keep a session on one of them can still record a repeat post twice, which
 * staff then merge (合并重复反映).
 */
export function oncePerKey<T>(options: { ttlMs: number; max: number; now?: () => number }): (key: string, work: () => Promise<T>) => Promise<T> {
  const now = options.now ?? Date.now;
  const kept = new Map<string, { result: Promise<T>; until: number }>();
  return (key, work) => {
    const t = now();
    for (const [k, entry] of kept) {
      if (entry.until > t && kept.size <= options.max) break;
      kept.delete(k);
    }
    const found = kept.get(key);
    if (found && found.until > t) return found.result;
    const entry = { result: work(), until: Number.POSITIVE_INFINITY };
    kept.set(key, entry);
    entry.result.then(
      () => {
        entry.until = now() + options.ttlMs;
      },
      () => {
        if (kept.get(key) === entry) kept.delete(key);
      },
    );
    return entry.result;
  };
}
