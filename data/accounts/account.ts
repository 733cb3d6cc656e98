import { z } from 'zod';
import { Role } from './role.ts';

/**
 * An official's account (issue 13): a person, not a token. The mobile is their login name and is
 * never published; the office is what the public sees of an action (乡镇纪委 replied …), the account
 * what the portal keeps internally. The one source of truth for the store, the importer and the console.
 */
export const AccountStatus = z.enum(['invited', 'active', 'disabled']);
export type AccountStatus = z.infer<typeof AccountStatus>;

export const Mobile = z.string().regex(/^1\d{10}$/, '手机号须为 11 位数字 / an 11-digit mobile number');

export const NewAccount = z
  .object({
    name: z.string().trim().min(1).max(50),
    mobile: Mobile,
    /** 单位 as written: 王家坪镇纪委, 永定区农业农村局 */
    office: z.string().trim().min(1).max(100),
    /** 职务 as written */
    title: z.string().trim().max(50),
    role: Role,
    /** the office as a target of complaint dispatch (乡镇民政办, 县农业农村局); null for the others */
    department: z.string().trim().min(1).max(100).nullable(),
    /** a division code: 4 or 6 digits for the city, 6 a county, 9 a township, 12 a village */
    scope: z.string().regex(/^(\d{4}|\d{6}|\d{9}|\d{12})$/),
    admin: z.boolean(),
  })
  .strict();
export type NewAccount = z.infer<typeof NewAccount>;

export interface Account extends NewAccount {
  /** internal id, never shown to the public */
  id: string;
  status: AccountStatus;
  createdAt: string;
  /** the account that made it; null for the first administrator, made on the command line */
  createdBy: string | null;
  /** whether a password is set (the hash itself is read only by the sign-in) */
  hasPassword: boolean;
  /** whether a second factor is set up */
  hasTotp: boolean;
}

/** County and city roles sign in with a second factor, always (issue 13, point 2). */
export function totpRequired(account: Pick<Account, 'scope' | 'admin'>): boolean {
  return account.scope.length <= 6 || account.admin;
}

/** 138****0001: what a screen shows of someone else's mobile. */
export function maskedMobile(mobile: string): string {
  return mobile.length === 11 ? `${mobile.slice(0, 3)}****${mobile.slice(7)}` : '***';
}
