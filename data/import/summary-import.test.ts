import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { csvAsXlsx, layoutFixture } from '../../test/support/layout-fixtures.ts';
import { int, pick, rng } from '../demo/seeded-random.ts';
import { DEFAULT_ID_MASK, maskNumbersInText } from '../personal-data.ts';
import { Division } from '../region.ts';
import { RegionSummary } from '../summary/region-summary.ts';
import { mutateCsvText } from './fuzz-mutations.ts';
import type { ImportIssue } from './import-result.ts';
import { importRegionSummary, type SummaryImportInput, type SummaryImportResult } from './summary-import.ts';

/** A region's summary table (issue 15): rows of townships, villages or categories, read into a RegionSummary. */

const ZHANGJIAJIE = z.array(Division).parse(JSON.parse(readFileSync(new URL('../regions/4308.json', import.meta.url), 'utf8')));
const YONGDING = '430802';
const WANGJIAPING = '430802108';
const YUANGUPING = '430802104';

const text = (name: string) => new TextDecoder().decode(layoutFixture(name));
const bytes = (csv: string) => new TextEncoder().encode(csv);

function run(file: Uint8Array, scope: string, extra: Partial<SummaryImportInput> = {}): Promise<SummaryImportResult> {
  const format = file[0] === 0x50 && file[1] === 0x4b ? 'xlsx' : 'csv';
  const divisions = ZHANGJIAJIE.filter((d) => d.code.startsWith(scope));
  return importRegionSummary({ bytes: file, format, scope, divisions, idMask: { keepStart: 6, keepEnd: 4 }, ...extra });
}

/** A sheet read as CSV and as the XLSX an official saves from it (merges as given): both must give one result. */
async function both(csv: Uint8Array, scope: string, merges: readonly string[] = [], extra: Partial<SummaryImportInput> = {}): Promise<SummaryImportResult> {
  const fromCsv = await run(csv, scope, extra);
  const fromXlsx = await run(await csvAsXlsx(csv, merges), scope, extra);
  expect(fromXlsx).toEqual(fromCsv);
  return fromCsv;
}

function summary(result: SummaryImportResult): RegionSummary {
  if (!result.ok) throw new Error(`expected a summary, got ${JSON.stringify(result.errors, null, 1)}`);
  // the document as published: whatever the importer returns must pass its schema
  return RegionSummary.parse(result.summary);
}

const where = (issues: readonly ImportIssue[]) => issues.map((i) => [i.code, i.row, i.column]);
const errors = (result: SummaryImportResult) => (result.ok ? [] : where(result.errors));
const rows = (s: RegionSummary) => s.rows.map((r) => [r.row, r.label, r.place, r.amount]);

describe('a township’s summary by village, total last', () => {
  it('links each village row to its village, keeps 户数, 面积 and 备注 as written and the footer as notes, from CSV and from XLSX with 合计 merged across A9:B9', async () => {
    const s = summary(await both(layoutFixture('summary-township-by-village.csv'), WANGJIAPING, ['A9:B9']));
    expect(s).toMatchObject({
      scope: WANGJIAPING,
      title: '王家坪镇2026年耕地地力保护补贴资金发放汇总表',
      period: '2026',
      rowsAre: 'place',
      labelHeader: '村（社区）',
      amountHeader: '补贴金额（元）',
      columns: ['补贴户数', '补贴面积（亩）', '备注'],
      total: 401_982_41,
      notes: ['单位：元', '制表人：张小红  审核人：李建国', '王家坪镇人民政府  2026年3月12日'],
    });
    expect(rows(s)).toEqual([
      [4, '马头溪村', '430802108214', 108_238_43],
      [5, '宋家溪村', '430802108202', 92_570_53],
      [6, '木山村', '430802108203', 64_694_78],
      [7, '伞家湾村', '430802108204', 74_356_47],
      [8, '九龙山村', '430802108205', 62_122_20],
    ]);
    expect(s.rows.map((r) => r.cells)).toEqual([
      ['236', '1024.50', null],
      ['198', '876.20', null],
      ['153', '612.35', null],
      ['171', '703.80', null],
      ['142', '588.00', '含退耕还林地块'],
    ]);
  });

  it('names the columns it keeps unread in a warning, and reports how each column was read, 序号 dropped', async () => {
    const result = await run(layoutFixture('summary-township-by-village.csv'), WANGJIAPING);
    expect(where(result.warnings)).toEqual([['unknown-columns-kept', 3, null]]);
    expect(result.warnings[0]!.message).toBe('未识别的列：C列“补贴户数”、D列“补贴面积（亩）”，将原样公开。');
    expect(result.columns.map((c) => [c.column, c.header, c.field, c.readAs, c.unit])).toEqual([
      ['A', '序号', 'seq', '序号（不公开）', null],
      ['B', '村（社区）', 'label', '地名（下辖的乡镇或村加链接）', null],
      ['C', '补贴户数', null, '未识别，原样公开', null],
      ['D', '补贴面积（亩）', null, '未识别，原样公开', null],
      ['E', '补贴金额（元）', 'amount', '金额', '元'],
      ['F', '备注', null, '备注，原样公开', null],
    ]);
  });

  it('refuses a 合计 that is not the sum of the rows, naming its row and column and both amounts in 元', async () => {
    const result = await both(layoutFixture('summary-wrong-total.csv'), WANGJIAPING, ['A9:B9']);
    expect(errors(result)).toEqual([['total-mismatch', 9, 'E']]);
    expect(result.ok ? '' : result.errors[0]!.message).toBe('第9行E列（补贴金额（元））：“合计”写的是 401,892.41 元，各行之和是 401,982.41 元，未发布。请核对后重新上传。');
  });

  it('refuses a 合计 whose area is not the sum of the rows’ areas', async () => {
    const wrong = text('summary-township-by-village.csv').replace('合计,,900,3804.85', '合计,,900,3804.95');
    expect(errors(await run(bytes(wrong), WANGJIAPING))).toEqual([['total-mismatch', 9, 'D']]);
  });

  it('links a village written by its short or its official name', async () => {
    const named = text('summary-township-by-village.csv').replace('1,马头溪村', '1,马头溪').replace('3,木山村', '3,木山村委会');
    const s = summary(await run(bytes(named), WANGJIAPING));
    expect(rows(s).slice(0, 3)).toEqual([
      [4, '马头溪', '430802108214', 108_238_43],
      [5, '宋家溪村', '430802108202', 92_570_53],
      [6, '木山村委会', '430802108203', 64_694_78],
    ]);
  });

  describe('by part of a name', () => {
    const village = (code: string, name: string): Division => ({ code, level: 'village', name, officialName: `${name}委会`, parent: WANGJIAPING });
    const withVillages = (...extra: Division[]) => [...ZHANGJIAJIE.filter((d) => d.code.startsWith(WANGJIAPING)), ...extra];

    it('links a prefix naming one village only', async () => {
      const prefix = text('summary-township-by-village.csv').replace('5,九龙山村', '5,九龙');
      expect(summary(await run(bytes(prefix), WANGJIAPING)).rows[4]!.place).toBe('430802108205');
    });

    it('reads a name without 村 as that village before any longer name it begins', async () => {
      const short = text('summary-township-by-village.csv').replace('1,马头溪村', '1,马头溪');
      const result = await run(bytes(short), WANGJIAPING, { divisions: withVillages(village('430802108299', '马头溪口村')) });
      expect(summary(result).rows[0]!.place).toBe('430802108214');
    });

    it('publishes a name two villages answer to without a link, warning that it is ambiguous', async () => {
      const result = await run(layoutFixture('summary-township-by-village.csv'), WANGJIAPING, { divisions: withVillages(village('430802108299', '木山村')) });
      expect(summary(result).rows[2]).toMatchObject({ row: 6, label: '木山村', place: null });
      expect(where(result.warnings)).toEqual([['unknown-columns-kept', 3, null], ['place-ambiguous', 6, 'B']]);
    });
  });

  it('refuses two rows naming the same village, naming the second row and the first', async () => {
    const twice = text('summary-township-by-village.csv').replace('2,宋家溪村', '2,马头溪村');
    const result = await run(bytes(twice), WANGJIAPING);
    expect(errors(result)).toEqual([['duplicate-place', 5, 'B']]);
    expect(result.ok ? '' : result.errors[0]!.message).toContain('与第4行是同一个地方（马头溪村）');
  });

  it('publishes a village it cannot find without a link, naming its row in a warning', async () => {
    const result = await both(layoutFixture('summary-unknown-village.csv'), WANGJIAPING, ['A7:B7']);
    const s = summary(result);
    expect(rows(s)).toEqual([
      [4, '马头溪村', '430802108214', 12_800_00],
      [5, '青龙村', null, 5_600_00],
      [6, '木山村', '430802108203', 9_350_50],
    ]);
    expect(s.total).toBe(27_750_50);
    expect(where(result.warnings)).toEqual([['place-not-found', 5, 'B']]);
    expect(result.warnings[0]!.message).toBe('第5行“青龙村”不是王家坪镇（430802108）下辖的村或社区，不加链接，按原文公开。');
  });

  it('publishes a line of one text among the rows (a group heading) as a note, named in a warning, from CSV and merged XLSX alike', async () => {
    const headed = text('summary-unknown-village.csv').replace('1,马头溪村,12800.00\n', '1,马头溪村,12800.00\n以下为山区村,,\n');
    const result = await both(bytes(headed), WANGJIAPING, ['A5:C5']);
    const s = summary(result);
    expect(rows(s).map(([row, label]) => [row, label])).toEqual([[4, '马头溪村'], [6, '青龙村'], [7, '木山村']]);
    expect(s.notes).toEqual(['单位：元', '以下为山区村']);
    expect(where(result.warnings)).toEqual([['row-as-note', 5, null], ['place-not-found', 6, 'B']]);
  });

  it('refuses a table none of whose rows is a village of the township, naming the township expected', async () => {
    const result = await both(layoutFixture('summary-wrong-region.csv'), WANGJIAPING);
    expect(errors(result)).toEqual([['summary-wrong-region', 4, 'B']]);
    expect(result.ok ? '' : result.errors[0]!.message).toContain('这里应上传王家坪镇（430802108）的汇总表');
    // the same table is its own township's
    const own = summary(await run(layoutFixture('summary-wrong-region.csv'), YUANGUPING));
    expect(own.rows.map((r) => r.place)).toEqual(['430802104201', '430802104202', '430802104203']);
    expect(own.total).toBe(262_962_96);
  });
});

describe('the period', () => {
  const untitled = text('summary-township-by-village.csv').replace('王家坪镇2026年耕地', '王家坪镇耕地');

  it('is refused when neither the title nor the request states one; the sign-off date is not the period', async () => {
    const result = await run(bytes(untitled), WANGJIAPING);
    expect(errors(result)).toEqual([['period-missing', null, null]]);
  });

  it('is taken from the request when the title states none, and must agree with the title when both do', async () => {
    expect(summary(await run(bytes(untitled), WANGJIAPING, { period: '2026' })).period).toBe('2026');
    expect(errors(await run(layoutFixture('summary-township-by-village.csv'), WANGJIAPING, { period: '2025' }))).toEqual([['period-mismatch', null, null]]);
  });
});

describe('a county’s summary by township', () => {
  it('links each township row to its township, from CSV and from XLSX with 合计 merged across A6:B6', async () => {
    const s = summary(await both(layoutFixture('subsidy-township-summary.csv'), YONGDING, ['A6:B6']));
    expect(s).toMatchObject({ scope: YONGDING, period: '2026', rowsAre: 'place', labelHeader: '乡镇', total: 1_176_534_25, notes: ['单位：元'] });
    expect(rows(s)).toEqual([
      [4, '王家坪镇', '430802108', 541_287_21],
      [5, '沅古坪镇', '430802104', 635_247_04],
    ]);
  });

  it('reads a name without 镇 as the township, not the village of that name under it', async () => {
    const short = text('subsidy-township-summary.csv').replace('1,王家坪镇', '1,王家坪');
    expect(summary(await run(bytes(short), YONGDING)).rows[0]!.place).toBe('430802108');
  });

  it('links a row named by its government under 单位名称', async () => {
    const byUnit = text('subsidy-township-summary.csv').replace('序号,乡镇,', '序号,单位名称,').replace('1,王家坪镇', '1,王家坪镇人民政府');
    expect(rows(summary(await run(bytes(byUnit), YONGDING)))[0]).toEqual([4, '王家坪镇人民政府', '430802108', 541_287_21]);
  });

  it('reads amounts in 万元 into fen, with a column named 分配资金 as the amount', async () => {
    const result = await both(layoutFixture('summary-county-wan.csv'), YONGDING, ['A7:B7']);
    const s = summary(result);
    expect(rows(s)).toEqual([
      [3, '新桥镇', '430802100', 125_000_00],
      [4, '教字垭镇', '430802102', 83_456_00],
      [5, '王家坪镇', '430802108', 201_000_00],
      [6, '沅古坪镇', '430802104', 67_500_00],
    ]);
    expect(s.total).toBe(476_956_00);
    expect(s.notes).toEqual([]);
    expect(result.columns.find((c) => c.field === 'amount')).toMatchObject({ column: 'C', header: '分配资金（万元）', unit: '万元' });
  });

  it('reads a two-row header (资金来源 over 中央 / 省级 / 县级) as one, naming each column by both rows and its figures’ unit, from CSV and from XLSX merged D3:F3', async () => {
    const result = await both(layoutFixture('summary-two-row-header.csv'), YONGDING, ['D3:F3']);
    const s = summary(result);
    expect(rows(s)).toEqual([
      [5, '新桥镇', '430802100', 125_000_00],
      [6, '王家坪镇', '430802108', 201_000_00],
    ]);
    expect(s.total).toBe(326_000_00);
    // in a 万元 table the kept figures stay as written, and their headers say 万元 beside the amount in 元
    expect(s.columns).toEqual(['资金来源 / 中央（万元）', '资金来源 / 省级（万元）', '资金来源 / 县级（万元）']);
    expect(s.rows[0]!.cells).toEqual(['10', '2', '0.5']);
  });

  it('names no unit on a kept column of text, nor on one in a table in 元', async () => {
    const inYuan = text('summary-two-row-header.csv').replace('单位：万元', '单位：元');
    expect(summary(await run(bytes(inYuan), YONGDING)).columns).toEqual(['资金来源 / 中央', '资金来源 / 省级', '资金来源 / 县级']);
    const words = text('summary-county-wan.csv').replace('分配资金（万元）,备注', '分配资金（万元）,备注').replace('1,新桥镇,12.5,', '1,新桥镇,12.5,含结转');
    expect(summary(await run(bytes(words), YONGDING)).columns).toEqual(['备注']);
  });

  it('reads the unit from the title’s （单位：万元）, keeping the title whole', async () => {
    const inTitle = text('summary-county-wan.csv').replace('分配表\n', '分配表（单位：万元）\n').replace('分配资金（万元）', '分配资金');
    const s = summary(await run(bytes(inTitle), YONGDING));
    expect([s.title, s.amountHeader, s.total]).toEqual(['永定区2026年农机购置补贴资金分配表（单位：万元）', '分配资金', 476_956_00]);
  });

  it('refuses a 合计 in 万元 that is off by one 元, showing both in 元', async () => {
    const wrong = text('summary-county-wan.csv').replace('47.6956', '47.6957');
    const result = await run(bytes(wrong), YONGDING);
    expect(errors(result)).toEqual([['total-mismatch', 7, 'C']]);
    expect(result.ok ? '' : result.errors[0]!.message).toContain('写的是 476,957.00 元，各行之和是 476,956.00 元');
  });
});

describe('a summary in 万元 with area and rate', () => {
  const sheet = (first: string) =>
    bytes(`王家坪镇2026年耕地地力保护补贴资金分配表\n序号,村,补贴面积（亩）,补贴标准（元/亩）,补贴金额（万元）\n1,马头溪村,1024.50,105.65,${first}\n2,宋家溪村,876.20,105.65,9.2571\n`);

  it('takes an amount rounded to the places it is written to as area × rate (108,238.43 元 as 10.8238 万元)', async () => {
    const result = await run(sheet('10.8238'), WANGJIAPING);
    expect(summary(result).rows.map((r) => r.amount)).toEqual([108_238_00, 92_571_00]);
    expect(where(result.warnings)).toEqual([]);
  });

  it('still refuses one off by more than its written places allow', async () => {
    expect(errors(await run(sheet('10.8248'), WANGJIAPING))).toEqual([['amount-mismatch', 3, 'E']]);
  });
});

describe('a summary by category, 合计 first', () => {
  it('reads categories without linking them, and 合计 right under the header is checked, not a row, from CSV and from XLSX merged A4:B4', async () => {
    const result = await both(layoutFixture('summary-by-category.csv'), WANGJIAPING, ['A4:B4']);
    const s = summary(result);
    expect(s).toMatchObject({ rowsAre: 'category', labelHeader: '补贴类别', amountHeader: '发放金额', columns: ['发放户数'], total: 796_188_01 });
    expect(rows(s)).toEqual([
      [5, '耕地地力保护补贴', null, 401_982_41],
      [6, '农机购置补贴', null, 86_400_00],
      [7, '生态公益林补偿', null, 92_345_60],
      [8, '农村低保', null, 215_460_00],
    ]);
    expect(where(result.warnings)).toEqual([['unknown-columns-kept', 3, 'C']]);
  });

  it('refuses a 合计 first that is not the sum of the rows under it', async () => {
    const wrong = text('summary-by-category.csv').replace('合计,,1585,796188.01', '合计,,1585,796188.10');
    expect(errors(await run(bytes(wrong), WANGJIAPING))).toEqual([['total-mismatch', 4, 'D']]);
  });

  it('refuses a table that states no unit: 元 and 万元 differ ten thousand times', async () => {
    const unstated = text('summary-by-category.csv').replace('单位：元\n', '');
    expect(errors(await run(bytes(unstated), WANGJIAPING))).toEqual([['unit-missing', 2, 'D']]);
  });

  it('needs no 单位 line when the amount header says 元', async () => {
    const inHeader = text('summary-by-category.csv').replace('单位：元\n', '').replace(',发放金额', ',发放金额（元）');
    expect(summary(await run(bytes(inHeader), WANGJIAPING)).total).toBe(796_188_01);
  });

  it('reads an amount written as - as none, and refuses one left blank, naming its cell', async () => {
    const dash = text('summary-by-category.csv') + '5,其他补贴,0,-\n';
    expect(summary(await run(bytes(dash), WANGJIAPING)).rows[4]).toMatchObject({ row: 9, label: '其他补贴', amount: 0 });
    const blank = text('summary-by-category.csv') + '5,其他补贴,0,\n';
    expect(errors(await run(bytes(blank), WANGJIAPING))).toEqual([['amount-missing', 9, 'D']]);
  });

  it('skips numbered rows of a template left blank', async () => {
    const template = text('summary-by-category.csv') + '5,,,\n6,,,\n';
    expect(rows(summary(await run(bytes(template), WANGJIAPING))).map(([row]) => row)).toEqual([5, 6, 7, 8]);
  });

  it('takes the rows’ sum as the total when the sheet states none', async () => {
    const noTotal = text('summary-by-category.csv').replace('合计,,1585,796188.01\n', '');
    const s = summary(await run(bytes(noTotal), WANGJIAPING));
    expect([s.total, s.rows.length]).toEqual([796_188_01, 4]);
  });
});

describe('a county summary by village in 小计 blocks', () => {
  it('checks each 小计 against its block and the 合计 against all rows, adding neither', async () => {
    const result = await both(layoutFixture('summary-subtotal-blocks.csv'), YONGDING);
    const s = summary(result);
    expect(rows(s)).toEqual([
      [4, '马头溪村', '430802108214', 108_238_43],
      [5, '宋家溪村', '430802108202', 92_570_53],
      [7, '郑家坪村', '430802100201', 78_740_95],
      [8, '申家坪村', '430802100202', 56_010_35],
    ]);
    expect(s.total).toBe(335_560_26);
    expect(s.columns).toEqual(['乡镇', '补贴面积（亩）', '补贴标准（元/亩）']);
    expect(s.rows[2]!.cells).toEqual(['新桥镇', '745.30', '105.65']);
    expect(where(result.warnings)).toEqual([['unknown-columns-kept', 3, 'B']]);
    expect(result.columns.map((c) => [c.column, c.field])).toEqual([['A', 'seq'], ['B', null], ['C', 'label'], ['D', 'quantity'], ['E', 'rate'], ['F', 'amount']]);
  });

  it('refuses a 小计 that is not the sum of its block, naming its row and column', async () => {
    const wrong = text('summary-subtotal-blocks.csv').replace('小计,王家坪镇,,1900.70,,200808.96', '小计,王家坪镇,,1900.70,,200808.69');
    const result = await run(bytes(wrong), YONGDING);
    expect(errors(result)).toEqual([['subtotal-mismatch', 6, 'F']]);
    expect(result.ok ? '' : result.errors[0]!.message).toContain('本段各行（上一个小计之后）之和是 200,808.96 元');
  });

  describe('quantity × rate against the amount', () => {
    // 745.30 亩 × 105.65 = 78,740.95; written 2 fen more, with the 小计 and 合计 to match
    const offBy2 = text('summary-subtotal-blocks.csv').replace('78740.95', '78740.97').replace('134751.30', '134751.32').replace('335560.26', '335560.28');

    it('refuses an amount that is not quantity × rate, naming the row', async () => {
      const result = await run(bytes(offBy2), YONGDING);
      expect(errors(result)).toEqual([['amount-mismatch', 7, 'F']]);
      expect(result.ok ? '' : result.errors[0]!.message).toContain('应为 78,740.95 元，但表中金额为 78,740.97 元');
    });

    it('publishes it with a warning naming the row when it is within the tolerance', async () => {
      const result = await run(bytes(offBy2), YONGDING, { amountToleranceFen: 5 });
      expect(summary(result).rows[2]!.amount).toBe(78_740_97);
      expect(where(result.warnings)).toEqual([['unknown-columns-kept', 3, 'B'], ['amount-near-product', 7, 'F']]);
    });
  });
});

describe('the amount column in doubt', () => {
  it('refuses a table where two columns could each be the amount, naming both, from CSV and XLSX', async () => {
    const result = await both(layoutFixture('summary-amount-in-doubt.csv'), WANGJIAPING);
    expect(errors(result)).toEqual([['amount-ambiguous', 3, null]]);
    expect(result.ok ? '' : result.errors[0]!.message).toContain('C列“补贴金额（元）”、D列“到村金额（元）”都可能是');
    expect(result.columns.map((c) => [c.column, c.field, c.note !== null])).toEqual([['A', 'seq', true], ['B', 'label', false], ['C', null, true], ['D', null, true]]);
    expect(result.columns[2]!.note).toBe('可能是金额，但另一列也可能是，无法确定，未发布');
  });

  it('takes the column that area × rate gives when there is an area to tell them apart', async () => {
    const told = text('summary-amount-in-doubt.csv')
      .replace('序号,村,', '序号,村,补贴面积（亩）,')
      .replace('1,马头溪村,', '1,马头溪村,1024.50,')
      .replace('2,宋家溪村,', '2,宋家溪村,876.20,')
      .replace('3,木山村,', '3,木山村,612.35,')
      .replace('合计,,', '合计,,2513.05,');
    const result = await run(bytes(told), WANGJIAPING);
    const s = summary(result);
    expect([s.amountHeader, s.total, s.columns]).toEqual(['到村金额（元）', 265_503_74, ['补贴面积（亩）', '补贴金额（元）']]);
    // the rate is published as written, never as the amount
    expect(s.rows[0]!.cells).toEqual(['1024.50', '105.65']);
    expect(result.columns.find((c) => c.column === 'D')).toMatchObject({ field: 'rate' });
  });
});

describe('personal numbers', () => {
  const ID = '430802196401241328';
  const PHONE = '13812345678';

  it('refuses an ID number typed into an amount cell, and masks the note’s phone and ID, from CSV and XLSX', async () => {
    const result = await both(layoutFixture('summary-personal-numbers.csv'), WANGJIAPING);
    expect(errors(result)).toEqual([['personal-number-in-number', 5, 'C']]);
    expect(where(result.warnings)).toEqual([['phone-masked-in-note', 3, null], ['unmasked-in-text', 3, null]]);
    expect(JSON.stringify(result)).not.toContain(ID);
    expect(JSON.stringify(result)).not.toContain(PHONE);
  });

  it('publishes the note masked once the amount is a number', async () => {
    const fixed = text('summary-personal-numbers.csv').replace(`1,马头溪村,${ID}`, '1,马头溪村,12800.00');
    const s = summary(await run(bytes(fixed), WANGJIAPING));
    expect(s.notes).toEqual(['单位：元', '经办人：张小红  联系电话：138****5678  身份证：430802********1328']);
    expect(s.total).toBe(27_750_50);
  });

  it('masks a number written into a label or a kept column', async () => {
    const inCells = text('summary-township-by-village.csv').replace('含退耕还林地块', `联系人${PHONE}`).replace('3,木山村', `3,木山村${PHONE}`);
    const result = await run(bytes(inCells), WANGJIAPING);
    const s = summary(result);
    expect([s.rows[2]!.label, s.rows[4]!.cells[2]]).toEqual(['木山村138****5678', '联系人138****5678']);
    expect(JSON.stringify(result)).not.toContain(PHONE);
  });
});

describe('files that are not a summary', () => {
  it.each([
    ['an empty file', '', 'summary-header-missing'],
    ['a header only', '王家坪镇2026年补贴资金汇总表\n单位：元\n序号,村,补贴金额\n', 'summary-empty'],
    ['a village’s payout list', '样板村2026年耕地地力保护补贴发放花名册\n序号,户主姓名,补贴金额（元）\n1,李小平,390.91\n', 'summary-header-missing'],
    ['a table without a title', '序号,村,补贴金额（元）\n1,马头溪村,100.00\n', 'title-missing'],
  ])('refuses %s with a reason', async (_, csv, code) => {
    const result = await run(bytes(csv), WANGJIAPING, { period: '2026' });
    expect(result.ok ? [] : result.errors.map((e) => e.code)).toEqual([code]);
  });

  it('refuses bytes that are no spreadsheet, as CSV and as XLSX', async () => {
    const garbage = new Uint8Array(Array.from({ length: 512 }, (_, i) => (i * 131 + 7) % 256));
    expect((await run(garbage, WANGJIAPING)).ok).toBe(false);
    const broken = await importRegionSummary({ bytes: new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]), format: 'xlsx', scope: WANGJIAPING, divisions: [], idMask: DEFAULT_ID_MASK });
    expect(broken.ok ? [] : broken.errors.map((e) => e.code)).toEqual(['unreadable-file']);
  });

  it('reads the workbook’s sheet that holds the summary, naming in a warning the sheet it did not read', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('填表说明').getCell('A1').value = '请按乡镇填写，金额单位为元';
    const sheet = book.addWorksheet('汇总');
    text('subsidy-township-summary.csv').replace(/^\uFEFF/, '').trim().split('\n').forEach((line, i) => {
      line.split(',').forEach((cell, k) => {
        if (cell !== '') sheet.getCell(i + 1, k + 1).value = /^\d+(\.\d+)?$/.test(cell) ? Number(cell) : cell;
      });
    });
    const result = await run(new Uint8Array(await book.xlsx.writeBuffer()), YONGDING);
    expect(summary(result).total).toBe(1_176_534_25);
    expect(where(result.warnings)).toEqual([['sheet-skipped', null, null], ['unknown-columns-kept', 3, null]]);
    expect(result.warnings[0]!.message).toContain('工作表“填表说明”没有读取');
  });

  it('refuses a scope that is not a city, county or township code', async () => {
    expect(errors(await run(layoutFixture('summary-township-by-village.csv'), '4308021'))).toEqual([['invalid-scope', null, null]]);
  });

  it('refuses a sheet holding a second table under the first, naming its header row', async () => {
    const two = `${text('summary-unknown-village.csv')}\n序号,乡镇,补贴金额（元）\n1,新桥镇,100.00\n`;
    expect(errors(await run(bytes(two), WANGJIAPING))).toEqual([['two-tables', 9, null]]);
  });

  it('never throws on mutated summaries, and what it accepts passes the schema with no number unmasked', async () => {
    const sources = ['summary-township-by-village.csv', 'summary-subtotal-blocks.csv', 'summary-by-category.csv', 'summary-county-wan.csv'].map(text);
    let accepted = 0;
    for (let i = 0; i < 300; i++) {
      const r = rng(20_261_215 + i);
      const steps: string[] = [];
      const mutated = mutateCsvText(r, pick(r, sources), steps);
      const scope = pick(r, [YONGDING, WANGJIAPING]);
      const result = await run(bytes(mutated), scope, { amountToleranceFen: int(r, 0, 3) });
      if (!result.ok) {
        expect(result.errors.length, steps.join('; ')).toBeGreaterThan(0);
        continue;
      }
      accepted++;
      RegionSummary.parse(result.summary);
      const published = [result.summary.title, ...result.summary.notes, ...result.summary.rows.flatMap((row) => [row.label, ...row.cells])].join('\n');
      expect(maskNumbersInText(published, DEFAULT_ID_MASK).found, steps.join('; ')).toEqual([]);
    }
    expect(accepted).toBeGreaterThan(0);
  });
});
