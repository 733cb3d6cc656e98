import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../data/log/audit-log.ts';
import { decisionEntryDigest } from '../../data/log/log-leaf.ts';
import { roadMatter } from '../../data/decisions/checks/test-records.ts';
import type { DecisionRecord } from '../../data/decisions/decision-record.ts';
import { bearer, json, KANGJIAPING, LONGGANG, MATOUXI, testApp, XLSX_TYPE, type TestApp } from '../test-support.ts';
import { DECISION_REGISTER_LIMIT_BYTES } from './decisions.ts';

// Issue 11, point 3: 龙岗村's 四议两公开 登记表 uploaded through the API — previewed, recorded, served
// with every entry's digest and the checks' outcomes; the same register again adds nothing.

const REGISTER = new Uint8Array(readFileSync(new URL('../../test/fixtures/430821211227-龙岗村-四议两公开登记表.xlsx', import.meta.url)));
let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.cleanup();
});

const post = (body: Uint8Array<ArrayBuffer>, query = '', token = t.tokens.longgang, village = LONGGANG) =>
  t.app.request(`/api/v1/villages/${village}/decisions${query}`, { method: 'POST', body, headers: { ...bearer(token), 'content-type': XLSX_TYPE } });

async function edited(change: (book: ExcelJS.Workbook) => void): Promise<Uint8Array<ArrayBuffer>> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(REGISTER as never);
  change(book);
  return new Uint8Array(await book.xlsx.writeBuffer() as ArrayBuffer);
}

describe('POST /api/v1/villages/{code}/decisions', () => {
  it('previews a register with the checks’ findings and records nothing', async () => {
    const size = await t.store.logSize();
    const res = await post(REGISTER, '?dryRun=1');
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.dryRun).toBe(true);
    expect(body.matters.map((m: { record: { subject: string } }) => m.record.subject)).toEqual(['龙岗村二组至四组通组公路硬化工程', '村集体荒山（老鸦坡）经营权流转']);
    const hill = body.matters[1];
    const quorum = hill.checks.outcomes.find((o: { check: string; status: string }) => o.check === 'party-meeting-quorum' && o.status === 'failed');
    expect(quorum.message).toContain('实到19人');
    expect(hill.checks.summary.badge).toMatch(/^(缺少|需说明)：/);
    expect(body.matters[1].record.powerItem.code).toBe('asset-contracting');
    expect(await t.store.logSize()).toBe(size);
    expect(await t.store.listDecisionMatters(LONGGANG)).toEqual([]);
    expect(t.decisionChanges).toEqual([]);
  });

  it('flags a register whose 党员大会 row was removed, saying which step is missing', async () => {
    const skipped = await edited((book) => {
      book.getWorksheet('事项1')!.spliceRows(7, 1);
    });
    const body = await json(await post(skipped, '?dryRun=1'));
    const road = body.matters[0];
    expect(road.checks.summary.badge).toBe('缺少：党员大会审议');
    const missing = road.checks.outcomes.find((o: { check: string; status: string }) => o.check === 'steps-complete' && o.status === 'failed');
    expect(missing).toMatchObject({ step: 'party-members-meeting' });
    expect(missing.message).toContain('党员大会审议');
  });

  it('records the matters with a leaf per entry, serves them with their digests, and adds nothing for the same register again', async () => {
    const res = await post(REGISTER);
    expect(res.status).toBe(201);
    // the village's pages follow (the server batches the rebuild as for complaints)
    expect(t.decisionChanges).toEqual([LONGGANG]);
    const body = await json(res);
    expect(body.added).toBe(2 + 6 + 5);
    const [road] = body.matters;
    expect(road).toMatchObject({ id: '1', village: LONGGANG, subject: '龙岗村二组至四组通组公路硬化工程' });
    for (const e of road.entries) expect(typeof e.logIndex).toBe('number');

    const served = await json(await t.app.request('/api/v1/decisions/1'));
    // anyone can recompute each entry's digest from what is served and find it in the log
    const leaves = await t.store.logLeaves(0, await t.store.logSize());
    for (const e of served.matter.entries) {
      const leaf = JSON.parse(leaves.find((l) => l.index === e.logIndex)!.leaf);
      expect(leaf.sha256).toBe(decisionEntryDigest(served.matter, e.value));
    }
    expect(auditLog(leaves, []).findings).toEqual([]);

    const again = await json(await post(REGISTER));
    expect(again.added).toBe(0);
    expect(t.decisionChanges).toEqual([LONGGANG]);
    const list = await json(await t.app.request(`/api/v1/villages/${LONGGANG}/decisions`));
    expect(list.matters.map((m: { id: string }) => m.id)).toEqual(['1', '2']);
  });

  it('refuses a register with a count that is not a number, naming the row and column, and records nothing', async () => {
    const before = await t.store.logSize();
    const bad = await edited((book) => {
      book.getWorksheet('事项2')!.getCell('E7').value = '十九';
    });
    const res = await post(bad);
    expect(res.status).toBe(422);
    const body = await json(res);
    expect(body.errors[0]).toMatchObject({ row: 7, column: 'E' });
    expect(await t.store.logSize()).toBe(before);
  });

  it('lets only a token for the village record, and refuses what is not a register', async () => {
    expect((await post(REGISTER, '', t.tokens.matouxi)).status).toBe(403);
    expect((await t.app.request(`/api/v1/villages/${LONGGANG}/decisions`, { method: 'POST', body: REGISTER })).status).toBe(401);
    expect((await post(new Uint8Array(DECISION_REGISTER_LIMIT_BYTES + 1))).status).toBe(413);
    const text = await t.app.request(`/api/v1/villages/${MATOUXI}/decisions`, { method: 'POST', body: 'just words', headers: { ...bearer(t.tokens.matouxi), 'content-type': 'text/plain' } });
    expect(text.status).toBe(422);
    expect((await json(text)).errors[0].code).toBe('no-header');
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    expect((await post(png, '', t.tokens.matouxi, MATOUXI)).status).toBe(415);
    expect((await t.app.request('/api/v1/decisions/99')).status).toBe(404);
  });
});

describe('POST /api/v1/villages/{code}/decisions with JSON', () => {
  const postJson = (body: unknown, query = '') =>
    t.app.request(`/api/v1/villages/${KANGJIAPING}/decisions${query}`, { method: 'POST', body: JSON.stringify(body), headers: { ...bearer(t.tokens.county), 'content-type': 'application/json' } });
  const record = (): DecisionRecord => ({ ...roadMatter(), village: KANGJIAPING, subject: '康家坪村机耕道硬化' });

  it('takes the records as JSON, masking a number typed into any text field', async () => {
    const withPhone = record();
    withPhone.steps[0] = { ...withPhone.steps[0]!, remark: '联系人 13807441234' };
    const res = await postJson({ records: [withPhone] }, '?dryRun=1');
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(JSON.stringify(body)).not.toContain('13807441234');
    expect(body.matters[0].record.steps[0].remark).toMatch(/^联系人 138\*+1234$/);
    expect(body.warnings[0]).toMatchObject({ field: 'records.0.steps.0.remark' });
  });

  it('names the path of each problem, and refuses another village’s matter or an attachment it cannot check', async () => {
    const bad = { ...record(), steps: [{ ...record().steps[0]!, present: -1 }] };
    const res = await postJson({ records: [bad, { ...record(), village: LONGGANG }] });
    expect(res.status).toBe(422);
    const errors = (await json(res)).errors.map((e: { field: string }) => e.field);
    expect(errors).toEqual(['records.0.steps.0.present', 'records.1.village']);
    const attached = { ...record(), steps: [{ ...record().steps[0]!, evidence: [{ kind: 'sign-in-sheet', name: '签到表', photoId: 'abc', pdfSha256: null }] }] };
    expect((await json(await postJson([attached]))).errors[0].field).toBe('records.0.steps.0.evidence.0');
  });
});

describe('a county’s thresholds for the 四议两公开 checks', () => {
  const putSettings = (body: unknown) =>
    t.app.request('/api/v1/flag-settings/430821', { method: 'PUT', headers: { ...bearer(t.tokens.county), 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const hillQuorum = async () => {
    const body = await json(await post(REGISTER, '?dryRun=1'));
    return body.matters[1].checks.outcomes.find((o: { check: string }) => o.check === 'party-meeting-quorum');
  };

  it('judges the matters of its villages by the county’s settings document, and asks for their pages again', async () => {
    expect((await hillQuorum()).status).toBe('failed');
    const res = await putSettings({ decisionChecks: { 'party-meeting-quorum': { attendance: { num: 3, den: 5 } } } });
    expect(res.status).toBe(201);
    expect((await json(res)).effective.decisionChecks['party-meeting-quorum']).toEqual({ attendance: { num: 3, den: 5 }, approval: { num: 1, den: 2 } });
    expect(t.settingsChanges).toEqual(['430821']);
    const after = await hillQuorum();
    expect(after.status).toBe('passed');
    expect(after.message).toContain('五分之三');
  });

  it('refuses a check that does not exist and a threshold that cannot be, naming the path', async () => {
    const res = await putSettings({ decisionChecks: { 'no-such-check': {}, 'resolution-disclosed-in-time': { minPostedDays: 0 } } });
    expect(res.status).toBe(422);
    const fields = (await json(res)).errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(['decisionChecks.no-such-check', 'decisionChecks.resolution-disclosed-in-time.minPostedDays']);
  });
});
