import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FormSubmissions } from './form-submissions.ts';

export type OpenFormSubmissions = () => Promise<{ store: FormSubmissions; connect: () => Promise<FormSubmissions>; cleanup: () => Promise<void> }>;

const T0 = '2026-12-07T08:00:00.000Z';
const T1 = '2026-12-07T08:00:05.000Z';
const LATER = '2026-12-07T08:05:00.000Z';
/** A claim made before this is stale at LATER (two minutes). */
const STALE_AT_LATER = '2026-12-07T08:03:00.000Z';
const NOTHING_STALE = '2000-01-01T00:00:00.000Z';

/** What every backend must do with form submissions (form-submissions.ts). */
export function describeFormSubmissionsContract(name: string, open: OpenFormSubmissions): void {
  describe(`Form submissions contract: ${name}`, () => {
    let opened: Awaited<ReturnType<OpenFormSubmissions>>;
    beforeEach(async () => {
      opened = await open();
    });
    afterEach(async () => {
      await opened.cleanup();
    });

    it('lets the first post claim a key, tells a repeat on another connection it is busy, then gives it the result', async () => {
      const { store } = opened;
      const other = await opened.connect();
      expect(await store.claimSubmission('form-key-1', T0, NOTHING_STALE)).toEqual({ kind: 'claimed' });
      expect(await other.claimSubmission('form-key-1', T1, NOTHING_STALE)).toEqual({ kind: 'busy' });
      await store.finishSubmission('form-key-1', '1042');
      expect(await other.claimSubmission('form-key-1', T1, NOTHING_STALE)).toEqual({ kind: 'done', result: '1042' });
      // a finished key is never taken over, however old
      expect(await other.claimSubmission('form-key-1', LATER, LATER)).toEqual({ kind: 'done', result: '1042' });
      expect(await store.claimSubmission('form-key-2', T1, NOTHING_STALE)).toEqual({ kind: 'claimed' });
    });

    it('gives two connections claiming one key at once exactly one claim', async () => {
      const { store } = opened;
      const other = await opened.connect();
      for (let i = 0; i < 20; i++) {
        const key = `race-key-${i}`;
        const claims = await Promise.all([store.claimSubmission(key, T0, NOTHING_STALE), other.claimSubmission(key, T0, NOTHING_STALE)]);
        expect(claims.map((c) => c.kind).sort()).toEqual(['busy', 'claimed']);
      }
    });

    it('frees a released key for the next post, and lets a stale claim be taken over', async () => {
      const { store } = opened;
      const other = await opened.connect();
      expect(await store.claimSubmission('failed-key', T0, NOTHING_STALE)).toEqual({ kind: 'claimed' });
      await store.releaseSubmission('failed-key');
      expect(await other.claimSubmission('failed-key', T1, NOTHING_STALE)).toEqual({ kind: 'claimed' });

      expect(await store.claimSubmission('dead-key', T0, NOTHING_STALE)).toEqual({ kind: 'claimed' });
      expect(await other.claimSubmission('dead-key', T1, NOTHING_STALE)).toEqual({ kind: 'busy' });
      // its process died: two minutes later the claim is stale, and one repeat takes it over
      expect(await other.claimSubmission('dead-key', LATER, STALE_AT_LATER)).toEqual({ kind: 'claimed' });
      expect(await store.claimSubmission('dead-key', LATER, STALE_AT_LATER)).toEqual({ kind: 'busy' });
      await other.finishSubmission('dead-key', '7');
      // the first process, had it lived, cannot overwrite the result
      await store.finishSubmission('dead-key', '8');
      await store.releaseSubmission('dead-key');
      expect(await store.claimSubmission('dead-key', LATER, STALE_AT_LATER)).toEqual({ kind: 'done', result: '7' });
    });

    it('forgets the keys claimed before a time, and only those', async () => {
      const { store } = opened;
      await store.claimSubmission('old-key-1', T0, NOTHING_STALE);
      await store.finishSubmission('old-key-1', '1');
      await store.claimSubmission('new-key-1', LATER, NOTHING_STALE);
      expect(await store.forgetSubmissions(T1)).toBe(1);
      expect(await store.claimSubmission('old-key-1', LATER, NOTHING_STALE)).toEqual({ kind: 'claimed' });
      expect(await store.claimSubmission('new-key-1', LATER, NOTHING_STALE)).toEqual({ kind: 'busy' });
    });

    it('refuses keys and times that are caller bugs, writing nothing', async () => {
      const { store } = opened;
      await expect(store.claimSubmission('short', T0, NOTHING_STALE)).rejects.toThrow(TypeError);
      await expect(store.claimSubmission('a-good-key', 'yesterday', NOTHING_STALE)).rejects.toThrow(TypeError);
      expect(await store.claimSubmission('a-good-key', T0, NOTHING_STALE)).toEqual({ kind: 'claimed' });
    });
  });
}
