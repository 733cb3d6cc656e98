import { compileRules, type CompiledRules } from '../data/complaints/classify.ts';
import { countyOf, DEFAULT_COMPILED_RULES, draftFrom, type IntakeDraft } from '../data/complaints/intake-draft.ts';
import { pastePrefill, type PastePlaceIndex, type PastePrefillOptions } from '../data/complaints/paste-prefill.ts';
import type { ClassifyRuleSets } from '../data/store/classify-rule-sets.ts';

/** The rules 识别 suggests by for one county: its own newest version, or the defaults (version null). */
export interface ActiveRules {
  county: string | null;
  version: number | null;
  rules: CompiledRules;
}

export type RulesSource = (county: string | null) => Promise<ActiveRules>;

/**
 * A county's own rules as the store holds them now (issue 17, item 3). The store is asked each time
 * — a staff member pressing 识别 is rare, and a version saved by another process must apply at once
 * — but each version is compiled only once per process.
 */
export function classifyRulesSource(store: Pick<ClassifyRuleSets, 'currentRuleSet'>): RulesSource {
  const compiled = new Map<string, { version: number; rules: CompiledRules }>();
  return async (county) => {
    if (county === null) return { county, version: null, rules: DEFAULT_COMPILED_RULES };
    const stored = await store.currentRuleSet(county);
    if (stored === null) return { county, version: null, rules: DEFAULT_COMPILED_RULES };
    let known = compiled.get(county);
    if (known?.version !== stored.version) compiled.set(county, (known = { version: stored.version, rules: compileRules(stored.rules) }));
    return { county, version: stored.version, rules: known.rules };
  };
}

/**
 * Where to ask the permission table whether someone may read a county's rules: those who record
 * complaints anywhere in the county read them — a township's staff at their own township (their
 * scope lies inside the county), county or wider staff at the county. The API and the console
 * both ask here.
 */
export function rulesReadTarget(scope: string, county: string): string {
  return scope.startsWith(county) ? scope : county;
}

/** A pasted message made into a draft by the rules of the county its place names point to (else the staff member's own). */
export async function countyDraft(source: RulesSource, text: string, places: PastePlaceIndex, categories: readonly string[], options: PastePrefillOptions & { scope: string }): Promise<{ draft: IntakeDraft; rules: ActiveRules }> {
  const prefill = pastePrefill(text, places, options);
  const rules = await source(countyOf(prefill.village.best?.village.code ?? options.scope));
  return { draft: draftFrom(prefill, categories, rules.rules), rules };
}
