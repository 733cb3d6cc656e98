import type { MissRate } from '../../data/complaints/classify.ts';
import type { ClassifyRuleSet, TargetKind } from '../../data/complaints/classify-rules.ts';
import type { ConsolePage } from './console-view.ts';
import { chinaDateTime } from './format.ts';
import type { PageBase, SiteInfo } from './page-model.ts';
import { CONSOLE_PATHS } from './urls.ts';

/**
 * 分类派发规则 in the console (issue 17, item 3): a county's staff see the rules 识别 suggests by
 * (their own newest version, or the portal's defaults), where they miss — what staff chose
 * against what was suggested, per category, office and 小微权力 item — and, with the county's
 * authority, save a new version from a JSON file (the same document the API takes; the page
 * offers the one in force to start from).
 */

/** The page's fields and paths: the only place they are written. */
export const RULES_FIELDS = { county: 'county', file: 'rules' } as const;
export const RULES_PATHS = { page: CONSOLE_PATHS.classification, download: `${CONSOLE_PATHS.classification}rules.json`, upload: `${CONSOLE_PATHS.classification}upload` } as const;

const KIND_LABEL: Record<TargetKind, string> = { category: '类别', department: '承办部门', 'power-item': '小微权力事项' };

export interface RulesPage extends PageBase {
  kind: 'console-rules';
  csrf: ConsolePage['csrf'];
  county: { code: string; name: string };
  /** other counties the account may look at (a city's staff), each a link */
  counties: Array<{ name: string; href: string; current: boolean }>;
  /** 慈利县分类规则第 3 版（慈利县纪委，2026-12-07 09:00 保存） or the defaults */
  inForce: string;
  download: string;
  upload: { action: string; field: string; countyField: string } | null;
  rules: Array<{ kind: string; target: string; terms: string; negative: string; minScore: number }>;
  /** what staff chose against what was suggested: where the rules miss */
  misses: { corrections: number; capped: boolean; rows: Array<{ kind: string; value: string; chosen: number; missed: string; suggested: number; overridden: string }> };
  versions: string[];
  notice: string | null;
  problems: string[];
  back: string;
}

export function buildRulesView(input: {
  site: SiteInfo;
  csrf: ConsolePage['csrf'];
  county: { code: string; name: string };
  counties?: ReadonlyArray<{ code: string; name: string }>;
  current: { version: number; savedBy: string; at: string } | null;
  rules: ClassifyRuleSet;
  versions: ReadonlyArray<{ version: number; savedBy: string; at: string }>;
  rates: readonly MissRate[];
  corrections: number;
  capped: boolean;
  mayUpload: boolean;
  /** the name of a power item by its code, in the list that applies */
  powerItemName: (code: string) => string | null;
  notice?: string | null;
  problems?: string[];
}): RulesPage {
  const { county } = input;
  const query = `?${RULES_FIELDS.county}=${encodeURIComponent(county.code)}`;
  const target = (kind: TargetKind, value: string) => (kind === 'power-item' ? (input.powerItemName(value) ?? value) : value);
  const terms = (list: ReadonlyArray<{ text: string; weight: number }> | undefined) => (list ?? []).map((t) => `${t.text}×${t.weight}`).join('、');
  const rate = (n: number, r: number | null) => (r === null ? `${n}` : `${n}（${Math.round(r * 100)}%）`);
  return {
    site: input.site,
    title: `分类派发规则 · ${county.name}`,
    description: '工作台：识别群众反映所用的分类规则，以及规则在哪里没识别准',
    sample: false,
    kind: 'console-rules',
    csrf: input.csrf,
    county,
    counties: (input.counties ?? []).map((c) => ({ name: c.name, href: `${RULES_PATHS.page}?${RULES_FIELDS.county}=${encodeURIComponent(c.code)}`, current: c.code === county.code })),
    inForce: input.current === null ? '平台默认的分类规则（本县还没有保存自己的规则）' : `${county.name}分类规则第 ${input.current.version} 版（${input.current.savedBy}，${chinaDateTime(input.current.at)} 保存）`,
    download: `${RULES_PATHS.download}${query}`,
    upload: input.mayUpload ? { action: `${RULES_PATHS.upload}${query}`, field: RULES_FIELDS.file, countyField: RULES_FIELDS.county } : null,
    rules: input.rules.rules.map((r) => ({ kind: KIND_LABEL[r.target.kind], target: target(r.target.kind, r.target.value), terms: terms(r.terms), negative: terms(r.negative), minScore: r.minScore })),
    misses: {
      corrections: input.corrections,
      capped: input.capped,
      rows: input.rates.map((r) => ({
        kind: KIND_LABEL[r.kind],
        value: r.value === null ? '（无）' : target(r.kind, r.value),
        chosen: r.chosen,
        missed: rate(r.missed, r.missRate),
        suggested: r.suggested,
        overridden: rate(r.overridden, r.overrideRate),
      })),
    },
    versions: input.versions.map((v) => `第 ${v.version} 版：${v.savedBy}，${chinaDateTime(v.at)}`),
    notice: input.notice ?? null,
    problems: input.problems ?? [],
    back: CONSOLE_PATHS.complaints,
  };
}
