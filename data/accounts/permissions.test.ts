import { describe, expect, it } from 'vitest';
import { ACTIONS, ACTION_NAMES, allows, mayAdminister, roleFits, type Principal } from './permissions.ts';
import { ROLES, type Role } from './role.ts';

const MATOUXI = '430802108214';
const OTHER_VILLAGE_SAME_TOWNSHIP = '430802108201';
const LONGGANG = '430821211227';
const as = (role: Role, scope: string, admin = false): Principal => ({ role, scope, admin });

describe('the permission table', () => {
  it('lets a village accountant publish its own ledger and no other village’s, and not a project list', () => {
    const accountant = as('village-accountant', MATOUXI);
    expect(allows(accountant, 'publish-finance', MATOUXI)).toEqual({ ok: true });
    expect(allows(accountant, 'publish-finance', OTHER_VILLAGE_SAME_TOWNSHIP)).toEqual({ ok: false, reason: 'scope' });
    expect(allows(accountant, 'publish-project', MATOUXI)).toEqual({ ok: false, reason: 'role' });
  });

  it('lets township discipline staff review flags and dispatch in its villages only, but not publish for them', () => {
    const discipline = as('township-discipline', '430802108');
    expect(allows(discipline, 'review-flag', MATOUXI).ok).toBe(true);
    expect(allows(discipline, 'dispatch-complaint', '430802108').ok).toBe(true);
    expect(allows(discipline, 'dispatch-complaint', LONGGANG)).toEqual({ ok: false, reason: 'scope' });
    expect(allows(discipline, 'publish-finance', MATOUXI)).toEqual({ ok: false, reason: 'role' });
  });

  it('refuses a village-level action aimed at a township, whoever may do it', () => {
    expect(allows(as('township-finance', '430802108'), 'publish-finance', '430802108')).toEqual({ ok: false, reason: 'level' });
    expect(allows(as('township-finance', '430802108'), 'publish-finance', MATOUXI).ok).toBe(true);
  });

  it('lets the city act everywhere under 4308, written either way, and nowhere else', () => {
    for (const scope of ['430800', '4308']) {
      expect(allows(as('city', scope), 'open-round', '430821').ok).toBe(true);
      expect(allows(as('city', scope), 'read-dashboards', LONGGANG).ok).toBe(true);
      expect(allows(as('city', scope), 'open-round', '430921')).toEqual({ ok: false, reason: 'scope' });
    }
    expect(allows(as('city', '430800'), 'set-settings', '430800').ok).toBe(true);
  });

  it('lets the supervision committee chair read its village’s complaints and comment on flags, and change nothing else', () => {
    const chair = as('supervision-chair', MATOUXI);
    const allowed = ACTION_NAMES.filter((a) => allows(chair, a, MATOUXI).ok);
    expect(allowed.sort()).toEqual(['comment-flag', 'read-complaints', 'read-dashboards']);
  });

  it('gives every action at least one role, and every role at least one action', () => {
    for (const action of ACTION_NAMES) expect(ACTIONS[action].roles.length, action).toBeGreaterThan(0);
    for (const role of ROLES) expect(ACTION_NAMES.filter((a) => (ACTIONS[a].roles as readonly Role[]).includes(role)).length, role).toBeGreaterThan(0);
  });
});

describe('administration', () => {
  it('lets a county administrator make accounts below it and at its own scope, but not another administrator there nor anywhere wider', () => {
    const admin = as('county-discipline', '430802', true);
    expect(mayAdminister(admin, { scope: MATOUXI, admin: false })).toBe(true);
    expect(mayAdminister(admin, { scope: '430802108', admin: true })).toBe(true);
    expect(mayAdminister(admin, { scope: '430802', admin: false })).toBe(true);
    expect(mayAdminister(admin, { scope: '430802', admin: true })).toBe(false);
    expect(mayAdminister(admin, { scope: '430800', admin: false })).toBe(false);
    expect(mayAdminister(admin, { scope: LONGGANG, admin: false })).toBe(false);
    expect(mayAdminister(as('county-discipline', '430802'), { scope: MATOUXI, admin: false })).toBe(false);
  });

  it('holds each role only at its level', () => {
    expect(roleFits('village-accountant', MATOUXI)).toBe(true);
    expect(roleFits('village-accountant', '430802108')).toBe(false);
    expect(roleFits('department-staff', '430802108')).toBe(true);
    expect(roleFits('department-staff', '430802')).toBe(true);
    expect(roleFits('city', '430800')).toBe(true);
    expect(roleFits('city', '430802')).toBe(false);
  });
});
