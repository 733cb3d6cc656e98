import { describe, expect, it } from 'vitest';
import type { Publication } from '../publication.ts';
import { indexTokens, isSingleHan, queryTokens, rowSearchText, tokenize } from './tokenize.ts';

/** What a search must satisfy: every query token is among the indexed tokens (one-character Han tokens as a prefix). */
function finds(text: string, q: string): boolean {
  const indexed = indexTokens(text);
  const tokens = queryTokens(q);
  return tokens.length > 0 && tokens.every((t) => (isSingleHan(t) ? indexed.some((i) => i.startsWith(t)) : indexed.includes(t)));
}

describe('tokenize', () => {
  it('splits a Han run into overlapping bigrams', () => {
    expect(tokenize('马头溪村')).toEqual(['马头', '头溪', '溪村']);
  });

  it('keeps a one-character Han run as a unigram', () => {
    expect(tokenize('记-001')).toEqual(['记', '001']);
  });

  it('finds 土地流转 inside 收到土地流转租金', () => {
    expect(finds('收到土地流转租金（唐某，66.98亩）', '土地流转')).toBe(true);
    expect(finds('收到集体山林承包费', '土地流转')).toBe(false);
  });

  it('finds 6月误工补贴 in the 6月 line and not in the 7-8月 line', () => {
    expect(queryTokens('6月误工补贴')).toEqual(['6', '月误', '误工', '工补', '补贴']);
    expect(finds('支付村干部6月误工补贴', '6月误工补贴')).toBe(true);
    expect(finds('支付村干部7-8月误工补贴', '6月误工补贴')).toBe(false);
  });

  it('finds a one-character query wherever the character stands, including at the end of a run', () => {
    expect(queryTokens('村')).toEqual(['村']);
    expect(finds('马头溪村', '村')).toBe(true);
    expect(finds('村道硬化', '村')).toBe(true);
    expect(finds('支付电费', '村')).toBe(false);
  });

  it.each(['20,150.00', '20150.00', '20150', '20150元', '￥20,150', '¥20150.00', '２０，１５０．００'])(
    'reads the amount typed as %s as the token 20150',
    (typed) => {
      expect(queryTokens(typed)).toEqual(['20150']);
      expect(finds('收到土地流转租金 20,150.00', typed)).toBe(true);
    },
  );

  it('keeps a real fraction, without trailing zeros, on both sides', () => {
    expect(tokenize('386.50')).toEqual(['386.5']);
    expect(finds('支付村部电费 386.50', '386.5')).toBe(true);
    expect(finds('支付村部电费 386.50', '386')).toBe(false);
  });

  it('lower-cases Latin words and keeps them whole next to Chinese', () => {
    expect(tokenize('LED路灯安装 Phase2')).toEqual(['led', '路灯', '灯安', '安装', 'phase2']);
    expect(finds('更换LED路灯', 'led 路灯')).toBe(true);
  });

  it('reads full-width digits and letters as half-width', () => {
    expect(tokenize('２０２６年ＡＢＣ')).toEqual(['2026', '年', 'abc']);
    expect(finds('2026年第三季度', '２０２６')).toBe(true);
  });

  it('gives no tokens for punctuation and spaces only', () => {
    expect(queryTokens(' ，。-（）  ')).toEqual([]);
  });

  it('deduplicates query tokens', () => {
    expect(queryTokens('补贴 补贴')).toEqual(['补贴']);
  });

  it('adds the last character of each run to the index tokens only', () => {
    expect(indexTokens('马头溪村 电')).toEqual(['马头', '头溪', '溪村', '村', '电']);
  });
});

describe('rowSearchText', () => {
  it('lists the title row and every finance entry with its date, amount and formatted money', () => {
    const rows = rowSearchText(publication({
      kind: 'finance',
      title: '马头溪村2026年第三季度村级财务收支明细公开表',
      period: '2026-Q3',
      openingBalance: 0,
      entries: [
        { row: 5, date: '2026-07-03', voucher: '记-001', summary: '收到土地流转租金', account: '经营收入', income: 20_150_00, expense: 0, balance: 20_150_00, remark: null },
        { row: 6, date: null, voucher: null, summary: '支付电费', account: null, income: 0, expense: 386_50, balance: null, remark: '6月' },
      ],
      totals: { income: 20_150_00, expense: 386_50, closingBalance: null },
      notes: ['单位：元'],
    }));
    expect(rows).toEqual([
      { row: 0, text: '马头溪村2026年第三季度村级财务收支明细公开表 单位：元', date: null, amount: null },
      { row: 5, text: '2026-07-03 记-001 收到土地流转租金 经营收入 20,150.00', date: '2026-07-03', amount: 20_150_00 },
      { row: 6, text: '支付电费 386.50 6月', date: null, amount: 386_50 },
    ]);
  });

  it('indexes a subsidy row by name, masked ID, programme and amount but not phone or bank card', () => {
    const [, row] = rowSearchText(publication({
      kind: 'subsidy',
      title: '花名册',
      programme: '耕地地力保护补贴',
      period: '2026',
      rows: [
        {
          row: 3, seq: '1', name: '李小平', idNumber: '430802********7238', phone: '187****5142', bankCard: '6217********1234',
          quantity: '3.70', unit: '亩', rate: 10_565, rateText: '105.65', amount: 390_91, datePaid: '2026-05-20', channel: '社保卡', remark: null,
        },
      ],
      totals: { amount: 390_91, quantity: '3.70', count: 1 },
      notes: [],
    }));
    expect(row).toEqual({ row: 3, text: '李小平 430802********7238 耕地地力保护补贴 3.70亩 390.91 2026-05-20 社保卡', date: '2026-05-20', amount: 390_91 });
    expect(row?.text).not.toContain('5142');
    expect(row?.text).not.toContain('6217');
  });

  it('indexes a project item by name, place, contractor and amounts, dated by its start', () => {
    const [, row] = rowSearchText(publication({
      kind: 'project',
      title: '工程项目公示',
      period: '2026',
      projects: [
        {
          row: 4, name: '村道硬化', location: '二组', fundingSource: '一事一议', budget: 1_200_000_00, contractAmount: null,
          contractor: '某某建筑有限公司', procurementMethod: '竞争性谈判', plannedStart: '2026-03-01', actualStart: null,
          plannedCompletion: null, actualCompletion: null, progress: { percent: 60, text: '路基完成' }, amountPaid: null, remark: null, photos: [],
        },
      ],
      totals: { budget: 1_200_000_00, contractAmount: 0, amountPaid: 0 },
      notes: [],
    }));
    expect(row).toEqual({
      row: 4,
      text: '村道硬化 二组 一事一议 某某建筑有限公司 竞争性谈判 路基完成 1,200,000.00',
      date: '2026-03-01',
      amount: 1_200_000_00,
    });
  });
});

function publication(content: Publication['content']): Pick<Publication, 'content'> {
  return { content };
}
