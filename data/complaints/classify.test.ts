import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CATALOGUE } from '../power/default-catalogue.ts';
import { compileRules, correctionsFor, missRates, suggestComplaint, suggestionReason, type Correction } from './classify.ts';
import { LABELLED_COMPLAINTS } from './classify-labelled-set.ts';
import type { ClassifyRule, ClassifyRuleSet } from './classify-rules.ts';
import { DEFAULT_COMPLAINT_CATEGORIES } from './complaint.ts';
import { DEFAULT_CLASSIFY_RULES } from './default-classify-rules.ts';

const CATEGORIES = DEFAULT_COMPLAINT_CATEGORIES;
const DEFAULTS = compileRules(DEFAULT_CLASSIFY_RULES);
const suggest = (text: string) => suggestComplaint(text, DEFAULTS, CATEGORIES);

const rule = (value: string, terms: [string, number][], minScore: number, negative?: [string, number][]): ClassifyRule => ({
  target: { kind: 'category', value },
  terms: terms.map(([text, weight]) => ({ text, weight })),
  ...(negative ? { negative: negative.map(([text, weight]) => ({ text, weight })) } : {}),
  minScore,
});
const set = (rules: ClassifyRule[], extra: Partial<ClassifyRuleSet> = {}): ClassifyRuleSet => ({ version: 't', rules, ...extra });

describe('suggestComplaint with the default rules', () => {
  it('suggests 惠农补贴 for unpaid farmland subsidies, saying which words counted', () => {
    const s = suggest('王家坪镇马头溪村三组有几户耕地补贴没发');
    expect(s.category.best?.value).toBe('惠农补贴');
    expect(s.category.source).toBe('rules');
    expect(s.category.best?.matched).toEqual(expect.arrayContaining(['补贴', '没发']));
    expect(suggestionReason(s, 'category')).toMatch(/^命中：.*补贴.*没发/);
    expect(s.department.best?.value).toBe('财政所');
    expect(s.powerItem.best?.value).toBe('subsidy-payout');
  });

  it.each([
    ['村里账目三年不公开，问会计也不给看', '财务公开'],
    ['新修的路就是豆腐渣，施工队偷工减料', '工程项目'],
    ['没开村民代表大会，几个人不开会就定了', '四议两公开'],
    ['村干部吃拿卡要，办个事还要请他喝酒', '干部作风'],
    ['村口的垃圾堆了一个礼拜没人清，臭死了', '其他'],
  ])('suggests the category of “%s”: %s', (text, category) => {
    expect(suggest(text).category.best?.value).toBe(category);
  });

  it('takes off negative terms: a cadre’s 误工补贴 is not a subsidy to villagers', () => {
    const s = suggest('村干部的误工补贴没发');
    expect(s.category.best?.value).not.toBe('惠农补贴');
    expect(s.category.alternatives.map((c) => c.value)).not.toContain('惠农补贴');
    expect(s.powerItem.best?.value).toBe('cadre-remuneration');
  });

  it('falls back to 其他 and says so when no rule matches', () => {
    const s = suggest('你好，请问一下');
    expect(s.category).toEqual({ best: { value: '其他', score: 0, matched: [], negated: [] }, source: 'fallback', alternatives: [] });
    expect(suggestionReason(s, 'category')).toBe('未命中规则，按默认');
    expect(s.powerItem.best).toBeNull();
    expect(suggestionReason(s, 'powerItem')).toBeNull();
  });

  it('sends a category to its usual department when no department rule matches', () => {
    const s = suggest('村干部天天打麻将');
    expect(s.category.best?.value).toBe('干部作风');
    expect(s.department.best?.value).toBe('纪委');
    const quiet = suggest('有个干部上班时间不在，门锁着');
    expect(quiet.category.best?.value).toBe('干部作风');
    expect(quiet.department).toMatchObject({ best: { value: '纪委', matched: [] }, source: 'category' });
    expect(suggestionReason(quiet, 'department')).toBe('按类别“干部作风”的默认部门');
  });
});

describe('suggestComplaint', () => {
  const rules = compileRules(set([rule('甲', [['补贴', 2], ['没发', 2]], 3, [['误工', 3]]), rule('乙', [['补贴', 2], ['到账', 2]], 3), rule('丙', [['qq群', 3]], 3)]));

  it('ignores rules and fallbacks naming a category not in the configured list', () => {
    expect(suggestComplaint('补贴没到账', rules, ['甲', '乙']).category.best?.value).toBe('乙');
    expect(suggestComplaint('补贴没到账', rules, ['甲']).category.best).toBeNull();
    const withFallback = compileRules(set([rule('甲', [['补贴', 3]], 3)], { fallback: [{ kind: 'category', value: '其他' }] }));
    expect(suggestComplaint('路灯坏了', withFallback, ['甲']).category).toEqual({ best: null, source: null, alternatives: [] });
    expect(suggestComplaint('路灯坏了', withFallback, ['甲', '其他']).category.best?.value).toBe('其他');
  });

  it('breaks a tie by the order of the rules, and ranks the others behind', () => {
    const tied = suggestComplaint('补贴没发，也没到账', rules, ['甲', '乙']);
    expect(tied.category.best?.value).toBe('甲');
    expect(tied.category.alternatives.map((c) => c.value)).toEqual(['乙']);
    const swapped = compileRules(set([rule('乙', [['补贴', 2], ['到账', 2]], 3), rule('甲', [['补贴', 2], ['没发', 2]], 3)]));
    expect(suggestComplaint('补贴没发，也没到账', swapped, ['甲', '乙']).category.best?.value).toBe('乙');
  });

  it('lists negative terms found and drops a target they take below its minimum', () => {
    const s = suggestComplaint('误工补贴没发，也没到账', rules, ['甲', '乙']);
    expect(s.category.best?.value).toBe('乙');
    const both = suggestComplaint('误工补贴没发', compileRules(set([rule('甲', [['补贴', 4], ['没发', 2]], 3, [['误工', 3]])])), ['甲']);
    expect(both.category.best).toEqual({ value: '甲', score: 3, matched: ['补贴', '没发'], negated: ['误工'] });
    expect(suggestionReason(both, 'category')).toBe('命中：补贴、没发；扣分：误工');
  });

  it('counts a term once however often it is repeated', () => {
    expect(suggestComplaint('补贴补贴补贴补贴', rules, ['甲']).category.best).toBeNull();
  });

  it('matches across full-width letters, case, spaces and line breaks', () => {
    expect(suggestComplaint('在ＱＱ 群\n里说的', rules, ['丙']).category.best?.matched).toEqual(['qq群']);
    expect(suggestComplaint('补 贴\n没　发', rules, ['甲']).category.best?.score).toBe(4);
  });

  it('lists matched terms in the order they occur in the message', () => {
    expect(suggestComplaint('没发的是补贴', rules, ['甲']).category.best?.matched).toEqual(['没发', '补贴']);
  });

  it('leaves out power items not in the catalogue in force', () => {
    const items = DEFAULT_CATALOGUE.items.map((i) => i.code).filter((c) => c !== 'subsidy-payout');
    const s = suggestComplaint('耕地补贴没发', DEFAULTS, CATEGORIES, { powerItems: items });
    expect(s.powerItem.best?.value).not.toBe('subsidy-payout');
  });

  it('gives the same suggestion however the message is spaced (property)', () => {
    const texts = LABELLED_COMPLAINTS.map((c) => c.text);
    fc.assert(
      fc.property(fc.constantFrom(...texts), fc.array(fc.nat(), { maxLength: 6 }), fc.constantFrom(' ', '\n', '\u3000'), (text, cuts, space) => {
        let spaced = text;
        for (const cut of cuts) {
          const at = cut % (spaced.length + 1);
          spaced = spaced.slice(0, at) + space + spaced.slice(at);
        }
        expect(suggest(spaced)).toEqual(suggest(text));
      }),
      { numRuns: 200 },
    );
  });
});

describe('corrections', () => {
  it('records, for each kind staff decided, what was suggested and what they chose', () => {
    const s = suggest('王家坪镇马头溪村三组有几户耕地补贴没发');
    expect(correctionsFor(s, { category: '惠农补贴', department: '民政办' })).toEqual([
      { kind: 'category', suggested: '惠农补贴', chosen: '惠农补贴' },
      { kind: 'department', suggested: '财政所', chosen: '民政办' },
    ]);
    expect(correctionsFor(suggest('你好'), { powerItem: null })).toEqual([{ kind: 'power-item', suggested: null, chosen: null }]);
  });

  it('aggregates how often the rules miss a target and how often their suggestion is overridden', () => {
    const c = (kind: Correction['kind'], suggested: string | null, chosen: string | null): Correction => ({ kind, suggested, chosen });
    const rates = missRates([
      c('category', '惠农补贴', '惠农补贴'),
      c('category', '惠农补贴', '干部作风'),
      c('category', '其他', '干部作风'),
      c('category', '干部作风', '干部作风'),
      c('department', '财政所', '民政办'),
      c('power-item', null, 'dibao-application'),
    ]);
    expect(rates).toEqual([
      { kind: 'category', value: '干部作风', chosen: 3, missed: 2, missRate: 2 / 3, suggested: 1, overridden: 0, overrideRate: 0 },
      { kind: 'category', value: '其他', chosen: 0, missed: 0, missRate: null, suggested: 1, overridden: 1, overrideRate: 1 },
      { kind: 'category', value: '惠农补贴', chosen: 1, missed: 0, missRate: 0, suggested: 2, overridden: 1, overrideRate: 0.5 },
      { kind: 'department', value: '民政办', chosen: 1, missed: 1, missRate: 1, suggested: 0, overridden: 0, overrideRate: null },
      { kind: 'department', value: '财政所', chosen: 0, missed: 0, missRate: null, suggested: 1, overridden: 1, overrideRate: 1 },
      { kind: 'power-item', value: 'dibao-application', chosen: 1, missed: 1, missRate: 1, suggested: 0, overridden: 0, overrideRate: null },
      { kind: 'power-item', value: null, chosen: 0, missed: 0, missRate: null, suggested: 1, overridden: 1, overrideRate: 1 },
    ]);
    expect(missRates([])).toEqual([]);
  });
});

describe('the default rules on the labelled set', () => {
  const rows = LABELLED_COMPLAINTS.map((c) => ({ c, s: suggest(c.text) }));
  const share = (ok: number, of: number) => ok / of;

  it('is a set of at least 120, at least 12 for each default category, naming real power items', () => {
    expect(LABELLED_COMPLAINTS.length).toBeGreaterThanOrEqual(120);
    for (const category of CATEGORIES) expect(LABELLED_COMPLAINTS.filter((c) => c.category === category).length, category).toBeGreaterThanOrEqual(12);
    const codes = new Set(DEFAULT_CATALOGUE.items.map((i) => i.code));
    expect(LABELLED_COMPLAINTS.filter((c) => c.powerItem !== null && !codes.has(c.powerItem)).map((c) => c.powerItem)).toEqual([]);
  });

  // Floors a little below what was measured (2026-12: category 0.79, department 0.78, power item
  // recall 0.72, on all 150; held-out third alone 0.60 / 0.64 / 0.50), so a change that breaks the
  // rules fails here. See scripts/bench/classify-bench.ts for the figures per category.
  it('gets the category right for at least 75% of the messages', () => {
    expect(share(rows.filter((r) => r.s.category.best?.value === r.c.category).length, rows.length)).toBeGreaterThanOrEqual(0.75);
  });

  it('gets the department right for at least 74%', () => {
    expect(share(rows.filter((r) => r.s.department.best?.value === r.c.department).length, rows.length)).toBeGreaterThanOrEqual(0.74);
  });

  it('names the right power item for at least 68% of those that concern one', () => {
    const withItem = rows.filter((r) => r.c.powerItem !== null);
    expect(share(withItem.filter((r) => r.s.powerItem.best?.value === r.c.powerItem).length, withItem.length)).toBeGreaterThanOrEqual(0.68);
  });
});
