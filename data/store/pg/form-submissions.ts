import { checkedInstant, checkedSubmissionKey, type FormSubmissions } from '../form-submissions.ts';
import type { PgQueryable } from './client.ts';

/**
 * Form submissions in PostgreSQL (schema 19). A claim is one statement: the insert, or the
 * takeover of a stale claim, happens only where no other transaction got there first (a second
 * insert of the key waits for the first's commit, then finds the row), so two processes never
 * both claim a key.
 */
export function createPgFormSubmissions(db: PgQueryable): FormSubmissions {
  const claim: FormSubmissions['claimSubmission'] = async (key, at, staleBefore) => {
      const [row] = await db.query<{ claimed: boolean; result: string | null }>(
        `INSERT INTO form_submissions AS f (key, claimed_at, result) VALUES ($1, $2, NULL)
         ON CONFLICT (key) DO UPDATE SET claimed_at = excluded.claimed_at WHERE f.result IS NULL AND f.claimed_at < $3
         RETURNING true AS claimed, NULL::text AS result`,
        [checkedSubmissionKey(key), checkedInstant(at), checkedInstant(staleBefore)],
      );
      if (row?.claimed) return { kind: 'claimed' };
      const [found] = await db.query<{ result: string | null }>('SELECT result FROM form_submissions WHERE key = $1', [key]);
      // released between the two statements: the key is free again, and this post may take it
      if (!found) return claim(key, at, staleBefore);
      return found.result === null ? { kind: 'busy' } : { kind: 'done', result: found.result };
  };
  return {
    claimSubmission: claim,
    async finishSubmission(key, result) {
      await db.query('UPDATE form_submissions SET result = $2 WHERE key = $1 AND result IS NULL', [checkedSubmissionKey(key), result]);
    },
    async releaseSubmission(key) {
      await db.query('DELETE FROM form_submissions WHERE key = $1 AND result IS NULL', [checkedSubmissionKey(key)]);
    },
    async forgetSubmissions(before) {
      const rows = await db.query<{ n: number }>('WITH gone AS (DELETE FROM form_submissions WHERE claimed_at < $1 RETURNING 1) SELECT count(*)::integer AS n FROM gone', [checkedInstant(before)]);
      return Number(rows[0]?.n ?? 0);
    },
  };
}
