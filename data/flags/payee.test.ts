import { describe, expect, it } from 'vitest';
import { extractPayee, payeeOf } from './payee.ts';

describe('extractPayee', () => {
  it('reads a company named right after the verb, with its full legal form', () => {
    expect(extractPayee('支付张家界某某建筑工程有限公司马头溪组道路硬化工程进度款')).toBe('张家界某某建筑工程有限公司');
  });

  it('stops at the word before the name', () => {
    expect(extractPayee('支付马头溪组道路硬化工程款给某某建筑公司')).toBe('某某建筑公司');
    expect(extractPayee('购买办公用品（向某某文具店）')).toBe('某某文具店');
    expect(extractPayee('付水费张家界自来水公司')).toBe('张家界自来水公司');
  });

  it('reads co-operatives, service centres and work teams', () => {
    expect(extractPayee('支付慈利县康源养殖专业合作社种苗款')).toBe('慈利县康源养殖专业合作社');
    expect(extractPayee('支付三官寺农机服务中心耕地费')).toBe('三官寺农机服务中心');
    expect(extractPayee('付龙岗施工队挡土墙工钱')).toBe('龙岗施工队');
  });

  it('finds no payee where the summary names no organisation', () => {
    expect(extractPayee('支付村干部6月误工补贴')).toBeNull();
    expect(extractPayee('支付防汛物资（沙袋、雨衣）')).toBeNull();
    expect(extractPayee('支付银行账户管理费')).toBeNull();
  });

  it("does not take the village's own office for a payee", () => {
    expect(extractPayee('支付村部电费（6月）')).toBeNull();
    expect(extractPayee('支付马头溪村部电费')).toBeNull();
  });
});

describe('payeeOf', () => {
  it("prefers the ledger's payee column to the summary", () => {
    expect(payeeOf({ summary: '支付某某建筑公司工程款', counterparty: ' 某某劳务公司 ' })).toBe('某某劳务公司');
    expect(payeeOf({ summary: '支付某某建筑公司工程款', counterparty: null })).toBe('某某建筑公司');
    expect(payeeOf({ summary: '支付某某建筑公司工程款' })).toBe('某某建筑公司');
  });
});

describe('extractPayee with shop and team compounds', () => {
  it('reads a village shop but not a cadre or a production team', () => {
    expect(extractPayee('支付马头溪小卖部慰问品款')).toBe('马头溪小卖部');
    expect(extractPayee('支付三组生产队误工费')).toBeNull();
  });
});
