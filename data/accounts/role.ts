import { z } from 'zod';

/**
 * The roles of the officials who work in the portal (issue 13), after the offices of the system
 * it is modelled on. A role is held at a scope (a division code); what each role may do, and at
 * which level, is the permission table (permissions.ts). Administration of the accounts below is
 * not a role but a flag on an account, as a county's 纪委 clerk both reviews flags and keeps the
 * county's accounts.
 */
export const ROLES = [
  'village-accountant',
  'village-secretary',
  'supervision-chair',
  'township-discipline',
  'township-finance',
  'department-staff',
  'county-discipline',
  'county-bureau',
  'city',
] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const ROLE_NAME: Record<Role, string> = {
  'village-accountant': '村报账员',
  'village-secretary': '村党组织书记、村委会主任',
  'supervision-chair': '村务监督委员会主任',
  'township-discipline': '乡镇纪委',
  'township-finance': '乡镇经管站',
  'department-staff': '部门工作人员',
  'county-discipline': '县级纪委监委、巡察',
  'county-bureau': '县直部门',
  city: '市级',
};

export type ScopeLevel = 'city' | 'county' | 'township' | 'village';

/** The level of a division code: 4 or 6 digits ending 00 for a city (430800), 6 a county, 9 a township, 12 a village. */
export function scopeLevel(code: string): ScopeLevel | null {
  if (/^\d{4}$/.test(code) || /^\d{4}00$/.test(code)) return 'city';
  if (/^\d{6}$/.test(code)) return 'county';
  if (/^\d{9}$/.test(code)) return 'township';
  if (/^\d{12}$/.test(code)) return 'village';
  return null;
}

/** Where each role is held: a village accountant at a village, a township's 纪委 at a township … */
export const ROLE_LEVEL: Record<Role, readonly ScopeLevel[]> = {
  'village-accountant': ['village'],
  'village-secretary': ['village'],
  'supervision-chair': ['village'],
  'township-discipline': ['township'],
  'township-finance': ['township'],
  // a township's 民政办 or 党政办, or a county's bureau answering what is dispatched to it
  'department-staff': ['township', 'county'],
  'county-discipline': ['county'],
  'county-bureau': ['county'],
  city: ['city'],
};

/** The code accounts and tokens carry for a city: its 4 digits (430800 → 4308), so prefixes cover its villages. */
export function scopePrefix(code: string): string {
  return scopeLevel(code) === 'city' ? code.slice(0, 4) : code;
}
