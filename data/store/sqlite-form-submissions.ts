import type Database from 'better-sqlite3';
import { checkedInstant, checkedSubmissionKey, type FormSubmissions, type SubmissionClaim } from './form-submissions.ts';

/** Form submissions in SQLite (migration 24): each claim one IMMEDIATE transaction, so two connections cannot both claim a key. */
export function createSqliteFormSubmissions(db: Database.Database): FormSubmissions {
  const read = db.prepare('SELECT claimed_at, result FROM form_submissions WHERE key = ?');
  const insert = db.prepare('INSERT INTO form_submissions (key, claimed_at, result) VALUES (?, ?, NULL)');
  const retake = db.prepare('UPDATE form_submissions SET claimed_at = ? WHERE key = ? AND result IS NULL');
  const finish = db.prepare('UPDATE form_submissions SET result = ? WHERE key = ? AND result IS NULL');
  const release = db.prepare('DELETE FROM form_submissions WHERE key = ? AND result IS NULL');
  const forget = db.prepare('DELETE FROM form_submissions WHERE claimed_at < ?');
  const claim = db.transaction((key: string, at: string, staleBefore: string): SubmissionClaim => {
    const found = read.get(key) as { claimed_at: string; result: string | null } | undefined;
    if (!found) {
      insert.run(key, at);
      return { kind: 'claimed' };
    }
    if (found.result !== null) return { kind: 'done', result: found.result };
    if (found.claimed_at < staleBefore) {
      retake.run(at, key);
      return { kind: 'claimed' };
    }
    return { kind: 'busy' };
  });
  return {
    async claimSubmission(key, at, staleBefore) {
      return claim.immediate(checkedSubmissionKey(key), checkedInstant(at), checkedInstant(staleBefore));
    },
    async finishSubmission(key, result) {
      finish.run(result, checkedSubmissionKey(key));
    },
    async releaseSubmission(key) {
      release.run(checkedSubmissionKey(key));
    },
    async forgetSubmissions(before) {
      return forget.run(checkedInstant(before)).changes;
    },
  };
}
