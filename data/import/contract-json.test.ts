import { describe, expect, it } from 'vitest';
import { importPublication } from './import-publication.ts';
import type { ImportInput, ImportResult } from './import-result.ts';

function run(body: unknown, extra: Partial<ImportInput> = {}): Promise<ImportResult> {
  return importPublication({ bytes: new TextEncoder().encode(JSON.stringify(body)), format: 'json', kind: 'contract', idMask: { keepStart: 6, keepEnd: 4 }, ...extra });
}

const RAW_ID = '430821198312126262';
const ledger = {
  title: '康家坪村集体资产资源合同台账',
  asOf: '2026-11-30',
  contracts: [
    { number: 'KJP-2023-004', counterparty: '张永红', partyId: RAW_ID, subject: '耕地（机动地）', area: 6.5, areaUnit: '亩', start: '2023-01-01', end: '2027-12-31', annualAmount: 260_000, paymentTerms: '按年缴纳，每年1月31日前' },
    { counterparty: '慈利县康源养殖专业合作社', partyId: '93430821MA4PQ6N31B', subject: '房屋', start: '2022-07-01', end: '2023-06-30', annualAmount: 600_000, paymentTerms: '看情况', schedule: [{ due: '2022-12-31', amount: 600_000 }] },
  ],
  notes: ['监督电话：0744-3256110'],
};

describe('contract import: JSON', () => {
  it('masks a raw ID, keeps a credit code, reads the terms and takes a given schedule over them', async () => {
    const result = await run(ledger);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.content).toMatchObject({ kind: 'contract', period: '2026', asOf: '2026-11-30', totals: { count: 2, area: '6.5', annualAmount: 860_000 }, notes: ['监督电话：0744-****110'] });
    if (result.content.kind !== 'contract') throw new Error('not a contract ledger');
    const [field, house] = result.content.contracts;
    expect(field).toMatchObject({ row: 1, idNumber: '430821********6262', partyKind: 'person', area: '6.5', areaUnit: '亩', subjectClass: 'arable' });
    expect(field?.schedule.map((p) => p.due)).toEqual(['2023-01-31', '2024-01-31', '2025-01-31', '2026-01-31', '2027-01-31']);
    expect(house).toMatchObject({ partyKind: 'organisation', creditCode: '93430821MA4PQ6N31B', idNumber: null, schedule: [{ due: '2022-12-31', amount: 600_000, covers: null }] });
    expect(result.warnings.map((w) => [w.code, w.row, w.field])).toEqual([
      ['unmasked-id-number', 1, 'partyId'],
      ['phone-masked-in-note', null, 'notes'],
    ]);
    expect(result.warnings[1]?.message).toBe('notes 第1条：电话号码 0744-****110 已隐去中间数字。如这是公开的监督或举报电话，请在 PORTAL_PUBLIC_PHONES 中登记后重新上传。');
    expect(JSON.stringify(result)).not.toContain(RAW_ID);
  });

  it('keeps a configured hotline in the notes', async () => {
    const result = await run(ledger, { publicNumbers: ['0744-3256110'] });
    expect(result.ok && result.content.notes).toEqual(['监督电话：0744-3256110']);
  });

  it('refuses impossible dates in any date field, naming the field, as a spreadsheet cell is refused', async () => {
    const [first, second] = ledger.contracts;
    const cases: Array<[unknown, number | null, string]> = [
      [{ ...ledger, asOf: '2026-02-30' }, null, 'asOf'],
      [{ ...ledger, contracts: [{ ...first, start: '2026-13-01' }, second] }, 1, 'start'],
      [{ ...ledger, contracts: [first, { ...second, end: '2026-04-31' }] }, 2, 'end'],
      [{ ...ledger, contracts: [first, { ...second, schedule: [{ due: '2023-02-29', amount: 600_000 }] }] }, 2, 'schedule.0.due'],
    ];
    for (const [body, row, field] of cases) {
      const result = await run(body);
      if (result.ok) throw new Error(`accepted ${field}`);
      expect(result.errors.map((e) => [e.code, e.row, e.field])).toEqual([['invalid-json-field', row, field]]);
    }
    const bad = await run(cases[2]![0]);
    expect(!bad.ok && bad.errors[0]?.message).toBe('contracts 第2条的 end 字段无效：日期 2026-4-31 不存在（4月没有31日）');
    expect(!bad.ok && bad.errors[0]?.messageEn).toBe('contracts[1].end is invalid: date 2026-4-31 does not exist');
  });

  it('checks stated totals and names the missing field of a contract', async () => {
    const wrong = await run({ ...ledger, totals: { annualAmount: 860_001, count: 3 } });
    if (wrong.ok) throw new Error('accepted');
    expect(wrong.errors.map((e) => [e.code, e.field])).toEqual([
      ['total-mismatch', 'totals.count'],
      ['total-mismatch', 'totals.annualAmount'],
    ]);
    const missing = await run({ ...ledger, contracts: [{ ...ledger.contracts[0], subject: '' }] });
    if (missing.ok) throw new Error('accepted');
    expect(missing.errors.map((e) => [e.code, e.row, e.field])).toEqual([['invalid-json-field', 1, 'subject']]);
    expect(JSON.stringify(missing)).not.toContain(RAW_ID);
  });

  it('takes the year from the request when no 截至 date is given, and refuses a request for another year', async () => {
    const { asOf: _, ...undated } = ledger;
    const ok = await run(undated, { period: '2025' });
    expect(ok.ok && ok.content.period).toBe('2025');
    const mismatch = await run(ledger, { period: '2025' });
    expect(mismatch.ok).toBe(false);
    if (!mismatch.ok) expect(mismatch.errors.map((e) => e.code)).toEqual(['period-mismatch']);
  });
});
