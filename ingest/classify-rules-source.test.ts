import { describe, expect, it } from 'vitest';
import type { ClassifyRuleSet } from '../data/complaints/classify-rules.ts';
import { DEFAULT_CLASSIFY_RULES } from '../data/complaints/default-classify-rules.ts';
import { DEFAULT_COMPILED_RULES } from '../data/complaints/intake-draft.ts';
import type { StoredRuleSet } from '../data/store/classify-rule-sets.ts';
import { classifyRulesSource } from './classify-rules-source.ts';

/** A store holding one county's versions, counting how often it is asked. */
function store(versions: Record<string, StoredRuleSet[]>) {
  const asked: string[] = [];
  return {
    asked,
    versions,
    async currentRuleSet(county: string) {
      asked.push(county);
      return versions[county]?.at(-1) ?? null;
    },
  };
}

const saved = (version: number, rules: ClassifyRuleSet = DEFAULT_CLASSIFY_RULES): StoredRuleSet => ({ county: '430821', version, savedBy: '慈利县纪委', at: '2026-12-07T01:00:00.000Z', rules });

describe('the rules 识别 suggests by, per county', () => {
  it('are the defaults for a county with none and for no county, asking the store only about a county', async () => {
    const s = store({});
    const source = classifyRulesSource(s);
    expect(await source(null)).toEqual({ county: null, version: null, rules: DEFAULT_COMPILED_RULES });
    expect(await source('430802')).toEqual({ county: '430802', version: null, rules: DEFAULT_COMPILED_RULES });
    expect(s.asked).toEqual(['430802']);
  });

  it('are the county’s newest version, compiled once per version, a new version taken at the next call', async () => {
    const s = store({ '430821': [saved(1)] });
    const source = classifyRulesSource(s);
    const first = await source('430821');
    expect(first.version).toBe(1);
    expect(first.rules).not.toBe(DEFAULT_COMPILED_RULES);
    expect((await source('430821')).rules).toBe(first.rules);
    // another process saves version 2: this one asks the store each time, so it applies at once
    s.versions['430821']!.push(saved(2, { ...DEFAULT_CLASSIFY_RULES, version: 'v2' }));
    const second = await source('430821');
    expect(second.version).toBe(2);
    expect(second.rules).not.toBe(first.rules);
    expect(s.asked).toHaveLength(3);
  });
});
