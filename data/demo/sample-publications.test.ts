import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ContractContent, FinanceContent, ProjectContent, type ProjectItem, PublicationContent, StatementContent, SubsidyContent } from '../publication.ts';
import { Division } from '../region.ts';
import { latestCompleteQuarter, SAMPLE_TITLE_PREFIX, samplePublications } from './sample-publications.ts';

const divisions = z.array(Division).parse(JSON.parse(readFileSync(new URL('../regions/4308.json', import.meta.url), 'utf8')));
const byCode = new Map(divisions.map((d) => [d.code, d]));
const TODAY = '2026-11-25';
const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);
const all = SEEDS.flatMap((seed) => samplePublications(divisions, { count: 12, seed, today: TODAY }));

/** Decimal string → [integer of units, number of decimals]. */
function units(text: string): [bigint, number] {
  const [whole = '', fraction = ''] = text.split('.');
  return [BigInt(whole + fraction), fraction.length];
}

describe('samplePublications', () => {
  afterEach(() => vi.restoreAllMocks());

  it('passes the publication schemas for seeds 1..20', () => {
    expect(all.length).toBeGreaterThanOrEqual(20 * 12);
    for (const { village, content } of all) {
      expect(() => PublicationContent.parse(content)).not.toThrow();
      const schema = { finance: FinanceContent, subsidy: SubsidyContent, project: ProjectContent, contract: ContractContent, statement: StatementContent }[content.kind];
      expect(schema.safeParse(content).success, `${village} ${content.title}`).toBe(true);
      expect(byCode.get(village)?.level).toBe('village');
    }
  });

  it('labels every title as 示例数据', () => {
    for (const { content } of all) expect(content.title.startsWith(SAMPLE_TITLE_PREFIX)).toBe(true);
  });

  it('gives each village one ledger and, across villages, subsidy lists and works lists too', () => {
    const kinds = (kind: string) => all.filter((p) => p.content.kind === kind).length;
    expect(kinds('finance')).toBe(20 * 12);
    expect(kinds('subsidy')).toBeGreaterThan(20 * 12 * 0.5);
    expect(kinds('project')).toBeGreaterThan(20 * 12 * 0.2);
    expect(kinds('project')).toBeLessThan(kinds('subsidy'));
  });

  it('keeps every ledger reconciled: running balance, totals and closing balance', () => {
    for (const { content } of all) {
      if (content.kind !== 'finance') continue;
      expect(content.period).toBe('2026-Q3');
      expect(content.entries.length).toBeGreaterThanOrEqual(10);
      expect(content.entries.length).toBeLessThanOrEqual(25);
      let balance = content.openingBalance ?? Number.NaN;
      let income = 0;
      let expense = 0;
      content.entries.forEach((e, i) => {
        expect(e.row).toBe(3 + i);
        expect(e.date! >= '2026-07-01' && e.date! <= '2026-09-30').toBe(true);
        expect((e.income > 0) !== (e.expense > 0), `row ${e.row} is either income or expense`).toBe(true);
        balance += e.income - e.expense;
        income += e.income;
        expense += e.expense;
        expect(e.balance).toBe(balance);
        expect(balance).toBeGreaterThanOrEqual(0);
      });
      expect(content.totals).toEqual({ income, expense, closingBalance: (content.openingBalance ?? 0) + income - expense });
      const summaries = content.entries.map((e) => e.summary);
      expect(new Set(summaries).size, 'no line is booked twice').toBe(summaries.length);
      const dates = content.entries.map((e) => e.date);
      expect(dates).toEqual([...dates].sort());
    }
  });

  it('computes subsidy amounts as quantity × rate rounded half-up to the fen, with totals that add up', () => {
    for (const { content } of all) {
      if (content.kind !== 'subsidy') continue;
      expect(content.rows.length).toBeGreaterThanOrEqual(15);
      expect(content.rows.length).toBeLessThanOrEqual(60);
      let amount = 0;
      let quantity = 0n;
      let scale = 0;
      content.rows.forEach((row, i) => {
        expect(row.row).toBe(3 + i);
        amount += row.amount;
        if (row.quantity === null || row.rate === null) return;
        const [q, decimals] = units(row.quantity);
        const [rateFromText, rateDecimals] = units(row.rateText ?? '');
        expect(rateFromText * 10n ** BigInt(2 - rateDecimals)).toBe(BigInt(row.rate));
        const exact = q * BigInt(row.rate);
        const divisor = 10n ** BigInt(decimals);
        const rounded = exact / divisor + (2n * (exact % divisor) >= divisor ? 1n : 0n);
        expect(BigInt(row.amount), `row ${row.row}`).toBe(rounded);
        quantity += q;
        scale = decimals;
      });
      expect(content.totals.amount).toBe(amount);
      expect(content.totals.count).toBe(content.rows.length);
      if (content.totals.quantity !== null) expect(units(content.totals.quantity)).toEqual([quantity, scale]);
    }
  });

  it('shows ID, phone and bank-card numbers only masked, ID numbers with the village’s county prefix', () => {
    for (const { village, content } of all) {
      if (content.kind !== 'subsidy') continue;
      for (const row of content.rows) {
        expect(row.idNumber).toMatch(new RegExp(`^${village.slice(0, 6)}\\*{8}\\d{3}[\\dX]$`));
        if (row.phone !== null) expect(row.phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
        if (row.bankCard !== null) expect(row.bankCard).toMatch(/^\d{4}\*{8}\d{4}$/);
      }
    }
  });

  it('keeps works lists consistent: totals are sums, paid ≤ contract ≤ budget', () => {
    for (const { content } of all) {
      if (content.kind !== 'project') continue;
      expect(content.projects.length).toBeGreaterThanOrEqual(1);
      expect(content.projects.length).toBeLessThanOrEqual(4);
      const sum = (f: (p: ProjectItem) => number | null) =>
        content.projects.reduce((s, p) => s + (f(p) ?? 0), 0);
      expect(content.totals).toEqual({
        budget: sum((p) => p.budget),
        contractAmount: sum((p) => p.contractAmount),
        amountPaid: sum((p) => p.amountPaid),
      });
      for (const p of content.projects) {
        expect(p.amountPaid!).toBeLessThanOrEqual(p.contractAmount!);
        expect(p.contractAmount!).toBeLessThanOrEqual(p.budget!);
        if (p.progress.percent === 100) expect(p.actualCompletion).not.toBeNull();
      }
    }
  });

  it('spreads the villages over all four counties', () => {
    const villages = samplePublications(divisions, { count: 4, seed: 7, today: TODAY }).map((p) => p.village);
    const counties = new Set(villages.map((v) => v.slice(0, 6)));
    expect(counties).toEqual(new Set(['430802', '430811', '430821', '430822']));
  });

  it('gives the same data for the same seed, and different data for another seed', () => {
    const a = samplePublications(divisions, { count: 6, seed: 3, today: TODAY });
    const b = samplePublications(divisions, { count: 6, seed: 3, today: TODAY });
    const c = samplePublications(divisions, { count: 6, seed: 4, today: TODAY });
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it('does not change a village’s data when more villages are asked for', () => {
    const few = samplePublications(divisions, { count: 4, seed: 5, today: TODAY });
    const many = samplePublications(divisions, { count: 40, seed: 5, today: TODAY });
    const first = few[0]!.village;
    expect(many.filter((p) => p.village === first)).toEqual(few.filter((p) => p.village === first));
  });

  it('never uses Math.random', () => {
    const random = vi.spyOn(Math, 'random');
    samplePublications(divisions, { count: 10, seed: 11, today: TODAY });
    expect(random).not.toHaveBeenCalled();
  });

  it('stops at the number of villages there are', () => {
    const villages = divisions.filter((d) => d.level === 'village').slice(0, 3);
    const villageCodes = samplePublications(villages, { count: 10, seed: 1, today: TODAY }).map((p) => p.village);
    expect(new Set(villageCodes).size).toBe(3);
  });
});

describe('latestCompleteQuarter', () => {
  it.each([
    ['2026-11-25', { year: 2026, q: 3 }],
    ['2026-10-01', { year: 2026, q: 3 }],
    ['2026-09-30', { year: 2026, q: 2 }],
    ['2026-01-05', { year: 2025, q: 4 }],
  ])('on %s is %o', (today, quarter) => {
    expect(latestCompleteQuarter(today)).toEqual(quarter);
  });

  it('rejects a day that is not YYYY-MM-DD', () => {
    expect(() => latestCompleteQuarter('2026/11/25')).toThrow(RangeError);
  });
});
