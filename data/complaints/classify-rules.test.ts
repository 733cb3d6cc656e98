import { describe, expect, it } from 'vitest';
import { DEFAULT_CATALOGUE } from '../power/default-catalogue.ts';
import { parseClassifyRules } from './classify-rules.ts';
import { DEFAULT_COMPLAINT_CATEGORIES } from './complaint.ts';
import { DEFAULT_CLASSIFY_RULES } from './default-classify-rules.ts';

const small = (rules: unknown[], extra: Record<string, unknown> = {}): unknown => ({ version: 'test', rules, ...extra });
const subsidy = { target: { kind: 'category', value: '惠农补贴' }, terms: [{ text: '补贴', weight: 2 }, { text: '没发', weight: 2 }], minScore: 3 };

function issues(input: unknown): { path: string; message: string }[] {
  const parsed = parseClassifyRules(input);
  return parsed.kind === 'invalid' ? parsed.issues : [];
}

describe('the default classification rules', () => {
  it('pass their own schema, also after a trip through JSON', () => {
    expect(issues(DEFAULT_CLASSIFY_RULES)).toEqual([]);
    expect(parseClassifyRules(JSON.parse(JSON.stringify(DEFAULT_CLASSIFY_RULES)))).toEqual({ kind: 'ok', rules: DEFAULT_CLASSIFY_RULES });
  });

  it('name only power-list items that exist in the default catalogue', () => {
    const codes = new Set(DEFAULT_CATALOGUE.items.map((i) => i.code));
    const named = DEFAULT_CLASSIFY_RULES.rules.filter((r) => r.target.kind === 'power-item').map((r) => r.target.value);
    expect(named.length).toBeGreaterThan(10);
    expect(named.filter((code) => !codes.has(code))).toEqual([]);
  });

  it('have a rule for every default category and name no other', () => {
    const categories = DEFAULT_CLASSIFY_RULES.rules.filter((r) => r.target.kind === 'category').map((r) => r.target.value);
    expect([...categories].sort()).toEqual([...DEFAULT_COMPLAINT_CATEGORIES].sort());
    const mapped = (DEFAULT_CLASSIFY_RULES.categoryDepartments ?? []).map((m) => m.category);
    const fallback = (DEFAULT_CLASSIFY_RULES.fallback ?? []).filter((t) => t.kind === 'category').map((t) => t.value);
    for (const c of [...mapped, ...fallback]) expect(DEFAULT_COMPLAINT_CATEGORIES).toContain(c);
  });

  it('send each mapped category to a department that has rules of its own', () => {
    const departments = new Set(DEFAULT_CLASSIFY_RULES.rules.filter((r) => r.target.kind === 'department').map((r) => r.target.value));
    for (const m of DEFAULT_CLASSIFY_RULES.categoryDepartments ?? []) expect(departments, m.department).toContain(m.department);
  });
});

describe('parseClassifyRules', () => {
  it('accepts a small rule set with negative terms and a fallback', () => {
    const input = small([{ ...subsidy, negative: [{ text: '误工补贴', weight: 4 }] }], { fallback: [{ kind: 'category', value: '其他' }] });
    expect(parseClassifyRules(input).kind).toBe('ok');
  });

  it('refuses a weight that is not a whole number, naming the place and the rule', () => {
    const found = issues(small([{ ...subsidy, terms: [{ text: '补贴', weight: 2.5 }, { text: '没发', weight: 2 }] }]));
    expect(found).toHaveLength(1);
    expect(found[0]!.path).toBe('rules.0.terms.0.weight');
    expect(found[0]!.message).toContain('category:惠农补贴');
    expect(found[0]!.message).toContain('整数');
  });

  it('refuses fields it does not know, so a misspelt key is not silently ignored', () => {
    const found = issues(small([{ ...subsidy, minscore: 3 }]));
    expect(found.map((i) => i.path)).toContain('rules.0');
  });

  it('refuses the same target twice, pointing at the second', () => {
    const found = issues(small([subsidy, { ...subsidy, terms: [{ text: '补助', weight: 3 }] }]));
    expect(found).toHaveLength(1);
    expect(found[0]!.path).toBe('rules.1.target');
    expect(found[0]!.message).toContain('第 1 条');
  });

  it('refuses a term written twice, also when one is full-width or spaced', () => {
    const rule = { target: { kind: 'department', value: '纪委' }, terms: [{ text: 'QQ群', weight: 3 }], negative: [{ text: 'ＱＱ 群', weight: 1 }], minScore: 3 };
    expect(issues(small([rule])).map((i) => i.path)).toEqual(['rules.0.negative.0.text']);
  });

  it('refuses a rule whose terms cannot reach its minimum score', () => {
    const found = issues(small([{ ...subsidy, minScore: 5 }]));
    expect(found.map((i) => i.path)).toEqual(['rules.0.minScore']);
    expect(found[0]!.message).toContain('永远不会命中');
  });

  it('refuses a power item given by its name instead of its code', () => {
    const found = issues(small([{ ...subsidy, target: { kind: 'power-item', value: '惠农补贴资金申报和发放' } }]));
    expect(found.map((i) => i.path)).toEqual(['rules.0.target.value']);
  });

  it('refuses an empty term, a kind it does not know and two fallbacks of one kind', () => {
    expect(issues(small([{ ...subsidy, terms: [{ text: '  ', weight: 3 }] }])).map((i) => i.path)).toEqual(['rules.0.terms.0.text']);
    expect(issues(small([{ ...subsidy, target: { kind: 'village', value: 'x' } }])).map((i) => i.path)).toEqual(['rules.0.target.kind']);
    const two = issues(small([subsidy], { fallback: [{ kind: 'category', value: '其他' }, { kind: 'category', value: '其它' }] }));
    expect(two.map((i) => i.path)).toEqual(['fallback.1']);
  });

  it('refuses a category mapped to two departments', () => {
    const mapped = [{ category: '惠农补贴', department: '财政所' }, { category: '惠农补贴', department: '民政办' }];
    expect(issues(small([subsidy], { categoryDepartments: mapped })).map((i) => i.path)).toEqual(['categoryDepartments.1.category']);
  });
});
