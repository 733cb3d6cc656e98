import type { Account, AccountStatus } from '../accounts/account.ts';
import type { Role } from '../accounts/role.ts';
import type { Credentials } from './account-store.ts';
import type { Session } from './session-store.ts';

/** Accounts and sessions as rows, shared by the SQLite and PostgreSQL backends (booleans as 0 / 1 or as booleans). */

export interface AccountRow {
  id: string;
  name: string;
  mobile: string;
  office: string;
  title: string;
  role: Role;
  department: string | null;
  scope: string;
  admin: number | boolean;
  status: AccountStatus;
  password: string | null;
  totp_secret: string | null;
  totp_last_step: number | string | null;
  created_at: string;
  created_by: string | null;
}

export interface SessionRow {
  hash: string;
  account_id: string;
  created_at: string;
  expires_at: string;
  address: string | null;
  user_agent: string | null;
}

export function toAccount(r: AccountRow): Account {
  return {
    id: r.id,
    name: r.name,
    mobile: r.mobile,
    office: r.office,
    title: r.title,
    role: r.role,
    department: r.department,
    scope: r.scope,
    admin: r.admin === 1 || r.admin === true,
    status: r.status,
    createdAt: r.created_at,
    createdBy: r.created_by,
    hasPassword: r.password !== null,
    hasTotp: r.totp_secret !== null,
  };
}

export function toSession(r: SessionRow): Session {
  return { hash: r.hash, accountId: r.account_id, createdAt: r.created_at, expiresAt: r.expires_at, address: r.address, userAgent: r.user_agent };
}

/** The credentials of an account row (the sign-in reads them, nothing else). */
export function toCredentials(r: AccountRow): Credentials {
  return { password: r.password, totpSecret: r.totp_secret, totpLastStep: r.totp_last_step === null ? null : Number(r.totp_last_step) };
}
