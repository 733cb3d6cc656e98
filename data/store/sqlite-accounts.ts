import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { NewAccount, type AccountStatus } from '../accounts/account.ts';
import type { AccountStore, Credentials } from './account-store.ts';
import type { SessionStore } from './session-store.ts';
import { toAccount, toCredentials, toSession, type AccountRow, type SessionRow } from './account-rows.ts';
import type { AccountEvent, SignInLog } from './sign-in-log.ts';
import { prefixRange } from './prefix-range.ts';

/**
 * Accounts, sessions and the sign-in log in SQLite (migration 11). A batch of accounts is written
 * in one IMMEDIATE transaction, so a mobile taken by a concurrent batch refuses this one whole;
 * taking an invitation and using a TOTP step are single conditional UPDATEs, so two requests
 * cannot both succeed.
 */
export function createSqliteAccounts(db: Database.Database): AccountStore & SessionStore & SignInLog {
  const sql = prepare(db);

  const createTx = db.transaction((accounts: readonly NewAccount[], at: string, by: string | null) => {
    const taken = accounts.filter((a) => sql.byMobile.get(a.mobile) !== undefined).map((a) => a.mobile);
    const seen = new Set<string>();
    for (const a of accounts) {
      if (seen.has(a.mobile)) taken.push(a.mobile);
      seen.add(a.mobile);
    }
    if (taken.length > 0) return { kind: 'mobile-taken' as const, mobiles: [...new Set(taken)] };
    const ids: string[] = [];
    for (const a of accounts) {
      const id = `acc_${randomBytes(9).toString('base64url')}`;
      sql.insert.run({ id, ...a, admin: a.admin ? 1 : 0, status: 'invited', created_at: at, created_by: by });
      ids.push(id);
    }
    return { kind: 'created' as const, ids };
  });

  return {
    async createAccounts(accounts, input) {
      const parsed = accounts.map((a) => NewAccount.parse(a));
      const done = createTx.immediate(parsed, input.at, input.by);
      if (done.kind === 'mobile-taken') return done;
      return { kind: 'created', accounts: done.ids.map((id) => toAccount(sql.byId.get(id) as AccountRow)) };
    },
    async getAccount(id) {
      const row = sql.byId.get(id) as AccountRow | undefined;
      return row ? toAccount(row) : null;
    },
    async findAccountByMobile(mobile) {
      const row = sql.byMobile.get(mobile) as AccountRow | undefined;
      return row ? toAccount(row) : null;
    },
    async listAccounts(prefix) {
      return (sql.list.all(...prefixRange(prefix)) as AccountRow[]).map(toAccount);
    },
    async setAccountStatus(id, status: AccountStatus) {
      return sql.setStatus.run(status, id).changes === 1;
    },
    async getCredentials(id): Promise<Credentials | null> {
      const row = sql.byId.get(id) as AccountRow | undefined;
      return row ? toCredentials(row) : null;
    },
    async setPassword(id, record) {
      return sql.setPassword.run(record, id).changes === 1;
    },
    async setTotpSecret(id, secret) {
      return sql.setTotp.run(secret, id).changes === 1;
    },
    async useTotpStep(id, step) {
      return sql.useStep.run(step, id, step).changes === 1;
    },

    async createInvites(inputs) {
      db.transaction(() => {
        for (const input of inputs) sql.insertInvite.run(input.hash, input.accountId, input.createdAt, input.expiresAt, input.by);
      }).immediate();
    },
    async findInvite(hash, at) {
      const row = sql.findInvite.get(hash, at) as { account_id: string } | undefined;
      return row?.account_id ?? null;
    },
    async takeInvite(hash, at) {
      const row = sql.takeInvite.get(at, hash, at) as { account_id: string } | undefined;
      return row?.account_id ?? null;
    },
    async createSession(input) {
      sql.insertSession.run(input.hash, input.accountId, input.createdAt, input.expiresAt, input.address, input.userAgent);
    },
    async getSession(hash, at) {
      const row = sql.session.get(hash, at) as SessionRow | undefined;
      return row ? toSession(row) : null;
    },
    async listSessions(accountId, at) {
      return (sql.sessionsOf.all(accountId, at) as SessionRow[]).map(toSession);
    },
    async revokeSession(hash, at) {
      return sql.revoke.run(at, hash).changes === 1;
    },
    async revokeSessions(accountId, at) {
      return sql.revokeAll.run(at, accountId).changes;
    },

    async recordFailure(keys, at) {
      db.transaction(() => {
        for (const key of keys) sql.insertFailure.run(key, at);
      })();
    },
    async failuresSince(key, since) {
      return sql.failures.get(key, since) as number;
    },
    async recordEvent(e: AccountEvent) {
      sql.insertEvent.run(e.accountId, e.at, e.type, e.detail);
    },
    async listEvents(accountId, limit) {
      return (sql.events.all(accountId, limit) as Array<{ account_id: string; at: string; type: string; detail: string | null }>).map((r) => ({
        accountId: r.account_id,
        at: r.at,
        type: r.type,
        detail: r.detail,
      }));
    },
  };
}

// ——— private helpers ———

function prepare(db: Database.Database) {
  const columns = 'id, name, mobile, office, title, role, department, scope, admin, status, password, totp_secret, totp_last_step, created_at, created_by';
  return {
    insert: db.prepare(
      `INSERT INTO accounts (${columns}) VALUES (@id, @name, @mobile, @office, @title, @role, @department, @scope, @admin, @status, NULL, NULL, NULL, @created_at, @created_by)`,
    ),
    byId: db.prepare(`SELECT ${columns} FROM accounts WHERE id = ?`),
    byMobile: db.prepare(`SELECT ${columns} FROM accounts WHERE mobile = ?`),
    list: db.prepare(`SELECT ${columns} FROM accounts WHERE scope >= ? AND scope < ? ORDER BY scope, name, id`),
    setStatus: db.prepare('UPDATE accounts SET status = ? WHERE id = ?'),
    // a password set is what makes an invited account active
    setPassword: db.prepare("UPDATE accounts SET password = ?, status = CASE status WHEN 'invited' THEN 'active' ELSE status END WHERE id = ?"),
    setTotp: db.prepare('UPDATE accounts SET totp_secret = ?, totp_last_step = NULL WHERE id = ?'),
    useStep: db.prepare('UPDATE accounts SET totp_last_step = ? WHERE id = ? AND (totp_last_step IS NULL OR totp_last_step < ?)'),
    insertInvite: db.prepare('INSERT INTO invites (hash, account_id, created_at, expires_at, created_by) VALUES (?, ?, ?, ?, ?)'),
    findInvite: db.prepare('SELECT account_id FROM invites WHERE hash = ? AND taken_at IS NULL AND expires_at > ?'),
    takeInvite: db.prepare('UPDATE invites SET taken_at = ? WHERE hash = ? AND taken_at IS NULL AND expires_at > ? RETURNING account_id'),
    insertSession: db.prepare('INSERT INTO sessions (hash, account_id, created_at, expires_at, address, user_agent) VALUES (?, ?, ?, ?, ?, ?)'),
    session: db.prepare('SELECT * FROM sessions WHERE hash = ? AND revoked_at IS NULL AND expires_at > ?'),
    sessionsOf: db.prepare('SELECT * FROM sessions WHERE account_id = ? AND revoked_at IS NULL AND expires_at > ? ORDER BY created_at DESC'),
    revoke: db.prepare('UPDATE sessions SET revoked_at = ? WHERE hash = ? AND revoked_at IS NULL'),
    revokeAll: db.prepare('UPDATE sessions SET revoked_at = ? WHERE account_id = ? AND revoked_at IS NULL'),
    insertFailure: db.prepare('INSERT INTO sign_in_failures (key, at) VALUES (?, ?)'),
    failures: db.prepare('SELECT count(*) FROM sign_in_failures WHERE key = ? AND at >= ?').pluck(),
    insertEvent: db.prepare('INSERT INTO account_events (account_id, at, type, detail) VALUES (?, ?, ?, ?)'),
    events: db.prepare('SELECT * FROM account_events WHERE account_id = ? ORDER BY at DESC, rowid DESC LIMIT ?'),
  };
}
