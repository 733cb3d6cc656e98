import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { DecisionRecord } from '../decisions/decision-record.ts';
import { importDecisionRegister, type DecisionRegisterInput, type DecisionRegisterResult } from './decision-register.ts';

const FIXTURES = '../../test/fixtures/430821211227-龙岗村-四议两公开登记表';
const XLSX = readFileSync(new URL(`${FIXTURES}.xlsx`, import.meta.url));
const CSV_BOM = readFileSync(new URL(`${FIXTURES}-事项1.csv`, import.meta.url));
const CSV_GBK = readFileSync(new URL(`${FIXTURES}-事项1-GBK.csv`, import.meta.url));
const VILLAGE = '430821211227';

function run(bytes: Uint8Array | string, extra: Partial<DecisionRegisterInput> = {}): Promise<DecisionRegisterResult> {
  const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : new Uint8Array(bytes);
  return importDecisionRegister({ bytes: data, format: typeof bytes === 'string' ? 'csv' : 'xlsx', village: VILLAGE, ...extra });
}

async function records(bytes: Uint8Array | string, extra: Partial<DecisionRegisterInput> = {}): Promise<DecisionRecord[]> {
  const result = await run(bytes, extra);
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.errors, null, 1)}`);
  return result.records;
}

async function errors(bytes: Uint8Array | string, extra: Partial<DecisionRegisterInput> = {}) {
  const result = await run(bytes, extra);
  if (result.ok) throw new Error('expected errors, the register was accepted');
  return result.errors;
}

/** The sample workbook with a change made in exceljs, as an official would make it in Excel. */
async function edited(change: (book: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(XLSX as never);
  change(book);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

function sheet(book: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const found = book.getWorksheet(name);
  if (!found) throw new Error(`no sheet ${name}`);
  return found;
}

const csvText = new TextDecoder().decode(CSV_BOM).replace(/^\uFEFF/, '');

describe('decision register: the XLSX sample', () => {
  it('reads one matter per sheet with its steps, counts, dates and amount', async () => {
    const [road, hill, ...rest] = await records(XLSX);
    expect(rest).toHaveLength(0);
    expect(road).toMatchObject({
      village: VILLAGE,
      subject: '龙岗村二组至四组通组公路硬化工程',
      powerItem: { code: null, name: '村级工程项目建设（5万元以上）' },
      amount: 38_600_000,
      amountText: '38.6万元',
      links: [],
      completedOn: null,
      notes: ['填表人：龙岗村村务监督委员会 覃某某    村党支部（盖章）    填表日期：2026年9月25日'],
    });
    expect(road?.steps.map((s) => [s.step, s.label, s.date, s.row])).toEqual([
      ['party-proposal', '党支部提议', '2026-03-02', 5],
      ['committees-discussion', '两委会议商议', '2026-03-05', 6],
      ['party-members-meeting', '党员大会审议', '2026-03-12', 7],
      ['villagers-resolution', '村民代表会议决议', '2026-03-18', 8],
      ['resolution-disclosure', '决议公开', '2026-03-19', 9],
      ['result-disclosure', '实施结果公开', '2026-09-20', 10],
    ]);
    expect(road?.steps[2]).toMatchObject({ expected: 31, present: 24, votesFor: 22, votesAgainst: 1, abstentions: 1, townshipOfficials: '三官寺乡党委委员 田某某', remark: '7名外出党员书面请假', body: null });
    expect(road?.steps[3]).toMatchObject({ body: 'representatives-meeting', meeting: '村民代表会议 村部会议室', present: 38 });
    expect(road?.steps[4]).toMatchObject({ expected: null, present: null, votesFor: null, postedFrom: '2026-03-19', postedUntil: '2026-03-26', remark: '公示期间无异议' });
    expect(road?.steps[5]).toMatchObject({ postedFrom: null, postedUntil: null, townshipOfficials: null });
  });

  it('keeps a matter whose amount is not one amount as words, and its missing result disclosure', async () => {
    const [, hill] = await records(XLSX);
    expect(hill).toMatchObject({ subject: '村集体荒山（老鸦坡）经营权流转', amount: null, amountText: '年流转费1.8万元，期限15年', powerItem: { name: '集体资产资源发包、出租' } });
    expect(hill?.steps.map((s) => s.step)).toEqual(['party-proposal', 'committees-discussion', 'party-members-meeting', 'villagers-resolution', 'resolution-disclosure']);
    expect(hill?.steps[2]).toMatchObject({ expected: 31, present: 19, votesFor: 18, votesAgainst: 1, abstentions: 0 });
    // 公示期7天 with no dates: the days are not invented
    expect(hill?.steps[4]).toMatchObject({ postedFrom: null, postedUntil: null });
  });
});

describe('decision register: what officials change', () => {
  it('imports a register with the 党员大会 row removed, its five steps in the order written', async () => {
    const bytes = await edited((book) => sheet(book, '事项1').spliceRows(7, 1));
    const [road] = await records(bytes);
    expect(road?.steps.map((s) => s.step)).toEqual(['party-proposal', 'committees-discussion', 'villagers-resolution', 'resolution-disclosure', 'result-disclosure']);
  });

  it('refuses 实到 "abc", naming the sheet, row, column and field', async () => {
    const bytes = await edited((book) => {
      sheet(book, '事项2').getCell('E7').value = 'abc';
    });
    const [e, ...more] = await errors(bytes);
    expect(more).toHaveLength(0);
    expect(e).toMatchObject({ code: 'invalid-count', row: 7, column: 'E', field: 'present' });
    expect(e?.message).toContain('工作表“事项2”：第7行E列（实到人数）');
    expect(e?.messageEn).toContain('Row 7, column E (实到人数)');
  });

  it('refuses counts that are fractions or negative, and votes outnumbering those present', async () => {
    const bytes = await edited((book) => {
      const ws = sheet(book, '事项1');
      ws.getCell('D5').value = 4.5;
      ws.getCell('H6').value = '-1';
      ws.getCell('F8').value = 40; // 40 + 2 + 1 for, against and abstaining, 38 present
    });
    const found = (await errors(bytes)).map((e) => [e.code, e.row, e.column]);
    expect(found).toEqual([
      ['invalid-count', 5, 'D'],
      ['invalid-count', 6, 'H'],
      ['votes-exceed-present', 8, 'F'],
    ]);
  });

  it('refuses an unknown step label rather than guessing which step it is', async () => {
    const bytes = await edited((book) => {
      sheet(book, '事项1').getCell('A6').value = '班子碰头会';
    });
    const [e] = await errors(bytes);
    expect(e).toMatchObject({ code: 'unknown-step', row: 6, column: 'A', field: 'step' });
    expect(e?.message).toContain('班子碰头会');
  });

  it('refuses an impossible date and a step with no date', async () => {
    const bytes = await edited((book) => {
      const ws = sheet(book, '事项1');
      ws.getCell('B6').value = '2026年2月30日';
      ws.getCell('B7').value = null;
    });
    expect((await errors(bytes)).map((e) => [e.code, e.row, e.column])).toEqual([
      ['invalid-date', 6, 'B'],
      ['date-missing', 7, 'B'],
    ]);
  });

  it('skips a printed step with nothing filled in, and a sheet that holds no register', async () => {
    const bytes = await edited((book) => {
      const ws = sheet(book, '事项2');
      ws.getCell('A10').value = '实施结果公开';
      book.addWorksheet('填表说明').addRow(['本表由村务监督委员会填写，一事一表']);
    });
    const result = await run(bytes);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.records[1]?.steps).toHaveLength(5);
    expect(result.warnings.map((w) => [w.code, w.row])).toEqual([
      ['step-not-taken', 10],
      ['sheet-skipped', null],
    ]);
  });

  it('masks a raw mobile number in 备注 or 主要内容 and warns where it was', async () => {
    const bytes = await edited((book) => {
      const ws = sheet(book, '事项1');
      ws.getCell('K8').value = '联系人向某某 13907441234';
      ws.getCell('I9').value = '公开决议内容，有异议请致电 139-0744-5678';
    });
    const result = await run(bytes);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.records[0]?.steps[3]?.remark).toBe('联系人向某某 139****1234');
    expect(result.records[0]?.steps[4]?.content).toBe('公开决议内容，有异议请致电 139****5678');
    expect(JSON.stringify(result)).not.toMatch(/13907441234|0744-5678/);
    expect(result.warnings.map((w) => [w.code, w.row, w.column])).toEqual([
      ['unmasked-in-text', 8, 'K'],
      ['unmasked-in-text', 9, 'I'],
    ]);
  });

  it('reads 386,000元 and a bare 386000 as one amount', async () => {
    for (const written of ['涉及金额：386,000元', '涉及金额：386000']) {
      const bytes = await edited((book) => {
        sheet(book, '事项1').getCell('A3').value = written;
      });
      expect((await records(bytes))[0]?.amount).toBe(38_600_000);
    }
  });
});

describe('decision register: the contract above the table', () => {
  it('links the contracts a register numbers, with the signing day it states', async () => {
    const bytes = await edited((book) => {
      const ws = sheet(book, '事项1');
      ws.insertRow(4, [null, '合同编号：LG-GC-2026-01、LG-GC-2026-02', null, null, null, null, '合同签订日期：2026年4月8日']);
    });
    const [road] = await records(bytes);
    expect(road?.links).toEqual([
      { kind: 'contract', publicationId: null, row: null, name: 'LG-GC-2026-01', signedOn: '2026-04-08' },
      { kind: 'contract', publicationId: null, row: null, name: 'LG-GC-2026-02', signedOn: '2026-04-08' },
    ]);
    expect(road?.steps).toHaveLength(6);
    expect(road?.completedOn).toBeNull();
  });

  it('reads the completion day a register states', async () => {
    const bytes = await edited((book) => {
      sheet(book, '事项1').insertRow(4, [null, '竣工验收日期：2026年9月10日']);
    });
    expect((await records(bytes))[0]?.completedOn).toBe('2026-09-10');
  });

  it('refuses a signing day that is not a date, at its cell', async () => {
    const bytes = await edited((book) => {
      sheet(book, '事项1').insertRow(4, [null, '合同签订日期：2026年13月8日']);
    });
    expect((await errors(bytes))[0]).toMatchObject({ code: 'invalid-date', row: 4, column: 'B', field: 'links.signedOn' });
  });
});

describe('decision register: other layouts', () => {
  it('reads a grouped 表决情况 header, labels in cells of their own and the unit in the label', async () => {
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet('登记');
    ws.addRow(['青山村“四议两公开”实施登记表']);
    ws.addRow(['事由：', '村部屋顶维修', null, '对应小微权力事项：', '村级工程项目建设']);
    ws.addRow(['涉及金额（万元）：', 3.2]);
    ws.addRow(['步骤', '时间', '应到', '实到', '表决情况', '表决情况', '表决情况', '内容']);
    ws.addRow(['步骤', '时间', '应到', '实到', '同意', '反对', '弃权', '内容']);
    ws.addRow(['1.党支部提议', new Date(Date.UTC(2026, 5, 1)), 5, 5, 5, 0, 0, '提议维修屋顶']);
    ws.mergeCells('A4:A5');
    const [r] = await records(new Uint8Array(await book.xlsx.writeBuffer()));
    expect(r).toMatchObject({ subject: '村部屋顶维修', amount: 3_200_000, powerItem: { name: '村级工程项目建设' } });
    expect(r?.steps).toEqual([expect.objectContaining({ step: 'party-proposal', label: '1.党支部提议', date: '2026-06-01', votesFor: 5, votesAgainst: 0, abstentions: 0, content: '提议维修屋顶', row: 6 })]);
  });
});

describe('decision register: CSV', () => {
  it('gives the same record from a UTF-8 (BOM) and a GBK CSV as from the workbook', async () => {
    const [fromXlsx] = await records(XLSX);
    // dates written 2026-03-02, 2026年3月5日 and 2026.3.12 in the CSV
    expect(await records(CSV_BOM, { format: 'csv' })).toEqual([fromXlsx]);
    expect(await records(CSV_GBK, { format: 'csv' })).toEqual([fromXlsx]);
  });

  it('reads several registers one under another as several matters', async () => {
    const second = csvText
      .replace('事由：龙岗村二组至四组通组公路硬化工程', '事由：村部屋顶维修')
      .replace('涉及金额：38.6万元', '涉及金额：3.2万元');
    const both = await records(csvText + second);
    expect(both.map((r) => [r.subject, r.amount, r.steps.length, r.steps[0]?.row, r.notes.length])).toEqual([
      ['龙岗村二组至四组通组公路硬化工程', 38_600_000, 6, 5, 1],
      ['村部屋顶维修', 3_200_000, 6, 17, 1],
    ]);
  });

  it('refuses a register without a 事由 line', async () => {
    const [e] = await errors(csvText.replace('事由：龙岗村二组至四组通组公路硬化工程', ''));
    expect(e).toMatchObject({ code: 'subject-missing', row: 4, field: 'subject' });
  });

  it('refuses a file with no step table, listing what it found', async () => {
    const [e] = await errors('姓名,身份证号,金额\n张三,1,2\n');
    expect(e?.code).toBe('no-header');
    expect(e?.message).toContain('姓名');
  });
});
