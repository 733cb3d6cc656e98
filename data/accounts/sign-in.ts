import { createHash, randomBytes } from 'node:crypto';
import type { AccountStore } from '../store/account-store.ts';
import type { SessionStore } from '../store/session-store.ts';
import type { SignInLog } from '../store/sign-in-log.ts';
import { totpRequired, type Account } from './account.ts';
import { hashPassword, PasswordRecord, verifyPassword, type ScryptParams } from './password.ts';
import { verifyTotp } from './totp.ts';

/**
 * Signing in to the console (issue 13, point 2), over the account, session and sign-in-log stores:
 * a password (scrypt) and, where the account has one, a TOTP code; failures counted per account and
 * per address, and past a limit the door stays shut for a while; a session is a fresh random secret
 * (never the one the browser brought: no fixation) whose hash is stored. Every outcome is a value.
 */
export const SIGN_IN_LIMITS = {
  /** failures of one account in the window before it is locked */
  accountFailures: 5,
  /** failures from one address in the window (many accounts tried from one place) */
  addressFailures: 30,
  windowMinutes: 15,
  sessionHours: 12,
  inviteHours: 72,
} as const;

export type SignInStore = Pick<AccountStore, 'findAccountByMobile' | 'getCredentials' | 'useTotpStep' | 'setPassword'> & Pick<SessionStore, 'createSession'> & SignInLog;

export type SignInOutcome =
  | { kind: 'signed-in'; account: Account; secret: string; expiresAt: string }
  /** the mobile, the password or the account's state is wrong: one answer for all, so nobody learns which */
  | { kind: 'refused' }
  | { kind: 'locked'; minutes: number }
  /** the password was right; the account has a second factor and no code was given */
  | { kind: 'totp-needed' }
  | { kind: 'totp-refused'; reason: 'malformed' | 'wrong' | 'reused' }
  /** the account must have a second factor and has none: only a new invitation sets one up */
  | { kind: 'totp-setup-needed' };

export interface SignInInput {
  mobile: string;
  password: string;
  totp?: string;
  address: string | null;
  userAgent: string | null;
}

export async function signIn(store: SignInStore, input: SignInInput, now: Date, params?: ScryptParams): Promise<SignInOutcome> {
  const at = now.toISOString();
  const since = new Date(now.getTime() - SIGN_IN_LIMITS.windowMinutes * 60_000).toISOString();
  const addressKey = input.address === null ? null : `address:${input.address}`;
  if (addressKey !== null && (await store.failuresSince(addressKey, since)) >= SIGN_IN_LIMITS.addressFailures) return { kind: 'locked', minutes: SIGN_IN_LIMITS.windowMinutes };
  const account = await store.findAccountByMobile(input.mobile.replace(/\D/g, ''));
  const fail = async (accountId: string | null) => {
    const keys = [...(accountId === null ? [] : [`account:${accountId}`]), ...(addressKey === null ? [] : [addressKey])];
    if (keys.length > 0) await store.recordFailure(keys, at);
    if (accountId !== null) await store.recordEvent({ accountId, at, type: 'sign-in-failed', detail: input.address });
  };
  // Every refusal costs one real scrypt, so the answer's timing does not tell which mobiles have
  // accounts, nor which of them are not yet (or no longer) active.
  const dummy = async () => verifyPassword(input.password, DUMMY ?? (DUMMY = await hashPassword('not a password at all', params)));
  if (!account) {
    await dummy();
    await fail(null);
    return { kind: 'refused' };
  }
  if ((await store.failuresSince(`account:${account.id}`, since)) >= SIGN_IN_LIMITS.accountFailures) return { kind: 'locked', minutes: SIGN_IN_LIMITS.windowMinutes };
  const credentials = await store.getCredentials(account.id);
  const record = credentials?.password ? PasswordRecord.safeParse(JSON.parse(credentials.password)) : null;
  const matches = record?.success ? await verifyPassword(input.password, record.data) : (await dummy(), false);
  if (!matches || account.status !== 'active') {
    await fail(account.id);
    return { kind: 'refused' };
  }
  if (credentials!.totpSecret === null) {
    if (totpRequired(account)) return { kind: 'totp-setup-needed' };
  } else {
    if (input.totp === undefined || input.totp.trim() === '') return { kind: 'totp-needed' };
    const checked = verifyTotp(credentials!.totpSecret, input.totp, now, credentials!.totpLastStep);
    if (!checked.ok) {
      await fail(account.id);
      return { kind: 'totp-refused', reason: checked.reason };
    }
    if (!(await store.useTotpStep(account.id, checked.step))) {
      await fail(account.id);
      return { kind: 'totp-refused', reason: 'reused' };
    }
  }
  const session = await openSession(store, account, input, now);
  await store.recordEvent({ accountId: account.id, at, type: 'sign-in', detail: input.address });
  return { kind: 'signed-in', account, ...session };
}

/** A new session for the account: the secret for the cookie, its hash for the store. */
export async function openSession(
  store: Pick<SessionStore, 'createSession'>,
  account: Account,
  input: Pick<SignInInput, 'address' | 'userAgent'>,
  now: Date,
): Promise<{ secret: string; expiresAt: string }> {
  const secret = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SIGN_IN_LIMITS.sessionHours * 3_600_000).toISOString();
  await store.createSession({ hash: secretHash(secret), accountId: account.id, createdAt: now.toISOString(), expiresAt, address: input.address, userAgent: input.userAgent?.slice(0, 200) ?? null });
  return { secret, expiresAt };
}

/** What the store keeps of a cookie's or an invitation link's secret. */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** One-time invitation links' secrets, one per account, stored by their hashes, valid for SIGN_IN_LIMITS.inviteHours. */
export async function createInvites(store: Pick<SessionStore, 'createInvites'>, accountIds: readonly string[], by: string | null, now: Date): Promise<string[]> {
  const secrets = accountIds.map(() => randomBytes(24).toString('base64url'));
  const expiresAt = new Date(now.getTime() + SIGN_IN_LIMITS.inviteHours * 3_600_000).toISOString();
  await store.createInvites(accountIds.map((accountId, i) => ({ hash: secretHash(secrets[i]!), accountId, createdAt: now.toISOString(), expiresAt, by })));
  return secrets;
}

let DUMMY: PasswordRecord | undefined;
