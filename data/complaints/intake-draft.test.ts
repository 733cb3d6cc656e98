import { describe, expect, it } from 'vitest';
import { compileRules } from './classify.ts';
import { DEFAULT_CLASSIFY_RULES } from './default-classify-rules.ts';
import { countyOf, DEFAULT_COMPILED_RULES, draftFrom } from './intake-draft.ts';
import { pastePrefill, type PastePlaceIndex } from './paste-prefill.ts';
import type { ClassifyRuleSet } from './classify-rules.ts';

const NO_PLACES: PastePlaceIndex = { find: () => ({ best: null, alternatives: [], ambiguous: false, area: null }) };
const CATEGORIES = ['惠农补贴', '财务公开', '工程项目', '四议两公开', '干部作风', '其他'];

describe('the county a code lies in, whose rules suggest', () => {
  it('is the first six digits of a village, township or county code', () => {
    expect(countyOf('430802108214')).toBe('430802');
    expect(countyOf('430802108')).toBe('430802');
    expect(countyOf('430821')).toBe('430821');
  });

  it('is none for a city (its code ends 00), a province, a city’s four digits, or anything else', () => {
    for (const code of ['430800', '4308', '43', '', '4308021', 'abcdef', '430802108214x']) expect(countyOf(code)).toBeNull();
  });
});

describe('a draft by the rules given', () => {
  it('suggests by the county’s rules when given them, by the defaults otherwise, from the same prefill', () => {
    const text = '修祠堂的钱到底花在哪了，村里没人说得清';
    const own = compileRules({
      ...DEFAULT_CLASSIFY_RULES,
      rules: [...DEFAULT_CLASSIFY_RULES.rules.filter((r) => !(r.target.kind === 'category' && r.target.value === '干部作风')), { target: { kind: 'category', value: '干部作风' }, terms: [{ text: '祠堂', weight: 9 }], minScore: 3 }],
    } as ClassifyRuleSet);
    const byDefault = draftFrom(pastePrefill(text, NO_PLACES), CATEGORIES, DEFAULT_COMPILED_RULES);
    expect(byDefault.suggestion.category.best?.value).not.toBe('干部作风');
    const byCounty = draftFrom({ ...byDefault }, CATEGORIES, own);
    expect(byCounty.suggestion.category.best?.value).toBe('干部作风');
    expect(byCounty.reasons.category).toContain('祠堂');
    expect(draftFrom({ ...byDefault }, CATEGORIES, DEFAULT_COMPILED_RULES).suggestion).toEqual(byDefault.suggestion);
  });
});
