import type { Account, NewAccount } from '../../data/accounts/account.ts';
import { openSession } from '../../data/accounts/sign-in.ts';
import type { PortalFixture } from './portal-fixture.ts';
import { ConsoleClient } from './console-client.ts';

let n = 0;

/**
 * Test support: a browser signed in to the console as a fresh, active account of this role at this
 * scope (its mobile unique within the run), with its session cookie and the home page read.
 */
export async function signedInAccount(f: Pick<PortalFixture, 'store' | 'app'>, fields: Pick<NewAccount, 'role' | 'scope'> & Partial<NewAccount>): Promise<{ browser: ConsoleClient; account: Account }> {
  n += 1;
  const made = await f.store.createAccounts(
    [{ name: `测试${n}`, mobile: `135${String(process.pid % 1000).padStart(3, '0')}${String(n).padStart(5, '0')}`, office: '测试单位', title: '测试', department: null, admin: false, ...fields }],
    { at: new Date().toISOString(), by: null },
  );
  if (made.kind !== 'created') throw new Error(made.kind);
  await f.store.setPassword(made.accounts[0]!.id, '{}');
  const account = (await f.store.getAccount(made.accounts[0]!.id))!;
  const { secret } = await openSession(f.store, account, { address: null, userAgent: null }, new Date());
  const browser = new ConsoleClient(f.app);
  browser.cookies.set('cw_session', secret);
  await browser.get('/console/');
  return { browser, account };
}
