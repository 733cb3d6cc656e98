import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CATALOGUE } from './default-catalogue.ts';
import { parseCatalogue, type PowerCatalogue } from './power-catalogue.ts';

/** A county's upload as JSON: a deep copy it is free to break. */
function upload(): PowerCatalogue {
  return structuredClone({ ...DEFAULT_CATALOGUE, version: '430821-2026-1', scope: '430821', title: '岳阳县村级小微权力清单' });
}

function issuesOf(doc: unknown): { path: string; message: string }[] {
  const result = parseCatalogue(doc);
  if (result.ok) throw new Error('expected the document to be refused');
  return result.issues;
}

function indexOf(doc: PowerCatalogue, code: string): number {
  const i = doc.items.findIndex((item) => item.code === code);
  if (i < 0) throw new Error(`no item ${code}`);
  return i;
}

describe('parseCatalogue refuses a broken county list, naming the item and the field', () => {
  it('accepts the default list re-published as a county version', () => {
    expect(parseCatalogue(upload()).ok).toBe(true);
  });

  it('refuses a duplicate code', () => {
    const doc = upload();
    const i = indexOf(doc, 'asset-disposal');
    doc.items[i] = { ...doc.items[i]!, code: 'asset-contracting' };
    const issues = issuesOf(doc);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toBe(`items.${i}.code`);
    expect(issues[0]!.message).toContain('asset-contracting');
    expect(issues[0]!.message).toContain('重复');
  });

  it('refuses a deadline counted from a later step', () => {
    const doc = upload();
    const i = indexOf(doc, 'homestead-approval');
    const steps = doc.items[i]!.steps;
    steps[1] = { ...steps[1]!, deadline: { days: 10, unit: 'calendar', fromStep: 5 } };
    const issues = issuesOf(doc);
    expect(issues.map((x) => x.path)).toEqual([`items.${i}.steps.1.deadline.fromStep`]);
    expect(issues[0]!.message).toContain('homestead-approval');
    expect(issues[0]!.message).toContain('第 2 步');
  });

  it('refuses a deadline counted from its own step', () => {
    const doc = upload();
    const i = indexOf(doc, 'homestead-approval');
    const steps = doc.items[i]!.steps;
    steps[1] = { ...steps[1]!, deadline: { days: 10, unit: 'calendar', fromStep: 2 } };
    expect(issuesOf(doc).map((x) => x.path)).toEqual([`items.${i}.steps.1.deadline.fromStep`]);
  });

  it('refuses an amount tier whose minimum is not below its maximum', () => {
    const doc = upload();
    const i = indexOf(doc, 'project-construction-10k-50k');
    doc.items[i]!.appliesWhen = { ...doc.items[i]!.appliesWhen, amountMinFen: 5_000_000, amountMaxFen: 5_000_000 };
    const issues = issuesOf(doc);
    expect(issues.map((x) => x.path)).toEqual([`items.${i}.appliesWhen.amountMaxFen`]);
    expect(issues[0]!.message).toContain('project-construction-10k-50k');
  });

  it('refuses steps out of order', () => {
    const doc = upload();
    const i = indexOf(doc, 'major-decision');
    const steps = doc.items[i]!.steps;
    [steps[2], steps[3]] = [steps[3]!, steps[2]!];
    const issues = issuesOf(doc);
    expect(issues.map((x) => x.path)).toEqual([`items.${i}.steps.2.seq`, `items.${i}.steps.3.seq`]);
    expect(issues[0]!.message).toContain('major-decision');
  });

  it('refuses a quorum fraction above one, and names the item in zod’s own messages too', () => {
    const doc = upload();
    const i = indexOf(doc, 'major-decision');
    const steps = doc.items[i]!.steps;
    steps[2] = { ...steps[2]!, quorum: { presentAtLeast: { num: 3, den: 2 }, approveMoreThan: { num: 1, den: 2 }, base: 'expected' } };
    const issues = issuesOf(doc);
    expect(issues.map((x) => x.path)).toEqual([`items.${i}.steps.2.quorum.presentAtLeast`]);
    expect(issues[0]!.message).toMatch(/^事项 major-decision：/);
  });

  it('refuses an unknown actor, naming the item', () => {
    const doc = upload() as unknown as { items: { code: string; steps: { actor: string }[] }[] };
    doc.items[0]!.steps[0]!.actor = 'mayor';
    const issues = issuesOf(doc);
    expect(issues.map((x) => x.path)).toEqual(['items.0.steps.0.actor']);
    expect(issues[0]!.message).toContain(doc.items[0]!.code);
  });

  it('refuses a version that does not carry its scope', () => {
    const doc = { ...upload(), version: '430800-2026-1' };
    expect(issuesOf(doc).map((x) => x.path)).toEqual(['version']);
  });

  it('accepts a tier exactly when its minimum is below its maximum', () => {
    const base = upload();
    const i = indexOf(base, 'purchase-2k-50k');
    fc.assert(
      fc.property(fc.nat({ max: 1e9 }), fc.integer({ min: 1, max: 1e9 }), (min, max) => {
        const doc = structuredClone(base);
        doc.items[i]!.appliesWhen = { amountMinFen: min, amountMaxFen: max, note: null };
        expect(parseCatalogue(doc).ok).toBe(min < max);
      }),
      { numRuns: 200 },
    );
  });
});
