import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { SubsidyContent } from '../publication.ts';
import { beneficiaryKey, maskedBeneficiaryKey } from './beneficiary-key.ts';
import { importPublication } from './import-publication.ts';
import type { ImportInput, ImportResult } from './import-result.ts';

const SAMPLE = new URL('../../test/fixtures/430802108214-马头溪村-2026年耕地地力保护补贴花名册.csv', import.meta.url);
const sampleBytes = readFileSync(SAMPLE);
const sampleText = sampleBytes.toString('utf8');
const RAW_ID = '430802196401241328';
const RAW_PHONE = '13826092975';

function run(bytes: Uint8Array | string, extra: Partial<ImportInput> = {}): Promise<ImportResult> {
  const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  return importPublication({ bytes: data, format: 'csv', kind: 'subsidy', idMask: { keepStart: 6, keepEnd: 4 }, ...extra });
}

async function content(result: ImportResult): Promise<SubsidyContent> {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.errors, null, 1)}`);
  if (result.content.kind !== 'subsidy') throw new Error('not subsidy');
  return result.content;
}

describe('subsidy import: the UTF-8 BOM field sample', () => {
  it('imports 36 rows totalling 15,770.40 for the 耕地地力保护补贴 programme', async () => {
    const c = await content(await run(sampleBytes));
    expect(c.rows).toHaveLength(36);
    expect(c.totals).toEqual({ amount: 1_577_040, quantity: '149.27', count: 36 });
    expect(c.programme).toBe('耕地地力保护补贴');
    expect(c.period).toBe('2026');
    expect(c.rows[0]).toMatchObject({ row: 3, seq: '1', name: '李小平', quantity: '3.70', unit: '亩', rate: 10_565, rateText: '105.65', amount: 39_091, datePaid: '2026-05-20' });
  });

  it('masks the unmasked ID and phone of 序号 17 and warns about each, without the raw numbers', async () => {
    const result = await run(sampleBytes);
    const c = await content(result);
    const row17 = c.rows.find((r) => r.seq === '17');
    expect(row17).toMatchObject({ row: 19, idNumber: '430802********1328', phone: '138****2975' });
    expect(result.warnings.map((w) => [w.code, w.row, w.column])).toEqual([
      ['unmasked-id-number', 19, 'C'],
      ['unmasked-phone', 19, 'D'],
    ]);
    const json = JSON.stringify(result);
    expect(json).not.toContain(RAW_ID);
    expect(json).not.toContain(RAW_PHONE);
  });

  it('keeps raw numbers out of the result even when the file is rejected', async () => {
    const broken = sampleText.replace('合计,,,,,,15770.40', '合计,,,,,,15770.41');
    const result = await run(broken);
    expect(result.ok).toBe(false);
    const json = JSON.stringify(result);
    expect(json).not.toContain(RAW_ID);
    expect(json).not.toContain(RAW_PHONE);
    if (!result.ok) expect(result.errors).toEqual([expect.objectContaining({ code: 'total-mismatch', row: 39, column: 'G' })]);
  });

  it('rejects an amount that is not quantity × rate, naming both numbers', async () => {
    const broken = sampleText.replace('3.70,105.65,390.91', '3.70,105.65,391.91').replace('15770.40', '15771.40');
    const result = await run(broken);
    if (result.ok) throw new Error('accepted');
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ code: 'amount-mismatch', row: 3, column: 'G' });
    expect(result.errors[0]?.message).toContain('390.91');
    expect(result.errors[0]?.message).toContain('391.91');
  });

  it('accepts truncated rounding of quantity × rate (390.905 → 390.90)', async () => {
    const truncated = sampleText.replace('3.70,105.65,390.91', '3.70,105.65,390.90').replace('15770.40', '15770.39');
    expect((await content(await run(truncated))).totals.amount).toBe(1_577_039);
  });

  it('masks numbers written into a remark', async () => {
    const withRemark = sampleText.replace('户主已故，由配偶代领', `户主已故，由配偶代领，电话${RAW_PHONE}`);
    const result = await run(withRemark);
    const c = await content(result);
    expect(c.rows.find((r) => r.seq === '9')?.remark).toBe('户主已故，由配偶代领，电话138****2975');
    expect(result.warnings.map((w) => w.code)).toContain('unmasked-in-text');
    expect(JSON.stringify(result)).not.toContain(RAW_PHONE);
  });

  it('takes the programme from the request when the title names none', async () => {
    const untitled = sampleText.replace('马头溪村2026年耕地地力保护补贴发放花名册', '2026年发放名册');
    const result = await run(untitled, { programme: '耕地地力保护补贴' });
    expect((await content(result)).programme).toBe('耕地地力保护补贴');
    const without = await run(untitled);
    expect(without.ok).toBe(false);
    if (!without.ok) expect(without.errors.map((e) => e.code)).toEqual(['programme-missing']);
  });
});

describe('subsidy import: beneficiary fingerprints', () => {
  const KEY = new TextEncoder().encode('test secret');

  it('fingerprints every row: the full ID of 序号 17, the name and masked ID of the others', async () => {
    const result = await run(sampleBytes, { beneficiaryKey: KEY });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.beneficiaryKeys).toHaveLength(36);
    expect(result.beneficiaryKeys.find((k) => k.row === 19)).toEqual({ row: 19, key: beneficiaryKey(KEY, RAW_ID), match: 'id' });
    expect(result.beneficiaryKeys[0]).toEqual({ row: 3, key: maskedBeneficiaryKey(KEY, '李小平', '430802********7238'), match: 'name-masked-id' });
    expect(result.beneficiaryKeys.filter((k) => k.match === 'id').map((k) => k.row)).toEqual([19]);
    expect(JSON.stringify(result)).not.toContain(RAW_ID);
  });

  it('makes none without a key, and none for a row without an ID', async () => {
    const result = await run(sampleBytes);
    expect(result.ok && result.beneficiaryKeys).toEqual([]);
    const noId = await run(sampleText.replace('430802196401241328', ''), { beneficiaryKey: KEY });
    expect(noId.ok && noId.beneficiaryKeys.map((k) => k.row)).not.toContain(19);
    expect(noId.ok && noId.beneficiaryKeys).toHaveLength(35);
  });
});

describe('subsidy import: an XLSX list', () => {
  it('reads a two-row header, a merged title, Excel date cells and a numeric ID cell', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('花名册');
    ws.addRow(['柳树村2026年生猪调出大县奖励补贴发放名册']);
    ws.mergeCells('A1:H1');
    ws.addRow(['序号', '户主\n姓名', '身份证号码', '补贴对象', '', '补贴金额\n（元）', '发放日期', '备注']);
    ws.addRow(['', '', '', '头数（头）', '标准（元/头）', '', '', '']);
    ws.mergeCells('D2:E2');
    ws.addRow([1, '张三', '430802********7238', 10, 50, 500, new Date(Date.UTC(2026, 5, 1)), '']);
    ws.addRow([2, '李四', Number('430802196401241328'), 3, 50, 150, new Date(Date.UTC(2026, 5, 2)), '']);
    ws.addRow(['合计', '', '', 13, '', 650, '', '']);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const result = await run(bytes, { format: 'xlsx' });
    const c = await content(result);
    expect(c.title).toBe('柳树村2026年生猪调出大县奖励补贴发放名册');
    expect(c.programme).toBe('生猪调出大县奖励补贴');
    expect(c.rows.map((r) => [r.row, r.name, r.quantity, r.unit, r.amount, r.datePaid])).toEqual([
      [4, '张三', '10', '头', 50_000, '2026-06-01'],
      [5, '李四', '3', '头', 15_000, '2026-06-02'],
    ]);
    expect(c.totals).toEqual({ amount: 65_000, quantity: '13', count: 2 });
    // Excel kept only 15 digits of the numeric ID: it is published masked, with a warning.
    expect(c.rows[1]?.idNumber).toMatch(/^430802\*+$/);
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'invalid-id-number', row: 5, column: 'C' })]);
    expect(JSON.stringify(result)).not.toContain('4308021964');
  });
});

describe('subsidy import: personal numbers outside the number columns', () => {
  it('masks a number in the unit a rate header gives, since the unit is published with every row', async () => {
    const list = ['某村2026年耕地地力保护补贴发放花名册', `户主姓名,补贴面积,补贴标准（元/户 ${RAW_PHONE}）,补贴金额（元）`, '李小平,3.70,105.65,390.91'].join('\n');
    const result = await run(list);
    const c = await content(result);
    expect(c.rows[0]?.unit).toBe('户138****2975');
    expect(JSON.stringify(result)).not.toContain(RAW_PHONE);
  });

  it('refuses an amount cell that holds a mobile, naming the cell', async () => {
    const result = await run(sampleText.replace('3.70,105.65,390.91', `3.70,105.65,${RAW_PHONE}`));
    if (result.ok) throw new Error('accepted');
    expect(result.errors.map((e) => [e.code, e.row, e.column])).toContainEqual(['personal-number-in-number', 3, 'G']);
    expect(JSON.stringify(result)).not.toContain(RAW_PHONE);
  });
});
