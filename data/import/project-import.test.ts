import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ProjectContent } from '../publication.ts';
import { importPublication } from './import-publication.ts';
import type { ImportInput, ImportResult } from './import-result.ts';
import { parseProgress } from './project-progress.ts';

const SAMPLE = new URL('../../test/fixtures/430821211227-龙岗村-2026年工程项目公示.xlsx', import.meta.url);

function run(bytes: Uint8Array | string, extra: Partial<ImportInput> = {}): Promise<ImportResult> {
  const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  return importPublication({ bytes: data, format: 'xlsx', kind: 'project', idMask: { keepStart: 6, keepEnd: 4 }, ...extra });
}

function content(result: ImportResult): ProjectContent {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.errors, null, 1)}`);
  if (result.content.kind !== 'project') throw new Error('not project');
  return result.content;
}

describe('project import: the XLSX field sample', () => {
  it('reads 4 projects with 万元 amounts, Excel dates and progress text', async () => {
    const c = content(await run(readFileSync(SAMPLE)));
    expect(c.title).toBe('慈利县三官寺土家族乡龙岗村2026年村级工程项目公示表');
    expect(c.period).toBe('2026');
    expect(c.projects).toHaveLength(4);
    const [road, water, factory] = c.projects;
    expect(road).toMatchObject({ row: 3, budget: 48_600_000, contractAmount: 46_930_000, amountPaid: 42_240_000, actualStart: '2026-03-10', actualCompletion: '2026-06-22', progress: { percent: 100, text: '已完工' } });
    expect(water).toMatchObject({ progress: { percent: 70, text: '70%' }, actualCompletion: null, plannedCompletion: '2026-08-31' });
    expect(factory?.progress).toEqual({ percent: null, text: '主体完工，设备待安装' });
    expect(c.totals).toEqual({ budget: 128_900_000, contractAmount: 125_780_000, amountPaid: 90_190_000 });
  });
});

describe('project import: the family', () => {
  async function workbook(rows: unknown[][], merge?: string): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('说明').state = 'hidden';
    const ws = wb.addWorksheet('项目');
    for (const r of rows) ws.addRow(r);
    if (merge) ws.mergeCells(merge);
    return new Uint8Array(await wb.xlsx.writeBuffer());
  }

  it('applies a 单位：万元 note row, checks a 合计 row and reads line-broken headers', async () => {
    const bytes = await workbook([
      ['青山村2026年项目建设情况公示'],
      ['单位：万元'],
      ['工程\n名称', '总投资', '合同价', '开工\n日期', '竣工日期', '进度', '累计支付'],
      ['便民桥', 12.5, 12, new Date(Date.UTC(2026, 2, 1)), null, '完成70%', 6],
      ['文化墙', { formula: 'B6/2', result: 2.25 }, { richText: [{ text: '2.2' }] }, '2026年4月2日', null, '未开工', 0],
      ['合计', 14.75, 14.2, null, null, null, 6],
    ], 'A1:G1');
    const c = content(await run(bytes));
    expect(c.projects.map((p) => [p.name, p.budget, p.contractAmount, p.progress.percent])).toEqual([
      ['便民桥', 12_500_000, 12_000_000, 70],
      ['文化墙', 2_250_000, 2_200_000, 0],
    ]);
    expect(c.projects[0]?.actualStart).toBe('2026-03-01');
    // a project that has not started has a planned, not an actual, start
    expect(c.projects[1]).toMatchObject({ plannedStart: '2026-04-02', actualStart: null });
    expect(c.notes).toContain('单位：万元');
  });

  it('names the row, column and both numbers when the 合计 is wrong', async () => {
    const bytes = await workbook([
      ['项目名称', '预算金额（元）', '合同金额（元）', '已支付（元）'],
      ['便民桥', 1000, 900, 100],
      ['合计', 1000, 901, 100],
    ]);
    const result = await run(bytes, { period: '2026' });
    if (result.ok) throw new Error('accepted');
    expect(result.errors).toEqual([expect.objectContaining({ code: 'total-mismatch', row: 3, column: 'C', field: 'contractAmount' })]);
    expect(result.errors[0]?.message).toContain('901.00');
    expect(result.errors[0]?.message).toContain('900.00');
  });

  it('wraps a damaged workbook into an unreadable-file error', async () => {
    const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]);
    const result = await run(bytes);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.code)).toEqual(['unreadable-file']);
  });
});

describe('parseProgress', () => {
  it.each([
    ['已完工', 100],
    ['竣工', 100],
    ['70%', 70],
    ['70％', 70],
    ['完成70%', 70],
    ['未开工', 0],
    ['主体完工，设备待安装', null],
  ])('reads %s as %s', (text, percent) => {
    expect(parseProgress(text)).toEqual({ percent, text });
  });

  it('reads a percentage-formatted number cell', () => {
    expect(parseProgress(0.7)).toEqual({ percent: 70, text: '70%' });
  });
});
