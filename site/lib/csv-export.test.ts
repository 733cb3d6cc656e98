import { beijingTime } from '../../data/beijing-time.ts';
import { describe, expect, it } from 'vitest';
import { safeCell, tableCsv, toCsv } from './csv-export.ts';
import { publicationTable, villageTable } from './twin-tables.ts';
import { financeContent, publication, subsidyContent, summaryOf } from './test-fixtures.ts';

function parseLines(csv: string): string[] {
  return csv.replace(/^\uFEFF/, '').split('\r\n').slice(0, -1);
}

describe('CSV data twins', () => {
  it('starts with a UTF-8 BOM and ends every line with CRLF', () => {
    const csv = toCsv([{ header: '姓名' }], [['张三'], ['李四']]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toBe('\uFEFF姓名\r\n张三\r\n李四\r\n');
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it.each(['=SUM(A1:A9)', '+86 138', '-cmd', '@import', '\tx', '\rx'])('neutralises a text cell starting with a formula character: %j', (value) => {
    expect(safeCell(value, false)).toBe(`'${value}`);
  });

  it.each([' =HYPERLINK("http://x.example","点击")', '   +1', ' -1+2', ' @SUM(A1)', '\u3000=1+1', '\u00a0=1', '＝SUM(A1:A9)', '＋86', '－1', '＠x', ' ＝1', '\n=1+1', '\nplain', '\r\n@x', '\t'])(
    'neutralises what an attacker hides behind whitespace, full-width signs or a line break: %j',
    (value) => {
      expect(safeCell(value, false)).toBe(`'${value}`);
    },
  );

  it.each(['张三', ' 张三', '1=1', 'a+b', '备注：-', '　备注', '86-138', 'A＝B'])('leaves ordinary text alone: %j', (value) => {
    expect(safeCell(value, false)).toBe(value);
  });

  it('keeps an amount column guarded against a padded or full-width formula', () => {
    expect(safeCell(' -300.00', true)).toBe("' -300.00");
    expect(safeCell('－300.00', true)).toBe("'－300.00");
    expect(safeCell('-300.00', true)).toBe('-300.00');
  });

  it('keeps a negative amount in an amount column a number, but not a negative-looking text', () => {
    expect(safeCell('-300.00', true)).toBe('-300.00');
    expect(safeCell('-300.00', false)).toBe("'-300.00");
    expect(safeCell('-1+2', true)).toBe("'-1+2");
    expect(safeCell('=1', true)).toBe("'=1");
  });

  it('quotes cells with commas, quotes and line breaks', () => {
    const csv = toCsv([{ header: 'a' }, { header: 'b' }], [['x,y', 'say "hi"\nthere']]);
    expect(parseLines(csv)[1]).toBe('"x,y","say ""hi""\nthere"');
  });

  it('writes finance amounts as plain yuan decimals, refunds included', () => {
    const p = publication(financeContent('2026-Q3', [{ summary: '收到租金', income: 2_015_000 }, { summary: '退回多付款', expense: -30_000 }]), { id: 'f1' });
    const lines = parseLines(tableCsv(publicationTable(p)));
    expect(lines[0]).toBe('行号,日期,凭证号,摘要,科目,收入(元),支出(元),余额(元),备注');
    expect(lines[1]).toBe('4,2026-07-01,,收到租金,,20150.00,0.00,21150.00,');
    expect(lines[2]).toBe('5,2026-07-02,,退回多付款,,0.00,-300.00,21450.00,');
  });

  it('escapes a subsidy name that a spreadsheet would run as a formula', () => {
    const p = publication(subsidyContent('耕地地力保护补贴', [{ name: '=HYPERLINK("http://x")', amount: 10_000 }]), { id: 's1' });
    const row = parseLines(tableCsv(publicationTable(p)))[1] ?? '';
    expect(row).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(row).toContain('100.00');
  });

  it('lists every version of a village with its state and absolute URL', () => {
    const v1 = publication(financeContent('2026-Q3', [{ summary: 'a', income: 100 }]), { id: 'v1', supersededBy: 'v2' });
    const v2 = publication(financeContent('2026-Q3', [{ summary: 'a', income: 200 }]), { id: 'v2', version: 2, supersedes: 'v1', sample: true });
    const lines = parseLines(tableCsv(villageTable('430802108214', [summaryOf(v2), summaryOf(v1)], 'https://cunwu.example')));
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(',现行,,是,');
    expect(lines[1]).toContain('https://cunwu.example/v/430802108214/p/v2/');
    expect(lines[2]).toContain(',已更正,v2,否,');
  });

  it('lists a version taken down as 已撤下 with the reason and its leaf, and without its title', () => {
    const list = publication(subsidyContent('耕地地力保护补贴', [{ name: '李四', amount: 100 }]), { id: 's1' });
    const ledger = publication(financeContent('2026-Q3', [{ summary: 'a', income: 200 }]), { id: 'f1' });
    const takedowns = new Map([['s1', { publicationId: 's1', reason: '误公开了银行卡号', at: '2026-10-11T00:00:00.000Z', logIndex: 9 }]]);
    const lines = parseLines(tableCsv(villageTable('430802108214', [summaryOf(list), summaryOf(ledger)], 'https://cunwu.example', takedowns)));
    expect(lines[0]).toBe('编号,村代码,类型,期间,标题,版本,发布时间,状态,更正版本编号,示例数据,SHA-256,网址,撤下原因,撤下时间,撤下记录(日志序号)');
    // times in Beijing time with the offset, as every published time (2026-10-11T00:00:00.000Z)
    expect(lines[1]).toBe(`s1,430802108214,补贴发放,2026,,1,${beijingTime(list.publishedAt)},已撤下,,否,${list.sha256},https://cunwu.example/v/430802108214/p/s1/,误公开了银行卡号,2026-10-11T08:00:00+08:00,9`);
    expect(lines[1]).not.toContain('耕地地力保护补贴');
    expect(lines[2]).toContain(`,${ledger.content.title},1,`);
    expect(lines[2]).toMatch(/,现行,,否,.*,,,$/);
  });
});
