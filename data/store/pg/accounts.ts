import { randomBytes } from 'node:crypto';
import { NewAccount, type AccountStatus } from '../../accounts/account.ts';
import type { AccountStore, CreateAccountsOutcome } from '../account-store.ts';
import type { SessionStore } from '../session-store.ts';
import { toAccount, toCredentials, toSession, type AccountRow, type SessionRow } from '../account-rows.ts';
import type { SignInLog } from '../sign-in-log.ts';
import type { PgClient } from './client.ts';
import { isUniqueViolation, prefixRange } from './sql.ts';

/**
 * Accounts, sessions and the sign-in log in PostgreSQL (schema 1). Under concurrent writers:
 * a mobile belongs to one account by its UNIQUE constraint, so of two batches naming the same
 * mobile one commits and the other is refused whole (its transaction rolls back); taking an
 * invitation and using a TOTP step are single conditional UPDATEs, which under READ COMMITTED
 * re-check their condition after waiting for the row, so two requests cannot both succeed.
 */
export function createPgAccounts(db: PgClient): AccountStore & SessionStore & SignInLog {
  const COLUMNS = 'id, name, mobile, office, title, role, department, scope, admin, status, password, totp_secret, totp_last_step, created_at, created_by';
  const one = async (where: string, value: string) => (await db.query<AccountRow>(`SELECT ${COLUMNS} FROM accounts WHERE ${where} = $1`, [value]))[0] ?? null;

  const takenOf = async (mobiles: readonly string[]): Promise<string[]> => {
    const rows = await db.query<{ mobile: string }>('SELECT mobile FROM accounts WHERE mobile = ANY($1::text[])', [mobiles]);
    const taken = new Set(rows.map((r) => r.mobile));
    const seen = new Set<string>();
    for (const m of mobiles) {
      if (seen.has(m)) taken.add(m);
      seen.add(m);
    }
    return mobiles.filter((m) => taken.has(m)).filter((m, i, all) => all.indexOf(m) === i);
  };

  return {
    async createAccounts(accounts, input): Promise<CreateAccountsOutcome> {
      const parsed = accounts.map((a) => NewAccount.parse(a));
      const mobiles = parsed.map((a) => a.mobile);
      const taken = await takenOf(mobiles);
      if (taken.length > 0) return { kind: 'mobile-taken', mobiles: taken };
      const ids = parsed.map(() => `acc_${randomBytes(9).toString('base64url')}`);
      const column = <K extends keyof NewAccount>(k: K) => parsed.map((a) => a[k]);
      try {
        // one statement for the whole list (1,272 accounts), all or none
        await db.query(
          `INSERT INTO accounts (id, name, mobile, office, title, role, department, scope, admin, status, created_at, created_by)
           SELECT u.*, 'invited', $10, $11 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::boolean[]) AS u`,
          [ids, column('name'), mobiles, column('office'), column('title'), column('role'), column('department'), column('scope'), column('admin'), input.at, input.by],
        );
      } catch (error) {
        // a concurrent batch took one of these mobiles between the check and the insert
        if (isUniqueViolation(error)) return { kind: 'mobile-taken', mobiles: await takenOf(mobiles) };
        throw error;
      }
      const rows = await db.query<AccountRow>(`SELECT ${COLUMNS} FROM accounts WHERE id = ANY($1::text[])`, [ids]);
      const byId = new Map(rows.map((r) => [r.id, toAccount(r)]));
      return { kind: 'created', accounts: ids.map((id) => byId.get(id)!) };
    },
    async getAccount(id) {
      const row = await one('id', id);
      return row ? toAccount(row) : null;
    },
    async findAccountByMobile(mobile) {
      const row = await one('mobile', mobile);
      return row ? toAccount(row) : null;
    },
    async listAccounts(prefix) {
      const [low, high] = prefixRange(prefix);
      return (await db.query<AccountRow>(`SELECT ${COLUMNS} FROM accounts WHERE scope >= $1 AND scope < $2 ORDER BY scope, name, id`, [low, high])).map(toAccount);
    },
    async setAccountStatus(id, status: AccountStatus) {
      return (await db.query('UPDATE accounts SET status = $1 WHERE id = $2 RETURNING id', [status, id])).length === 1;
    },
    async getCredentials(id) {
      const row = await one('id', id);
      return row ? toCredentials(row) : null;
    },
    async setPassword(id, record) {
      // a password set is what makes an invited account active
      const sql = "UPDATE accounts SET password = $1, status = CASE status WHEN 'invited' THEN 'active' ELSE status END WHERE id = $2 RETURNING id";
      return (await db.query(sql, [record, id])).length === 1;
    },
    async setTotpSecret(id, secret) {
      return (await db.query('UPDATE accounts SET totp_secret = $1, totp_last_step = NULL WHERE id = $2 RETURNING id', [secret, id])).length === 1;
    },
    async useTotpStep(id, step) {
      const sql = 'UPDATE accounts SET totp_last_step = $1 WHERE id = $2 AND (totp_last_step IS NULL OR totp_last_step < $1) RETURNING id';
      return (await db.query(sql, [step, id])).length === 1;
    },

    async createInvites(inputs) {
      if (inputs.length === 0) return;
      const col = <K extends keyof (typeof inputs)[number]>(k: K) => inputs.map((i) => i[k]);
      await db.query('INSERT INTO invites (hash, account_id, created_at, expires_at, created_by) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])', [
        col('hash'),
        col('accountId'),
        col('createdAt'),
        col('expiresAt'),
        col('by'),
      ]);
    },
    async findInvite(hash, at) {
      const rows = await db.query<{ account_id: string }>('SELECT account_id FROM invites WHERE hash = $1 AND taken_at IS NULL AND expires_at > $2', [hash, at]);
      return rows[0]?.account_id ?? null;
    },
    async takeInvite(hash, at) {
      const rows = await db.query<{ account_id: string }>('UPDATE invites SET taken_at = $2 WHERE hash = $1 AND taken_at IS NULL AND expires_at > $2 RETURNING account_id', [hash, at]);
      return rows[0]?.account_id ?? null;
    },
    async createSession(input) {
      await db.query('INSERT INTO sessions (hash, account_id, created_at, expires_at, address, user_agent) VALUES ($1, $2, $3, $4, $5, $6)', [
        input.hash,
        input.accountId,
        input.createdAt,
        input.expiresAt,
        input.address,
        input.userAgent,
      ]);
    },
    async getSession(hash, at) {
      const rows = await db.query<SessionRow>('SELECT * FROM sessions WHERE hash = $1 AND revoked_at IS NULL AND expires_at > $2', [hash, at]);
      return rows[0] ? toSession(rows[0]) : null;
    },
    async listSessions(accountId, at) {
      const rows = await db.query<SessionRow>('SELECT * FROM sessions WHERE account_id = $1 AND revoked_at IS NULL AND expires_at > $2 ORDER BY created_at DESC', [accountId, at]);
      return rows.map(toSession);
    },
    async revokeSession(hash, at) {
      return (await db.query('UPDATE sessions SET revoked_at = $1 WHERE hash = $2 AND revoked_at IS NULL RETURNING hash', [at, hash])).length === 1;
    },
    async revokeSessions(accountId, at) {
      return (await db.query('UPDATE sessions SET revoked_at = $1 WHERE account_id = $2 AND revoked_at IS NULL RETURNING hash', [at, accountId])).length;
    },

    async recordFailure(keys, at) {
      if (keys.length === 0) return;
      await db.query('INSERT INTO sign_in_failures (key, at) SELECT k, $2 FROM unnest($1::text[]) AS k', [keys, at]);
    },
    async failuresSince(key, since) {
      const rows = await db.query<{ n: number }>('SELECT count(*)::integer AS n FROM sign_in_failures WHERE key = $1 AND at >= $2', [key, since]);
      return rows[0]!.n;
    },
    async recordEvent(e) {
      await db.query('INSERT INTO account_events (account_id, at, type, detail) VALUES ($1, $2, $3, $4)', [e.accountId, e.at, e.type, e.detail]);
    },
    async listEvents(accountId, limit) {
      const rows = await db.query<{ account_id: string; at: string; type: string; detail: string | null }>(
        'SELECT account_id, at, type, detail FROM account_events WHERE account_id = $1 ORDER BY at DESC, seq DESC LIMIT $2',
        [accountId, limit],
      );
      return rows.map((r) => ({ accountId: r.account_id, at: r.at, type: r.type, detail: r.detail }));
    },
  };
}
