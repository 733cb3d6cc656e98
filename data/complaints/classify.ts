import { normaliseForMatch, TARGET_KINDS, type ClassifyRuleSet, type TargetKind } from './classify-rules.ts';

/**
 * Suggestions for a pasted complaint (issue 17, item 3): its category, the department to send it
 * to and the 小微权力 item it concerns, each with the terms that made the suggestion. Staff decide;
 * what they change is kept as a correction, and `missRates` shows a county where its rules miss.
 *
 * It runs on every paste, so the rules are compiled once: every distinct term, normalised, is
 * filed under its first character, and a message is read once, trying at each position only the
 * terms that start with the character there. A term counts once per message however often it
 * occurs, so a long, repetitive message does not outweigh a short, clear one.
 */

export interface CompiledRules {
  readonly rules: readonly CompiledRule[];
  /** first UTF-16 unit of a normalised term → the distinct terms starting with it */
  readonly byFirst: ReadonlyMap<string, readonly CompiledTerm[]>;
  readonly categoryDepartments: ReadonlyMap<string, string>;
  readonly fallback: ReadonlyMap<TargetKind, string>;
}

interface CompiledRule {
  kind: TargetKind;
  value: string;
  minScore: number;
}

interface CompiledTerm {
  text: string;
  uses: { rule: number; weight: number; negative: boolean; term: number; written: string }[];
}

export function compileRules(set: ClassifyRuleSet): CompiledRules {
  const terms = new Map<string, CompiledTerm>();
  const rules = set.rules.map((r, rule): CompiledRule => {
    const add = (written: string, weight: number, negative: boolean, term: number) => {
      const text = normaliseForMatch(written);
      const entry = terms.get(text) ?? { text, uses: [] };
      entry.uses.push({ rule, weight, negative, term, written });
      terms.set(text, entry);
    };
    r.terms.forEach((t, i) => add(t.text, t.weight, false, i));
    (r.negative ?? []).forEach((t, i) => add(t.text, t.weight, true, r.terms.length + i));
    return { kind: r.target.kind, value: r.target.value, minScore: r.minScore };
  });
  const byFirst = new Map<string, CompiledTerm[]>();
  for (const t of terms.values()) {
    const list = byFirst.get(t.text[0]!) ?? [];
    list.push(t);
    byFirst.set(t.text[0]!, list);
  }
  const categoryDepartments = new Map((set.categoryDepartments ?? []).map((m) => [m.category, m.department]));
  const fallback = new Map<TargetKind, string>((set.fallback ?? []).map((t) => [t.kind, t.value]));
  return { rules, byFirst, categoryDepartments, fallback };
}

export interface Candidate {
  value: string;
  score: number;
  /** the terms found, as the rule writes them, in the order they first occur in the message */
  matched: string[];
  /** negative terms found, same order */
  negated: string[];
}

/**
 * Where `best` came from: a rule that reached its minScore; for a department, the one the rule
 * set names for the suggested category; or the rule set's fallback. Only 'rules' has matched terms.
 */
export type SuggestionSource = 'rules' | 'category' | 'fallback';

export interface KindSuggestion {
  /** null: no rule reached its minScore and nothing else applied */
  best: Candidate | null;
  /** null exactly when `best` is */
  source: SuggestionSource | null;
  /** the other targets that reached their minScore, best first */
  alternatives: Candidate[];
}

export interface ComplaintSuggestion {
  category: KindSuggestion;
  department: KindSuggestion;
  powerItem: KindSuggestion;
}

export interface SuggestOptions {
  /** the codes of the catalogue in force, when a county publishes its own: rules naming others are ignored */
  powerItems?: readonly string[];
}

/**
 * `categories`: the configured list (PORTAL_COMPLAINT_CATEGORIES); a rule or fallback naming a
 * category not in it is ignored. Ties go to the rule that comes first in the rule set.
 */
export function suggestComplaint(text: string, compiled: CompiledRules, categories: readonly string[], options: SuggestOptions = {}): ComplaintSuggestion {
  const found = findTerms(normaliseForMatch(text), compiled.byFirst);
  const tally = new Map<number, { score: number; hits: { at: number; term: number; written: string; negative: boolean }[] }>();
  for (const [term, at] of found) {
    for (const use of term.uses) {
      const t = tally.get(use.rule) ?? { score: 0, hits: [] };
      t.score += use.negative ? -use.weight : use.weight;
      t.hits.push({ at, term: use.term, written: use.written, negative: use.negative });
      tally.set(use.rule, t);
    }
  }
  const allowedCategories = new Set(categories);
  const allowedItems = options.powerItems ? new Set(options.powerItems) : null;
  const allowed = (kind: TargetKind, value: string) =>
    kind === 'category' ? allowedCategories.has(value) : kind === 'power-item' && allowedItems ? allowedItems.has(value) : true;

  const ranked = new Map<TargetKind, { rule: number; candidate: Candidate }[]>(TARGET_KINDS.map((k) => [k, []]));
  for (const [index, t] of tally) {
    const rule = compiled.rules[index]!;
    if (t.score < rule.minScore || !allowed(rule.kind, rule.value)) continue;
    const hits = t.hits.sort((a, b) => a.at - b.at || a.term - b.term);
    ranked.get(rule.kind)!.push({
      rule: index,
      candidate: { value: rule.value, score: t.score, matched: hits.filter((h) => !h.negative).map((h) => h.written), negated: hits.filter((h) => h.negative).map((h) => h.written) },
    });
  }
  const bare = (value: string) => ({ value, score: 0, matched: [], negated: [] });
  const pick = (kind: TargetKind, category?: KindSuggestion): KindSuggestion => {
    const list = ranked.get(kind)!.sort((a, b) => b.candidate.score - a.candidate.score || a.rule - b.rule).map((r) => r.candidate);
    if (list.length > 0) return { best: list[0]!, source: 'rules', alternatives: list.slice(1) };
    const byCategory = category?.best ? compiled.categoryDepartments.get(category.best.value) : undefined;
    if (byCategory !== undefined) return { best: bare(byCategory), source: 'category', alternatives: [] };
    const value = compiled.fallback.get(kind);
    if (value === undefined || !allowed(kind, value)) return { best: null, source: null, alternatives: [] };
    return { best: bare(value), source: 'fallback', alternatives: [] };
  };
  const category = pick('category');
  return { category, department: pick('department', category), powerItem: pick('power-item') };
}

/** What the console shows beside a suggestion: "命中：补贴、没发". */
export function suggestionReason(suggestion: ComplaintSuggestion, key: keyof ComplaintSuggestion): string | null {
  const s = suggestion[key];
  if (!s.best) return null;
  if (s.source === 'category') return `按类别“${suggestion.category.best?.value ?? ''}”的默认部门`;
  if (s.source === 'fallback') return '未命中规则，按默认';
  const negated = s.best.negated.length > 0 ? `；扣分：${s.best.negated.join('、')}` : '';
  return `命中：${s.best.matched.join('、')}${negated}`;
}

/** Each distinct term found, with where it first occurs. */
function findTerms(text: string, byFirst: ReadonlyMap<string, readonly CompiledTerm[]>): Map<CompiledTerm, number> {
  const found = new Map<CompiledTerm, number>();
  for (let i = 0; i < text.length; i++) {
    const terms = byFirst.get(text[i]!);
    if (!terms) continue;
    for (const t of terms) if (!found.has(t) && text.startsWith(t.text, i)) found.set(t, i);
  }
  return found;
}

// ——— corrections: what staff chose against what was suggested ———

export const SUGGESTION_KEY = { category: 'category', department: 'department', 'power-item': 'powerItem' } as const satisfies Record<TargetKind, keyof ComplaintSuggestion>;

export interface Correction {
  kind: TargetKind;
  suggested: string | null;
  /** null: staff chose none (no power item applies) */
  chosen: string | null;
}

/**
 * One record per kind staff decided (a kind left out of `chosen` is not decided yet and gives
 * none). Agreements are kept too: a miss rate needs the hits as well as the misses.
 */
export function correctionsFor(suggestion: ComplaintSuggestion, chosen: Partial<Record<keyof ComplaintSuggestion, string | null>>): Correction[] {
  const out: Correction[] = [];
  for (const kind of TARGET_KINDS) {
    const key = SUGGESTION_KEY[kind];
    const picked = chosen[key];
    if (picked === undefined) continue;
    out.push({ kind, suggested: suggestion[key].best?.value ?? null, chosen: picked });
  }
  return out;
}

export interface MissRate {
  kind: TargetKind;
  /** a target value; null stands for "none" */
  value: string | null;
  /** times staff chose it */
  chosen: number;
  /** … of which the suggestion was something else: the rules missed it */
  missed: number;
  /** missed / chosen; null when never chosen */
  missRate: number | null;
  /** times it was suggested */
  suggested: number;
  /** … of which staff chose something else: the rules fire where they should not */
  overridden: number;
  overrideRate: number | null;
}

/** Per kind and value; by kind, then most misses first, then by value (none last). */
export function missRates(corrections: readonly Correction[]): MissRate[] {
  const rows = new Map<string, MissRate>();
  const row = (kind: TargetKind, value: string | null) => {
    const key = `${kind}\u0000${value ?? '\u0001'}`;
    let r = rows.get(key);
    if (!r) rows.set(key, (r = { kind, value, chosen: 0, missed: 0, missRate: null, suggested: 0, overridden: 0, overrideRate: null }));
    return r;
  };
  for (const c of corrections) {
    const hit = c.suggested === c.chosen;
    const chosen = row(c.kind, c.chosen);
    chosen.chosen += 1;
    if (!hit) chosen.missed += 1;
    const suggested = row(c.kind, c.suggested);
    suggested.suggested += 1;
    if (!hit) suggested.overridden += 1;
  }
  const out = [...rows.values()].map((r) => ({ ...r, missRate: r.chosen > 0 ? r.missed / r.chosen : null, overrideRate: r.suggested > 0 ? r.overridden / r.suggested : null }));
  const kindOrder = (k: TargetKind) => TARGET_KINDS.indexOf(k);
  return out.sort((a, b) => kindOrder(a.kind) - kindOrder(b.kind) || b.missed - a.missed || compareValues(a.value, b.value));
}

function compareValues(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}
