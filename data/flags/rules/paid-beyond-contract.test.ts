import { describe, expect, it } from 'vitest';
import type { FinanceEntry, ProjectItem } from '../../publication.ts';
import { paidBeyondContract } from './paid-beyond-contract.ts';
import { entry, financeLedger, project, projectList, ruleInput } from './test-builders.ts';

const defaults = paidBeyondContract.settings.parse({});

function run(projects: ProjectItem[], entries: FinanceEntry[] = [], settings = defaults) {
  return paidBeyondContract.run(ruleInput({ publications: [projectList('2026', projects), financeLedger('2026-Q3', entries)] }), settings);
}

const road = (item: Partial<ProjectItem> = {}) =>
  project({ row: 3, name: '2026年马头溪组道路硬化工程项目', contractor: '张家界某某建筑工程有限公司', contractAmount: 10_000_000, ...item });

describe('paid-beyond-contract', () => {
  it('accepts a listed payment equal to the contract and flags one fen more', () => {
    expect(run([road({ amountPaid: 10_000_000 })])).toEqual([]);
    expect(run([road({ amountPaid: 10_000_001 })])).toEqual([
      {
        rule: 'paid-beyond-contract',
        village: '430821212212',
        key: '2026年马头溪组道路硬化工程项目:paid',
        title: '2026年马头溪组道路硬化工程项目合同金额100,000.00元，已付100,000.01元，多出0.01元',
        detail:
          '项目公示写明2026年马头溪组道路硬化工程项目的合同金额为100,000.00元（承包方张家界某某建筑工程有限公司）。项目公示写明已付100,000.01元，多于合同金额。请说明多付的部分是工程变更、增加工程量，还是另有原因，以及是否经过审批。',
        amount: 1,
        evidence: [{ publicationId: 'project-2026', village: '430821212212', kind: 'project', row: 3, label: '2026年项目公示第3行（2026年马头溪组道路硬化工程项目）' }],
        sample: false,
      },
    ]);
  });

  it('adds up ledger payments naming the project or its only contractor', () => {
    const entries = [
      entry(5, '2026-07-28', '支付马头溪组道路硬化工程进度款（第一期）', { expense: 6_000_000 }),
      entry(9, '2026-09-20', '付某某建筑工程公司尾款', { expense: 4_000_000 }),
    ];
    expect(run([road()], entries)).toEqual([]);
    const more = [...entries, entry(11, '2026-09-28', '支付马头溪组道路硬化工程质保金', { expense: 1 })];
    const [finding] = run([road()], more);
    expect(finding?.amount).toBe(1);
    expect(finding?.evidence.map((e) => e.row)).toEqual([3, 5, 9, 11]);
  });

  it('does not count payments to a contractor of several projects by name alone', () => {
    const entries = [entry(9, '2026-09-20', '付某某建筑工程公司工程款', { expense: 12_000_000 })];
    const second = project({ row: 4, name: '龙岗组水渠修复', contractor: '某某建筑工程有限公司', contractAmount: 20_000_000 });
    expect(run([road(), second], entries)).toEqual([]);
    expect(run([road()], entries).map((f) => f.key)).toEqual(['2026年马头溪组道路硬化工程项目:paid']);
  });

  it('allows the tolerance exactly', () => {
    const settings = paidBeyondContract.settings.parse({ tolerancePercent: 10 });
    expect(run([road({ amountPaid: 11_000_000 })], [], settings)).toEqual([]);
    expect(run([road({ amountPaid: 11_000_001 })], [], settings).length).toBe(1);
  });
});
