import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { itemsForAmount } from './catalogue-for.ts';
import { DEFAULT_CATALOGUE } from './default-catalogue.ts';
import { parseCatalogue, type PowerItem } from './power-catalogue.ts';

function item(code: string): PowerItem {
  const found = DEFAULT_CATALOGUE.items.find((i) => i.code === code);
  if (!found) throw new Error(`no item ${code}`);
  return found;
}

describe('the default catalogue', () => {
  it('validates against its own schema', () => {
    const result = parseCatalogue(DEFAULT_CATALOGUE);
    expect(result.ok ? [] : result.issues).toEqual([]);
    expect(DEFAULT_CATALOGUE.scope).toBe('');
    expect(DEFAULT_CATALOGUE.version).toBe('default-2026-1');
  });

  it('covers the common list in both halves, each item with a step and a cited source', () => {
    expect(DEFAULT_CATALOGUE.items.length).toBeGreaterThanOrEqual(30);
    expect(new Set(DEFAULT_CATALOGUE.items.map((i) => i.category))).toEqual(new Set(['collective-management', 'public-service']));
    for (const i of DEFAULT_CATALOGUE.items) {
      expect(i.steps.length, i.code).toBeGreaterThanOrEqual(1);
      for (const basis of i.legalBasis) expect(basis, i.code).toMatch(/https?:\/\//);
    }
  });

  it('has unique codes', () => {
    const codes = DEFAULT_CATALOGUE.items.map((i) => i.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('gives 四议两公开 exactly its six steps, with 2/3 present and more than 1/2 approving', () => {
    const steps = item('major-decision').steps;
    expect(steps.map((s) => s.actor)).toEqual([
      'party-organisation',
      'two-committees',
      'party-members-meeting',
      'representatives-meeting',
      'village-committee',
      'village-committee',
    ]);
    expect(steps.map((s) => s.name)).toEqual(expect.arrayContaining(['决议公开', '实施结果公开']));
    const twoThirds = { num: 2, den: 3 };
    const half = { num: 1, den: 2 };
    // 党员大会 counts approvals against those expected, the 代表会议 against those present.
    expect(steps[2]!.quorum).toEqual({ presentAtLeast: twoThirds, approveMoreThan: half, base: 'expected' });
    expect(steps[3]!.quorum).toEqual({ presentAtLeast: twoThirds, approveMoreThan: half, base: 'present' });
    expect(steps[4]!.disclosure?.where).toContain('村务公开栏');
    expect(steps[5]!.disclosure).not.toBeNull();
  });

  it('runs every resolution by the villagers through the four deliberations first, in order', () => {
    const order = ['party-organisation', 'two-committees', 'party-members-meeting'];
    for (const i of DEFAULT_CATALOGUE.items) {
      const at = i.steps.findIndex((s) => s.actor === 'party-members-meeting');
      if (at < 0) continue;
      expect(
        i.steps.slice(at - 2, at + 2).map((s) => s.actor),
        i.code,
      ).toEqual([...order, expect.stringMatching(/^(villagers|representatives)-meeting$/)]);
    }
  });

  it('keeps the 宅基地 deadlines: 10 days to the group meeting, 15 to inspect, 5 to approve, 20 from acceptance', () => {
    const steps = item('homestead-approval').steps;
    const deadlines = steps.filter((s) => s.deadline !== null).map((s) => [s.deadline!.days, steps[s.deadline!.fromStep - 1]!.name]);
    expect(deadlines).toEqual([
      [10, '农户提出书面申请'],
      [15, '乡镇受理'],
      [5, '乡镇实地审查、部门联审'],
      [20, '乡镇受理'],
    ]);
  });

  it('publishes every 救助 application for at least three days', () => {
    for (const code of ['dibao-application', 'tekun-application', 'temporary-assistance']) {
      const days = item(code).steps.flatMap((s) => (s.disclosure?.minDays == null ? [] : [s.disclosure.minDays]));
      expect(days, code).toEqual([3]);
    }
  });

  it('lets only the 村民（代表）会议 unlock seals for loans, major contracts and guarantees', () => {
    const steps = item('seal-major').steps;
    const vote = steps.findIndex((s) => s.actor === 'representatives-meeting');
    const stamp = steps.findIndex((s) => s.name.includes('盖章'));
    expect(vote).toBeGreaterThanOrEqual(0);
    expect(vote).toBeLessThan(stamp);
  });

  it('puts every amount of a project or purchase in exactly one tier', () => {
    for (const area of ['project-construction', 'purchase']) {
      const tiers = DEFAULT_CATALOGUE.items.filter((i) => i.code.startsWith(`${area}-`));
      fc.assert(
        fc.property(fc.nat({ max: 1e12 }), (amount) => {
          const covering = tiers.filter(
            (t) => (t.appliesWhen.amountMinFen ?? 0) <= amount && (t.appliesWhen.amountMaxFen === null || amount < t.appliesWhen.amountMaxFen),
          );
          expect(covering).toHaveLength(1);
          expect(itemsForAmount(DEFAULT_CATALOGUE, area, amount)).toBe(covering[0]);
        }),
      );
    }
  });
});
