import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { FinanceContent } from '../publication.ts';
import { importPublication } from './import-publication.ts';
import type { ImportInput, ImportResult } from './import-result.ts';

const SAMPLE = new URL('../../test/fixtures/430802108214-马头溪村-2026Q3-财务收支明细.csv', import.meta.url);
const sampleBytes = readFileSync(SAMPLE);
const sampleText = iconv.decode(sampleBytes, 'gb18030');

function run(bytes: Uint8Array | string, extra: Partial<ImportInput> = {}): Promise<ImportResult> {
  const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  return importPublication({ bytes: data, format: 'csv', kind: 'finance', idMask: { keepStart: 6, keepEnd: 4 }, ...extra });
}

async function content(bytes: Uint8Array | string, extra: Partial<ImportInput> = {}): Promise<FinanceContent> {
  const result = await run(bytes, extra);
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.errors, null, 1)}`);
  if (result.content.kind !== 'finance') throw new Error('not finance');
  return result.content;
}

async function errors(bytes: Uint8Array | string, extra: Partial<ImportInput> = {}) {
  const result = await run(bytes, extra);
  if (result.ok) throw new Error('expected errors, the file was accepted');
  return result.errors;
}

function expectSampleNumbers(c: FinanceContent): void {
  expect(c.period).toBe('2026-Q3');
  expect(c.openingBalance).toBe(8_623_412);
  expect(c.entries).toHaveLength(15);
  expect(c.totals).toEqual({ income: 9_848_840, expense: 7_439_950, closingBalance: 11_032_302 });
}

describe('finance import: the GBK field sample', () => {
  it('imports the ledger with its opening balance, 15 entries and reconciled totals', async () => {
    const c = await content(sampleBytes);
    expectSampleNumbers(c);
    expect(c.title).toBe('张家界市永定区王家坪镇马头溪村2026年第三季度村级财务收支明细公开表');
    expect(c.entries[0]).toMatchObject({ row: 5, date: '2026-07-03', voucher: '记-001', income: 2_015_000, expense: 0, balance: 10_638_412, account: '经营收入' });
    // three date formats in one file: 2026/7/8, 2026年7月20日, 2026-07-28
    expect(c.entries.slice(1, 4).map((e) => e.date)).toEqual(['2026-07-08', '2026-07-15', '2026-07-20']);
    expect(c.notes).toContain('监督电话：0744-****000（镇纪委）  村务监督委员会主任：覃某某');
    expect(c.notes).toContain('公开单位：马头溪村村民委员会  公开日期：2026年10月10日');
  });

  it('masks the footer hotline unless it is configured, saying on which row and how to keep it', async () => {
    const masked = await run(sampleBytes);
    expect(masked.warnings.map((w) => [w.code, w.row])).toEqual([['phone-masked-in-note', 21]]);
    expect(masked.warnings[0]?.messageEn).toBe(
      'Row 21: the phone number 0744-****000 has been published with its middle digits hidden. If it is a public supervision or complaints hotline, list it in PORTAL_PUBLIC_PHONES and upload again.',
    );
    const kept = await run(sampleBytes, { publicNumbers: ['12388', '0744 810 1000'] });
    expect(kept.ok && kept.content.notes).toContain('监督电话：0744-8101000（镇纪委）  村务监督委员会主任：覃某某');
    expect(kept.warnings).toEqual([]);
  });

  it.each([
    ['UTF-8', (t: string) => Buffer.from(t, 'utf8')],
    ['UTF-8 with BOM', (t: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t, 'utf8')])],
    ['GB18030', (t: string) => iconv.encode(t, 'gb18030')],
    ['UTF-16 LE with BOM, tab-separated', (t: string) => iconv.encode(tabbed(t), 'utf16le', { addBOM: true })],
  ])('reads the same ledger re-encoded as %s', async (_, encode) => {
    expectSampleNumbers(await content(encode(sampleText)));
  });

  it('names the row and both numbers when the 合计 income is off by one fen', async () => {
    const broken = sampleText.replace('合计,,,,"98,488.40"', '合计,,,,"98,488.41"');
    expect(broken).not.toBe(sampleText);
    const errs = await errors(broken);
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatchObject({ code: 'total-mismatch', row: 20, column: 'E', field: 'income' });
    expect(errs[0]?.message).toBe('第20行“合计”收入金额为 98,488.41 元，但明细合计为 98,488.40 元');
    expect(errs[0]?.messageEn).toBe('Row 20 “合计” income is 98,488.41 but the entries add up to 98,488.40');
  });

  it('reports a broken running balance once, at the row where it breaks', async () => {
    const broken = sampleText.replace('"127,197.62"', '"127,197.26"');
    const errs = await errors(broken);
    expect(errs.map((e) => [e.code, e.row, e.column])).toEqual([['balance-mismatch', 10, 'G']]);
    expect(errs[0]?.message).toContain('127,197.26');
    expect(errs[0]?.message).toContain('127,197.62');
  });

  it('rejects a period that disagrees with the title', async () => {
    const errs = await errors(sampleBytes, { period: '2026-Q2' });
    expect(errs.map((e) => e.code)).toContain('period-mismatch');
    expect(errs.map((e) => e.code)).toContain('date-outside-period');
  });

  it('accepts a period that agrees with the title, written another way', async () => {
    expect((await content(sampleBytes, { period: '2026q3' })).period).toBe('2026-Q3');
  });
});

describe('finance import: the family of ledgers', () => {
  const ledger = (rows: string[], title = '某村2026年7月财务收支公开') => [title, ...rows].join('\r\n');

  it('combines separate 月 and 日 columns with the year from the title, month carried down', async () => {
    const c = await content(
      ledger([
        '月,日,凭证号,摘要,收入,支出,余额',
        ',,,上月结余,,,"1,000.00"',
        '7,3,1,收到租金,500.00,,"1,500.00"',
        ',9,2,支付电费,,200.00,"1,300.00"',
        '合计,,,,500.00,200.00,"1,300.00"',
      ]),
    );
    expect(c.period).toBe('2026-07');
    expect(c.entries.map((e) => e.date)).toEqual(['2026-07-03', '2026-07-09']);
    expect(c.totals.closingBalance).toBe(130_000);
  });

  it('checks 小计 rows per month against the entries since the previous subtotal', async () => {
    const rows = (julySubtotal: string) =>
      ledger(
        [
          '日期,摘要,收入金额（元）,支出金额（元）,余额（元）',
          '2026-07-01,上期结余,,,100.00',
          `2026-07-02,租金,50.00,,150.00`,
          `2026-07-05,电费,,20.00,130.00`,
          `,7月小计,${julySubtotal},20.00,130.00`,
          `2026-08-01,租金,10.00,,140.00`,
          `,本月合计,10.00,0.00,140.00`,
          `,本季合计,60.00,20.00,140.00`,
        ],
        '某村2026年第三季度财务公开',
      );
    const ok = await content(rows('50.00'));
    expect(ok.entries).toHaveLength(3);
    expect(ok.totals).toEqual({ income: 6_000, expense: 2_000, closingBalance: 14_000 });
    const errs = await errors(rows('60.00'));
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatchObject({ code: 'total-mismatch', row: 6, field: 'income' });
    expect(errs[0]?.message).toContain('60.00');
    expect(errs[0]?.message).toContain('50.00');
  });

  it('reads ￥ signs, 元 suffixes, full-width digits and a (300.00) reversal', async () => {
    const c = await content(
      ledger([
        '日期,摘要,收入,支出,余额',
        '7月1日,期初余额,,,"￥1,000.00"',
        '7月2日,收到租金,"￥1,200.00",,"2,200.00元"',
        '7月3日,冲销多记租金,(300.00),,１９００．００',
        '7月4日,支付电费,,１００．００元,"1,800.00"',
      ]),
    );
    expect(c.entries.map((e) => [e.income, e.expense])).toEqual([[120_000, 0], [-30_000, 0], [0, 10_000]]);
    expect(c.totals).toEqual({ income: 90_000, expense: 10_000, closingBalance: 180_000 });
  });

  it('applies a 单位：万元 note row to amount columns whose header names no unit', async () => {
    const c = await content(ledger(['单位：万元', '日期,摘要,收入,支出,余额', '2026-07-02,上级拨款,1.5,,1.5', '2026-07-09,修路,,0.25,1.25']));
    expect(c.entries.map((e) => e.income - e.expense)).toEqual([1_500_000, -250_000]);
    expect(c.openingBalance).toBeNull();
    expect(c.totals.closingBalance).toBe(1_250_000);
  });

  it('reads tab-separated text with 借方/贷方 headers and a line-broken header in quotes', async () => {
    const c = await content(ledger(['日期\t"摘\n要"\t借方金额\t贷方金额\t结余', '2026-07-02\t租金\t10.00\t\t10.00', '2026-07-09\t电费\t\t4.00\t6.00']));
    expect(c.entries.map((e) => e.summary)).toEqual(['租金', '电费']);
    expect(c.totals).toMatchObject({ income: 1_000, expense: 400, closingBalance: 600 });
    // the quoted header spans two lines but is one CSV record: data rows keep their record numbers
    expect(c.entries[0]?.row).toBe(3);
  });

  it('reads an XLSX ledger with a merged title and a merged two-row 日期/金额 header over 月/日 and 收入/支出', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(['石门村2026年第一季度财务公开']);
    ws.addRow(['日期', '', '摘要', '金额（元）', '', '余额']);
    ws.addRow(['月', '日', '', '收入', '支出', '']);
    ws.addRow([null, null, '上年结余', null, null, 100]);
    ws.addRow([1, 5, '租金', 20.5, null, 120.5]);
    ws.addRow([null, 9, '电费', null, 0.1 + 0.2, { formula: 'F5-E6', result: 120.2 }]);
    ws.addRow([null, null, '本月合计', 20.5, 0.3, 120.2]);
    ws.addRow([2, 1, '补助', 1000, null, 1120.2]);
    ws.addRow([null, null, '本季合计', 1020.5, 0.3, 1120.2]);
    ws.addRow([null, null, '本年累计', 1020.5, 0.3, 1120.2]);
    ws.mergeCells('A1:F1');
    ws.mergeCells('A2:B2');
    ws.mergeCells('D2:E2');
    ws.mergeCells('C2:C3');
    ws.mergeCells('F2:F3');
    const c = await content(new Uint8Array(await wb.xlsx.writeBuffer()), { format: 'xlsx' });
    expect(c.period).toBe('2026-Q1');
    expect(c.entries.map((e) => [e.row, e.date, e.income, e.expense])).toEqual([
      [5, '2026-01-05', 2_050, 0],
      [6, '2026-01-09', 0, 30],
      [8, '2026-02-01', 100_000, 0],
    ]);
    expect(c.totals).toEqual({ income: 102_050, expense: 30, closingBalance: 112_020 });
  });

  it('reports every bad row, not only the first', async () => {
    const errs = await errors(ledger(['日期,摘要,收入,支出', '2026-07-02,,10.00,', '2026-07-03,电费,,', '2026-07-04,修路,abc,', '2026-13-01,租金,1.00,']));
    expect(errs.map((e) => [e.code, e.row, e.column])).toEqual([
      ['summary-missing', 3, 'B'],
      ['amount-missing', 4, 'C'],
      ['invalid-amount', 5, 'C'],
      ['invalid-date', 6, 'A'],
    ]);
  });

  it('asks for period= when neither title nor dates give one', async () => {
    const errs = await errors(['月,日,摘要,收入,支出', '7,2,租金,1.00,'].join('\n'));
    expect(errs.map((e) => e.code)).toEqual(expect.arrayContaining(['period-missing']));
    expect(errs.find((e) => e.code === 'period-missing')?.message).toContain('period=');
  });

  it('rejects an entry dated outside the period', async () => {
    const errs = await errors(ledger(['日期,摘要,收入,支出', '2026-07-02,租金,10.00,', '2026-08-09,电费,,4.00']));
    expect(errs).toEqual([expect.objectContaining({ code: 'date-outside-period', row: 4, column: 'A' })]);
  });

  it('checks a 合计 balance against the closing balance', async () => {
    const errs = await errors(ledger(['日期,摘要,收入,支出,余额', '2026-07-01,上期结余,,,5.00', '2026-07-02,租金,10.00,,15.00', '合计,,10.00,,16.00']));
    expect(errs).toEqual([expect.objectContaining({ code: 'balance-mismatch', row: 5, column: 'E' })]);
  });

  it('keeps 本年累计 as a note when the file does not start at the start of the year', async () => {
    const c = await content(ledger(['日期,摘要,收入,支出', '2026-07-02,租金,10.00,', '本年累计,,999.00,']));
    expect(c.entries).toHaveLength(1);
    expect(c.notes.some((n) => n.includes('本年累计'))).toBe(true);
  });
});

describe('finance import: counterparty and what the balance is', () => {
  const ledger = (rows: string[], title = '某村2026年7月财务收支公开') => [title, ...rows].join('\n');

  it('reads a counterparty column as free text, masking a number in it', async () => {
    const result = await run(ledger(['日期,摘要,收（付）款单位,收入,支出', '2026-07-02,收到租金,某某农业开发有限公司,10.00,', '2026-07-03,劳务费,张三 13826092975,,5.00', '2026-07-04,利息,,0.10,']));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const c = result.content as FinanceContent;
    expect(c.entries.map((e) => e.counterparty)).toEqual(['某某农业开发有限公司', '张三 138****2975', null]);
    expect(result.warnings.map((w) => [w.code, w.row, w.column])).toEqual([['unmasked-in-text', 4, 'C']]);
    expect(JSON.stringify(result)).not.toContain('13826092975');
  });

  it('leaves counterparty and balanceKind out altogether when the ledger says nothing of them', async () => {
    const c = await content(sampleBytes);
    expect(c.entries.some((e) => 'counterparty' in e)).toBe(false);
    expect('balanceKind' in c).toBe(false);
  });

  it('tells a cash book from a bank book by the title or the balance header', async () => {
    const rows = ['日期,摘要,收入,支出,余额', '2026-07-02,租金,10.00,,10.00'];
    expect((await content(ledger(rows, '某村2026年7月现金日记账'))).balanceKind).toBe('cash');
    expect((await content(ledger(['日期,摘要,收入,支出,银行存款余额', '2026-07-02,租金,10.00,,10.00']))).balanceKind).toBe('bank');
    expect((await content(ledger(['日期,摘要,收入,支出,库存现金余额', '2026-07-02,租金,10.00,,10.00']))).balanceKind).toBe('cash');
    expect('balanceKind' in (await content(ledger(rows, '某村2026年7月现金日记账（含银行存款余额）')))).toBe(false);
  });
});

function tabbed(text: string): string {
  // The sample has quoted amounts with commas; as tab-separated text the quotes are not needed.
  return text
    .split('\r\n')
    .map((line) => line.replace(/"([^"]*)"/g, (_, v: string) => v.replace(/,/g, '\u0000')).split(',').join('\t').replace(/\u0000/g, ','))
    .join('\r\n');
}
