import sharp from 'sharp';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../data/accounts/password.ts';
import { totpCode } from '../../data/accounts/totp.ts';
import { newComplaint } from '../../data/complaints/complaint-workflow.ts';
import { trackingCodeFrom } from '../../data/complaints/tracking-code.ts';
import { accountCommand } from '../../scripts/lib/account-commands.ts';
import { fitsThePhone, openBrowserPortal, type BrowserPortal } from '../support/browser.ts';
import { chromiumPath, inCI } from '../support/environment.ts';
import { decodeQr, pdfPagePng, pdfText } from '../support/poppler.ts';

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

  it('takes a complaint from the township’s 待办 to a department’s answer and back to closing, JavaScript off', async () => {
    const store = b.portal.store;
    const password = '王家坪镇2026年的密码';
    const made = await store.createAccounts(
      [
        { name: '向世军', mobile: '13900000021', office: '王家坪镇纪委', title: '乡镇纪委书记', role: 'township-discipline', department: null, scope: '430802108', admin: false },
        { name: '李长青', mobile: '13900000022', office: '王家坪镇民政办', title: '民政干部', role: 'department-staff', department: '王家坪镇民政办', scope: '430802108', admin: false },
      ],
      { at: new Date().toISOString(), by: null },
    );
    if (made.kind !== 'created') throw new Error(made.kind);
    const record = JSON.stringify(await hashPassword(password));
    for (const a of made.accounts) await store.setPassword(a.id, record);
    const filed = await store.fileComplaint(
      newComplaint({ village: '430802108214', category: '惠农补贴', text: '三组有几户的耕地地力保护补贴没有发到户。', anonymous: true } as never, trackingCodeFrom(Uint8Array.from([9, 9, 9, 1, 2, 3, 0])), new Date().toISOString()),
    );
    const tab = await (await b.phone({ javaScriptEnabled: false })).newPage();
    const signIn = async (mobile: string) => {
      await tab.goto(`${b.origin}/console/`);
      await tab.fill('#mobile', mobile);
      await tab.fill('#password', password);
      await tab.click('button[type="submit"]');
      await tab.getByRole('heading', { name: '工作台' }).waitFor();
      await fitsThePhone(tab);
    };
    const open = async (label: string) => {
      const item = tab.locator('li', { hasText: label }).filter({ hasText: `投诉 ${filed.publicId}` });
      await item.getByRole('link', { name: `投诉 ${filed.publicId}` }).click();
      await tab.getByRole('heading', { name: `投诉 ${filed.publicId} · 惠农补贴` }).waitFor();
      await fitsThePhone(tab);
    };
    const signOut = async () => {
      await tab.goto(`${b.origin}/console/`);
      await tab.getByRole('button', { name: '退出登录' }).click();
      await tab.getByRole('heading', { name: '工作台登录' }).waitFor();
    };

    await signIn('13900000021');
    await open('待派发');
    await tab.fill('#department', '王家坪镇民政办');
    await tab.getByRole('button', { name: '转交' }).click();
    await tab.getByText('转交：王家坪镇民政办').waitFor();
    await signOut();

    await signIn('13900000022');
    await open('待答复');
    await tab.check('input[name="template"][value="paid"]');
    await tab.fill('#text', '共 3 户，已核对名单。');
    await tab.getByRole('button', { name: '答复' }).click();
    await tab.getByText(/答复：经核实，相关补贴已于/).waitFor();
    await signOut();

    await signIn('13900000021');
    await open('已答复，待办结');
    await tab.fill('#resolution', '补贴已补发到户，群众无异议。');
    await tab.getByRole('button', { name: '办结' }).click();
    await tab.getByText('办结：补贴已补发到户，群众无异议。').waitFor();
    expect((await store.getComplaint(filed.trackingCode))?.status).toBe('closed');
    // the public record names the offices
    expect((await store.getComplaint(filed.trackingCode))?.events.map((e) => e.actor)).toEqual(['群众', '王家坪镇纪委', '王家坪镇民政办', '王家坪镇纪委']);
    await tab.context().close();
  });

  it('lets a village accountant preview, publish and correct the quarter’s ledger, JavaScript off', async () => {
    const store = b.portal.store;
    const password = '马头溪村报账员的密码';
    const made = await store.createAccounts(
      [{ name: '王金秀', mobile: '13900000031', office: '马头溪村', title: '村报账员', role: 'village-accountant', department: null, scope: '430802108214', admin: false }],
      { at: new Date().toISOString(), by: null },
    );
    if (made.kind !== 'created') throw new Error(made.kind);
    await store.setPassword(made.accounts[0]!.id, JSON.stringify(await hashPassword(password)));
    const ledger = readFileSync(new URL('../fixtures/430802108214-马头溪村-2026Q3-财务收支明细.csv', import.meta.url));
    const corrected = join(dir, '马头溪村-2026Q3-更正.csv');
    // the correction spells out a summary the first file left short (GBK, as the original)
    const text = new TextDecoder('gbk').decode(ledger).replace('支付村部电费（6月）', '支付村部电费（6月，含路灯）');
    writeFileSync(corrected, Buffer.from(new Uint8Array([...new TextEncoder().encode('\uFEFF'), ...new TextEncoder().encode(text)])));
    const original = join(dir, '马头溪村-2026Q3.csv');
    writeFileSync(original, ledger);
    // the same ledger titled for another village, as an official with two villages' files open might pick
    const elsewhere = join(dir, '2026Q3-收支.csv');
    writeFileSync(elsewhere, `\uFEFF${new TextDecoder('gbk').decode(ledger).replaceAll('马头溪村', '龙岗村')}`);

    const tab = await (await b.phone({ javaScriptEnabled: false })).newPage();
    await tab.goto(`${b.origin}/console/`);
    await tab.fill('#mobile', '13900000031');
    await tab.fill('#password', password);
    await tab.click('button[type="submit"]');
    await tab.getByRole('link', { name: '上传公开材料' }).click();
    await tab.getByRole('heading', { name: '上传公开材料' }).waitFor();
    await fitsThePhone(tab);
    // an accountant publishes ledgers and subsidy lists, not project lists
    expect(await tab.locator('#kind option').allTextContents()).not.toContain('工程项目公示');
    const submit = async (file: string, dryRun: boolean) => {
      await tab.selectOption('#kind', 'finance');
      await tab.setInputFiles('#file', file);
      if (dryRun) await tab.check('input[name="dry_run"]');
      else await tab.uncheck('input[name="dry_run"]');
      await tab.click('form[enctype] button[type="submit"]');
    };
    await submit(original, true);
    await tab.getByRole('heading', { name: '预览：可以公开' }).waitFor();
    // the dry run says how each column was read
    await tab.getByRole('table', { name: '各列的识别结果' }).waitFor();
    expect(await tab.getByRole('row', { name: /收入/ }).count()).toBeGreaterThan(0);
    await fitsThePhone(tab);
    expect(await store.currentPublications('430802108214')).toEqual([]);
    // a file that names 龙岗村 is not published for 马头溪村 until the official says it is right
    await submit(elsewhere, false);
    await tab.getByRole('heading', { name: '未公开：请核对村名' }).waitFor();
    await tab.getByText('已核对村名：这份材料确实是所选村的').waitFor();
    await fitsThePhone(tab);
    expect(await store.currentPublications('430802108214')).toEqual([]);
    await submit(original, false);
    await tab.getByRole('heading', { name: '已公开' }).waitFor();
    await fitsThePhone(tab);
    // the preview of a correction says what it changes
    await submit(corrected, true);
    await tab.getByText(/与第 1 版相比：新增 0 行，删除 0 行，修改 1 行/).waitFor();
    await tab.getByText(/修改 第\d+行 .*支付村部电费（6月，含路灯）（摘要）/).waitFor();
    await fitsThePhone(tab);
    await submit(corrected, false);
    await tab.getByText('这是第 2 版，已更正上一版').waitFor();
    // the same file again changes nothing
    await submit(corrected, false);
    await tab.getByRole('heading', { name: '内容没有变化，未产生新版本' }).waitFor();
    await tab.getByRole('link', { name: '查看公开页面' }).click();
    await tab.getByText('支付村部电费（6月，含路灯）').first().waitFor();
    const versions = (await store.listPublications('430802108214')).filter((p) => p.kind === 'finance');
    expect(versions.map((v) => v.version).sort()).toEqual([1, 2]);
    // 发布记录: both versions, the first marked as corrected
    await tab.goto(`${b.origin}/console/publications/`);
    await fitsThePhone(tab);
    expect(await tab.getByText('第 2 版').count()).toBe(1);
    expect(await tab.locator('li', { hasText: '第 1 版' }).getByText('已更正').isVisible()).toBe(true);
    await tab.context().close();
  });

  // Issue 17: a complaint from a WeChat group, recorded by the township's discipline office.
  it('turns a pasted group message into a recorded complaint, prints its slip, and the slip’s QR opens it for the villager', async () => {
    const store = b.portal.store;
    const password = '王家坪镇纪委登记用的密码';
    const made = await store.createAccounts(
      [{ name: '田玉兰', mobile: '13900000041', office: '王家坪镇纪委', title: '纪检干事', role: 'township-discipline', department: null, scope: '430802108', admin: false }],
      { at: new Date().toISOString(), by: null },
    );
    if (made.kind !== 'created') throw new Error(made.kind);
    await store.setPassword(made.accounts[0]!.id, JSON.stringify(await hashPassword(password)));
    const tab = await (await b.phone({ javaScriptEnabled: false })).newPage();
    await tab.goto(`${b.origin}/console/`);
    await tab.fill('#mobile', '13900000041');
    await tab.fill('#password', password);
    await tab.click('button[type="submit"]');
    await tab.getByRole('heading', { name: '工作台' }).waitFor();

    const res = await tab.goto(`${b.origin}/console/complaints/new/`);
    expect(res?.status()).toBe(200);
    await tab.getByRole('heading', { name: '登记群众反映' }).waitFor();
    await fitsThePhone(tab);
    await tab.fill('#paste', '王家坪镇马头溪村三组有几户耕地补贴没发，联系人老王 13907441234');
    await tab.getByRole('button', { name: '识别并填写下面各项' }).click();
    await tab.getByRole('heading', { name: /识别结果/ }).waitFor();
    await fitsThePhone(tab);
    // pre-filled, for staff to confirm: the village, the private contact, the masked public text, the category
    expect(await tab.inputValue('#village')).toBe('430802108214');
    expect(await tab.inputValue('#cphone')).toBe('13907441234');
    expect(await tab.inputValue('#text')).toContain('139****1234');
    expect(await tab.inputValue('#text')).not.toContain('13907441234');
    expect(await tab.inputValue('#category')).toBe('惠农补贴');
    // the suggested office, under the township's name, to dispatch to on saving (分类派发)
    const office = await tab.inputValue('#department');
    expect(office).toMatch(/^王家坪镇/);
    expect(await tab.getByText(/命中：.*补贴/).count()).toBeGreaterThan(0);
    // the 小微权力 item suggested, by the portal's default rules until the county saves its own
    expect(await tab.inputValue('#power-item')).toBe('subsidy-payout');
    expect(await tab.getByText('平台默认的分类规则').count()).toBe(1);
    // the screenshot of the group message, kept for staff only
    const screenshot = await sharp({ create: { width: 360, height: 780, channels: 3, background: '#ededed' } }).png().toBuffer();
    await tab.setInputFiles('#original', { name: 'group.png', mimeType: 'image/png', buffer: screenshot });
    await tab.getByRole('button', { name: '保存并打印回执' }).click();
    await tab.getByRole('heading', { name: '群众反映回执' }).waitFor();
    await fitsThePhone(tab);
    const code = (await tab.locator('strong.code').textContent())!.trim();
    expect(code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    expect(await tab.getByText('原始截图已保存（仅工作人员可见）。').count()).toBe(1);

    // printed: the slip carries the code and a QR that decodes to the complaint's tracking page
    const pdf = new Uint8Array(await tab.pdf({ width: '80mm', height: '200mm', printBackground: true }));
    expect(pdfText(pdf)).toContain(code);
    const url = await decodeQr(pdfPagePng(pdf, 1, 200));
    expect(url).toMatch(new RegExp(`/track/\\?code=${code}$`));
    const stored = await store.getComplaint(code.replace('-', ''));
    expect(stored).toMatchObject({ channel: 'wechat-group', village: '430802108214', contact: { name: '老王', phone: '13907441234' }, status: 'dispatched', department: office, intake: { powerItem: 'subsidy-payout' } });
    expect((await store.listOriginals(stored!.publicId)).map((o) => [o.mime, o.width])).toEqual([['image/webp', 360]]);
    // the complaint's page shows the kept screenshot to this office, and the rules page fits the phone too
    await tab.goto(`${b.origin}/console/complaints/${stored!.publicId}/`);
    await tab.getByRole('heading', { name: /原始材料/ }).waitFor();
    await fitsThePhone(tab);
    const shot = await tab.getByRole('link', { name: /原始材料 1/ }).getAttribute('href');
    expect((await tab.request.get(`${b.origin}${shot}`)).headers()['content-type']).toBe('image/webp');
    await tab.goto(`${b.origin}/console/classification/`);
    await tab.getByRole('heading', { name: /分类派发规则/ }).waitFor();
    await fitsThePhone(tab);
    // what staff kept of the suggestions is recorded for the county's rule writers
    expect((await store.listCorrections('430802108214')).map((c) => [c.kind, c.suggested, c.chosen])).toEqual([
      ['category', '惠农补贴', '惠农补贴'],
      ['department', office, office],
      ['power-item', 'subsidy-payout', 'subsidy-payout'],
    ]);
    await tab.context().close();

    // the villager opens the QR's address on their own phone and sees their complaint, without the number
    const villager = await (await b.phone({ javaScriptEnabled: false })).newPage();
    const { pathname, search } = new URL(url!);
    expect((await villager.goto(`${b.origin}${pathname}${search}`))?.status()).toBe(200);
    await villager.getByText('三组有几户耕地补贴没发').first().waitFor();
    await fitsThePhone(villager);
    expect(await villager.content()).not.toContain('13907441234');
    await villager.context().close();
  });
});
