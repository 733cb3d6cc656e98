import type { Account } from '../accounts/account.ts';
import { mayAnswer } from '../accounts/may-answer.ts';
import { scopePrefix } from '../accounts/role.ts';
import type { Complaint } from '../complaints/complaint.ts';
import { lateness, type Deadlines } from '../complaints/deadlines.ts';
import type { Notice } from './notifier.ts';

/**
 * Who hears that a complaint was dispatched: the active accounts of the office it went to that may
 * answer it (may-answer.ts), with the day the answer is due. Pure; the route sends them.
 */
export function dispatchNotices(input: { complaint: Complaint; accounts: readonly Account[]; deadlines: Deadlines; now: string; link: string }): Notice[] {
  const { complaint } = input;
  const due = lateness(complaint, input.deadlines, input.now).due;
  const when = due === null ? '' : `，请在 ${due.slice(0, 10)} 前答复`;
  return input.accounts
    .filter((a) => a.status === 'active' && complaint.village.startsWith(scopePrefix(a.scope)) && a.department !== null && mayAnswer(a, complaint))
    .map((a) => ({
      accountId: a.id,
      name: a.name,
      mobile: a.mobile,
      text: `投诉 ${complaint.publicId}（${complaint.category}）已转交${complaint.department ?? ''}办理${when}。`,
      link: input.link,
      reason: 'dispatched' as const,
    }));
}
