import { compileRules, suggestComplaint, suggestionReason, type CompiledRules, type ComplaintSuggestion } from './classify.ts';
import { DEFAULT_CLASSIFY_RULES } from './default-classify-rules.ts';
import { pastePrefill, type PastePlaceIndex, type PastePrefill, type PastePrefillOptions } from './paste-prefill.ts';

/**
 * A pasted message made into a draft for staff to confirm (issue 17, items 2 and 3): the village
 * guessed from the place names in it, a phone moved to the private contact and masked in the
 * public text, and the category, department and 小微权力 item suggested from the text, each with
 * why. Nothing is decided here: the console and the API show the draft, staff correct it, and
 * only what they save is recorded.
 */
export interface IntakeDraft extends PastePrefill {
  suggestion: ComplaintSuggestion;
  /** "命中：补贴、没发" per suggestion; null when nothing is suggested */
  reasons: { category: string | null; department: string | null; powerItem: string | null };
}

/** The default rules, compiled once for every draft (a county's own rules are not stored yet). */
export const DEFAULT_COMPILED_RULES: CompiledRules = compileRules(DEFAULT_CLASSIFY_RULES);

export function intakeDraft(text: string, places: PastePlaceIndex, categories: readonly string[], options: PastePrefillOptions & { rules?: CompiledRules } = {}): IntakeDraft {
  const prefill = pastePrefill(text, places, options);
  // the suggestion reads the masked text: a number is never a reason, and nothing private is echoed
  const suggestion = suggestComplaint(prefill.publicText, options.rules ?? DEFAULT_COMPILED_RULES, categories);
  return {
    ...prefill,
    suggestion,
    reasons: {
      category: suggestionReason(suggestion, 'category'),
      department: suggestionReason(suggestion, 'department'),
      powerItem: suggestionReason(suggestion, 'powerItem'),
    },
  };
}
