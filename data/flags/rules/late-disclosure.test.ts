import { describe, expect, it } from 'vitest';
import type { PublicationSummary } from '../../publication.ts';
import { lateDisclosure } from './late-disclosure.ts';
import { contractLedger, financeLedger, projectList, ruleInput, summaryOf } from './test-builders.ts';

const defaults = lateDisclosure.settings.parse({});

const finance = (...periods: string[]) => periods.map((p) => summaryOf(financeLedger(p, [])));

function run(history: PublicationSummary[], today: string, calendarStart: string | null = '2026-01-10', settings = defaults) {
  return lateDisclosure.run(ruleInput({ history, today, calendarStart }), settings);
}

describe('late-disclosure', () => {
  it('flags a quarter not published once its due date has passed, and not on the due date', () => {
    const history = finance('2026-Q1', '2026-Q2');
    expect(run(history, '2026-10-15')).toEqual([]);
    expect(run(history, '2026-10-16')).toEqual([
      {
        rule: 'late-disclosure',
        village: '430821212212',
        key: 'finance:2026-Q3',
        title: '2026年第三季度财务收支应于2026-10-15前公开，至今未公开',
        detail: '按公开日历，2026年第三季度的财务收支应于2026-10-15前公开；到2026-10-16为止，本村在平台上没有公开这一期。如已在村务公开栏公开，请把公开的表格上传到平台。',
        amount: null,
        evidence: [],
        sample: false,
      },
    ]);
  });

  it('starts from the period containing the calendar start, and not at all without one', () => {
    expect(run([], '2026-10-16', '2026-08-20').map((f) => f.key)).toEqual(['finance:2026-Q3']);
    expect(run([], '2026-10-16', '2025-12-31').map((f) => f.key)).toEqual(['finance:2025-Q4', 'finance:2026-Q1', 'finance:2026-Q2', 'finance:2026-Q3']);
    expect(run([], '2026-10-16', null)).toEqual([]);
  });

  it('counts a quarter published as three months or within a year, not as two months', () => {
    expect(run(finance('2026-Q1', '2026-Q2', '2026-07', '2026-08', '2026-09'), '2026-10-16')).toEqual([]);
    expect(run(finance('2026'), '2026-10-16')).toEqual([]);
    expect(run(finance('2026-Q1', '2026-Q2', '2026-07', '2026-09'), '2026-10-16').map((f) => f.key)).toEqual(['finance:2026-Q3']);
  });

  it('asks for every month when the county says monthly, accepting a quarterly ledger for its months', () => {
    const monthly = lateDisclosure.settings.parse({ frequency: 'monthly' });
    const findings = run(finance('2026-Q1', '2026-04', '2026-06'), '2026-07-16', '2026-01-10', monthly);
    expect(findings.map((f) => f.title)).toEqual(['2026年5月财务收支应于2026-06-15前公开，至今未公开']);
  });

  it('does not flag a ledger that was published late', () => {
    const late = { ...summaryOf(financeLedger('2026-Q3', [])), publishedAt: '2026-11-30T02:00:00.000Z' };
    expect(run([...finance('2026-Q1', '2026-Q2'), late], '2026-12-06')).toEqual([]);
  });

  it('asks for a yearly contract ledger only once the village has published one, from that year on', () => {
    const history = [...finance('2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'), summaryOf(contractLedger('2025', []))];
    expect(run(history, '2027-01-31', '2024-03-01').filter((f) => f.key.startsWith('contract'))).toEqual([]);
    expect(run(history, '2027-02-01', '2024-03-01').filter((f) => !f.key.startsWith('finance')).map((f) => f.title)).toEqual([
      '2026年集体资产资源合同台账应于2027-01-31前公开，至今未公开',
    ]);
    expect(run(finance('2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'), '2027-06-01', '2026-01-01').filter((f) => !f.key.startsWith('finance'))).toEqual([]);
  });

  it('asks for project lists the same way', () => {
    const history = [summaryOf(projectList('2026', []))];
    expect(run(history, '2028-02-01', '2026-01-01').filter((f) => f.key.startsWith('project')).map((f) => f.key)).toEqual(['project:2027']);
  });

  it('marks findings for a village whose publications are all sample data', () => {
    const sample = finance('2026-Q1').map((h) => ({ ...h, sample: true }));
    expect(run(sample, '2026-07-16').map((f) => [f.key, f.sample])).toEqual([['finance:2026-Q2', true]]);
  });
});
