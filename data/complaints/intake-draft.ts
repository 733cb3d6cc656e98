import { compileRules, suggestComplaint, suggestionReason, type CompiledRules, type ComplaintSuggestion } from './classify.ts';
import { DEFAULT_CLASSIFY_RULES } from './default-classify-rules.ts';
import type { PastePrefill } from './paste-prefill.ts';

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

/** The default rules, compiled once: what every county without its own rules is suggested by. */
export const DEFAULT_COMPILED_RULES: CompiledRules = compileRules(DEFAULT_CLASSIFY_RULES);

/**
 * The draft of a prefill already made: a county's rules apply to its villages, so the caller reads
 * the place names first, then suggests by the rules of the county they point to (countyOf).
 */
export function draftFrom(prefill: PastePrefill, categories: readonly string[], rules: CompiledRules): IntakeDraft {
  // the suggestion reads the masked text: a number is never a reason, and nothing private is echoed
  const suggestion = suggestComplaint(prefill.publicText, rules, categories);
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

/** The county (6 digits) a village, township or county code lies in; null for a city, a province or nothing. */
export function countyOf(code: string): string | null {
  // 430800 is the city itself (role.ts scopeLevel), no county
  return /^\d{6}(\d{3}(\d{3})?)?$/.test(code) && code.slice(4, 6) !== '00' ? code.slice(0, 6) : null;
}
