import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PublicationKind } from '../publication.ts';
import { compactDigits, plantedNumber, type PlantedNumber } from '../privacy/written-numbers-test-support.ts';
import { importPublication } from './import-publication.ts';
import type { ImportInput, SourceFormat } from './import-result.ts';

/**
 * A personal number, in any way people write it, typed into any field of any kind of
 * publication, from any input format, is never stored raw: whatever the import answers —
 * content, warnings or errors — holds no run of the number's digits once separators and full
 * width are stripped. Fields meant for free text are masked; fields published as written
 * (amounts, quantities, dates, ids) are refused.
 */

type Sheet = string[][];

interface Template {
  sheet: Sheet;
  /** where a field sits in the sheet: row, column, and the text around the number */
  cells: Record<string, [row: number, column: number, before?: string, after?: string]>;
  json: Record<string, unknown>;
  /** field → path in the JSON body, and whether the value goes in as a number when it can */
  jsonFields: Record<string, [path: Array<string | number>, numeric?: boolean, before?: string]>;
}

/** Statements take no JSON and have their own masking test (statement-import.test.ts). */
const TEMPLATES: Record<Exclude<PublicationKind, 'statement'>, Template> = {
  finance: {
    sheet: [
      ['某村2026年第三季度财务收支明细'],
      ['公开单位：某村村民委员会'],
      ['日期', '凭证号', '摘要', '科目', '收入金额（元）', '支出金额（元）', '余额（元）', '收款单位', '备注'],
      ['2026-07-01', '', '上期结余', '', '', '', '1000.00', '', ''],
      ['2026-07-03', '记-001', '收到租金', '经营收入', '200.00', '', '1200.00', '某公司', ''],
      ['2026-07-08', '记-002', '支付电费', '管理费用', '', '100.00', '1100.00', '供电所', ''],
      ['合计', '', '', '', '200.00', '100.00', '1100.00', '', ''],
      ['本年累计', '', '', '', '200.00', '100.00', '', '', '累计'],
      ['制表人：张三'],
    ],
    cells: {
      title: [0, 0, '某村2026年第三季度财务收支明细（', '）'],
      note: [1, 0, '公开单位：某村村民委员会 联系人电话 '],
      date: [4, 0],
      voucher: [4, 1],
      summary: [4, 2, '收到租金，联系', '。'],
      account: [4, 3],
      income: [4, 4],
      balance: [4, 6],
      counterparty: [4, 7, '张三 '],
      remark: [5, 8, '已付，卡号'],
      totalLabel: [6, 0, '合计（', '）'],
      cumulative: [7, 8, '累计 '],
      footer: [8, 0, '监督电话：', '（镇纪委）'],
    },
    json: {
      title: '某村2026年第三季度财务收支明细',
      period: '2026-Q3',
      openingBalance: 100_000,
      entries: [
        { date: '2026-07-03', voucher: '记-001', summary: '收到租金', account: '经营收入', income: 20_000, balance: 120_000, counterparty: '某公司', remark: null },
        { date: '2026-07-08', voucher: '记-002', summary: '支付电费', account: '管理费用', expense: 10_000, balance: 110_000, remark: '已付' },
      ],
      notes: ['制表人：张三'],
    },
    jsonFields: {
      title: [['title'], false, '某村2026年第三季度财务收支明细'],
      note: [['notes', 0], false, '监督电话：'],
      date: [['entries', 0, 'date']],
      voucher: [['entries', 0, 'voucher']],
      summary: [['entries', 0, 'summary'], false, '收到租金，联系'],
      account: [['entries', 0, 'account']],
      counterparty: [['entries', 1, 'counterparty']],
      remark: [['entries', 1, 'remark'], false, '卡号'],
      income: [['entries', 0, 'income'], true],
      row: [['entries', 0, 'row'], true],
    },
  },
  subsidy: {
    sheet: [
      ['某村2026年耕地地力保护补贴发放花名册'],
      ['序号', '户主姓名', '身份证号码', '联系电话', '银行卡号', '补贴面积（亩）', '补贴标准（元/亩）', '补贴金额（元）', '发放时间', '发放方式', '备注'],
      ['1', '李小平', '430802********7238', '187****5142', '6217********1234', '3.70', '105.65', '390.91', '2026-05-20', '社保卡', ''],
      ['2', '欧翠英', '430802********8518', '187****0088', '6217********5678', '1.09', '105.65', '115.16', '2026-05-20', '社保卡', ''],
      ['合计', '', '', '', '', '4.79', '', '506.07', '', '', ''],
      ['如有异议，请于公示之日起7日内反映'],
    ],
    cells: {
      title: [0, 0, '某村2026年耕地地力保护补贴', '发放花名册'],
      seq: [2, 0],
      name: [2, 1, '李小平'],
      idNumber: [2, 2],
      phone: [2, 3],
      bankCard: [2, 4],
      quantity: [2, 5],
      rate: [2, 6],
      amount: [3, 7],
      datePaid: [3, 8],
      channel: [3, 9, '社保卡 '],
      remark: [3, 10, '户主已故，由配偶代领，电话'],
      footer: [5, 0, '如有异议，请拨打'],
    },
    json: {
      title: '某村2026年耕地地力保护补贴发放花名册',
      period: '2026',
      rows: [
        { seq: '1', name: '李小平', idNumber: '430802********7238', quantity: '3.70', rateText: '105.65', amount: 39_091, datePaid: '2026-05-20', channel: '社保卡' },
        { seq: '2', name: '欧翠英', quantity: '1.09', rateText: '105.65', amount: 11_516, remark: null },
      ],
      notes: [],
    },
    jsonFields: {
      title: [['title'], false, '某村2026年耕地地力保护补贴发放花名册'],
      programme: [['programme'], false, '耕地地力保护补贴'],
      note: [['notes', 0], false, '监督电话：'],
      seq: [['rows', 0, 'seq']],
      name: [['rows', 0, 'name']],
      idNumber: [['rows', 0, 'idNumber']],
      phone: [['rows', 1, 'phone']],
      bankCard: [['rows', 1, 'bankCard']],
      quantity: [['rows', 0, 'quantity']],
      rateText: [['rows', 1, 'rateText']],
      unit: [['rows', 0, 'unit'], false, '亩'],
      channel: [['rows', 1, 'channel']],
      remark: [['rows', 1, 'remark'], false, '电话'],
      amount: [['rows', 1, 'amount'], true],
    },
  },
  project: {
    sheet: [
      ['某村2026年村级工程项目公示'],
      ['项目名称', '建设地点', '资金来源', '预算金额（万元）', '合同金额（万元）', '施工单位', '采购方式', '开工日期', '计划完工日期', '形象进度', '已支付（万元）', '备注'],
      ['通组公路硬化', '三组', '一事一议', '48.6', '46.93', '某建筑公司', '竞争性谈判', '2026-03-10', '2026-06-30', '已完工', '42.24', ''],
      ['路灯安装', '村部', '村集体自筹', '6.8', '6.55', '某照明公司', '询价', '2026-07-01', '2026-07-31', '70%', '3.00', ''],
      ['项目资金使用情况接受全体村民监督'],
    ],
    cells: {
      title: [0, 0, '某村2026年村级工程项目公示（', '）'],
      name: [2, 0, '通组公路硬化'],
      location: [2, 1, '三组 '],
      fundingSource: [2, 2],
      budget: [2, 3],
      contractor: [2, 5, '某建筑公司 联系人 '],
      procurementMethod: [3, 6],
      plannedStart: [3, 7],
      progress: [3, 9, '完成70%，联系'],
      amountPaid: [3, 10],
      remark: [3, 11, '施工方电话'],
      footer: [4, 0, '监督电话：'],
    },
    json: {
      title: '某村2026年村级工程项目公示',
      period: '2026',
      projects: [
        { name: '通组公路硬化', location: '三组', budget: 486_000_00, contractor: '某建筑公司', plannedStart: '2026-03-10', progress: '已完工', photos: [{ id: 'abcdef0123456789abcdef01', width: 1600, height: 1200, caption: '施工现场' }] },
        { name: '路灯安装', location: '村部', progress: '70%', remark: null },
      ],
      notes: [],
    },
    jsonFields: {
      title: [['title'], false, '某村2026年村级工程项目公示'],
      note: [['notes', 0], false, '监督电话：'],
      name: [['projects', 0, 'name']],
      location: [['projects', 0, 'location']],
      fundingSource: [['projects', 1, 'fundingSource']],
      contractor: [['projects', 0, 'contractor'], false, '联系人'],
      procurementMethod: [['projects', 1, 'procurementMethod']],
      plannedStart: [['projects', 1, 'plannedStart']],
      progress: [['projects', 1, 'progress'], false, '完成70%，联系'],
      remark: [['projects', 1, 'remark']],
      caption: [['projects', 0, 'photos', 0, 'caption'], false, '施工现场，施工方'],
      photoId: [['projects', 0, 'photos', 0, 'id']],
      budget: [['projects', 1, 'budget'], true],
    },
  },
  contract: {
    sheet: [
      ['某村集体资产资源合同台账'],
      ['单位：元', '截至2026年11月30日'],
      ['合同编号', '承包（租赁）方', '身份证号/统一社会信用代码', '标的物', '坐落', '面积（亩）', '起始日期', '终止日期', '年租金（元）', '缴费方式', '履约情况', '备注'],
      ['KJP-1', '覃永红', '430821********7201', '山塘（养殖）', '三组 大塘', '12.0', '2020-03-01', '2030-02-28', '3,600.00', '按年缴纳，每年3月1日前', '', ''],
      ['KJP-2', '某合作社', '93430821MA4PQ6N31B', '房屋', '村部旁', '0.8', '2022-07-01', '2027-06-30', '6,000.00', '按年缴纳，每年1月1日前', '', ''],
      ['合计', '', '', '', '', '12.8', '', '', '9,600.00', '', '', ''],
      ['制表：报账员   审核：村务监督委员会'],
    ],
    cells: {
      title: [0, 0, '某村集体资产资源合同台账（', '）'],
      number: [3, 0],
      counterparty: [3, 1, '覃永红 '],
      partyId: [3, 2],
      subject: [3, 3, '山塘，管理员'],
      location: [3, 4, '三组 '],
      area: [3, 5],
      start: [3, 6],
      annualAmount: [3, 8],
      paymentTerms: [4, 9, '按年缴纳，汇入'],
      performance: [4, 10, '已缴清，经办人'],
      remark: [4, 11],
      footer: [6, 0, '制表：报账员 电话'],
    },
    json: {
      title: '某村集体资产资源合同台账',
      asOf: '2026-11-30',
      contracts: [
        { number: 'KJP-1', counterparty: '覃永红', partyId: '430821********7201', subject: '山塘', area: '12.0', start: '2020-03-01', end: '2030-02-28', annualAmount: 360_000, paymentTerms: '按年缴纳，每年3月1日前' },
        { counterparty: '某合作社', partyId: '93430821MA4PQ6N31B', subject: '房屋', start: '2022-07-01', end: '2027-06-30', annualAmount: 600_000, paymentTerms: '按年缴纳，每年1月1日前', schedule: [{ due: '2022-12-31', amount: 600_000 }] },
      ],
      notes: [],
    },
    jsonFields: {
      title: [['title'], false, '某村集体资产资源合同台账'],
      note: [['notes', 0], false, '监督电话：'],
      number: [['contracts', 0, 'number']],
      counterparty: [['contracts', 0, 'counterparty'], false, '覃永红'],
      partyId: [['contracts', 0, 'partyId']],
      subject: [['contracts', 1, 'subject'], false, '房屋，管理员'],
      location: [['contracts', 1, 'location']],
      area: [['contracts', 1, 'area']],
      areaUnit: [['contracts', 0, 'areaUnit']],
      start: [['contracts', 1, 'start']],
      paymentTerms: [['contracts', 0, 'paymentTerms'], false, '汇入'],
      performance: [['contracts', 1, 'performance']],
      remark: [['contracts', 1, 'remark']],
      dueDate: [['contracts', 1, 'schedule', 0, 'due']],
      annualAmount: [['contracts', 0, 'annualAmount'], true],
    },
  },
};

const ID_MASK = { keepStart: 6, keepEnd: 4 };

describe('personal numbers never stored raw (property)', () => {
  const cases = (format: SourceFormat) =>
    (Object.keys(TEMPLATES) as Array<keyof typeof TEMPLATES>).flatMap((kind) =>
      Object.keys(format === 'json' ? TEMPLATES[kind].jsonFields : TEMPLATES[kind].cells).map((field) => ({ kind, field })),
    );

  for (const [format, numRuns] of [
    ['csv', 300],
    ['json', 300],
    ['xlsx', 60],
  ] as const) {
    it(`hides every written form of a number in every field of every kind, from ${format}`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...cases(format)), plantedNumber, fc.boolean(), async ({ kind, field }, number, asCellNumber) => {
          const input = await fileWith(kind, field, number, format, asCellNumber);
          expect(compactDigits(new TextDecoder().decode(input.bytes)).toUpperCase().includes(number.digits) || format === 'xlsx').toBe(true);
          const result = await importPublication(input);
          const stored = compactDigits(JSON.stringify(result)).toUpperCase();
          expect(stored.includes(number.digits), `${kind}.${field} ${format}: ${number.written} → ${JSON.stringify(result).slice(0, 400)}`).toBe(false);
        }),
        { seed: 20261010, numRuns },
      );
    });
  }

  it('hides a number typed into the programme given with the upload', async () => {
    await fc.assert(
      fc.asyncProperty(plantedNumber, async (number) => {
        const input = await fileWith('subsidy', 'name', { ...number, written: '李四' }, 'csv', false);
        const result = await importPublication({ ...input, programme: `耕地补贴 ${number.written}` });
        expect(compactDigits(JSON.stringify(result)).toUpperCase().includes(number.digits)).toBe(false);
      }),
      { seed: 20261011, numRuns: 100 },
    );
  });

  it('would see a leak: the same check finds the number in what was uploaded', async () => {
    const number = fc.sample(plantedNumber, { seed: 1, numRuns: 1 })[0] as PlantedNumber;
    const input = await fileWith('finance', 'summary', number, 'csv', false);
    expect(compactDigits(new TextDecoder().decode(input.bytes)).toUpperCase()).toContain(number.digits);
  });
});

// ——— helpers ———

async function fileWith(kind: keyof typeof TEMPLATES, field: string, number: PlantedNumber, format: SourceFormat, asCellNumber: boolean): Promise<ImportInput> {
  const t = TEMPLATES[kind];
  const base = { kind, format, idMask: ID_MASK, publicNumbers: ['12388'] } as const;
  if (format === 'json') {
    const body = structuredClone(t.json);
    const [path, numeric, before] = t.jsonFields[field] as [Array<string | number>, boolean?, string?];
    const value = numeric && number.plain && Number.isSafeInteger(Number(number.digits)) ? Number(number.digits) : `${before ?? ''}${number.written}`;
    setPath(body, path, value);
    return { ...base, bytes: new TextEncoder().encode(JSON.stringify(body)) };
  }
  const sheet = t.sheet.map((row) => [...row]);
  const [row, column, before = '', after = ''] = t.cells[field] as [number, number, string?, string?];
  (sheet[row] as string[])[column] = `${before}${number.written}${after}`;
  if (format === 'csv') return { ...base, bytes: new TextEncoder().encode(sheet.map((r) => r.map(csvCell).join(',')).join('\n')) };
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet('表1');
  for (const r of sheet) {
    // an official's sheet holds a plain number as a number cell as often as text
    ws.addRow(r.map((cell) => (asCellNumber && number.plain && cell === number.written && Number(cell) < 1e15 ? Number(cell) : cell)));
  }
  return { ...base, bytes: new Uint8Array(await workbook.xlsx.writeBuffer()) };
}

function setPath(body: Record<string, unknown>, path: Array<string | number>, value: unknown): void {
  let at = body as Record<string | number, unknown>;
  path.slice(0, -1).forEach((key, i) => {
    at[key] ??= typeof path[i + 1] === 'number' ? [] : {};
    at = at[key] as Record<string | number, unknown>;
  });
  at[path[path.length - 1] as string | number] = value;
}

function csvCell(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
