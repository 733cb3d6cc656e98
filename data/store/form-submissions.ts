/**
 * A form's post done once, whichever process receives it (issue 14: idempotency keys live in the
 * database once there are several processes). A villager on a 3G line taps 提交 twice, or WeChat
 * sends the post again after the first answer was lost; a clerk double-taps 保存. Each post names
 * its form (a key rendered into the form, with a digest of what it says): the first post claims
 * the key and does the work, a repeat waits for it and is given the same result.
 *
 * The result is a short text the caller can answer with again (a complaint's public number), not
 * the complaint itself: nobody's words or contact are kept here. Keys are forgotten after a day.
 */
export interface FormSubmissions {
  /**
   * Claims `key` at `at`. claimed: the caller does the work, then finishes or releases it. done:
   * the work was done, with this result. busy: another post is doing it now. A claim made before
   * `staleBefore` and never finished (its process died) is taken over: claimed.
   */
  claimSubmission(key: string, at: string, staleBefore: string): Promise<SubmissionClaim>;
  /** The claimed work is done: later claims of `key` are given `result`. */
  finishSubmission(key: string, result: string): Promise<void>;
  /** The claimed work failed: the key is free, and the next post does the work. */
  releaseSubmission(key: string): Promise<void>;
  /** Forgets the keys claimed before `before`; how many. */
  forgetSubmissions(before: string): Promise<number>;
}

export type SubmissionClaim = { kind: 'claimed' } | { kind: 'done'; result: string } | { kind: 'busy' };

/** Caller bugs, refused before anything is written. */
export function checkedSubmissionKey(key: string): string {
  if (typeof key !== 'string' || key.length < 8 || key.length > 400) throw new TypeError(`a submission key is 8–400 characters, not ${JSON.stringify(key)}`);
  return key;
}

export function checkedInstant(at: string): string {
  if (Number.isNaN(Date.parse(at))) throw new TypeError(`not an ISO instant: ${JSON.stringify(at)}`);
  return at;
}
