import { fenInWords } from '../../data/money-words.ts';
import { comparePeriods, periodLabel } from '../../data/period.ts';
import { posterPath } from '../../data/poster/poster-paths.ts';
import type { Flag } from '../../data/flags/flag.ts';
import type { RoundState } from '../../data/rectification/round-fold.ts';
import type { ContractContent, FinanceContent, ProjectContent, Publication, PublicationSummary, StatementContent, SubsidyContent } from '../../data/publication.ts';
import type { Division } from '../../data/region.ts';
import type { Takedown } from '../../data/store/store.ts';
import { complaintHref } from './complaint-form.ts';
import type { VillageDecisions } from '../../data/decisions/village-decisions.ts';
import { decisionList, projectBadge } from './decision-village-view.ts';
import { chinaDate, KIND_LABEL, money, moneyOrDash } from './format.ts';
import type {
  ComplaintStatsView,
  ContractSummary,
  StatementSummary,
  Crumb,
  FinancePeriodLink,
  FinanceSection,
  HistoryItem,
  LogStamp,
  PosterLink,
  ProjectSection,
  SiteInfo,
  SubsidySummary,
  TakenDownItem,
  VillagePage,
} from './page-model.ts';
import { projectItemView } from './project-view.ts';
import { publicationFigures, publicationTable } from './publication-table.ts';
import { flagSection } from './flag-view.ts';
import { takedownView, takenDownTitle } from './publication-view.ts';
import { villageTasks } from './rectification-view.ts';
import { villageCharts } from './village-charts.ts';
import { changesHref, powerIndexPath, publicationHref, searchHref, twinsOf, villageHref } from './urls.ts';

export interface VillageInput {
  site: SiteInfo;
  village: Division;
  /** from the region home down to the village itself */
  crumbs: Crumb[];
  /** current (not superseded) publications, with content */
  current: readonly Publication[];
  /** every version, newest first, without content */
  history: readonly PublicationSummary[];
  /** the village's complaint figures (complaint-stats-index.ts); left out, the page has no figures section */
  complaints?: ComplaintStatsView | null;
  /** takedowns by publication id (listTakedowns): those versions are listed as 已撤下, without content */
  takedowns?: ReadonlyMap<string, Takedown>;
  /** the log the page is built from (publication-view.ts logStamp) */
  log?: LogStamp | null;
  /** the village's flags (all; the page shows those public at `now`) */
  flags?: readonly Flag[];
  /** rounds of inspection on the village's path, folded as of today */
  rounds?: readonly RoundState[];
  /** the village's 四议两公开 matters and its projects' decisions, judged (decision-judging.ts) */
  decisions?: VillageDecisions;
  /** the county or city whose own 小微权力清单 the village inherits; '' or absent: the national default */
  powerScope?: string;
  /** the build clock, for which flags are public yet */
  now?: string;
  /** ledger rows shown on the village page; the rest is on the publication page */
  financeRowLimit?: number;
  photosPerProject?: number;
}

/**
 * The village page: newest finance period first (three large figures and its ledger), then
 * subsidy lists, projects, and the full version history with corrections marked.
 */
export function buildVillageView(input: VillageInput): VillagePage {
  const { village } = input;
  const code = village.code;
  const takedowns = input.takedowns ?? new Map<string, Takedown>();
  // Taken-down versions leave every section that shows content; they are listed on their own.
  const shown = input.current.filter((p) => !takedowns.has(p.id));
  const byPeriodDesc = <P extends Publication>(a: P, b: P) => comparePeriods(b.period, a.period) || b.publishedAt.localeCompare(a.publishedAt);

  const finance = shown.filter((p): p is Publication & { content: FinanceContent } => p.content.kind === 'finance').sort(byPeriodDesc);
  const subsidy = shown.filter((p): p is Publication & { content: SubsidyContent } => p.content.kind === 'subsidy').sort(byPeriodDesc);
  const project = shown.filter((p): p is Publication & { content: ProjectContent } => p.content.kind === 'project').sort(byPeriodDesc);
  const contract = shown.filter((p): p is Publication & { content: ContractContent } => p.content.kind === 'contract').sort(byPeriodDesc);
  const statement = shown.filter((p): p is Publication & { content: StatementContent } => p.content.kind === 'statement').sort(byPeriodDesc);

  const [latest, ...older] = finance;
  const financeSection: FinanceSection | null = latest
    ? {
        href: publicationHref(code, latest.id),
        title: latest.content.title,
        periodLabel: periodLabel(latest.period),
        version: latest.version,
        sample: latest.sample,
        figures: publicationFigures(latest.content),
        table: publicationTable(latest.content, { mode: 'compact', limit: input.financeRowLimit ?? 50 }),
      }
    : null;

  const olderFinance: FinancePeriodLink[] = older.map((p) => ({
    href: publicationHref(code, p.id),
    periodLabel: periodLabel(p.period),
    income: money(p.content.totals.income),
    expense: money(p.content.totals.expense),
    closing: moneyOrDash(p.content.totals.closingBalance),
    sample: p.sample,
  }));

  const subsidies: SubsidySummary[] = subsidy.map((p) => ({
    href: publicationHref(code, p.id),
    title: p.content.title,
    programme: p.content.programme,
    periodLabel: periodLabel(p.period),
    count: p.content.totals.count,
    total: money(p.content.totals.amount),
    sample: p.sample,
  }));

  const photoLimit = input.photosPerProject ?? 4;
  const projects: ProjectSection[] = project.map((p) => ({
    href: publicationHref(code, p.id),
    title: p.content.title,
    periodLabel: periodLabel(p.period),
    sample: p.sample,
    items: p.content.projects.map((item, i) => ({ ...projectItemView(item, photoLimit), decision: input.decisions ? projectBadge(code, input.decisions, p.id, i) : null })),
  }));

  const contracts: ContractSummary[] = contract.map((p) => ({
    href: publicationHref(code, p.id),
    title: p.content.title,
    periodLabel: periodLabel(p.period),
    asOf: p.content.asOf === null ? null : `截至 ${p.content.asOf}`,
    count: p.content.totals.count,
    annualTotal: money(p.content.totals.annualAmount),
    sample: p.sample,
  }));

  const statements: StatementSummary[] = statement.map((p) => ({
    href: publicationHref(code, p.id),
    title: p.content.title,
    periodLabel: periodLabel(p.period),
    totals: publicationFigures(p.content).map((f) => `${f.label} ${f.value} ${f.unit ?? ''}`.trim()).join(' · '),
    sample: p.sample,
  }));

  const history = historyItems(code, input.history, takedowns);
  const takenDown: TakenDownItem[] = input.current.flatMap((p) => {
    const t = takedowns.get(p.id);
    return t ? [{ href: publicationHref(code, p.id), title: takenDownTitle(p), kindLabel: KIND_LABEL[p.kind], periodLabel: periodLabel(p.period), ...takedownView(t) }] : [];
  });
  const flags = flagSection(input.flags ?? [], input.now ?? new Date().toISOString());
  const rectification = villageTasks(code, input.rounds ?? []);
  const decisions = input.decisions ? decisionList(code, input.decisions) : null;
  const sample = input.current.some((p) => p.sample) || (flags?.items.some((f) => f.sample) ?? false) || rectification.some((t) => t.sample) || (decisions?.items.some((d) => d.sample) ?? false);

  return {
    kind: 'village',
    site: input.site,
    title: `${village.name}村务公开`,
    description: `${input.crumbs.slice(1).map((c) => c.name).join(' ')} 村务公开：财务收支、补贴发放、工程项目、资产资源合同。`,
    sample,
    code,
    name: village.name,
    summary: latest ? financeSentence(latest.content, periodLabel(latest.period)) : null,
    summaryWords: latest ? financeWords(latest.content) : null,
    crumbs: input.crumbs,
    empty: input.current.length === 0,
    finance: financeSection,
    olderFinance,
    subsidies,
    projects,
    history,
    twins: twinsOf(villageHref(code)),
    search: { action: searchHref(), village: code, label: '在本村公开材料中搜索' },
    poster: posterLink(code),
    powerList: { label: '本村小微权力清单', href: powerIndexPath(input.powerScope ?? '') },
    complaintHref: complaintHref(code),
    complaints: input.complaints ?? null,
    takenDown,
    contracts,
    statements,
    flags,
    rectification,
    charts: villageCharts(code, shown),
    log: input.log ?? null,
    decisions,
  };
}

/** The village's latest ledger in one sentence a villager can read, or hear, at a glance. */
export function financeSentence(content: FinanceContent, period: string): string {
  const closing = content.totals.closingBalance === null ? '' : `，期末结余 ${money(content.totals.closingBalance)} 元`;
  return `${period}，本村收入 ${money(content.totals.income)} 元，支出 ${money(content.totals.expense)} 元${closing}。`;
}

/** The same amounts in the words of a receipt (大写金额), which many villagers check amounts by. */
export function financeWords(content: FinanceContent): string {
  const closing = content.totals.closingBalance === null ? '' : `，期末结余${fenInWords(content.totals.closingBalance)}`;
  return `大写：收入${fenInWords(content.totals.income)}，支出${fenInWords(content.totals.expense)}${closing}。`;
}

/** The notice-board poster: A4 in colour, A3, black and white, and its preview image. */
export function posterLink(code: string): PosterLink {
  return {
    pdf: posterPath(code, 'pdf'),
    a3: posterPath(code, 'pdf', { size: 'a3', mono: false }),
    mono: posterPath(code, 'pdf', { size: 'a4', mono: true }),
    preview: posterPath(code, 'png'),
  };
}

/**
 * Every version, newest first; a corrected version links to the one that replaced it. A version
 * taken down is named by its kind, period and version, never its title.
 */
export function historyItems(village: string, history: readonly PublicationSummary[], takedowns: ReadonlyMap<string, unknown> = new Map()): HistoryItem[] {
  const versionOf = new Map(history.map((h) => [h.id, h.version]));
  return history.map((h) => ({
    href: publicationHref(village, h.id),
    title: takedowns.has(h.id) ? takenDownTitle(h) : h.title,
    kindLabel: KIND_LABEL[h.kind],
    periodLabel: periodLabel(h.period),
    version: h.version,
    published: chinaDate(h.publishedAt),
    sample: h.sample,
    supersededBy: h.supersededBy === null ? null : { href: publicationHref(village, h.supersededBy), version: versionOf.get(h.supersededBy) ?? null, changesHref: changesHref(village, h.id) },
    takenDown: takedowns.has(h.id),
  }));
}
