import { describe, expect, it } from 'vitest';
import type { FinanceEntry, Publication } from '../../publication.ts';
import { splitPayments } from './split-payments.ts';
import { entry, financeLedger, project, projectList, ruleInput } from './test-builders.ts';

const defaults = splitPayments.settings.parse({});

function run(entries: FinanceEntry[], extra: Publication[] = [], settings = defaults) {
  return splitPayments.run(ruleInput({ publications: [financeLedger('2026', entries), ...extra] }), settings);
}

const pay = (row: number, date: string, expense: number, summary = '支付张家界某某建筑工程有限公司挡土墙工程款') => entry(row, date, summary, { expense });

describe('split-payments', () => {
  it('flags payments to one payee each under a tier that together reach it', () => {
    expect(run([pay(3, '2026-03-01', 3_000_000), pay(7, '2026-04-15', 2_000_000)])).toEqual([
      {
        rule: 'split-payments',
        village: '430821212212',
        key: '某某建筑工程:2026-03-01',
        title: '2026-03-01至2026-04-15向张家界某某建筑工程有限公司付款2笔，每笔不足5万元，合计50,000.00元',
        detail:
          '财务收支显示，90天内向张家界某某建筑工程有限公司付款2笔：2026-03-01 30,000.00元（支付张家界某某建筑工程有限公司挡土墙工程款）；2026-04-15 20,000.00元（支付张家界某某建筑工程有限公司挡土墙工程款）。每一笔都低于5万元，合计50,000.00元，达到5万元这一档。请说明这几笔是否属于同一项工作或采购，以及是按哪一档的程序决定的。',
        amount: 5_000_000,
        evidence: [
          { publicationId: 'finance-2026', village: '430821212212', kind: 'finance', row: 3, label: '2026年财务收支第3行' },
          { publicationId: 'finance-2026', village: '430821212212', kind: 'finance', row: 7, label: '2026年财务收支第7行' },
        ],
        sample: false,
      },
    ]);
  });

  it('does not flag payments one fen short of the tier', () => {
    // together 49,999.99元, a fen under 5万; each is over 1万, so no lower tier is crossed either
    expect(run([pay(3, '2026-03-01', 3_000_000), pay(7, '2026-04-15', 1_999_999)])).toEqual([]);
  });

  it('counts payments within windowDays of the first, and not a day later', () => {
    // 89 days apart: inside a 90-day window; 90 days apart: outside
    expect(run([pay(3, '2026-01-01', 600_000), pay(4, '2026-03-31', 400_000)]).map((f) => f.key)).toEqual(['某某建筑工程:2026-01-01']);
    expect(run([pay(3, '2026-01-01', 600_000), pay(4, '2026-04-01', 400_000)])).toEqual([]);
  });

  it('reports the highest tier crossed, once per window', () => {
    const findings = run([pay(3, '2026-03-01', 4_000_000), pay(4, '2026-03-02', 4_000_000), pay(5, '2026-03-03', 4_000_000)]);
    expect(findings.map((f) => [f.key, f.amount, f.title.includes('每笔不足10万元')])).toEqual([['某某建筑工程:2026-03-01', 12_000_000, true]]);
  });

  it('leaves out payments at or above the tier from the sum', () => {
    // 5万 alone needs no split; 6,000 + 5,000 under 1万 each reach 1万
    const findings = run([pay(3, '2026-03-01', 5_000_000), pay(4, '2026-03-02', 600_000), pay(5, '2026-03-03', 500_000)]);
    expect(findings.map((f) => [f.amount, f.evidence.map((e) => e.row)])).toEqual([[1_100_000, [4, 5]]]);
  });

  it('groups a payee however the ledger writes it, and keeps payees apart', () => {
    const findings = run([pay(3, '2026-03-01', 600_000), pay(4, '2026-03-02', 400_000, '付某某建筑工程公司材料款'), pay(5, '2026-03-03', 900_000, '支付某某劳务有限公司工资')]);
    expect(findings.map((f) => f.evidence.map((e) => e.row))).toEqual([[3, 4]]);
  });

  it('skips instalments to the contractor of a project whose contract covers the sum', () => {
    const entries = [pay(3, '2026-03-01', 3_000_000), pay(7, '2026-04-15', 2_000_000)];
    const covering = projectList('2026', [project({ row: 2, name: '挡土墙工程', contractor: '某某建筑工程有限公司', contractAmount: 5_000_000 })]);
    expect(run(entries, [covering])).toEqual([]);
    const smaller = projectList('2026', [project({ row: 2, name: '挡土墙工程', contractor: '某某建筑工程有限公司', contractAmount: 4_999_999 })]);
    expect(run(entries, [smaller]).length).toBe(1);
  });

  it('uses the payee column and ignores rows with no payee', () => {
    const entries = [entry(3, '2026-03-01', '材料款', { expense: 600_000, counterparty: '覃某某' }), entry(4, '2026-03-02', '材料款', { expense: 600_000, counterparty: '覃某某' }), entry(5, '2026-03-03', '材料款', { expense: 900_000 })];
    expect(run(entries).map((f) => f.key)).toEqual(['覃某某:2026-03-01']);
  });
});
