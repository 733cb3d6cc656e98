import { randomBytes } from 'node:crypto';
import type { FormSubmissions } from '../data/store/form-submissions.ts';
import { FORM_KEY_PATTERN } from '../site/lib/complaint-form.ts';

/** How long a repeat post waits for the first to finish before it is told to look again later. */
const WAIT_MS = 15_000;
/** A claim this old and never finished was made by a process that died: a repeat takes it over. */
const STALE_MS = 2 * 60_000;
/** A repeat later than this is a new post (and the keys' table stays small). */
const KEEP_MS = 24 * 60 * 60_000;
/** How often one process forgets the keys older than KEEP_MS. */
const FORGET_EVERY_MS = 10 * 60_000;

/** The key of one form shown (a complaint form, the console's intake form): 16 random bytes. */
export function newFormKey(): string {
  return randomBytes(16).toString('base64url');
}

/** A posted form key, when it is one (FORM_KEY_PATTERN); else null, and the post is done without one. */
export function postedFormKey(value: string | null | undefined): string | null {
  return value && FORM_KEY_PATTERN.test(value) ? value : null;
}

export type Submitted<T> = { kind: 'done'; value: T } | { kind: 'busy' };

/**
 * A post's work done once across every process on the store (form-submissions.ts): the first post
 * with a key does `work` and keeps `keep(value)`; a repeat waits for it and gets `replay(kept)`.
 * A work that throws is not kept, so the next post tries again — throw what is not to be kept
 * (a refusal the person can correct). The wait is for a condition (the first post finishing),
 * asked of the store every `pollMs`; its limit is counted in polls, not read off the clock.
 */
export function submitOnce(deps: { store: FormSubmissions; clock: () => Date }, options: { pollMs?: number } = {}) {
  const pollMs = options.pollMs ?? 100;
  let forgotAt = Number.NEGATIVE_INFINITY;
  return async <T>(key: string, work: () => Promise<T>, codec: { keep: (value: T) => string; replay: (kept: string) => Promise<T> }): Promise<Submitted<T>> => {
    for (let polls = 0; polls * pollMs <= WAIT_MS; polls++) {
      const now = deps.clock().getTime();
      if (now - forgotAt >= FORGET_EVERY_MS) {
        forgotAt = now;
        await deps.store.forgetSubmissions(new Date(now - KEEP_MS).toISOString());
      }
      const claim = await deps.store.claimSubmission(key, new Date(now).toISOString(), new Date(now - STALE_MS).toISOString());
      if (claim.kind === 'done') return { kind: 'done', value: await codec.replay(claim.result) };
      if (claim.kind === 'claimed') {
        let value: T;
        try {
          value = await work();
        } catch (error) {
          await deps.store.releaseSubmission(key);
          throw error;
        }
        await deps.store.finishSubmission(key, codec.keep(value));
        return { kind: 'done', value };
      }
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
    return { kind: 'busy' };
  };
}
