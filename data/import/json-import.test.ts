import { describe, expect, it } from 'vitest';
import { beneficiaryKey, maskedBeneficiaryKey } from './beneficiary-key.ts';
import { importPublication } from './import-publication.ts';
import type { ImportInput, ImportResult } from './import-result.ts';

function run(body: unknown, extra: Partial<ImportInput> = {}): Promise<ImportResult> {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return importPublication({ bytes: new TextEncoder().encode(text), format: 'json', kind: 'finance', idMask: { keepStart: 6, keepEnd: 4 }, ...extra });
}

const ledger = {
  title: '某村2026年第三季度财务收支明细',
  openingBalance: 10_000,
  entries: [
    { date: '2026-07-02', summary: '租金', income: 5_000, balance: 15_000 },
    { date: '2026-07-09', summary: '电费', expense: 2_000, balance: 13_000 },
  ],
};

describe('JSON import', () => {
  it('computes omitted totals and takes the period from the title', async () => {
    const result = await run(ledger);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.content).toMatchObject({ kind: 'finance', period: '2026-Q3', totals: { income: 5_000, expense: 2_000, closingBalance: 13_000 } });
    if (result.content.kind === 'finance') expect(result.content.entries.map((e) => e.row)).toEqual([1, 2]);
  });

  it('refuses text no one can store or read, lone surrogates first, naming the row and field', async () => {
    // JSON.stringify would write the lone surrogate as the escape a client sends
    const body = JSON.stringify({ ...ledger, title: '某村2026年第三季度\ufffd财务收支明细', entries: [ledger.entries[0], { ...ledger.entries[1], summary: '电费\ud800', remark: 'a\u0000' }], '\uffff': 1 });
    expect(body).toContain('\\ud800');
    const result = await run(body);
    if (result.ok) throw new Error('accepted');
    expect(result.errors.map((e) => [e.code, e.row, e.field])).toEqual([
      ['invalid-text', null, 'title'],
      ['invalid-text', 2, 'summary'],
      ['invalid-text', 2, 'remark'],
      ['invalid-text', null, '[U+FFFF]'],
    ]);
    expect(result.errors[1]?.message).toBe('entries 第2条的 summary 字段含有残缺的字符 U+D800（第 3 个字符）：单独的 UTF-16 代理项不是有效文字。');
    expect(result.errors[3]?.messageEn).toMatch(/^field \[U\+FFFF\] \(its name\) contains the noncharacter U\+FFFF/);
  });

  it('maps schema problems to the array row and field', async () => {
    const result = await run({ ...ledger, entries: [ledger.entries[0], { summary: '电费', expense: 20.5 }] });
    if (result.ok) throw new Error('accepted');
    expect(result.errors).toEqual([expect.objectContaining({ code: 'invalid-json-field', row: 2, field: 'expense', column: null })]);
  });

  it('reconciles stated totals and the running balance', async () => {
    const result = await run({ ...ledger, entries: [ledger.entries[0], { ...ledger.entries[1], balance: 13_001 }], totals: { income: 5_001 } });
    if (result.ok) throw new Error('accepted');
    expect(result.errors.map((e) => [e.code, e.row, e.field])).toEqual([
      ['balance-mismatch', 2, 'balance'],
      ['total-mismatch', null, 'totals.income'],
    ]);
  });

  it('masks personal numbers in a subsidy body', async () => {
    const body = {
      title: '2026年耕地地力保护补贴发放花名册',
      rows: [{ name: '谷世军', idNumber: '430802196401241328', phone: '13826092975', quantity: '6.40', rateText: '105.65', amount: 67_616 }],
    };
    const result = await run(body, { kind: 'subsidy' });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.content).toMatchObject({ programme: '耕地地力保护补贴', totals: { amount: 67_616, count: 1 } });
    expect(result.warnings.map((w) => [w.code, w.row, w.field])).toEqual([
      ['unmasked-id-number', 1, 'idNumber'],
      ['unmasked-phone', 1, 'phone'],
    ]);
    expect(JSON.stringify(result)).not.toContain('430802196401241328');
    expect(JSON.stringify(result)).not.toContain('13826092975');
  });

  it('fingerprints subsidy beneficiaries from the raw ID before masking it', async () => {
    const key = new TextEncoder().encode('test secret');
    const body = {
      title: '2026年耕地地力保护补贴发放花名册',
      rows: [
        { name: '谷世军', idNumber: '430802196401241328', amount: 100 },
        { name: '李小平', idNumber: '430802********7238', amount: 100 },
        { name: '无证户', amount: 100 },
      ],
    };
    const result = await run(body, { kind: 'subsidy', beneficiaryKey: key });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.beneficiaryKeys).toEqual([
      { row: 1, key: beneficiaryKey(key, '430802196401241328'), match: 'id' },
      { row: 2, key: maskedBeneficiaryKey(key, '李小平', '430802********7238'), match: 'name-masked-id' },
    ]);
    expect(JSON.stringify(result)).not.toContain('430802196401241328');
  });

  it('keeps a finance counterparty and balance kind when given, and leaves them out when not', async () => {
    const result = await run({ ...ledger, balanceKind: 'bank', entries: [{ ...ledger.entries[0], counterparty: '张三 13826092975' }, ledger.entries[1]] });
    if (!result.ok || result.content.kind !== 'finance') throw new Error('not accepted');
    expect(result.content.balanceKind).toBe('bank');
    expect(result.content.entries.map((e) => e.counterparty)).toEqual(['张三 138****2975', undefined]);
    expect('counterparty' in (result.content.entries[1] ?? {})).toBe(false);
    const plain = await run(ledger);
    expect(plain.ok && 'balanceKind' in plain.content).toBe(false);
  });

  it('reports malformed JSON as an unreadable file', async () => {
    const result = await run('{"entries": [');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.code)).toEqual(['unreadable-file']);
  });

  it('rejects a body whose period disagrees with the request', async () => {
    const result = await run({ ...ledger, period: '2026-Q3' }, { period: '2026-Q4' });
    if (result.ok) throw new Error('accepted');
    expect(result.errors.map((e) => e.code)).toContain('period-mismatch');
  });
});

describe('JSON import: impossible dates', () => {
  it.each([
    ['2026-02-30', '日期 2026-2-30 不存在（2月没有30日）', 'date 2026-2-30 does not exist'],
    ['2026-13-01', '日期 2026-13-1 的月份不存在', 'date 2026-13-1 has no such month'],
    ['2026-04-31', '日期 2026-4-31 不存在（4月没有31日）', 'date 2026-4-31 does not exist'],
  ])('refuses %s in a ledger entry, naming the entry and the field, as a spreadsheet cell is refused', async (date, zh, en) => {
    const result = await run({ ...ledger, entries: [ledger.entries[0], { ...ledger.entries[1], date }] });
    if (result.ok) throw new Error('accepted');
    expect(result.errors).toEqual([
      { code: 'invalid-json-field', row: 2, column: null, field: 'date', message: `entries 第2条的 date 字段无效：${zh}`, messageEn: `entries[1].date is invalid: ${en}` },
    ]);
  });

  it('refuses an impossible date in a subsidy list and in a works list, and accepts 29 February of a leap year', async () => {
    const rows = [{ name: '李小平', amount: 39_091, datePaid: '2026-02-29' }];
    const subsidy = await run({ title: '某村2026年耕地地力保护补贴发放花名册', rows }, { kind: 'subsidy' });
    expect(!subsidy.ok && subsidy.errors.map((e) => [e.code, e.row, e.field])).toEqual([['invalid-json-field', 1, 'datePaid']]);
    const leap = await run({ title: '某村2028年耕地地力保护补贴发放花名册', rows: [{ ...rows[0], datePaid: '2028-02-29' }] }, { kind: 'subsidy' });
    expect(leap.ok).toBe(true);
    const projects = [{ name: '通组公路硬化', plannedStart: '2026-06-31' }];
    const project = await run({ title: '某村2026年村级工程项目公示', projects }, { kind: 'project' });
    expect(!project.ok && project.errors.map((e) => [e.code, e.row, e.field])).toEqual([['invalid-json-field', 1, 'plannedStart']]);
  });
});

describe('JSON import: personal numbers in every field', () => {
  const MOBILE = '13826092975';

  it('masks a number in a photo caption and a rate text unit, and says how to keep a hotline', async () => {
    const projects = [
      { name: '通组公路硬化', photos: [{ id: 'abcdef0123456789abcdef01', width: 1600, height: 1200, caption: `施工方电话 ${MOBILE}` }] },
    ];
    const result = await run({ title: '某村2026年村级工程项目公示', projects }, { kind: 'project' });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.content.kind === 'project' && result.content.projects[0]?.photos[0]?.caption).toBe('施工方电话 138****2975');
    expect(result.warnings.map((w) => [w.code, w.row, w.field])).toEqual([['unmasked-in-text', 1, 'photos[0].caption']]);
    expect(result.warnings[0]?.message).toContain('PORTAL_PUBLIC_PHONES');
    expect(JSON.stringify(result)).not.toContain(MOBILE);
  });

  it('refuses a number in a field published as written — a quantity, an amount, a row, a photo id — naming the field', async () => {
    const subsidyRows = [{ name: '李小平', quantity: MOBILE, rateText: '1', amount: 1 }];
    const subsidy = await run({ title: '某村2026年耕地地力保护补贴发放花名册', rows: subsidyRows }, { kind: 'subsidy' });
    expect(!subsidy.ok && subsidy.errors.map((e) => [e.code, e.row, e.field])).toContainEqual(['personal-number-in-field', 1, 'quantity']);
    const amount = await run({ ...ledger, entries: [{ ...ledger.entries[0], income: Number(MOBILE), balance: null }] });
    expect(!amount.ok && amount.errors.map((e) => [e.code, e.row, e.field])).toEqual([['personal-number-in-field', 1, 'income']]);
    const row = await run({ ...ledger, entries: [{ ...ledger.entries[0], row: Number(MOBILE) }, ledger.entries[1]] });
    expect(!row.ok && row.errors.map((e) => [e.code, e.field])).toEqual([['personal-number-in-field', 'row']]);
    const photo = [{ name: '路灯', photos: [{ id: MOBILE, width: 1, height: 1, caption: null }] }];
    const photoId = await run({ title: '某村2026年村级工程项目公示', projects: photo }, { kind: 'project' });
    expect(!photoId.ok && photoId.errors.map((e) => [e.code, e.row, e.field])).toEqual([['personal-number-in-field', 1, 'photos[0].id']]);
    for (const r of [subsidy, amount, row, photoId]) expect(JSON.stringify(r)).not.toContain(MOBILE);
    expect(!amount.ok && amount.errors[0]?.message).toBe('第1行的“收入”中有电话号码（138****2975）；这一字段会原样公开，不能含个人号码，请核对。');
  });
});
