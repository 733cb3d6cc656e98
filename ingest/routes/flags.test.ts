import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kangjiapingLedgers } from '../../data/demo/kangjiaping.ts';
import { flagEventDigest } from '../../data/log/log-leaf.ts';
import { importPublication } from '../../data/import/import-publication.ts';
import type { ContractContent, FinanceContent } from '../../data/publication.ts';
import { bearer, FIXTURES, GAOFENG, KANGJIAPING, postRaw, SHUANGXING, testApp, type TestApp } from '../test-support.ts';

/**
 * The red flags over HTTP, from the acceptance list of issue 12: 康家坪村's contract ledger and
 * ledgers without one tenant's fees raise the overdue-fee flags after the upload; the village sees
 * them at once, villagers only after the explanation window; uploading the payment clears them.
 */

const START = Date.UTC(2026, 11, 6, 2, 0, 0);
let t: TestApp;
let village: string;
let township: string;
let ledgers: FinanceContent[];

beforeAll(async () => {
  let tick = 0;
  t = await testApp({ flags: true, clock: () => new Date(START + 1000 * tick++) });
  village = await t.token(KANGJIAPING);
  township = await t.token(GAOFENG);
  const contract = await importPublication({ bytes: FIXTURES.contract, format: 'csv', kind: 'contract', idMask: { keepStart: 6, keepEnd: 4 } });
  if (!contract.ok || contract.content.kind !== 'contract') throw new Error('the contract sample must import');
  ledgers = kangjiapingLedgers(contract.content as ContractContent, '2026-12-06');
  for (const ledger of ledgers) {
    const { kind: _kind, ...body } = ledger;
    const res = await postRaw(t, KANGJIAPING, 'kind=finance', JSON.stringify(body), { ...bearer(village), 'content-type': 'application/json' });
    expect(res.status, await res.clone().text()).toBe(201);
  }
  const res = await postRaw(t, KANGJIAPING, 'kind=contract', FIXTURES.contract as Uint8Array<ArrayBuffer>, { ...bearer(village), 'content-type': 'text/csv' });
  expect(res.status, await res.clone().text()).toBe(201);
}, 60_000);

afterAll(async () => {
  await t.cleanup();
});

interface FlagJson {
  id: string;
  rule: string;
  status: string;
  title: string;
  amount: number | null;
  public: boolean;
  evidence: Array<{ kind: string; row: number | null }>;
  events: Array<{ seq: number; type: string; sha256: string; byData?: boolean }>;
}

async function flags(query: string, token?: string): Promise<FlagJson[]> {
  const res = await t.app.request(`/api/v1/flags?${query}`, { headers: token ? bearer(token) : {} });
  expect(res.status).toBe(200);
  return ((await res.json()) as { flags: FlagJson[] }).flags;
}

const overdueOf = (list: FlagJson[]) => list.filter((f) => f.rule === 'receivable-overdue').sort((a, b) => Number(a.id) - Number(b.id));

describe('red flags after an upload', () => {
  it('raises the overdue-fee flags for the two years of 金坪公司 fees that never arrived', async () => {
    const mine = overdueOf(await flags(`scope=${KANGJIAPING}`, village));
    expect(mine.map((f) => [f.status, f.amount])).toEqual([
      ['open', 13_060_000],
      ['open', 13_060_000],
    ]);
    expect(mine[0]?.title).toContain('2024-12-31');
    expect(mine[1]?.title).toContain('2025-12-31');
    // the evidence points at the contract's row in the ledger of contracts
    expect(mine[0]?.evidence).toContainEqual(expect.objectContaining({ kind: 'contract', row: 4 }));
  });

  it('shows villagers nothing until the village has had its working days to explain', async () => {
    expect(await flags(`scope=${KANGJIAPING}`)).toEqual([]);
    const one = overdueOf(await flags(`scope=${KANGJIAPING}`, village))[0]!;
    expect(one.public).toBe(false);
    // not public: the flag does not exist for an anonymous reader, nor for another township's token
    expect((await t.app.request(`/api/v1/flags/${one.id}`)).status).toBe(404);
    expect((await t.app.request(`/api/v1/flags/${one.id}`, { headers: bearer(t.tokens.matouxi) })).status).toBe(404);
    expect((await t.app.request(`/api/v1/flags/${one.id}`, { headers: bearer(township) })).status).toBe(200);
  });

  it('lets the village explain, the township confirm, and nobody the other’s part', async () => {
    const [one] = overdueOf(await flags(`scope=${KANGJIAPING}`, village));
    const post = (token: string, body: unknown) => t.app.request(`/api/v1/flags/${one!.id}/events`, { method: 'POST', headers: { ...bearer(token), 'content-type': 'application/json' }, body: JSON.stringify(body) });

    expect((await post(township, { type: 'explain', text: '乡镇不能替村里说明情况' })).status).toBe(403);
    expect((await post(village, { type: 'confirm', reason: '村里不能自己审核' })).status).toBe(403);
    expect((await post(village, { type: 'explain', text: 'x' })).status).toBe(400);

    const explained = await post(village, { type: 'explain', text: '承包方申请缓缴，联系电话13812345678，村里已发催缴函。' });
    expect(explained.status).toBe(200);
    const flag = ((await explained.json()) as { flag: FlagJson }).flag;
    expect(flag.status).toBe('explained');
    // a phone number typed into an explanation is masked before it is stored
    expect(JSON.stringify(flag)).not.toContain('13812345678');
    expect(JSON.stringify(flag)).toContain('138****5678');

    expect((await post(township, { type: 'confirm', reason: '经核实确未收取' })).status).toBe(200);
    const again = await post(township, { type: 'dismiss', reason: '已确认的不能再排除' });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('invalid-flag-transition');
  });

  it('serves each step with the digest its log leaf carries', async () => {
    const [one] = overdueOf(await flags(`scope=${KANGJIAPING}`, village));
    const res = await t.app.request(`/api/v1/flags/${one!.id}`, { headers: bearer(village) });
    const flag = ((await res.json()) as { flag: FlagJson & { village: string } }).flag;
    const leaves = await t.store.logLeaves(0, await t.store.logSize());
    for (const e of flag.events) {
      const { sha256, ...event } = e;
      expect(sha256).toBe(flagEventDigest({ id: flag.id, village: flag.village, rule: 'receivable-overdue' }, event as never));
      expect(leaves.some((l) => l.leaf.includes(`"sha256":"${sha256}"`) && l.leaf.includes('"type":"flag-event"'))).toBe(true);
    }
    expect(flag.events.map((e) => e.type)).toEqual(['raised', 'explained', 'confirmed']);
  });

  it('clears both flags when the payment is uploaded, and keeps their history', async () => {
    const last = ledgers.at(-1)!;
    const opening = (last.totals.closingBalance ?? 0) / 100;
    const csv = [
      '康家坪村2026年第四季度财务收支明细',
      '日期,凭证号,摘要,科目,收入金额（元）,支出金额（元）,余额（元）',
      `2026-10-01,,上期结余,,,,"${opening.toFixed(2)}"`,
      `2026-12-05,记-001,收到张家界金坪生态农业开发有限公司2024、2025年度土地流转费,发包及上交收入,"261,200.00",,"${(opening + 261_200).toFixed(2)}"`,
    ].join('\r\n');
    const res = await postRaw(t, KANGJIAPING, 'kind=finance', csv, { ...bearer(village), 'content-type': 'text/csv' });
    expect(res.status, await res.clone().text()).toBe(201);
    const after = overdueOf(await flags(`scope=${KANGJIAPING}&status=resolved`, village));
    expect(after).toHaveLength(2);
    for (const f of after) expect(f.events.at(-1)).toMatchObject({ type: 'resolved', byData: true });
    expect(overdueOf(await flags(`scope=${KANGJIAPING}&status=active`, village))).toEqual([]);
  });
});

describe('county settings', () => {
  it('refuses a township token, names the wrong field, and versions what a county saves', async () => {
    const county = t.tokens.county; // 430821
    const put = (token: string, body: unknown) => t.app.request('/api/v1/flag-settings/430821', { method: 'PUT', headers: { ...bearer(token), 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await put(township, { publication: { mode: 'immediate' } })).status).toBe(403);
    const bad = await put(county, { rules: { 'cash-over-limit': { limit: -1 } } });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { errors: Array<{ field: string }> }).errors.map((e) => e.field)).toEqual(['rules.cash-over-limit.limit']);
    expect((await put(county, { publication: { mode: 'immediate', workingDays: 0 } })).status).toBe(201);
    expect((await put(county, { publication: { mode: 'immediate', workingDays: 0 }, rules: { 'contract-term': { maxYears: { 'construction-land': 30 } } } })).status).toBe(201);
    const read = await t.app.request('/api/v1/flag-settings/430821');
    const body = (await read.json()) as { latest: { version: number }; versions: unknown[] };
    expect(body.latest.version).toBe(2);
    expect(body.versions).toHaveLength(2);
  });

  it('applies the county’s thresholds and publication policy on the next run', async () => {
    const res = await t.app.request(`/api/v1/flags/run?scope=${KANGJIAPING}`, { method: 'POST', headers: bearer(township) });
    expect(res.status).toBe(200);
    // a 25-year rooftop lease is within the county's 30 years: its flag is resolved by the data
    const term = (await flags(`scope=${KANGJIAPING}&rule=contract-term&status=resolved`, village));
    expect(term).toHaveLength(1);
    expect((await t.app.request(`/api/v1/flags/run?scope=${KANGJIAPING}`, { method: 'POST', headers: bearer(village) })).status).toBe(403);
  });
});

describe('duplicate beneficiaries', () => {
  it('finds one person in two villages’ lists of one programme without ever storing the ID number', async () => {
    const rawId = '430821198807160016';
    const list = (name: string, extra: string, extraId: string) =>
      [
        '2026年耕地地力保护补贴发放花名册',
        '序号,户主姓名,身份证号码,补贴面积（亩）,补贴标准（元/亩）,补贴金额（元）,发放时间',
        `1,${name},${rawId},2.00,105.65,211.30,2026-05-20`,
        `2,${extra},${extraId},1.00,105.65,105.65,2026-05-20`,
        '合计,,,3.00,,316.95,',
      ].join('\r\n');
    const shuangxing = await t.token(SHUANGXING);
    for (const [code, token, other, otherId] of [
      [KANGJIAPING, village, '张大山', '430821198001012233'],
      [SHUANGXING, shuangxing, '李小河', '43082119750203441X'],
    ] as const) {
      const res = await postRaw(t, code, 'kind=subsidy', list('向秋菊', other, otherId), { ...bearer(token), 'content-type': 'text/csv' });
      expect(res.status, await res.clone().text()).toBe(201);
    }
    const here = await flags(`scope=${KANGJIAPING}&rule=duplicate-beneficiary`, village);
    const there = await flags(`scope=${SHUANGXING}&rule=duplicate-beneficiary`, shuangxing);
    expect(here).toHaveLength(1);
    expect(there).toHaveLength(1);
    expect(here[0]?.title).toContain('向秋菊');
    // the second upload changed the first village's flags too: its pages were asked to follow
    expect(t.flagChanges.at(-1)).toEqual([KANGJIAPING]);

    const bytes = await t.everythingStored();
    // the scan finds what is stored: the name is there, in the published list
    expect(bytes.includes(Buffer.from('向秋菊'))).toBe(true);
    expect(bytes.includes(Buffer.from('430821********0016'))).toBe(true);
    expect(bytes.includes(Buffer.from(rawId))).toBe(false);
    expect(bytes.includes(Buffer.from(rawId, 'utf16le'))).toBe(false);
  });
});
