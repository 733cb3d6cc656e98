import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { noChannels } from '../data/complaints/complaint-facts.ts';
import { beijingTime } from '../data/beijing-time.ts';
import type { Complaint } from '../data/complaints/complaint.ts';
import { newComplaint, staffAction, villagerFeedback, type WorkflowResult } from '../data/complaints/complaint-workflow.ts';
import { trackingCodeFrom } from '../data/complaints/tracking-code.ts';
import { publicationDigest } from '../data/publication-digest.ts';
import { Publication } from '../data/publication.ts';
import { createDataTwins, publicationApiView, summaryApiViews } from './data-twins.ts';
import { xlsxRows } from '../test/support/xlsx-read.ts';
import { XLSX_TYPE } from '../site/lib/xlsx-export.ts';
import { complaintStatsIndex } from '../site/lib/complaint-stats-index.ts';
import type { VillageJson } from '../site/lib/json-export.ts';
import { ledgerVersion } from '../test/support/ledger-versions.ts';
import { FIXTURES, MATOUXI, LONGGANG, bearer, postRaw, testApp, type TestApp } from './test-support.ts';

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(async () => {
  await t.cleanup();
});

async function publishLedger(body: Uint8Array<ArrayBuffer> | string = FIXTURES.finance): Promise<Publication> {
  const res = await postRaw(t, MATOUXI, 'kind=finance', body, { ...bearer(t.tokens.matouxi), 'content-type': 'text/csv' });
  expect(res.status).toBe(201);
  const { publication } = (await res.json()) as { publication: { id: string } };
  return (await t.store.getPublication(publication.id))!;
}

async function publishSubsidy(): Promise<Publication> {
  const res = await postRaw(t, MATOUXI, 'kind=subsidy', FIXTURES.subsidy, { ...bearer(t.tokens.matouxi), 'content-type': 'text/csv' });
  expect(res.status).toBe(201);
  const { publication } = (await res.json()) as { publication: { id: string } };
  return (await t.store.getPublication(publication.id))!;
}

const NOW = new Date('2026-10-20T04:00:00.000Z');
const get = (path: string) => Promise.resolve(createDataTwins(t.store, t.config, () => NOW).request(path));
const disposition = (ascii: string, name: string) => `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;

describe('data twins', () => {
  it('serve a publication exactly as stored, so anyone can recompute its SHA-256', async () => {
    const p = await publishLedger();
    const res = await get(`/v/${MATOUXI}/p/${p.id}/index.json`);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const served = (await res.json()) as Record<string, unknown>;
    const twin = Publication.parse(served);
    expect(twin).toEqual(p);
    expect(publicationDigest(twin)).toBe(twin.sha256);
    // the logged time as logged, the same instant in Beijing time beside it, and nothing else added
    expect(served.publishedAt).toBe(p.publishedAt);
    expect(served.publishedAtBeijing).toBe(beijingTime(p.publishedAt));
    expect(served.publishedAtBeijing).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?\+08:00$/);
    expect(Date.parse(served.publishedAtBeijing as string)).toBe(Date.parse(p.publishedAt));
    expect(Object.keys(served).filter((k) => !(k in p))).toEqual(['publishedAtBeijing']);
  });

  it('send every CSV as a download named in Chinese, as the spreadsheets are', async () => {
    const p = await publishLedger();
    if (p.content.kind !== 'finance') throw new Error('a ledger');
    const one = await get(`/v/${MATOUXI}/p/${p.id}/index.csv`);
    expect(one.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(one.headers.get('content-disposition')).toBe(disposition(`${p.id}.csv`, `${p.content.title}-第1版.csv`));
    const village = await get(`/v/${MATOUXI}/index.csv`);
    expect(village.headers.get('content-disposition')).toBe(disposition(`${MATOUXI}.csv`, '马头溪村-公开目录.csv'));
    const chart = await get(`/v/${MATOUXI}/charts/finance-by-account.csv`);
    expect(chart.headers.get('content-disposition')).toBe(disposition(`${MATOUXI}-finance-by-account.csv`, '马头溪村-2026年第三季度收支按科目.csv'));
    // the JSON stays inline: a browser shows it, a program reads it
    expect((await get(`/v/${MATOUXI}/index.json`)).headers.get('content-disposition')).toBeNull();
  });

  it('serve the ledger as CSV with a BOM for Excel, every entry a line', async () => {
    const p = await publishLedger();
    const res = await get(`/v/${MATOUXI}/p/${p.id}/index.csv`);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // fetch's text() would hide the BOM
    const text = new TextDecoder().decode(bytes);
    expect(text.startsWith('行号,')).toBe(true);
    expect(text.trimEnd().split('\r\n')).toHaveLength(1 + 15);
    expect(text).toContain('20150.00');
  });

  it('serve the ledger as a spreadsheet download: voucher numbers as text, amounts as numbers of two decimals, dates as dates, the totals the page shows', async () => {
    const p = await publishLedger();
    if (p.content.kind !== 'finance') throw new Error('a ledger');
    const res = await get(`/v/${MATOUXI}/p/${p.id}/index.xlsx`);
    expect(res.headers.get('content-type')).toBe(XLSX_TYPE);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${p.id}.xlsx"; filename*=UTF-8''${encodeURIComponent(`${p.content.title}-第1版.xlsx`)}`);
    const [header, ...rows] = await xlsxRows(new Uint8Array(await res.arrayBuffer()));
    const column = (name: string) => header!.findIndex((c) => c?.value === name);
    expect(rows).toHaveLength(p.content.entries.length);
    const vouchers = rows.map((r) => r[column('凭证号')] ?? null);
    expect(vouchers.map((c) => c?.value ?? null)).toEqual(p.content.entries.map((e) => e.voucher));
    for (const cell of vouchers) if (cell) expect(cell.numFmt).toBe('@');
    const sum = (name: string) => Math.round(rows.reduce((n, r) => n + Number(r[column(name)]?.value ?? 0), 0) * 100);
    expect(sum('收入(元)')).toBe(p.content.totals.income);
    expect(sum('支出(元)')).toBe(p.content.totals.expense);
    const income = rows.map((r) => r[column('收入(元)')]).find((c) => c !== null && c !== undefined)!;
    expect(income).toMatchObject({ value: expect.any(Number), numFmt: '0.00' });
    expect(rows[0]![column('日期')]).toEqual({ value: new Date(`${p.content.entries[0]!.date}T00:00:00.000Z`), numFmt: 'yyyy-mm-dd' });
  });

  it('serve the village’s versions as a spreadsheet with the village code as text, not 4.30802E+11', async () => {
    const p = await publishLedger();
    const res = await get(`/v/${MATOUXI}/index.xlsx`);
    expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('马头溪村-公开目录.xlsx')}`);
    const [header, first] = await xlsxRows(new Uint8Array(await res.arrayBuffer()));
    expect(header!.map((c) => c?.value).slice(0, 3)).toEqual(['编号', '村代码', '类型']);
    expect(first!.slice(0, 2)).toEqual([{ value: p.id, numFmt: '@' }, { value: MATOUXI, numFmt: '@' }]);
    expect(first![header!.findIndex((c) => c?.value === '版本')]).toEqual({ value: 1, numFmt: '0' });
    expect((await get('/v/430802108999/index.xlsx')).status).toBe(404);
  });

  it('list the village with its place in the region and every version, corrections marked', async () => {
    const v1 = await publishLedger();
    const v2 = await publishLedger(ledgerVersion(1));
    const village = (await (await get(`/v/${MATOUXI}/index.json`)).json()) as VillageJson;
    expect(village.village.name).toBe('马头溪村');
    expect(village.village.path).toEqual([
      { code: '430802', name: '永定区' },
      { code: '430802108', name: '王家坪镇' },
      { code: MATOUXI, name: '马头溪村' },
    ]);
    expect(village.publications.map((p) => p.id)).toEqual([v2.id]);
    expect(village.history.find((h) => h.id === v1.id)?.supersededBy).toBe(v2.id);
    expect(village.history.map((h) => [h.id, h.state])).toEqual([[v2.id, '现行'], [v1.id, '已更正']]);
    expect(village.history.map((h) => h.publishedAtBeijing)).toEqual([beijingTime(v2.publishedAt), beijingTime(v1.publishedAt)]);
    const old = Publication.parse(await (await get(`/v/${MATOUXI}/p/${v1.id}/index.json`)).json());
    expect(old.supersededBy).toBe(v2.id);
    const csv = await (await get(`/v/${MATOUXI}/index.csv`)).text();
    expect(csv).toContain('已更正');
    expect(csv).toContain(`https://cunwu.example.cn/v/${MATOUXI}/p/${v2.id}/`);
  });

  it('serve a taken-down version without its content, saying why, and keep its SHA-256 for the log', async () => {
    const p = await publishLedger();
    await t.store.tombstone(p.id, '误公开了村民的手机号 / a phone number was published by mistake', '2026-10-13T01:00:00.000Z');
    const json = (await (await get(`/v/${MATOUXI}/p/${p.id}/index.json`)).json()) as Record<string, unknown>;
    expect(json).toMatchObject({
      id: p.id, sha256: p.sha256, version: 1, content: null,
      takedown: { reason: '误公开了村民的手机号 / a phone number was published by mistake', at: '2026-10-13T01:00:00.000Z', atBeijing: '2026-10-13T09:00:00+08:00', logIndex: 1 },
    });
    const res = await get(`/v/${MATOUXI}/p/${p.id}/index.csv`);
    // named by its id, not by the title that may be what was taken down
    expect(res.headers.get('content-disposition')).toBe(disposition(`${p.id}.csv`, `${p.id}-已撤下.csv`));
    const csv = await res.text();
    expect(csv).toContain('已撤下');
    expect(csv).toContain(',2026-10-13T09:00:00+08:00,');
    expect(csv).not.toContain('2026-10-13T01:00:00');
    expect(csv).toContain(p.sha256);
    expect(csv).not.toContain('20150.00');
    const village = (await (await get(`/v/${MATOUXI}/index.json`)).json()) as { publications: { id: string; content: unknown }[] };
    expect(village.publications).toEqual([expect.objectContaining({ id: p.id, content: null, takedown: expect.objectContaining({ logIndex: 1 }) })]);
    expect(JSON.stringify(village)).not.toContain('20150');
  });

  it('name a taken-down version nowhere by its title, subject or file name, and mark it 已撤下 / takenDown in every format', async () => {
    const kept = await publishLedger();
    const p = await publishSubsidy();
    const title = p.content.title;
    expect(title).toContain('耕地地力保护补贴');
    const takedown = { publicationId: p.id, reason: '误公开了村民的银行卡号', at: '2026-10-13T01:00:00.000Z', logIndex: 2 };
    expect(await t.store.tombstone(p.id, takedown.reason, takedown.at)).toEqual({ kind: 'taken-down', takedown });

    const twin = (await (await get(`/v/${MATOUXI}/p/${p.id}/index.json`)).json()) as Record<string, unknown>;
    expect(twin).toEqual({
      id: p.id, village: MATOUXI, kind: 'subsidy', period: p.period, subject: '', version: 1, supersedes: null, supersededBy: null,
      publishedAt: p.publishedAt, publishedAtBeijing: beijingTime(p.publishedAt), sha256: p.sha256, sample: false, source: { filename: null, format: 'csv' }, content: null, takenDown: true,
      takedown: { reason: takedown.reason, at: takedown.at, atBeijing: '2026-10-13T09:00:00+08:00', logIndex: 2 },
    });
    const village = (await (await get(`/v/${MATOUXI}/index.json`)).json()) as VillageJson;
    expect(village.history.map((h) => [h.id, h.title, h.takenDown, h.state])).toEqual([[p.id, null, true, '已撤下'], [kept.id, kept.content.title, false, '现行']]);
    expect(village.history[0]).toMatchObject({ takedown: { reason: takedown.reason, at: takedown.at, atBeijing: '2026-10-13T09:00:00+08:00', logIndex: 2 } });
    const villageCsv = await (await get(`/v/${MATOUXI}/index.csv`)).text();
    const line = villageCsv.split('\r\n').find((l) => l.startsWith(p.id)) ?? '';
    expect(line).toContain(',已撤下,');
    expect(line).toContain('误公开了村民的银行卡号');
    const bodies = [JSON.stringify(twin), JSON.stringify(village), villageCsv, await (await get(`/v/${MATOUXI}/p/${p.id}/index.csv`)).text()];
    for (const body of bodies) {
      expect(body).not.toContain(title);
      expect(body).not.toContain('耕地地力保护补贴');
    }
    expect(villageCsv).toContain(kept.content.title);
  });

  it('carry the village’s complaint figures, counted as its page counts them', async () => {
    const empty = (await (await get(`/v/${MATOUXI}/index.json`)).json()) as VillageJson;
    expect(empty.complaints).toEqual({ received: 0, closed: 0, overdue: 0, medianDaysToAnswer: null, satisfaction: null, feedbacks: 0, byChannel: noChannels(), asOf: '2026-10-20T12:00:00+08:00', partial: false });

    const file = (n: number, village: string, at: string) =>
      t.store.fileComplaint(newComplaint({ village, category: '财务公开', text: `第${n}件：账目看不明白，请解释。`, anonymous: true }, trackingCodeFrom(Uint8Array.from([n, 2, 3, 4, 5, 6, 7])), at));
    const answered = await file(1, MATOUXI, '2026-10-12T02:00:00.000Z');
    await file(2, MATOUXI, '2026-09-01T02:00:00.000Z'); // never dispatched: overdue by now
    await file(3, LONGGANG, '2026-10-12T02:00:00.000Z'); // another village's
    const act = async (f: (c: Complaint) => WorkflowResult) => {
      const done = await t.store.updateComplaint(answered.trackingCode, f);
      expect(done.kind).toBe('updated');
    };
    await act((c) => staffAction(c, { type: 'dispatch', department: '镇农经站' }, '镇里', '2026-10-12T03:00:00.000Z'));
    await act((c) => staffAction(c, { type: 'reply', text: '已张贴明细。' }, '镇农经站', '2026-10-14T02:00:00.000Z'));
    await act((c) => staffAction(c, { type: 'close', resolution: '已解释。' }, '镇农经站', '2026-10-15T02:00:00.000Z'));
    await act((c) => villagerFeedback(c, { satisfied: true }, '2026-10-16T02:00:00.000Z'));

    const { complaints } = (await (await get(`/v/${MATOUXI}/index.json`)).json()) as VillageJson;
    const page = complaintStatsIndex({
      list: (scope, limit) => t.store.listComplaints({ scope, limit }),
      figures: t.store,
      divisions: await t.store.listDivisions(''),
      deadlines: t.config.complaints.deadlines,
      now: NOW.toISOString(),
    });
    const { stats, partial } = await page.statsOf(MATOUXI);
    expect(complaints).toEqual({ ...stats, asOf: '2026-10-20T12:00:00+08:00', partial });
    expect(complaints?.byChannel).toMatchObject({ portal: 2, phone: 0 });
    expect(complaints).toMatchObject({ received: 2, closed: 1, overdue: 1, medianDaysToAnswer: 2, satisfaction: 1, feedbacks: 1 });
  });

  it('give the API a taken-down version and its summary in the takedown form, the others as before', async () => {
    const kept = await publishLedger();
    const p = await publishSubsidy();
    await t.store.tombstone(p.id, '误公开了村民的银行卡号', '2026-10-13T01:00:00.000Z');
    const takedown = await t.store.getTakedown(p.id);
    const one = publicationApiView(t.config, p, takedown);
    expect(one).toMatchObject({ id: p.id, content: null, takenDown: true, takedown: { logIndex: 2 }, url: `https://cunwu.example.cn/v/${MATOUXI}/p/${p.id}/` });
    expect(publicationApiView(t.config, kept, null)).toMatchObject({ id: kept.id, title: kept.content.title, content: kept.content });
    const summaries = summaryApiViews(t.config, await t.store.listPublications(MATOUXI), new Map([[p.id, takedown!]]));
    expect(summaries.map((s) => [s.id, s.title, s.takenDown])).toEqual([[p.id, null, true], [kept.id, kept.content.title, false]]);
    for (const body of [JSON.stringify(one), JSON.stringify(summaries)]) expect(body).not.toContain('耕地地力保护补贴');
  });

  it('answer 404 for an unknown village, an unknown publication, or a publication under another village', async () => {
    const p = await publishLedger();
    expect((await get('/v/430802108999/index.json')).status).toBe(404);
    expect((await get(`/v/${MATOUXI}/p/nosuchid/index.json`)).status).toBe(404);
    expect((await get(`/v/${LONGGANG}/p/${p.id}/index.csv`)).status).toBe(404);
  });

  it('serve each village chart’s numbers as CSV, computed as the page computes them, and nothing once taken down', async () => {
    const p = await publishLedger();
    const res = await get(`/v/${MATOUXI}/charts/finance-by-account.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const text = await res.text();
    expect(text.split('\r\n')[0]).toBe('科目,收入(元),支出(元)');
    expect(text).toContain('\r\n补助收入,55000.00,\r\n');
    // one period has no chart of periods, and no project list no project chart
    expect((await get(`/v/${MATOUXI}/charts/finance-by-period.csv`)).status).toBe(404);
    expect((await get(`/v/${MATOUXI}/charts/project-budget-paid.csv`)).status).toBe(404);
    expect((await get(`/v/${MATOUXI}/charts/..%2Findex.csv`)).status).toBe(404);
    await t.store.tombstone(p.id, '误公开了个人信息', '2026-10-13T01:00:00.000Z');
    expect((await get(`/v/${MATOUXI}/charts/finance-by-account.csv`)).status).toBe(404);
  });
});
