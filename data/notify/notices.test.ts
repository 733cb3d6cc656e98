import { describe, expect, it } from 'vitest';
import type { Account } from '../accounts/account.ts';
import type { Complaint } from '../complaints/complaint.ts';
import { DEFAULT_DEADLINES } from '../complaints/deadlines.ts';
import { dispatchNotices } from './dispatch-notices.ts';
import { reminderNotices } from './reminder-notices.ts';

const MATOUXI = '430802108214';
const account = (id: string, fields: Partial<Account>): Account => ({
  id,
  name: `干部${id}`,
  mobile: `1390000${id.padStart(4, '0')}`,
  office: '王家坪镇民政办',
  title: '民政干部',
  role: 'department-staff',
  department: '王家坪镇民政办',
  scope: '430802108',
  admin: false,
  status: 'active',
  createdAt: '2026-11-01T00:00:00.000Z',
  createdBy: null,
  hasPassword: true,
  hasTotp: false,
  ...fields,
});
const dispatched = (id: string, at: string): Complaint => ({
  trackingCode: `T${id}`,
  publicId: id,
  village: MATOUXI,
  category: '惠农补贴',
  text: '补贴没有发到户。',
  publicationId: null,
  row: null,
  contact: null,
  anonymous: true,
  status: 'dispatched',
  department: '王家坪镇民政办',
  receivedAt: at,
  updatedAt: at,
  channel: 'portal',
  intake: null,
  events: [
    { seq: 1, at, actor: '群众', type: 'received' },
    { seq: 2, at, actor: '王家坪镇纪委', type: 'dispatch', department: '王家坪镇民政办' },
  ],
});

describe('notices', () => {
  const accounts = [
    account('1', {}),
    account('2', { status: 'invited' }),
    account('3', { department: '王家坪镇经管站', office: '王家坪镇经管站', role: 'township-finance' }),
    account('4', { scope: '430821211' }),
    account('5', { role: 'township-discipline', department: null, office: '王家坪镇纪委' }),
  ];

  it('tells the active accounts of the office a complaint went to, with the day it is due, and no one else', () => {
    const notices = dispatchNotices({ complaint: dispatched('12', '2026-12-01T02:00:00.000Z'), accounts, deadlines: DEFAULT_DEADLINES, now: '2026-12-01T02:00:00.000Z', link: 'http://portal.test/console/complaints/12/' });
    expect(notices.map((n) => n.accountId)).toEqual(['1']);
    expect(notices[0]!.text).toBe('投诉 12（惠农补贴）已转交王家坪镇民政办办理，请在 2026-12-16 前答复。');
  });

  it('reminds each account once of what is overdue or due within a day, and says nothing to those with nothing due', () => {
    const complaints = [dispatched('12', '2026-11-01T02:00:00.000Z'), dispatched('13', '2026-11-21T12:00:00.000Z'), dispatched('14', '2026-12-05T02:00:00.000Z')];
    const notices = reminderNotices({ accounts, complaints, flags: [], deadlines: DEFAULT_DEADLINES, now: '2026-12-06T00:00:00.000Z', link: 'http://portal.test/console/' });
    // 12 is long overdue, 13 falls due on 12-06 12:00, 14 only on 12-20; the discipline account chases 12
    expect(notices.map((n) => [n.accountId, n.text])).toEqual([
      ['1', '您的待办中有 1 件已超期，1 件明天到期，请登录工作台办理。'],
      ['5', '您的待办中有 1 件已超期，请登录工作台办理。'],
    ]);
  });
});
