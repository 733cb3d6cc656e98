import { dispatchNotices } from '../data/notify/dispatch-notices.ts';
import type { Notifier } from '../data/notify/notifier.ts';
import type { Complaint } from '../data/complaints/complaint.ts';
import type { Config } from '../data/config.ts';
import type { AccountStore } from '../data/store/account-store.ts';
import { consoleItemHref } from '../site/lib/urls.ts';

/**
 * After a dispatch, by the API or the console: the office it went to hears of it. Never awaited by
 * the answer's caller in a way that could fail it: a notifier that fails is logged, the dispatch stands.
 */
export async function notifyDispatch(deps: { store: Pick<AccountStore, 'listAccounts'>; config: Config; notifier?: Notifier }, complaint: Complaint, now: string): Promise<void> {
  if (!deps.notifier || complaint.status !== 'dispatched') return;
  try {
    const accounts = await deps.store.listAccounts(complaint.village.slice(0, 6));
    const link = `${deps.config.baseUrl}${consoleItemHref('complaint', complaint.publicId)}`;
    await deps.notifier.send(dispatchNotices({ complaint, accounts, deadlines: deps.config.complaints.deadlines, now, link }));
  } catch (error) {
    console.error(`[notify] telling the office of complaint ${complaint.publicId} failed:`, error);
  }
}
