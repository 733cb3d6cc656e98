import type { Account } from '../accounts/account.ts';
import { todoFor } from '../accounts/todo.ts';
import type { Complaint } from '../complaints/complaint.ts';
import type { Deadlines } from '../complaints/deadlines.ts';
import type { Flag } from '../flags/flag.ts';
import type { Notice } from './notifier.ts';

/** How far ahead of a deadline the morning reminder names an item. */
export const REMIND_HOURS_AHEAD = 24;

/**
 * The morning reminder (issue 13, point 4): each active account whose 待办 holds something overdue
 * or due within REMIND_HOURS_AHEAD gets one notice counting them, not one per item. Pure: the job
 * reads the accounts, complaints and flags and sends what this returns.
 */
export function reminderNotices(input: { accounts: readonly Account[]; complaints: readonly Complaint[]; flags: readonly Flag[]; deadlines: Deadlines; now: string; link: string }): Notice[] {
  const soon = new Date(Date.parse(input.now) + REMIND_HOURS_AHEAD * 3_600_000).toISOString();
  const notices: Notice[] = [];
  for (const account of input.accounts) {
    if (account.status !== 'active') continue;
    const items = todoFor({ who: account, complaints: input.complaints, flags: input.flags, deadlines: input.deadlines, now: input.now });
    const overdue = items.filter((i) => i.overdue).length;
    const dueSoon = items.filter((i) => !i.overdue && i.due !== null && i.due <= soon).length;
    if (overdue + dueSoon === 0) continue;
    const parts = [...(overdue > 0 ? [`${overdue} 件已超期`] : []), ...(dueSoon > 0 ? [`${dueSoon} 件明天到期`] : [])];
    notices.push({ accountId: account.id, name: account.name, mobile: account.mobile, text: `您的待办中有 ${parts.join('，')}，请登录工作台办理。`, link: input.link, reason: 'reminder' });
  }
  return notices;
}
