import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { refuseInvalidCells } from './cell-text.ts';
import { importPublication } from './import-publication.ts';
import type { ImportInput } from './import-result.ts';
import { IssueLog } from './issues.ts';
import { sheetGrids } from './sheet-grids.ts';

const input = (bytes: Uint8Array, format: 'csv' | 'xlsx' = 'csv'): ImportInput => ({ bytes, format, kind: 'finance', idMask: { keepStart: 6, keepEnd: 4 } });
const LEDGER = ['2026年7月财务收支明细', '日期,摘要,收入,支出'];

async function workbook(sheets: Record<string, (string | number)[][]>): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const row of rows) ws.addRow(row);
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('invalid text in an uploaded sheet', () => {
  it('refuses a CSV cell with a control character, naming its row and column, and publishes nothing', async () => {
    const text = [...LEDGER, '2026-07-01,租金,1.00,', '2026-07-02,买\u001b[31m纸,,2.00'].join('\n');
    const result = await importPublication(input(new TextEncoder().encode(text)));
    if (result.ok) throw new Error('accepted');
    expect(result.errors).toEqual([expect.objectContaining({ code: 'invalid-text', row: 4, column: 'B' })]);
    expect(result.errors[0]?.message).toMatch(/^第4行B列含有不可见的控制字符 U\+001B（第 2 个字符）/);
    expect(result.errors[0]?.messageEn).toMatch(/^Row 4, column B contains the invisible control character U\+001B/);
  });

  it('refuses U+FFFD, which a misread encoding leaves, and says how to save the file again', async () => {
    // GBK text with a byte no Chinese encoding reads: the decoder leaves U+FFFD in its place
    const bytes = Buffer.concat([iconv.encode([...LEDGER, '2026-07-01,租金'].join('\n'), 'gbk'), Buffer.from([0xff]), iconv.encode(',1.00,\n', 'gbk')]);
    const result = await importPublication(input(new Uint8Array(bytes)));
    if (result.ok) throw new Error('accepted');
    expect(result.errors).toEqual([expect.objectContaining({ code: 'invalid-text', row: 3, column: 'B' })]);
    expect(result.errors[0]?.message).toContain('U+FFFD');
    expect(result.errors[0]?.message).toContain('CSV UTF-8');
  });

  it('refuses what Excel escapes into a cell, a control character or half a surrogate pair, in an XLSX', async () => {
    // Excel writes these as _x0001_ and _xD800_; exceljs turns them back into the characters
    const bytes = await workbook({ 明细: [['日期', '摘要', '收入', '支出'], ['2026-07-01', 'a_x0001_b', 1, 0], ['2026-07-02', '买纸', 0, 2], ['2026-07-03', '_xD800_', 0, 2]] });
    const result = await importPublication(input(bytes, 'xlsx'));
    if (result.ok) throw new Error('accepted');
    expect(result.errors.map((e) => [e.code, e.row, e.column])).toEqual([['invalid-text', 2, 'B'], ['invalid-text', 4, 'B']]);
    expect(result.errors[1]?.message).toContain('单独的 UTF-16 代理项');
    // the same rows without them publish
    const clean = await workbook({ 明细: [['日期', '摘要', '收入', '支出'], ['2026-07-01', 'ab', 1, 0], ['2026-07-02', '买纸', 0, 2]] });
    expect((await importPublication({ ...input(clean, 'xlsx'), period: '2026-07' })).ok).toBe(true);
  });

  it('names the sheet when the workbook has more than one, and refuses through the other sheet readers too', async () => {
    const bytes = await workbook({ 说明: [['本表由村会计填写']], 明细: [['日期', '摘要'], ['2026-07-01', 'x_xFFFE_']] });
    const log = new IssueLog();
    expect(await sheetGrids(bytes, 'xlsx', log, { zh: '登记表', en: 'register' })).toBeNull();
    expect(log.errors).toEqual([expect.objectContaining({ code: 'invalid-text', row: 2, column: 'B' })]);
    expect(log.errors[0]?.message).toMatch(/^工作表“明细”第2行B列含有非字符 U\+FFFE/);
    const csv = new IssueLog();
    expect(await sheetGrids(new TextEncoder().encode('名称,说明\n甲,\u0000'), 'csv', csv, { zh: '登记表', en: 'register' })).toBeNull();
    expect(csv.errors.map((e) => [e.row, e.column])).toEqual([[2, 'B']]);
  });

  it('reports a merged cell once, not once per column it spans, and passes numbers, dates and valid text', () => {
    const log = new IssueLog();
    const grid = { sheet: 'S', rows: [{ row: 1, cells: ['标题\u0007', '标题\u0007', '标题\u0007', 3, new Date(0), null, '好 😀\t'] }] };
    expect(refuseInvalidCells([grid], log, 'xlsx')).toBe(1);
    expect(log.errors.map((e) => e.column)).toEqual(['A']);
  });
});
