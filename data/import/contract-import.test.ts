import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { ContractContent, ContractItem } from '../publication.ts';
import { importPublication } from './import-publication.ts';
import type { ImportInput, ImportResult } from './import-result.ts';

const SAMPLE = new URL('../../test/fixtures/430821212212-康家坪村-集体资产资源合同台账.csv', import.meta.url);
const sampleBytes = readFileSync(SAMPLE);
const sampleText = iconv.decode(sampleBytes, 'gb18030');
const RAW_ID = '430821198312126262';

function run(bytes: Uint8Array | string, extra: Partial<ImportInput> = {}): Promise<ImportResult> {
  const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  return importPublication({ bytes: data, format: 'csv', kind: 'contract', idMask: { keepStart: 6, keepEnd: 4 }, ...extra });
}

async function content(result: ImportResult | Promise<ImportResult>): Promise<ContractContent> {
  const r = await result;
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.errors, null, 1)}`);
  if (r.content.kind !== 'contract') throw new Error('not a contract ledger');
  return r.content;
}

async function errors(result: Promise<ImportResult>) {
  const r = await result;
  if (r.ok) throw new Error('expected errors, the file was accepted');
  return r.errors;
}

/** Instalment count, first and last due date, and the sum, for one contract. */
function scheduleOf(c: ContractItem | undefined) {
  const s = c?.schedule ?? [];
  return { count: s.length, first: s[0]?.due, last: s.at(-1)?.due, total: s.reduce((sum, p) => sum + p.amount, 0) };
}

describe('contract import: the GBK field sample', () => {
  it('imports six contracts, the 截至 date and its year, totals and notes', async () => {
    const result = await run(sampleBytes);
    const c = await content(result);
    expect(c.title).toBe('高峰土家族乡康家坪村集体资产资源承包（租赁）合同台账');
    expect(c.period).toBe('2026');
    expect(c.asOf).toBe('2026-11-30');
    expect(c.totals).toEqual({ count: 6, area: '431.2', annualAmount: 14_655_000 });
    expect(c.notes).toEqual([
      '高峰土家族乡康家坪村集体资产资源承包（租赁）合同台账',
      '单位：元  截至2026年11月30日',
      '制表：康家坪村报账员   审核：村务监督委员会   监督电话：0744-****110',
    ]);
    expect(result.warnings.map((w) => [w.code, w.row, w.column])).toEqual([
      ['unmasked-id-number', 8, 'C'],
      ['phone-masked-in-note', 11, null],
    ]);
    expect(result.warnings[1]?.message).toBe('第11行：电话号码 0744-****110 已隐去中间数字。如这是公开的监督或举报电话，请在 PORTAL_PUBLIC_PHONES 中登记后重新上传。');
  });

  it('keeps the footer hotline when it is configured as a public number, in whatever form', async () => {
    const result = await run(sampleBytes, { publicNumbers: ['（0744）325 6110'] });
    const c = await content(result);
    expect(c.notes[2]).toBe('制表：康家坪村报账员   审核：村务监督委员会   监督电话：0744-3256110');
    expect(result.warnings.map((w) => w.code)).toEqual(['unmasked-id-number']);
  });

  it('reads every contract field by field', async () => {
    const c = await content(run(sampleBytes));
    const fields = (i: ContractItem) => {
      const { schedule: _, ...rest } = i;
      return rest;
    };
    expect(c.contracts.map(fields)).toEqual([
      {
        row: 4, number: 'KJP-2019-001', counterparty: '张家界金坪生态农业开发有限公司', partyKind: 'organisation', creditCode: '91430821MA4L8K2X7Q', idNumber: null,
        subject: '耕地（土地经营权流转）', subjectClass: 'arable', location: '一组、二组 坪上', area: '326.5', areaUnit: '亩', start: '2019-01-01', end: '2033-12-31',
        annualAmount: 13_060_000, paymentTerms: '按年缴纳，每年12月31日前', performance: '2019—2023年已缴清；2024年、2025年未缴', remark: '流转费400元/亩·年',
      },
      {
        row: 5, number: 'KJP-2020-003', counterparty: '覃永红', partyKind: 'person', creditCode: null, idNumber: '430821********7201',
        subject: '山塘（养殖）', subjectClass: 'pond', location: '三组 大塘', area: '12.0', areaUnit: '亩', start: '2020-03-01', end: '2030-02-28',
        annualAmount: 360_000, paymentTerms: '按年缴纳，每年3月1日前', performance: null, remark: null,
      },
      {
        row: 6, number: 'KJP-2021-002', counterparty: '田德明', partyKind: 'person', creditCode: null, idNumber: '430821********5925',
        subject: '林地', subjectClass: 'forest', location: '四组 后山', area: '85.0', areaUnit: '亩', start: '2021-01-01', end: '2040-12-31',
        annualAmount: 255_000, paymentTerms: '按年缴纳，每年1月31日前', performance: null, remark: '30元/亩·年',
      },
      {
        row: 7, number: 'KJP-2022-001', counterparty: '慈利县康源养殖专业合作社', partyKind: 'organisation', creditCode: '93430821MA4PQ6N31B', idNumber: null,
        subject: '房屋（原村小学）', subjectClass: 'building', location: '村部旁', area: '0.8', areaUnit: '亩', start: '2022-07-01', end: '2027-06-30',
        annualAmount: 600_000, paymentTerms: '半年缴纳，1月1日、7月1日前各3,000.00元', performance: null, remark: null,
      },
      {
        row: 8, number: 'KJP-2023-004', counterparty: '张永红', partyKind: 'person', creditCode: null, idNumber: '430821********6262',
        subject: '耕地（机动地）', subjectClass: 'arable', location: '二组 河边', area: '6.5', areaUnit: '亩', start: '2023-01-01', end: '2027-12-31',
        annualAmount: 260_000, paymentTerms: '按年缴纳，每年1月31日前', performance: null, remark: '备注：身份证号由承包方填写',
      },
      {
        row: 9, number: 'KJP-2024-001', counterparty: '张家界市某某光伏科技有限公司', partyKind: 'organisation', creditCode: '91430800MA7C3W1Y5K', idNumber: null,
        subject: '集体建设用地（屋顶光伏）', subjectClass: 'construction-land', location: '村部屋顶', area: '0.4', areaUnit: '亩', start: '2024-04-01', end: '2049-03-31',
        annualAmount: 120_000, paymentTerms: '一次性缴纳前5年6,000.00元，此后按年', performance: null, remark: null,
      },
    ]);
  });

  it('works out every schedule over the whole term, summing to the term total', async () => {
    const c = await content(run(sampleBytes));
    expect(c.contracts.map(scheduleOf)).toEqual([
      { count: 15, first: '2019-12-31', last: '2033-12-31', total: 15 * 13_060_000 },
      { count: 10, first: '2020-03-01', last: '2029-03-01', total: 10 * 360_000 },
      { count: 20, first: '2021-01-31', last: '2040-01-31', total: 20 * 255_000 },
      { count: 10, first: '2022-07-01', last: '2027-01-01', total: 5 * 600_000 },
      { count: 5, first: '2023-01-31', last: '2027-01-31', total: 5 * 260_000 },
      { count: 21, first: '2024-04-01', last: '2048-04-01', total: 25 * 120_000 },
    ]);
    const [, , , house, , solar] = c.contracts;
    expect(house?.schedule.map((p) => p.due)).toEqual([
      '2022-07-01', '2023-01-01', '2023-07-01', '2024-01-01', '2024-07-01', '2025-01-01', '2025-07-01', '2026-01-01', '2026-07-01', '2027-01-01',
    ]);
    expect(house?.schedule.every((p) => p.amount === 300_000)).toBe(true);
    expect(solar?.schedule[0]).toEqual({ due: '2024-04-01', amount: 600_000, covers: { from: '2024-04-01', to: '2029-03-31' } });
    expect(solar?.schedule.slice(1).every((p) => p.amount === 120_000)).toBe(true);
    expect(solar?.schedule[1]?.due).toBe('2029-04-01');
    expect(c.contracts[0]?.schedule[0]?.covers).toEqual({ from: '2019-01-01', to: '2019-12-31' });
  });

  it('masks row 8’s raw ID everywhere: content, warnings and all', async () => {
    const result = await run(sampleBytes);
    expect(result.ok).toBe(true);
    expect(JSON.stringify(result)).not.toContain(RAW_ID);
    expect(JSON.stringify(result)).not.toContain('19831212');
  });

  it('names the row and column when the 合计 annual amount is off by one fen', async () => {
    const broken = sampleText.replace('合计,,,,,431.2,,,"146,550.00"', '合计,,,,,431.2,,,"146,550.01"');
    expect(broken).not.toBe(sampleText);
    const errs = await errors(run(broken));
    expect(errs).toEqual([expect.objectContaining({ code: 'total-mismatch', row: 10, column: 'I', field: 'annualAmount' })]);
    expect(errs[0]?.message).toBe('第10行I列（年租金（元））：“合计”年租金为 146,550.01 元，但表中各合同年租金合计为 146,550.00 元');
    expect(JSON.stringify(errs)).not.toContain(RAW_ID);
  });

  it('checks the 合计 area as a decimal, and a count the row states', async () => {
    const area = await errors(run(sampleText.replace('合计,,,,,431.2,', '合计,,,,,431.3,')));
    expect(area.map((e) => [e.code, e.row, e.column, e.field])).toEqual([['total-mismatch', 10, 'F', 'area']]);
    expect(area[0]?.message).toBe('第10行F列（面积（亩））：“合计”面积为 431.3，但表中各合同面积合计为 431.2');
    expect((await content(run(sampleText.replace('合计,,,,,431.2,', '合计,,,,,431.20,')))).totals.area).toBe('431.2');
    const count = await errors(run(sampleText.replace('合计,,,,,431.2,', '合计（7份）,,,,,431.2,')));
    expect(count.map((e) => [e.code, e.row, e.column, e.field])).toEqual([['total-mismatch', 10, 'A', 'count']]);
    expect((await content(run(sampleText.replace('合计,,,,,431.2,', '合计（6份）,,,,,431.2,')))).totals.count).toBe(6);
  });

  it('refuses an ID number typed into the area column instead of publishing it as an area', async () => {
    const result = await run(sampleText.replace(',二组 河边,6.5,', `,二组 河边,${RAW_ID},`).replace('合计,,,,,431.2,', '合计,,,,,,'));
    if (result.ok) throw new Error('accepted');
    expect(result.errors.map((e) => [e.code, e.row, e.column])).toEqual([['personal-number-in-number', 8, 'F']]);
    expect(JSON.stringify(result)).not.toContain(RAW_ID);
  });

  it('refuses a contract without a lessee or a subject, naming the cell', async () => {
    const errs = await errors(run(sampleText.replace('KJP-2020-003,覃永红,', 'KJP-2020-003,,').replace(',林地,四组 后山', ',,四组 后山')));
    expect(errs.map((e) => [e.code, e.row, e.column])).toEqual([
      ['counterparty-missing', 5, 'B'],
      ['subject-missing', 6, 'D'],
    ]);
    expect(errs[0]?.message).toBe('第5行B列（承包（租赁）方）：承包（租赁）方为空。');
  });

  it('warns, with the advice, about payment terms it cannot read, and publishes no schedule for them', async () => {
    const result = await run(sampleText.replace('按年缴纳，每年3月1日前', '视经营情况协商'));
    const c = await content(result);
    expect(c.contracts[1]?.schedule).toEqual([]);
    const warning = result.warnings.find((w) => w.code === 'payment-terms-unrecognised');
    expect(warning).toMatchObject({ row: 5, column: 'J', field: 'paymentTerms' });
    expect(warning?.message).toBe(
      '第5行J列（缴费方式）：无法识别缴费方式“视经营情况协商”，未生成应收计划，应收款核对将不覆盖这份合同。请写成“按年缴纳，每年12月31日前”或“半年缴纳，1月1日、7月1日前各3,000元”等',
    );
  });

  it('takes the period from the 截至 date and refuses a request for another year', async () => {
    expect((await content(run(sampleBytes, { period: '2026' }))).period).toBe('2026');
    const errs = await errors(run(sampleBytes, { period: '2025' }));
    expect(errs.map((e) => e.code)).toEqual(['period-mismatch']);
  });

  it('falls back to the request, then the title, and asks for period= when neither says', async () => {
    const undated = sampleText.replace('截至2026年11月30日', '');
    expect(await content(run(undated, { period: '2025' }))).toMatchObject({ period: '2025', asOf: null });
    expect((await content(run(undated.replace('康家坪村集体', '康家坪村2024年集体')))).period).toBe('2024');
    const errs = await errors(run(undated));
    expect(errs.map((e) => e.code)).toEqual(['period-missing']);
    expect(errs[0]?.message).toContain('period=');
  });

  it('names the ledger kind when no header fits', async () => {
    const errs = await errors(run('某村台账\n姓名,金额\n张三,100'));
    expect(errs.map((e) => e.code)).toEqual(['no-header']);
    expect(errs[0]?.message).toContain('找不到集体资产资源合同台账的表头');
  });
});

describe('contract import: the family of ledgers', () => {
  it('reads other names and orders, 万元, a 起止日期 column, 序号 with 合计 under it, and 平方米', async () => {
    const csv = [
      '某村2026年集体资产出租合同台账',
      '序号,承租方,标的,坐落位置,建筑面积（㎡）,合同期限,年租金（万元）,付款方式,欠缴金额（元）',
      '1,某某商贸有限公司,门面房,村部一楼,120.5,2019.01.01-2033.12.31,1.2,"按年支付，每年6月30日前",',
      '2,向某,仓库,二组,80,2021年3月1日至2026年2月28日,0.36,按季度缴纳,900',
      '合计,,,,200.5,,1.56,,900',
    ].join('\n');
    const result = await run(csv);
    const c = await content(result);
    expect(c.period).toBe('2026');
    expect(c.contracts.map((i) => [i.row, i.counterparty, i.partyKind, i.subjectClass, i.area, i.areaUnit, i.start, i.end, i.annualAmount])).toEqual([
      [3, '某某商贸有限公司', 'organisation', 'building', '120.5', '平方米', '2019-01-01', '2033-12-31', 1_200_000],
      [4, '向某', null, 'building', '80', '平方米', '2021-03-01', '2026-02-28', 360_000],
    ]);
    expect(scheduleOf(c.contracts[0])).toEqual({ count: 15, first: '2019-06-30', last: '2033-06-30', total: 15 * 1_200_000 });
    expect(scheduleOf(c.contracts[1])).toEqual({ count: 20, first: '2021-03-01', last: '2025-12-01', total: 5 * 360_000 });
    expect(c.totals).toEqual({ count: 2, area: '200.5', annualAmount: 1_560_000 });
    expect(result.warnings.map((w) => [w.code, w.row, w.column])).toEqual([['column-not-imported', 2, 'I']]);
  });

  it('completes the end from a term in years, and warns when a stated end disagrees', async () => {
    const csv = (end: string) =>
      ['某村2026年合同台账', '合同编号,承包人,资源名称,面积（亩）,起始日期,终止日期,承包期限（年）,年承包费,缴费方式', `H-1,李某,荒山,50,2020-03-01,${end},10,500,年付`].join('\n');
    const c = await content(run(csv('')));
    expect(c.contracts[0]).toMatchObject({ start: '2020-03-01', end: '2030-02-28', subjectClass: 'forest' });
    expect(scheduleOf(c.contracts[0])).toEqual({ count: 10, first: '2020-03-01', last: '2029-03-01', total: 500_000 });
    const off = await run(csv('2030-03-31'));
    expect(off.warnings.map((w) => [w.code, w.row, w.column])).toEqual([
      ['term-years-mismatch', 3, 'G'],
      ['partial-final-period', 3, 'I'],
    ]);
  });

  it('refuses an end before the start and a 起止日期 that contradicts the date columns', async () => {
    const base = ['某村2026年合同台账', '承包方,标的物,起始日期,终止日期,起止日期,年租金,缴费方式'];
    const reversed = await errors(run([...base, '李某,耕地,2030-01-01,2020-12-31,,100,按年缴纳'].join('\n')));
    expect(reversed.map((e) => [e.code, e.row, e.column])).toEqual([['term-reversed', 3, 'D']]);
    const contradicted = await errors(run([...base, '李某,耕地,2020-01-01,2029-12-31,2020.01.01-2030.12.31,100,按年缴纳'].join('\n')));
    expect(contradicted.map((e) => [e.code, e.row, e.column])).toEqual([['term-mismatch', 3, 'E']]);
    const reversedTerm = await errors(run(['某村2026年合同台账', '承包方,标的物,起止日期,年租金,缴费方式', '李某,耕地,2030.01.01-2020.12.31,100,按年缴纳'].join('\n')));
    expect(reversedTerm.map((e) => [e.code, e.row, e.column])).toEqual([['term-reversed', 3, 'C']]);
  });

  it('warns once when the ledger has no payment-terms column, and skips template rows with only a 序号', async () => {
    const result = await run(['某村2026年合同台账', '序号,承包方,标的物,年租金', '1,李某,耕地,100', '2,,,', '3,,,'].join('\n'));
    const c = await content(result);
    expect(c.contracts).toHaveLength(1);
    expect(c.contracts[0]?.schedule).toEqual([]);
    expect(result.warnings.map((w) => w.code)).toEqual(['payment-terms-column-missing']);
  });
});

describe('contract import: an XLSX ledger', () => {
  it('reads a merged title, date cells, numbers and a raw ID typed as text', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('合同台账');
    ws.addRow(['柳树村集体资产资源合同台账（截至2026年6月30日）']);
    ws.mergeCells('A1:I1');
    ws.addRow(['序号', '合同编号', '乙方', '证件号码', '资产名称', '面积（亩）', '起始日期', '终止日期', '年租金（元）', '缴费方式']);
    ws.addRow([1, 'LS-01', '王某', '430802196401241328', '鱼塘', 3.5, new Date(Date.UTC(2022, 0, 1)), new Date(Date.UTC(2026, 11, 31)), 1800, '每年12月31日前缴清']);
    ws.addRow([2, 'LS-02', '柳树村茶叶专业合作社', '', '茶园', 20, new Date(Date.UTC(2023, 2, 1)), new Date(Date.UTC(2033, 1, 28)), 6000.5, '一次性付清']);
    ws.addRow(['合计', '', '', '', '', 23.5, '', '', 7800.5, '']);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const result = await run(bytes, { format: 'xlsx' });
    const c = await content(result);
    expect(c).toMatchObject({ title: '柳树村集体资产资源合同台账（截至2026年6月30日）', period: '2026', asOf: '2026-06-30' });
    expect(c.contracts.map((i) => [i.row, i.number, i.counterparty, i.partyKind, i.idNumber, i.subjectClass, i.area, i.start, i.end, i.annualAmount])).toEqual([
      [3, 'LS-01', '王某', 'person', '430802********1328', 'pond', '3.5', '2022-01-01', '2026-12-31', 180_000],
      [4, 'LS-02', '柳树村茶叶专业合作社', 'organisation', null, 'orchard', '20', '2023-03-01', '2033-02-28', 600_050],
    ]);
    expect(scheduleOf(c.contracts[0])).toEqual({ count: 5, first: '2022-12-31', last: '2026-12-31', total: 900_000 });
    expect(c.contracts[1]?.schedule).toEqual([{ due: '2023-03-01', amount: 6_000_500, covers: { from: '2023-03-01', to: '2033-02-28' } }]);
    expect(c.totals).toEqual({ count: 2, area: '23.5', annualAmount: 780_050 });
    expect(result.warnings.map((w) => [w.code, w.row, w.column])).toEqual([['unmasked-id-number', 3, 'D']]);
    expect(JSON.stringify(result)).not.toContain('430802196401241328');
  });
});
