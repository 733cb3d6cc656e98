import { z } from 'zod';
import { validText } from '../text-validity.ts';

/**
 * A county's rules for suggesting a complaint's category, department and 小微权力 item (issue 17,
 * item 3). Stored and uploaded as JSON, so this schema is strict. Deliberately plain: a rule adds
 * up the weights of the terms found in the message and takes off those of its negative terms; it
 * is suggested when the total reaches its `minScore`. Staff see which terms counted, so a county
 * can read why a suggestion was made and fix the rule that made it.
 */

export const TARGET_KINDS = ['category', 'department', 'power-item'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

export const MAX_TERM_WEIGHT = 10;
export const MAX_TERM_CHARS = 20;
export const MAX_RULES = 500;

/**
 * Text as the matcher sees it: NFKC folds full-width letters and digits (ＱＱ, １２３) into
 * ordinary ones; case and every kind of space go, so a term matches however the paste was spaced.
 * Terms go through the same function, so a rule written with a full-width character still matches.
 */
export function normaliseForMatch(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\u200b-\u200d\u2060\ufeff]+/g, '');
}

const CODE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const name = validText()
  .trim()
  .min(1, '不能为空 / must not be empty')
  .max(60, '最多 60 字 / at most 60 characters');

export const ClassifyTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('category'), value: name }).strict(),
  z.object({ kind: z.literal('department'), value: name }).strict(),
  z.object({ kind: z.literal('power-item'), value: z.string().regex(CODE, '须为权力清单事项代码，如 subsidy-payout / a power-list item code such as subsidy-payout') }).strict(),
]);
export type ClassifyTarget = z.infer<typeof ClassifyTarget>;

export const ClassifyTerm = z
  .object({
    text: validText()
      .max(MAX_TERM_CHARS, `词语最多 ${MAX_TERM_CHARS} 字 / a term has at most ${MAX_TERM_CHARS} characters`)
      .refine((t) => normaliseForMatch(t).length > 0, '词语不能为空 / a term must not be empty'),
    weight: z
      .number()
      .int(`权重须为整数 / the weight must be an integer`)
      .min(1, `权重须为 1—${MAX_TERM_WEIGHT} / the weight must be 1 to ${MAX_TERM_WEIGHT}`)
      .max(MAX_TERM_WEIGHT, `权重须为 1—${MAX_TERM_WEIGHT} / the weight must be 1 to ${MAX_TERM_WEIGHT}`),
  })
  .strict();
export type ClassifyTerm = z.infer<typeof ClassifyTerm>;

export const ClassifyRule = z
  .object({
    target: ClassifyTarget,
    terms: z.array(ClassifyTerm).min(1, '至少一个词语 / at least one term').max(200),
    /** terms that speak against the target (误工补贴 is a cadre's pay, not a subsidy): their weight is taken off */
    negative: z.array(ClassifyTerm).max(100).optional(),
    minScore: z.number().int('最低分须为整数 / minScore must be an integer').min(1).max(1000),
  })
  .strict()
  .superRefine((rule, ctx) => {
    const seen = new Set<string>();
    const all = [...rule.terms.map((t, i) => ['terms', i, t] as const), ...(rule.negative ?? []).map((t, i) => ['negative', i, t] as const)];
    for (const [list, i, t] of all) {
      const key = normaliseForMatch(t.text);
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [list, i, 'text'], message: `词语“${t.text}”重复 / the term “${t.text}” appears twice` });
      seen.add(key);
    }
    const most = rule.terms.reduce((sum, t) => sum + t.weight, 0);
    if (most < rule.minScore) {
      ctx.addIssue({ code: 'custom', path: ['minScore'], message: `词语权重合计 ${most}，达不到最低分 ${rule.minScore}，规则永远不会命中 / the weights add up to ${most}, below minScore ${rule.minScore}: the rule can never match` });
    }
  });
export type ClassifyRule = z.infer<typeof ClassifyRule>;

export const ClassifyRuleSet = z
  .object({
    version: validText().trim().min(1).max(40),
    rules: z.array(ClassifyRule).min(1, '至少一条规则 / at least one rule').max(MAX_RULES),
    /**
     * where a township sends a category when no department rule matches (干部作风 → 纪委): the
     * message often says what is wrong without a word that names an office
     */
    categoryDepartments: z.array(z.object({ category: name, department: name }).strict()).max(100).optional(),
    /** what to suggest for a kind when nothing else does (其他 for the category) */
    fallback: z.array(ClassifyTarget).max(TARGET_KINDS.length).optional(),
  })
  .strict()
  .superRefine((set, ctx) => {
    // one rule per target: two would make the explanation ambiguous and the order decide silently
    const seen = new Map<string, number>();
    set.rules.forEach((r, i) => {
      const key = targetKey(r.target);
      const first = seen.get(key);
      if (first !== undefined) ctx.addIssue({ code: 'custom', path: ['rules', i, 'target'], message: `与第 ${first + 1} 条规则的目标（${key}）重复 / same target (${key}) as rule ${first + 1}` });
      else seen.set(key, i);
    });
    const categories = new Set<string>();
    (set.categoryDepartments ?? []).forEach((m, i) => {
      if (categories.has(m.category)) ctx.addIssue({ code: 'custom', path: ['categoryDepartments', i, 'category'], message: `类别“${m.category}”重复 / the category “${m.category}” appears twice` });
      categories.add(m.category);
    });
    const kinds = new Set<string>();
    (set.fallback ?? []).forEach((t, i) => {
      if (kinds.has(t.kind)) ctx.addIssue({ code: 'custom', path: ['fallback', i], message: `每类只能有一个默认项（${t.kind}）/ one fallback per kind (${t.kind})` });
      kinds.add(t.kind);
    });
  });
export type ClassifyRuleSet = z.infer<typeof ClassifyRuleSet>;

export interface RuleIssue {
  /** e.g. rules.3.terms.0.weight */
  path: string;
  message: string;
}

export type ParsedRules = { kind: 'ok'; rules: ClassifyRuleSet } | { kind: 'invalid'; issues: RuleIssue[] };

/** A county's uploaded rule set, checked; each issue names the rule's target so it can be found. */
export function parseClassifyRules(input: unknown): ParsedRules {
  const parsed = ClassifyRuleSet.safeParse(input);
  if (parsed.success) return { kind: 'ok', rules: parsed.data };
  return {
    kind: 'invalid',
    issues: parsed.error.issues.map((i) => {
      const target = targetAt(input, i.path);
      return { path: i.path.map(String).join('.'), message: target ? `规则 ${target}：${i.message}` : i.message };
    }),
  };
}

export function targetKey(t: { kind: string; value: string }): string {
  return `${t.kind}:${t.value}`;
}

function targetAt(input: unknown, path: readonly PropertyKey[]): string | null {
  if (path[0] !== 'rules' || typeof path[1] !== 'number') return null;
  const rules = (input as { rules?: unknown } | null)?.rules;
  if (!Array.isArray(rules)) return null;
  const target = (rules[path[1]] as { target?: { kind?: unknown; value?: unknown } } | undefined)?.target;
  return typeof target?.kind === 'string' && typeof target.value === 'string' ? targetKey({ kind: target.kind, value: target.value }) : null;
}
