import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../data/accounts/totp.ts';
import { accountCommand } from '../../scripts/lib/account-commands.ts';
import { ConsoleClient } from '../support/console-client.ts';
import { openPortalFixture, type PortalFixture } from '../support/portal-fixture.ts';

// Issue 13: the first administrator from the command line, the invitation that sets the password
// and the authenticator, signing in and out, the lockout, CSRF, and importing the account list.

const ADMIN_MOBILE = '13900000001';
const PASSWORD = '张家界纪委2026春天';
let f: PortalFixture;
/** the clock the portal and the TOTP codes read: moved on by the tests, never waited for */
const clock = { now: new Date('2026-12-06T02:00:00.000Z') };

beforeAll(async () => {
  f = await openPortalFixture({}, { clock: () => clock.now });
});
afterAll(async () => {
  await f?.cleanup();
});

async function createAdmin(scope: string, mobile: string, name = '钟春花'): Promise<string> {
  const out: string[] = [];
  const code = await accountCommand(['create-admin', '--scope', scope, '--name', name, '--mobile', mobile], f.config, f.store, clock.now, (l) => out.push(l), (l) => out.push(l));
  expect(code, out.join('\n')).toBe(0);
  return new URL(out.at(-1)!).pathname;
}

/** Takes an invitation as its person would: the password twice and, where asked, the authenticator's code. */
async function acceptInvite(client: ConsoleClient, path: string, password = PASSWORD): Promise<{ res: Response; secret: string | null }> {
  expect((await client.get(path)).status).toBe(200);
  const secret = /name="totp_secret" value="([A-Z2-7]{32})"/.exec(client.lastHtml)?.[1] ?? null;
  const fields: Record<string, string> = { password, password2: password };
  if (secret) Object.assign(fields, { totp_secret: secret, totp: totpCode(secret, clock.now) });
  return { res: await client.post(path, fields), secret };
}

/** The city's administrator, signed in on a fresh browser (a minute after the last code, so none is replayed). */
async function signedInAdmin(): Promise<ConsoleClient> {
  const admin = new ConsoleClient(f.app);
  await admin.get('/console/');
  expect((await admin.post('/console/sign-in', { mobile: ADMIN_MOBILE, password: PASSWORD, totp: totpCode(adminSecret, clock.now) })).status).toBe(303);
  return admin;
}

const later = (seconds: number) => {
  clock.now = new Date(clock.now.getTime() + seconds * 1000);
};

let adminSecret: string;

describe('the console: accounts, invitations and sessions', () => {
  it('makes the first administrator on the command line, whose one-time link sets the password and authenticator and signs in', async () => {
    const path = await createAdmin('430800', ADMIN_MOBILE);
    const browser = new ConsoleClient(f.app);
    const { res, secret } = await acceptInvite(browser, path);
    expect(secret, 'a city account must add an authenticator').not.toBeNull();
    adminSecret = secret!;
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/console/');
    expect(res.headers.getSetCookie().find((c) => c.startsWith('cw_session='))).toMatch(/HttpOnly/i);
    expect(res.headers.getSetCookie().find((c) => c.startsWith('cw_session='))).toMatch(/SameSite=Lax/i);
    const home = await browser.get('/console/');
    expect(browser.lastHtml).toContain('钟春花');
    expect(browser.lastHtml).toContain('待办');
    expect(home.headers.get('cache-control')).toBe('private, no-store');
    // the link works once
    expect((await new ConsoleClient(f.app).get(path)).status).toBe(410);
  });

  it('asks for the authenticator after the password, refuses a wrong or reused code, and never keeps a session id the browser brought', async () => {
    later(60);
    const browser = new ConsoleClient(f.app);
    browser.cookies.set('cw_session', 'A'.repeat(43)); // planted by someone else before the sign-in
    await browser.get('/console/');
    const first = await browser.post('/console/sign-in', { mobile: ADMIN_MOBILE, password: PASSWORD });
    expect(first.status).toBe(200);
    expect(browser.lastHtml).toContain('name="totp"');
    expect((await browser.post('/console/sign-in', { mobile: ADMIN_MOBILE, password: PASSWORD, totp: '000000' })).status).toBe(401);
    const ok = await browser.post('/console/sign-in', { mobile: ADMIN_MOBILE, password: PASSWORD, totp: totpCode(adminSecret, clock.now) });
    expect(ok.status).toBe(303);
    expect(browser.cookies.get('cw_session')).not.toBe('A'.repeat(43));
    // the same code a second time is a replay
    const again = new ConsoleClient(f.app);
    await again.get('/console/');
    expect((await again.post('/console/sign-in', { mobile: ADMIN_MOBILE, password: PASSWORD, totp: totpCode(adminSecret, clock.now) })).status).toBe(401);
  });

  it('refuses a sign-in form without its CSRF field, and sets no session', async () => {
    const browser = new ConsoleClient(f.app);
    await browser.get('/console/');
    const res = await browser.post('/console/sign-in', { mobile: ADMIN_MOBILE, password: PASSWORD }, { csrf: false });
    expect(res.status).toBe(403);
    expect(browser.cookies.has('cw_session')).toBe(false);
  });

  it('signs out of every device at once', async () => {
    later(60);
    const phone = new ConsoleClient(f.app);
    const pc = new ConsoleClient(f.app);
    for (const [i, b] of [phone, pc].entries()) {
      later(31 * i);
      await b.get('/console/');
      expect((await b.post('/console/sign-in', { mobile: ADMIN_MOBILE, password: PASSWORD, totp: totpCode(adminSecret, clock.now) })).status).toBe(303);
    }
    await pc.get('/console/');
    expect(pc.lastHtml).toContain('退出所有设备');
    expect((await phone.post('/console/sign-out-everywhere', {})).status).toBe(303);
    await pc.get('/console/');
    expect(pc.lastHtml).toContain('工作台登录');
  });

  it('imports the city’s account list after a dry run, and resets a password so the old one stops working', async () => {
    later(60);
    const admin = await signedInAdmin();
    await admin.get('/console/accounts/');
    const list = readFileSync(new URL('../fixtures/430800-张家界市-监督平台账号名册.csv', import.meta.url));
    const upload = (dryRun: boolean) => {
      const form = new FormData();
      form.set('file', new File([list], '账号名册.csv', { type: 'text/csv' }));
      if (dryRun) form.set('dry_run', '1');
      return admin.postForm('/console/accounts/import', form);
    };
    expect((await upload(true)).status).toBe(200);
    expect(admin.lastHtml).toContain('共 1272 人');
    expect(await f.store.listAccounts('4308')).toHaveLength(1);
    const done = await upload(false);
    expect(done.status).toBe(200);
    expect(admin.lastHtml).toContain('已开设 1272 个账号');
    expect((await f.store.listAccounts('4308')).length).toBe(1273);
    // the page shows each new person's link once, and never a whole mobile number
    const links = [...admin.lastHtml.matchAll(/http:\/\/portal\.test(\/console\/invite\/[A-Za-z0-9_-]{32})/g)].map((m) => m[1]!);
    expect(links).toHaveLength(1272);
    expect(admin.lastHtml).not.toMatch(/1380013\d{4}/);

    // 覃春花, 永定区纪委监委, takes her link; then the administrator resets her password
    const qin = (await f.store.listAccounts('430802')).find((a) => a.name === '覃春花')!;
    const browser = new ConsoleClient(f.app);
    let mine: string | null = null;
    for (const path of links) {
      await browser.get(path);
      if (browser.lastHtml.includes('覃春花')) {
        mine = path;
        break;
      }
    }
    expect(mine).not.toBeNull();
    const { res, secret } = await acceptInvite(browser, mine!, '永定区纪委覃春花的密码');
    expect(res.status).toBe(303);
    await admin.get('/console/accounts/');
    expect((await admin.post(`/console/accounts/${qin.id}/reset`, {})).status).toBe(200);
    expect(admin.lastHtml).toMatch(/\/console\/invite\/[A-Za-z0-9_-]{32}/);
    later(60);
    const retry = new ConsoleClient(f.app);
    await retry.get('/console/');
    expect((await retry.post('/console/sign-in', { mobile: qin.mobile, password: '永定区纪委覃春花的密码', totp: totpCode(secret!, clock.now) })).status).toBe(401);
    // her earlier session is gone too
    await browser.get('/console/');
    expect(browser.lastHtml).toContain('工作台登录');
  });

  it('locks an account after five wrong passwords, even against the right one, for a while', async () => {
    later(3600);
    const browser = new ConsoleClient(f.app);
    await browser.get('/console/');
    for (let i = 0; i < 5; i++) expect((await browser.post('/console/sign-in', { mobile: ADMIN_MOBILE, password: `wrong password ${i}` })).status).toBe(401);
    expect((await browser.post('/console/sign-in', { mobile: ADMIN_MOBILE, password: PASSWORD, totp: totpCode(adminSecret, clock.now) })).status).toBe(429);
    later(16 * 60);
    expect((await browser.post('/console/sign-in', { mobile: ADMIN_MOBILE, password: PASSWORD, totp: totpCode(adminSecret, clock.now) })).status).toBe(303);
  });

  it('lets a county administrator reset only the accounts of its county', async () => {
    later(60);
    const path = await createAdmin('430821', '13900000002', '慈利县管理员');
    const county = new ConsoleClient(f.app);
    expect((await acceptInvite(county, path)).res.status).toBe(303);
    expect((await county.get('/console/accounts/')).status).toBe(200);
    expect(county.lastHtml).toContain('慈利县');
    // none of 永定区's people (the list holds people of the same name in both counties)
    expect(county.lastHtml).not.toContain('永定区');
    const qin = (await f.store.listAccounts('430802')).find((a) => a.name === '覃春花')!;
    expect((await county.post(`/console/accounts/${qin.id}/reset`, {})).status).toBe(404);
    expect((await f.store.getAccount(qin.id))?.status).toBe('invited');
  });

  it('makes a token for a village’s bookkeeping software, shown once, that the API takes until it is revoked', async () => {
    later(60);
    const admin = await signedInAdmin();
    await admin.get('/console/accounts/');
    expect((await admin.post('/console/tokens', { token_scope: '430802108214', token_name: '马头溪村记账软件', token_days: '365' })).status).toBe(200);
    const value = /<p class="code[^"]*">(cw_[^<]+)<\/p>/.exec(admin.lastHtml)?.[1];
    expect(value).toBeDefined();
    const dryRun = () =>
      f.app.request('/api/v1/villages/430802108214/publications?kind=finance&dryRun=1', {
        method: 'POST',
        headers: { Authorization: `Bearer ${value}`, 'Content-Type': 'text/csv' },
        body: readFileSync(new URL('../fixtures/430802108214-马头溪村-2026Q3-财务收支明细.csv', import.meta.url)),
      });
    expect((await dryRun()).status).toBe(200);
    await admin.get('/console/accounts/');
    expect(admin.lastHtml).not.toContain(value!);
    const revoke = /action="(\/console\/tokens\/[^"]+\/revoke)"/.exec(admin.lastHtml)?.[1];
    expect((await admin.post(revoke!, {})).status).toBe(303);
    expect((await dryRun()).status).toBe(401);
    // a token for somewhere outside the region's administrator's reach, or for a county, is refused
    expect((await admin.post('/console/tokens', { token_scope: '430802', token_name: '区级', token_days: '30' })).status).toBe(422);
  });

  it('shows the city’s villages in 发布记录, those that published nothing first', async () => {
    later(60);
    const admin = await signedInAdmin();
    await f.publishLedger();
    expect((await admin.get('/console/publications/')).status).toBe(200);
    const villages = [...admin.lastHtml.matchAll(/<li><a href="\/v\/(\d{12})\/"/g)].map((m) => m[1]);
    expect(villages).toHaveLength((await f.store.listDivisions('4308')).filter((d) => d.level === 'village').length);
    // 马头溪村 published its ledger: it comes after every village that published nothing
    expect(villages.at(-1)).toBe('430802108214');
    expect(admin.lastHtml).toMatch(/马头溪村<\/a> · 1 份，最近 /);
  });

  it('opens one account at a time below the administrator, at the level its role is held, and refuses a mobile already taken', async () => {
    later(60);
    const admin = await signedInAdmin();
    await admin.get('/console/accounts/');
    const one = { name: '彭德明', mobile: '139 0000 0099', office: '马头溪村', title: '村报账员', role: 'village-accountant', scope: '430802108214', department: '' };
    expect((await admin.post('/console/accounts/new', one)).status).toBe(200);
    expect(admin.lastHtml).toMatch(/\/console\/invite\/[A-Za-z0-9_-]{32}/);
    expect((await f.store.findAccountByMobile('13900000099'))?.role).toBe('village-accountant');
    expect((await admin.post('/console/accounts/new', { ...one, name: '另一人' })).status).toBe(422);
    expect(admin.lastHtml).toContain('一个手机号只能开一个账号');
    expect((await admin.post('/console/accounts/new', { ...one, mobile: '13900000098', scope: '430802108' })).status).toBe(422);
    expect(admin.lastHtml).toContain('村报账员不能设在这一级区划');
  });

  it('lets a village account add an authenticator of its own accord, after which its sign-in asks for it', async () => {
    later(60);
    const admin = await signedInAdmin();
    await admin.get('/console/accounts/');
    await admin.post('/console/accounts/new', { name: '田光明', mobile: '13900000097', office: '马头溪村', title: '村支书', role: 'village-secretary', scope: '430802108214', department: '' });
    const path = /http:\/\/portal\.test(\/console\/invite\/[A-Za-z0-9_-]{32})/.exec(admin.lastHtml)![1]!;
    const tian = new ConsoleClient(f.app);
    const { res, secret: none } = await acceptInvite(tian, path, '马头溪村田光明的密码');
    expect(none, 'a village account is not asked for an authenticator').toBeNull();
    expect(res.status).toBe(303);
    await tian.get('/console/totp');
    const secret = /name="totp_secret" value="([A-Z2-7]{32})"/.exec(tian.lastHtml)![1]!;
    expect((await tian.post('/console/totp', { totp_secret: secret, totp: '000000' })).status).toBe(422);
    expect((await tian.post('/console/totp', { totp_secret: secret, totp: totpCode(secret, clock.now) })).status).toBe(303);
    later(60);
    const again = new ConsoleClient(f.app);
    await again.get('/console/');
    expect((await again.post('/console/sign-in', { mobile: '13900000097', password: '马头溪村田光明的密码' })).status).toBe(200);
    expect(again.lastHtml).toContain('name="totp"');
    expect((await again.post('/console/sign-in', { mobile: '13900000097', password: '马头溪村田光明的密码', totp: totpCode(secret, clock.now) })).status).toBe(303);

    // he leaves office: the administrator stops the account, and his session with it
    await admin.get('/console/accounts/');
    const account = (await f.store.findAccountByMobile('13900000097'))!;
    expect((await admin.post(`/console/accounts/${account.id}/disable`, {})).status).toBe(303);
    await again.get('/console/');
    expect(again.lastHtml).toContain('工作台登录');
    later(60);
    expect((await again.post('/console/sign-in', { mobile: '13900000097', password: '马头溪村田光明的密码', totp: totpCode(secret, clock.now) })).status).toBe(401);
  });
});
