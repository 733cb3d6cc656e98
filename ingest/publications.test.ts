import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  bearer,
  FIXTURE_NAMES,
  FIXTURES,
  json,
  LONGGANG,
  MATOUXI,
  postForm,
  postRaw,
  testApp,
  XLSX_TYPE,
  type TestApp,
} from './test-support.ts';

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(async () => {
  await t.cleanup();
});

const SAMPLES = [
  { kind: 'finance', village: MATOUXI, bytes: () => FIXTURES.finance, name: FIXTURE_NAMES.finance, type: 'text/csv; charset=gbk', period: '2026-Q3' },
  { kind: 'subsidy', village: MATOUXI, bytes: () => FIXTURES.subsidy, name: FIXTURE_NAMES.subsidy, type: 'text/csv', period: '2026' },
  { kind: 'project', village: LONGGANG, bytes: () => FIXTURES.project, name: FIXTURE_NAMES.project, type: XLSX_TYPE, period: '2026' },
] as const;

describe('POST /api/v1/villages/:code/publications', () => {
  for (const sample of SAMPLES) {
    it(`publishes the ${sample.kind} sample uploaded raw as ${sample.type}`, async () => {
      const token = sample.village === MATOUXI ? t.tokens.matouxi : t.tokens.longgang;
      const res = await postRaw(t, sample.village, `kind=${sample.kind}`, sample.bytes(), { ...bearer(token), 'content-type': sample.type });
      const body = await json(res);
      expect(res.status, JSON.stringify(body)).toBe(201);
      expect(body.ok).toBe(true);
      expect(body.publication).toMatchObject({ village: sample.village, kind: sample.kind, period: sample.period, version: 1 });
      expect(body.publication.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(body.publication.url).toBe(`https://cunwu.example.cn/v/${sample.village}/p/${body.publication.id}/`);
      expect(res.headers.get('location')).toBe(`https://cunwu.example.cn/api/v1/publications/${body.publication.id}`);
      const stored = await t.store.getPublication(body.publication.id);
      expect(stored?.content.kind).toBe(sample.kind);
      expect(stored?.sha256).toBe(body.publication.sha256);
    });

    it(`publishes the ${sample.kind} sample uploaded as multipart with the parameters as form fields`, async () => {
      const token = sample.village === MATOUXI ? t.tokens.matouxi : t.tokens.longgang;
      const res = await postForm(t, sample.village, { kind: sample.kind }, { bytes: sample.bytes(), name: sample.name, type: sample.type }, bearer(token));
      const body = await json(res);
      expect(res.status, JSON.stringify(body)).toBe(201);
      expect(body.publication).toMatchObject({ kind: sample.kind, period: sample.period, version: 1 });
      const stored = await t.store.getPublication(body.publication.id);
      expect(stored?.source).toEqual({ filename: sample.name, format: sample.kind === 'project' ? 'xlsx' : 'csv' });
    });
  }

  it('reads an XLSX sent as application/octet-stream by its bytes', async () => {
    const res = await postRaw(t, LONGGANG, 'kind=project', FIXTURES.project, { ...bearer(t.tokens.longgang), 'content-type': 'application/octet-stream' });
    expect(res.status).toBe(201);
    expect((await json(res)).publication.kind).toBe('project');
  });

  it('reads the GBK finance ledger into Chinese text and fen totals that match the file', async () => {
    const res = await postRaw(t, MATOUXI, 'kind=finance&period=2026-Q3', FIXTURES.finance, { ...bearer(t.tokens.matouxi), 'content-type': 'text/csv' });
    expect(res.status).toBe(201);
    const { publication } = await json(await t.app.request(`/api/v1/publications/${(await json(res)).publication.id}`));
    expect(publication.content.title).toContain('马头溪村');
    expect(publication.content.entries.some((e: { summary: string }) => e.summary.includes('村部电费'))).toBe(true);
    const text = iconv.decode(Buffer.from(FIXTURES.finance), 'gbk');
    const totalLine = text.split(/\r?\n/).find((l) => l.startsWith('合计')) ?? '';
    const income = /"([\d,]+\.\d\d)"/.exec(totalLine)?.[1] ?? '';
    expect(publication.content.totals.income).toBe(Math.round(Number(income.replace(/,/g, '')) * 100));
  });

  it('previews a dry run exactly as it would publish, and stores nothing', async () => {
    const res = await postRaw(t, MATOUXI, 'kind=subsidy&dryRun=1', FIXTURES.subsidy, { ...bearer(t.tokens.matouxi), 'content-type': 'text/csv' });
    const body = await json(res);
    expect(res.status).toBe(200);
    expect(body).toMatchObject({ ok: true, dryRun: true, preview: { kind: 'subsidy', period: '2026' } });
    expect(body.preview.totals).toEqual(body.preview.content.totals);
    expect(body.preview.content.rows.length).toBeGreaterThan(0);
    // how each column was read, so an official sees a misreading before publishing
    expect(body.preview.columns.map((c: { column: string; readAs: string; unit: string | null }) => [c.column, c.readAs, c.unit])).toEqual([
      ['A', '序号', null], ['B', '姓名', null], ['C', '身份证号码', null], ['D', '联系电话', null], ['E', '数量', null],
      ['F', '标准（单价）', '元'], ['G', '发放金额', '元'], ['H', '发放时间', null], ['I', '发放方式', null], ['J', '备注', null],
    ]);
    expect(await t.store.listPublications(MATOUXI)).toEqual([]);
    expect(t.published).toEqual([]);

    const real = await json(await postRaw(t, MATOUXI, 'kind=subsidy', FIXTURES.subsidy, { ...bearer(t.tokens.matouxi), 'content-type': 'text/csv' }));
    expect(real.publication.sha256).toBe(body.preview.sha256);
  });

  it('answers an identical re-upload with the current version instead of a new one, and says so in the preview', async () => {
    const headers = { ...bearer(t.tokens.matouxi), 'content-type': 'text/csv' };
    const first = await json(await postRaw(t, MATOUXI, 'kind=subsidy', FIXTURES.subsidy, headers));
    const dry = await json(await postRaw(t, MATOUXI, 'kind=subsidy&dryRun=1', FIXTURES.subsidy, headers));
    expect(dry.preview).toMatchObject({ unchanged: true, replaces: { id: first.publication.id, version: 1 } });
    const again = await postRaw(t, MATOUXI, 'kind=subsidy', FIXTURES.subsidy, headers);
    const body = await json(again);
    expect(again.status).toBe(200);
    expect(body).toMatchObject({ ok: true, unchanged: true, publication: { id: first.publication.id, version: 1 } });
    expect(await t.store.listPublications(MATOUXI)).toHaveLength(1);
    // a changed file is a new version, and its preview says which one it replaces
    const changed = new TextEncoder().encode(new TextDecoder().decode(FIXTURES.subsidy).replace('李小平', '李晓平'));
    const preview = await json(await postRaw(t, MATOUXI, 'kind=subsidy&dryRun=1', changed, headers));
    expect(preview.preview).toMatchObject({ unchanged: false, replaces: { id: first.publication.id, version: 1 } });
    // a name corrected: the person's row as it was, and as it is now
    expect(preview.preview.changes).toMatchObject({ removed: [{ row: 3, text: '1 李小平' }], added: [{ row: 3, text: '1 李晓平' }], changed: [], unchanged: 35 });
    expect((await json(await postRaw(t, MATOUXI, 'kind=subsidy', changed, headers))).publication.version).toBe(2);
  });

  it('refuses a file named with another village’s code, and publishes one whose title names another village only once confirmed', async () => {
    const xlsx = { ...bearer(t.tokens.matouxi), 'content-type': 'application/octet-stream' };
    const named = await postRaw(t, MATOUXI, 'kind=project', FIXTURES.project, { ...xlsx, 'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(FIXTURE_NAMES.project)}` });
    expect(named.status).toBe(422);
    expect((await json(named)).error.code).toBe('wrong-village');
    // the title alone (龙岗村…): a warning in the preview, a refusal until confirmed
    const dry = await json(await postRaw(t, MATOUXI, 'kind=project&dryRun=1', FIXTURES.project, xlsx));
    expect(dry.warnings[0]).toMatchObject({ code: 'other-place' });
    expect(dry.warnings[0].message).toContain('龙岗村');
    const unconfirmed = await postRaw(t, MATOUXI, 'kind=project', FIXTURES.project, xlsx);
    expect(unconfirmed.status).toBe(422);
    expect((await json(unconfirmed)).error.code).toBe('place-unconfirmed');
    expect(await t.store.listPublications(MATOUXI)).toEqual([]);
    const confirmed = await postRaw(t, MATOUXI, 'kind=project&confirmPlace=1', FIXTURES.project, xlsx);
    expect(confirmed.status).toBe(201);
  });

  it('never answers with the unmasked ID number or phone number of row 17 of the subsidy list', async () => {
    const raw = ['430802196401241328', '13826092975'];
    expect(Buffer.from(FIXTURES.subsidy).toString('utf8')).toContain(raw[0]);
    const post = await postRaw(t, MATOUXI, 'kind=subsidy', FIXTURES.subsidy, { ...bearer(t.tokens.matouxi), 'content-type': 'text/csv' });
    const postText = await post.text();
    expect(post.status).toBe(201);
    const id = JSON.parse(postText).publication.id;
    const dry = await (await postRaw(t, MATOUXI, 'kind=subsidy&dryRun=1', FIXTURES.subsidy, { ...bearer(t.tokens.matouxi), 'content-type': 'text/csv' })).text();
    const list = await (await t.app.request(`/api/v1/villages/${MATOUXI}/publications`)).text();
    const one = await (await t.app.request(`/api/v1/publications/${id}`)).text();
    const village = await (await t.app.request(`/api/v1/villages/${MATOUXI}`)).text();
    expect(one).toContain('谷世军');
    for (const text of [postText, dry, list, one, village]) {
      for (const secret of raw) expect(text).not.toContain(secret);
    }
  });

  it('refuses a finance ledger whose 合计 row disagrees with its entries, naming the row, and stores nothing', async () => {
    const text = iconv.decode(Buffer.from(FIXTURES.finance), 'gbk');
    const lines = text.split(/\r?\n/);
    const totalRow = lines.findIndex((l) => l.startsWith('合计')) + 1;
    expect(totalRow).toBeGreaterThan(1);
    const broken = lines.map((l, i) => (i === totalRow - 1 ? l.replace(/"[\d,]+\.\d\d"/, '"99,999.99"') : l)).join('\r\n');
    expect(broken).not.toBe(lines.join('\r\n'));
    const res = await postRaw(t, MATOUXI, 'kind=finance', new Uint8Array(iconv.encode(broken, 'gbk')), { ...bearer(t.tokens.matouxi), 'content-type': 'text/csv' });
    const body = await json(res);
    expect(res.status).toBe(422);
    expect(body.ok).toBe(false);
    expect(body.error.code).toBe('invalid-file');
    expect(body.errors.some((e: { row: number | null }) => e.row === totalRow)).toBe(true);
    expect(body.errors[0].message).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
    expect(await t.store.listPublications(MATOUXI)).toEqual([]);
  });

  it('publishes a re-upload as version 2 that supersedes version 1, keeping version 1 readable', async () => {
    const headers = { ...bearer(t.tokens.matouxi), 'content-type': 'text/csv' };
    const first = (await json(await postRaw(t, MATOUXI, 'kind=finance', FIXTURES.finance, headers))).publication;
    // a correction: the same ledger with one summary changed (the same file again changes nothing)
    const corrected = new TextEncoder().encode(`\uFEFF${iconv.decode(Buffer.from(FIXTURES.finance), 'gbk').replace('村部电费', '村部电费（更正）')}`);
    const second = (await json(await postRaw(t, MATOUXI, 'kind=finance', corrected, headers))).publication;
    expect(second).toMatchObject({ version: 2, supersedes: first.id, period: first.period });
    expect(second.id).not.toBe(first.id);
    const old = (await json(await t.app.request(`/api/v1/publications/${first.id}`))).publication;
    expect(old).toMatchObject({ version: 1, supersededBy: second.id });
    const list = (await json(await t.app.request(`/api/v1/villages/${MATOUXI}/publications`))).publications;
    expect(list.map((p: { id: string }) => p.id)).toEqual([second.id, first.id]);
    const village = await json(await t.app.request(`/api/v1/villages/${MATOUXI}`));
    expect(village.publications.map((p: { id: string }) => p.id)).toEqual([second.id]);
  });

  it('awaits afterPublish before answering, and still answers 201 when the rebuild fails', async () => {
    const failing = await testApp({ afterPublish: async () => Promise.reject(new Error('disk full')) });
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const res = await postRaw(failing, MATOUXI, 'kind=finance', FIXTURES.finance, { ...bearer(failing.tokens.matouxi), 'content-type': 'text/csv' });
      expect(res.status).toBe(201);
      const id = (await json(res)).publication.id;
      expect(failing.published.map((p) => p.id)).toEqual([id]);
      expect(await failing.store.getPublication(id)).not.toBeNull();
      expect(String(log.mock.calls[0]?.[0])).toContain(id);
    } finally {
      log.mockRestore();
      await failing.cleanup();
    }
  });
});

describe('bad uploads', () => {
  const headers = () => ({ ...bearer(t.tokens.matouxi), 'content-type': 'text/csv' });

  it('refuses a body over the limit with 413', async () => {
    const big = new Uint8Array(t.config.bodyLimitBytes + 1).fill(0x41);
    const res = await postRaw(t, MATOUXI, 'kind=finance', big, headers());
    expect(res.status).toBe(413);
    expect((await json(res)).error.code).toBe('payload-too-large');
  });

  it('refuses a chunked body over the limit that has no Content-Length, without reading it to the end', async () => {
    const chunk = new Uint8Array(64 * 1024).fill(0x41);
    let sent = 0;
    // Never ends: only a limit that counts bytes as they arrive can answer at all.
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const request = new Request(`http://localhost/api/v1/villages/${MATOUXI}/publications?kind=finance`, {
      method: 'POST',
      body: stream,
      headers: headers(),
      duplex: 'half',
    } as RequestInit);
    expect(request.headers.get('content-length')).toBeNull();
    const res = await t.app.request(request);
    expect(res.status).toBe(413);
    expect((await json(res)).error.code).toBe('payload-too-large');
    expect(sent).toBeLessThan(t.config.bodyLimitBytes + 4 * chunk.length);
  });

  it('refuses a body larger than its Content-Length claims', async () => {
    const big = new Uint8Array(t.config.bodyLimitBytes + 10).fill(0x41);
    const res = await postRaw(t, MATOUXI, 'kind=finance', big, { ...headers(), 'content-length': '100' });
    expect(res.status).toBe(413);
  });

  it('refuses a PDF, an old .xls and an image with 415 whatever they are called', async () => {
    const pdf = new TextEncoder().encode('%PDF-1.7\n1 0 obj << >> endobj\n');
    const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    for (const [bytes, type] of [
      [pdf, 'text/csv'],
      [xls, 'application/vnd.ms-excel'],
      [png, 'application/octet-stream'],
    ] as const) {
      const res = await postRaw(t, MATOUXI, 'kind=finance', bytes, { ...bearer(t.tokens.matouxi), 'content-type': type });
      const body = await json(res);
      expect(res.status, type).toBe(415);
      expect(body.error.code).toBe('unsupported-media-type');
    }
    const form = await postForm(t, MATOUXI, { kind: 'finance' }, { bytes: pdf, name: '财务.csv', type: 'text/csv' }, bearer(t.tokens.matouxi));
    expect(form.status).toBe(415);
  });

  it('answers 400 naming the parameter for a missing or unknown kind and a malformed period', async () => {
    const cases = [
      ['', 'kind'],
      ['kind=ledger', 'kind'],
      ['kind=finance&period=2026Q3', 'period'],
      ['kind=finance&dryRun=maybe', 'dryRun'],
    ] as const;
    for (const [query, field] of cases) {
      const res = await postRaw(t, MATOUXI, query, FIXTURES.finance, headers());
      const body = await json(res);
      expect(res.status, query).toBe(400);
      expect(body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(await t.store.listPublications(MATOUXI)).toEqual([]);
  });

  it('answers 400 for multipart without a file and for photos on a finance ledger', async () => {
    const noFile = await postForm(t, MATOUXI, { kind: 'finance' }, null, bearer(t.tokens.matouxi));
    expect(noFile.status).toBe(400);
    expect((await json(noFile)).errors[0].field).toBe('file');
    const photo = { field: 'photo', bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), name: 'a.jpg', type: 'image/jpeg' };
    const withPhoto = await postForm(t, MATOUXI, { kind: 'finance' }, { bytes: FIXTURES.finance, name: 'a.csv', type: 'text/csv' }, bearer(t.tokens.matouxi), [photo]);
    expect(withPhoto.status).toBe(400);
    expect((await json(withPhoto)).errors[0].field).toBe('photo');
  });
});
