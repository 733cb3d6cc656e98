import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPublication } from '../data/import/import-publication.ts';
import { parse } from 'csv-parse/sync';
import { beijingTime } from '../data/beijing-time.ts';
import { fenToPlain } from '../data/money.ts';
import { newPublication } from '../data/new-publication.ts';
import { bearer, FIXTURE_NAMES, FIXTURES, json, LONGGANG, MATOUXI, postForm, testApp, WANGJIAPING_VILLAGE, XLSX_TYPE, type TestApp } from './test-support.ts';

// The three field samples, uploaded through the API as an official would, then searched.
let t: TestApp;
const ids = { finance: '', subsidy: '', project: '' };
beforeAll(async () => {
  t = await testApp();
  const csv = async (kind: 'finance' | 'subsidy') => {
    const res = await t.app.request(`/api/v1/villages/${MATOUXI}/publications?kind=${kind}`, {
      method: 'POST',
      body: FIXTURES[kind],
      headers: { ...bearer(t.tokens.matouxi), 'content-type': 'text/csv' },
    });
    expect(res.status).toBe(201);
    return (await json(res)).publication.id as string;
  };
  ids.finance = await csv('finance');
  ids.subsidy = await csv('subsidy');
  const res = await postForm(t, LONGGANG, { kind: 'project' }, { bytes: FIXTURES.project, name: FIXTURE_NAMES.project, type: XLSX_TYPE }, bearer(t.tokens.longgang));
  expect(res.status).toBe(201);
  ids.project = (await json(res)).publication.id;
});
afterAll(async () => {
  await t.cleanup();
});

const search = async (query: string) => {
  const res = await t.app.request(`/api/v1/search?${query}`);
  return { status: res.status, body: await json(res) };
};
const q = (text: string) => `q=${encodeURIComponent(text)}`;
const hitText = (r: { snippet: { text: string; hit: boolean }[] }) =>
  r.snippet
    .filter((s) => s.hit)
    .map((s) => s.text)
    .join('|');

describe('GET /api/v1/search', () => {
  it('browses without words: every row the filters let through, newest first', async () => {
    const ledger = (await t.store.currentPublications(MATOUXI)).find((p) => p.kind === 'finance')!;
    const rows = ledger.content.kind === 'finance' ? ledger.content.entries.length + 1 : 0; // its lines and its title row
    const { status, body } = await search(`village=${MATOUXI}&kind=finance&pageSize=100`);
    expect(status).toBe(200);
    expect(body.total).toBe(rows);
    expect(new Set(body.results.map((r: { publication: { id: string } }) => r.publication.id))).toEqual(new Set([ledger.id]));
    const everything = await search('pageSize=100');
    expect(everything.body.total).toBeGreaterThan(rows);
    expect(everything.body.fallback).toBe(false);
  });

  it('finds a ledger row by a word of its 摘要, with its village, publication and row anchor', async () => {
    const { status, body } = await search(q('土地流转'));
    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: true, total: 1, page: 1, pageSize: 20, fallback: false });
    const [hit] = body.results;
    expect(hit.village).toEqual({ code: MATOUXI, name: '马头溪村', township: '王家坪镇', county: '永定区' });
    expect(hit.publication).toEqual({ id: ids.finance, kind: 'finance', period: '2026-Q3', url: `https://cunwu.example.cn/v/${MATOUXI}/p/${ids.finance}/` });
    // 记-001 is the fifth line of the file (title, unit line, header, opening balance before it)
    expect(hit.row).toBe(5);
    expect(hit.url).toBe(`https://cunwu.example.cn/v/${MATOUXI}/p/${ids.finance}/#r5`);
    expect(hitText(hit)).toBe('土地流转');
    expect(hit.snippet.map((s: { text: string }) => s.text).join('')).toContain('20,150.00');
  });

  it('finds a recipient in the subsidy list by name, with the ID number only masked and no phone number', async () => {
    const { body } = await search(q('谷世军'));
    expect(body.total).toBe(1);
    const [hit] = body.results;
    expect(hit.publication.kind).toBe('subsidy');
    expect(hit.publication.id).toBe(ids.subsidy);
    expect(hitText(hit)).toBe('谷世军');
    const text = JSON.stringify(body);
    expect(text).not.toContain('430802196401241328');
    expect(text).not.toContain('13826092975');
    expect(text).toContain('430802********1328');
  });

  it('finds an amount however it is typed, and filters by amount in yuan', async () => {
    for (const amount of ['20150', '20,150.00', '20150元']) {
      const { body } = await search(q(amount));
      expect(body.results.map((r: { row: number }) => r.row), amount).toEqual([5]);
    }
    const { body: inRange } = await search(`${q('收到')}&min=${encodeURIComponent('20,000.00')}&max=60000`);
    expect(inRange.results.map((r: { row: number }) => r.row).sort()).toEqual([5, 7]);
  });

  it('filters by kind and by village, and counts facets over the whole result set', async () => {
    const all = (await search(q('工程'))).body;
    expect(all.facets.kind.finance).toBeGreaterThan(0);
    expect(all.facets.kind.project).toBeGreaterThan(0);
    expect(all.facets.county['430802'].name).toBe('永定区');
    expect(all.facets.county['430821']).toEqual({ name: '慈利县', count: all.facets.kind.project });

    const projects = (await search(`${q('工程')}&kind=project`)).body;
    expect(projects.total).toBe(all.facets.kind.project);
    expect(projects.results.every((r: { publication: { kind: string } }) => r.publication.kind === 'project')).toBe(true);

    const matouxi = (await search(`${q('工程')}&village=${MATOUXI}`)).body;
    expect(matouxi.total).toBe(all.facets.county['430802'].count);
    expect(matouxi.results.every((r: { village: { code: string } }) => r.village.code === MATOUXI)).toBe(true);
    expect((await search(`${q('工程')}&county=430821`)).body.total).toBe(all.facets.county['430821'].count);
  });

  it('pages through the results without repeating a row', async () => {
    const first = (await search(`${q('村')}&pageSize=5&page=1`)).body;
    const second = (await search(`${q('村')}&pageSize=5&page=2`)).body;
    expect(first.total).toBeGreaterThan(10);
    expect(second).toMatchObject({ page: 2, pageSize: 5, total: first.total });
    expect(first.results).toHaveLength(5);
    expect(second.results).toHaveLength(5);
    const key = (r: { url: string }) => r.url;
    const seen = new Set(first.results.map(key));
    for (const r of second.results) expect(seen.has(key(r))).toBe(false);
  });

  it.each([
    [`q=${'村'.repeat(101)}`, 'q'],
    [`${q('村')}&kind=loan`, 'kind'],
    [`${q('村')}&village=4308`, 'village'],
    [`${q('村')}&county=43080`, 'county'],
    [`${q('村')}&from=2026-02-30`, 'from'],
    [`${q('村')}&from=2026-09-01&to=2026-08-01`, 'to'],
    [`${q('村')}&min=abc`, 'min'],
    [`${q('村')}&min=1.234`, 'min'],
    [`${q('村')}&min=100&max=50`, 'max'],
    [`${q('村')}&sort=newest`, 'sort'],
    [`${q('村')}&page=0`, 'page'],
    [`${q('村')}&pageSize=500`, 'pageSize'],
  ])('answers 400 naming the field for ?%s', async (query, field) => {
    const { status, body } = await search(query);
    expect(status).toBe(400);
    expect(body.ok).toBe(false);
    expect(body.error.code).toBe('bad-request');
    expect(body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(body.error.message).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
  });
});

describe('GET /api/v1/search/totals', () => {
  it('adds the results up by village, township or period, in fen, as the export has them', async () => {
    const csv = await (await t.app.request(`/api/v1/search.csv?kind=finance&county=430802`)).text();
    const rows = parse(csv.replace(/^\uFEFF/, ''), { columns: true }) as Array<Record<string, string>>;
    const fen = (yuan: string) => (yuan === '' ? 0 : Math.round(Number(yuan) * 100));
    for (const group of ['village', 'township', 'period'] as const) {
      const res = await t.app.request(`/api/v1/search/totals?kind=finance&county=430802&group=${group}`);
      expect(res.status).toBe(200);
      const body = await json(res);
      expect(body).toMatchObject({ ok: true, group, counted: rows.length, complete: true });
      const income = body.rows.reduce((n: number, r: { income: number | null }) => n + (r.income ?? 0), 0);
      expect(income).toBe(rows.reduce((n, r) => n + fen(r['收入（元）']!), 0));
      expect(income).toBeGreaterThan(0);
    }
    const byVillage = await json(await t.app.request(`/api/v1/search/totals?kind=finance&village=${MATOUXI}`));
    const ledger = (await t.store.currentPublications(MATOUXI)).find((p) => p.kind === 'finance')!;
    expect(byVillage.rows).toEqual([
      expect.objectContaining({ key: MATOUXI, name: '马头溪村', income: ledger.content.kind === 'finance' ? ledger.content.totals.income : -1, expense: ledger.content.kind === 'finance' ? ledger.content.totals.expense : -1 }),
    ]);
    const byPeriod = await json(await t.app.request(`/api/v1/search/totals?kind=finance&village=${MATOUXI}&group=period`));
    expect(byPeriod.rows.map((r: { name: string }) => r.name)).toEqual(['2026年第三季度']);
  });

  it('answers 400 naming the field for a grouping it does not know', async () => {
    const res = await t.app.request('/api/v1/search/totals?group=county');
    expect(res.status).toBe(400);
    expect((await json(res)).errors.map((e: { field: string }) => e.field)).toEqual(['group']);
  });
});

describe('GET /api/v1/search.csv', () => {
  it('downloads the whole result set as UTF-8 CSV with a BOM and the named columns', async () => {
    const res = await t.app.request(`/api/v1/search.csv?${q('村')}&pageSize=5`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('县,乡镇,村,村代码,类型,期间,行号,日期,收入（元）,支出（元）,金额（元）,预算（元）,合同金额（元）,已付（元）,对方单位或户名,内容,公开时间（北京时间）,版本,网址,示例数据');
    // the uploads here are real (not sample data), and say so
    expect(lines.slice(1).every((l) => l.endsWith(',否'))).toBe(true);
    const total = (await search(q('村'))).body.total;
    // every row, not one page
    expect(lines.length - 1).toBe(total);
    expect(lines.some((l) => l.startsWith(`永定区,王家坪镇,马头溪村,${MATOUXI},财务收支,2026-Q3,5,`))).toBe(true);
  });

  it('gives each row its date, amounts and counterparty in columns of their own, with its version and publication time', async () => {
    const csv = await (await t.app.request(`/api/v1/search.csv?${q('土地流转')}`)).text();
    const rows = parse(csv.replace(/^\uFEFF/, ''), { columns: true }) as Array<Record<string, string>>;
    const line = rows.find((r) => r['村代码'] === MATOUXI && r['行号'] === '5');
    const ledger = (await t.store.currentPublications(MATOUXI)).find((p) => p.kind === 'finance')!;
    const entry = ledger.content.kind === 'finance' ? ledger.content.entries.find((e) => e.row === 5)! : null;
    expect(line).toMatchObject({
      日期: entry!.date,
      '收入（元）': fenToPlain(entry!.income),
      '支出（元）': fenToPlain(entry!.expense),
      '金额（元）': '',
      '预算（元）': '',
      版本: String(ledger.version),
      '公开时间（北京时间）': beijingTime(ledger.publishedAt),
    });
    expect(Number(line!['收入（元）'])).toBeGreaterThan(0);
  });

  it('marks sample data 示例数据 in the export', async () => {
    const current = (await t.store.currentPublications(MATOUXI)).find((p) => p.kind === 'finance')!;
    const subsidy = await importPublication({ bytes: FIXTURES.subsidy, format: 'csv', kind: 'subsidy', idMask: { keepStart: 6, keepEnd: 4 } });
    if (!subsidy.ok) throw new Error('the fixture imports');
    await t.store.publish(newPublication({ village: LONGGANG, content: { ...subsidy.content, title: '【示例数据】示例花名册' }, publishedAt: new Date(Date.parse(current.publishedAt) + 1000).toISOString(), sample: true, source: { filename: null, format: 'csv' } }));
    const csv = await (await t.app.request(`/api/v1/search.csv?${q('示例花名册')}`)).text();
    const lines = csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n').slice(1);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => l.endsWith(',是'))).toBe(true);
    // a subsidy row: what was paid, and to whom
    const rows = parse(csv.replace(/^\uFEFF/, ''), { columns: true }) as Array<Record<string, string>>;
    const paid = subsidy.content.kind === 'subsidy' ? subsidy.content.rows : [];
    for (const r of rows.filter((x) => Number(x['行号']) > 0)) {
      const row = paid.find((p) => p.row === Number(r['行号']))!;
      expect([r['金额（元）'], r['对方单位或户名'], r['收入（元）']]).toEqual([fenToPlain(row.amount), row.name, '']);
    }
  });

  it('neutralises a cell a spreadsheet would run as a formula', async () => {
    // A list whose first name starts with "=": its row text starts the 内容 cell.
    const [title, header, first] = new TextDecoder().decode(FIXTURES.subsidy).split(/\r?\n/);
    const doctored = [title, header, first?.replace('李小平', '=HYPERLINK("http://evil")石大山')].join('\r\n');
    // 马头溪村's list, sent for 王家坪村 with its title confirmed
    const upload = await t.app.request(`/api/v1/villages/${WANGJIAPING_VILLAGE}/publications?kind=subsidy&confirmPlace=1`, {
      method: 'POST',
      body: doctored,
      headers: { ...bearer(t.tokens.township), 'content-type': 'text/csv' },
    });
    expect(upload.status, await upload.clone().text()).toBe(201);
    const res = await t.app.request(`/api/v1/search.csv?${q('石大山')}`);
    const lines = (await res.text()).split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(`,"'=HYPERLINK(""http://evil"")石大山 `);
  });

  it('answers 400 with the JSON envelope for a sort it does not know', async () => {
    const res = await t.app.request('/api/v1/search.csv?kind=finance&sort=size');
    expect(res.status).toBe(400);
    const body = await json(res);
    expect(body.errors.map((e: { field: string }) => e.field)).toEqual(['sort']);
  });

  it('sorts by amount, largest first, in the export as on the page', async () => {
    const csv = await (await t.app.request(`/api/v1/search.csv?kind=finance&village=${MATOUXI}&sort=amount`)).text();
    const rows = (parse(csv.replace(/^\uFEFF/, ''), { columns: true }) as Array<Record<string, string>>).filter((r) => r['行号'] !== '0');
    const amounts = rows.map((r) => Math.max(Number(r['收入（元）'] || 0), Number(r['支出（元）'] || 0)));
    expect(amounts.length).toBeGreaterThan(5);
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    const page = await search(`kind=finance&village=${MATOUXI}&sort=amount&pageSize=3`);
    expect(page.body.results.map((r: { row: number }) => r.row)).toEqual(rows.slice(0, 3).map((r) => Number(r['行号'])));
  });
});
