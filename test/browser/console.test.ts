import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../data/accounts/totp.ts';
import { accountCommand } from '../../scripts/lib/account-commands.ts';
import { fitsThePhone, openBrowserPortal, type BrowserPortal } from '../support/browser.ts';
import { chromiumPath, inCI } from '../support/environment.ts';

// Issue 13 on a 360×640 phone with JavaScript off: a county administrator takes the invitation
// (password and authenticator), imports the county's account list after a dry run, and resets a
// password. Skips only without Chromium; under CI=true a missing browser fails.

describe.skipIf(!chromiumPath && !inCI)('the console on a 360 px phone (Chromium)', () => {
  let b: BrowserPortal;
  let dir: string;
  let list: string;

  beforeAll(async () => {
    b = await openBrowserPortal();
    dir = mkdtempSync(join(tmpdir(), 'cunwu-console-'));
    // 永定区's part of the city's list: its administrator imports only below its own scope
    const lines = readFileSync(new URL('../fixtures/430800-张家界市-监督平台账号名册.csv', import.meta.url), 'utf8').split(/\r?\n/);
    list = join(dir, '永定区账号名册.csv');
    writeFileSync(list, [lines[0], lines[1], ...lines.slice(2).filter((l) => /,430802\d*\s*$/.test(l))].join('\n'));
  });

  afterAll(async () => {
    await b?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('takes the invitation, imports the county’s accounts after a dry run, and resets a password, JavaScript off', async () => {
    const out: string[] = [];
    const code = await accountCommand(['create-admin', '--scope', '430802', '--name', '覃春花', '--mobile', '13900000011'], b.portal.config, b.portal.store, new Date(), (l) => out.push(l), (l) => out.push(l));
    expect(code, out.join('\n')).toBe(0);
    const invite = new URL(out.at(-1)!).pathname;
    const tab = await (await b.phone({ javaScriptEnabled: false })).newPage();

    expect((await tab.goto(`${b.origin}${invite}`))?.status()).toBe(200);
    await fitsThePhone(tab);
    const secret = (await tab.locator('input[name="totp_secret"]').getAttribute('value'))!;
    await tab.fill('#password', '永定区纪委2026年的密码');
    await tab.fill('#password2', '永定区纪委2026年的密码');
    await tab.fill('#totp', totpCode(secret, new Date()));
    await tab.click('button[type="submit"]');
    await tab.waitForURL(`${b.origin}/console/`);
    await fitsThePhone(tab);
    expect(await tab.getByRole('heading', { name: '工作台' }).isVisible()).toBe(true);

    await tab.click('text=账号管理');
    await tab.waitForURL(`${b.origin}/console/accounts/`);
    await tab.setInputFiles('#file', list);
    await tab.click('form[enctype] button[type="submit"]');
    await tab.getByRole('heading', { name: '预览：名册可以导入' }).waitFor();
    const expected = readFileSync(list, 'utf8').split('\n').length - 2;
    expect(await tab.getByText(`共 ${expected} 人`).isVisible()).toBe(true);
    expect((await b.portal.store.listAccounts('430802')).length).toBe(1);

    await tab.setInputFiles('#file', list);
    await tab.uncheck('input[name="dry_run"]');
    await tab.click('form[enctype] button[type="submit"]');
    await tab.getByRole('heading', { name: `已开设 ${expected} 个账号` }).waitFor();
    await fitsThePhone(tab);
    expect((await b.portal.store.listAccounts('430802')).length).toBe(expected + 1);

    // the first reset button on the list: a new one-time link appears, shown once
    await tab.locator('form[action$="/reset"] button').first().click();
    await tab.getByRole('heading', { name: '邀请链接（只显示这一次）' }).waitFor();
    expect(await tab.locator('.code').first().textContent()).toMatch(/\/console\/invite\/[A-Za-z0-9_-]{32}$/);
    await fitsThePhone(tab);
    await tab.context().close();
  });
});
