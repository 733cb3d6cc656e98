import type { ConsolePage } from './console-view.ts';
import type { WorkPage } from './console-work-view.ts';
import type { PublicationsPage } from './console-publications-view.ts';
import type { DecisionsPage } from './console-decisions-view.ts';
import type { TaskPage } from './console-task-view.ts';
import type { RoundPage, RoundsPage } from './console-rounds-view.ts';
import type { ComplaintsPage } from './console-complaints-view.ts';
import type { IntakePage, SlipPage } from './console-intake-view.ts';
import type { RulesPage } from './console-rules-view.ts';
import type { UploadPage as ConsoleUploadPage } from './console-upload-view.ts';
import type { SummaryUploadPage } from './console-summary-upload-view.ts';
import type { ChartView } from './charts/chart-model.ts';
import type { DecisionPage } from './decision-page-view.ts';
import type { DecisionListView, ProjectDecisionBadge } from './decision-village-view.ts';
import type { PowerIndexPage, PowerItemPage } from './power-page-view.ts';
import type { SummaryListItem, SummaryPage } from './summary-page-view.ts';

/**
 * The view models the Astro pages render. The site builder puts one of these in
 * `Astro.locals.page`; a page only prints what is here, so all logic stays in tested `.ts` code.
 * Every string is display-ready (money formatted, dates in China time).
 */

export type PageModel = HomePage | RegionPage | SummaryPage | VillagePage | PublicationPage | UploadPage | SearchPage | ComplaintPage | TrackPage | MySubsidyPage | ChangesPage | RectificationPage | NotFoundPage | WithheldPage | PowerIndexPage | PowerItemPage | DecisionPage | ConsolePage | WorkPage | ConsoleUploadPage | SummaryUploadPage | PublicationsPage | DecisionsPage | TaskPage | RoundsPage | RoundPage | ComplaintsPage | IntakePage | SlipPage | RulesPage;

export interface SiteInfo {
  /** 阳光村务 */
  name: string;
  /** name of the configured region, e.g. 张家界市 */
  regionName: string;
  baseUrl: string;
}

export interface PageBase {
  site: SiteInfo;
  /** the <title>, without the site name */
  title: string;
  description: string;
  /** pages rendered from sample data say so in the banner */
  sample: boolean;
}

export interface Crumb {
  name: string;
  href: string | null;
}

export interface TreeNode {
  code: string;
  name: string;
  level: 'province' | 'prefecture' | 'county' | 'township' | 'village';
  href: string;
  /** villages under this node (1 for a village) */
  villages: number;
  /** villages under this node with at least one publication */
  publishedVillages: number;
  /** current publications under this node */
  count: number;
  /** raw ISO timestamp, for comparisons */
  lastPublishedAt: string | null;
  /** display date (China time) */
  lastUpdated: string | null;
  children: TreeNode[];
}

export interface HomePage extends PageBase {
  kind: 'home';
  tree: TreeNode;
  /** the whole region's complaint figures; null when the builder did not load them */
  complaints: ComplaintStatsView | null;
  /** disclosures, red flags, rectification and trends; null when the builder did not load them */
  dashboard: DashboardView | null;
  /** the region's own summary tables (汇总表), the newest version of each */
  summaries: SummaryListItem[];
}

/** 监督一览: the figures and charts a county's leadership asks for (site/lib/dashboard-view.ts). */
export interface DashboardView {
  heading: string;
  asOf: string;
  figures: Figure[];
  charts: ChartView[];
  /** the rounds of inspection on this page's path, with their progress in words */
  rounds: Link[];
  /** some of it comes from sample data */
  sample: boolean;
}

export interface RegionPage extends PageBase {
  kind: 'region';
  crumbs: Crumb[];
  node: TreeNode;
  /** the county's or township's complaint figures; null when the builder did not load them */
  complaints: ComplaintStatsView | null;
  dashboard: DashboardView | null;
  /** the county's or township's own summary tables (汇总表), the newest version of each */
  summaries: SummaryListItem[];
}

/**
 * The public complaint figures of a village, township, county or the region (受理、办结、逾期、
 * 答复用时、满意率), computed from the complaints at build time (data/complaints/complaint-stats.ts).
 */
export interface ComplaintStatsView {
  /** 投诉办理情况 */
  heading: string;
  /** nothing received yet: the page says 暂无投诉 instead of a row of zeros */
  empty: boolean;
  figures: Figure[];
  /** 统计截至 2026-08-01 09:30（北京时间） */
  asOf: string;
  /** set when some complaints could not be counted (a village with more than the store lists at once) */
  note: string | null;
  /** 来源：网上反映 12 件 · 微信群 3 件 (issue 17); null before any complaint */
  channels: string | null;
  /** where a villager looks up a complaint by its code */
  trackHref: string;
}

export interface Figure {
  label: string;
  value: string;
  /** 元, 人, 个 … printed small after the value */
  unit: string | null;
  /** an amount as written on a receipt (大写金额), printed under it */
  words?: string;
}

export interface Column {
  label: string;
  /** right-aligned, tabular figures */
  num: boolean;
  /** the main text column (摘要, 姓名, 项目名称): a line of its own when rows stack on a phone */
  wide: boolean;
}

export interface TableRow {
  /** the row number in the uploaded file, anchor `r{row}` */
  row: number;
  cells: string[];
  /** the village complaint page about this row (对这一行有疑问); publication pages only */
  question?: string;
}

export interface TableView {
  columns: Column[];
  rows: TableRow[];
  /** the totals row, aligned with `columns`; first cell is the label */
  totals: string[] | null;
  /** rows in the publication; more than `rows.length` when the table is cut short */
  totalRows: number;
}

export interface PhotoView {
  small: string;
  large: string;
  width: number;
  height: number;
  alt: string;
}

export interface ProjectItemView {
  name: string;
  /** 0–100 for the bar, or null when the file gives only text */
  percent: number | null;
  progressText: string;
  figures: Figure[];
  photos: PhotoView[];
  /** photos not shown here (see the publication page) */
  morePhotos: number;
}

export interface Twins {
  json: string;
  csv: string;
  xlsx: string;
}

export interface FinanceSection {
  href: string;
  title: string;
  periodLabel: string;
  version: number;
  sample: boolean;
  figures: Figure[];
  table: TableView;
}

export interface FinancePeriodLink {
  href: string;
  periodLabel: string;
  income: string;
  expense: string;
  closing: string;
  sample: boolean;
}

export interface SubsidySummary {
  href: string;
  title: string;
  programme: string;
  periodLabel: string;
  count: number;
  total: string;
  sample: boolean;
}

export interface ProjectSection {
  href: string;
  title: string;
  periodLabel: string;
  sample: boolean;
  items: Array<ProjectItemView & { decision: ProjectDecisionBadge | null }>;
}

export interface HistoryItem {
  href: string;
  title: string;
  kindLabel: string;
  periodLabel: string;
  version: number;
  published: string;
  sample: boolean;
  /** set when a later version corrected this one (已更正), with the page of what it changed */
  supersededBy: { href: string; version: number | null; changesHref: string } | null;
  /** taken down (已撤下): the page shows why, not the content */
  takenDown: boolean;
}

/**
 * The transparency log as a page was built: how many leaves it had and a short fingerprint of
 * that tree's root, so a printed copy can be compared with the log later (docs/verify.md).
 */
export interface LogStamp {
  size: number;
  /** the root's first 64 bits in hex, "3f2a 9c01 77de 0b45" (data/log/checkpoint.ts rootFingerprint) */
  fingerprint: string;
  /** the latest signed checkpoint */
  checkpointHref: string;
}

/** A version taken down because it carried personal data by mistake: the content is gone, the record stays. */
export interface TakedownView {
  reason: string;
  /** display date and time (China time) */
  at: string;
  /** ISO instant, for <time datetime> */
  iso: string;
  /** the tombstone's leaf in the log */
  logIndex: number;
}

/** A current publication of the village page that was taken down: listed with the reason, without content. */
export interface TakenDownItem extends TakedownView {
  href: string;
  title: string;
  kindLabel: string;
  periodLabel: string;
}

export interface VillagePage extends PageBase {
  kind: 'village';
  code: string;
  name: string;
  /** one sentence at the top, read aloud by 朗读: 2026年第三季度，本村收入 … 元，支出 … 元，期末结余 … 元。 null before any ledger */
  summary: string | null;
  /** the sentence's amounts as written on a receipt (大写：收入壹万…元整，…), under it; null with it */
  summaryWords: string | null;
  crumbs: Crumb[];
  empty: boolean;
  finance: FinanceSection | null;
  olderFinance: FinancePeriodLink[];
  subsidies: SubsidySummary[];
  projects: ProjectSection[];
  history: HistoryItem[];
  twins: Twins;
  /** the small GET form that searches this village's publications (在本村公开材料中搜索) */
  search: VillageSearchForm;
  /** 本村小微权力清单: how each matter must be decided and published */
  powerList: Link;
  /** the printable QR poster for the village notice board, with a small preview */
  poster: PosterLink;
  /** the village's complaint page (我要投诉 / 反映问题) */
  complaintHref: string;
  /** the village's complaint figures; null when the builder did not load them */
  complaints: ComplaintStatsView | null;
  /** current versions taken down (已撤下), which the sections above leave out */
  takenDown: TakenDownItem[];
  /** current contract ledgers (集体资产资源合同) */
  contracts: ContractSummary[];
  /** current financial statements (收支对照表, 收益分配表), newest first */
  statements: StatementSummary[];
  /** the public red flags (数据核对提示); null when there are none */
  flags: FlagSectionView | null;
  /** rectification tasks of inspection rounds concerning the village */
  rectification: RectificationTaskView[];
  /** income and expense by period and by 科目, budget against paid per project */
  charts: ChartView[];
  /** the log the page was built from; null when the builder did not read it */
  log: LogStamp | null;
  /** 四议两公开事项 with their badges; null when the builder did not read them */
  decisions: DecisionListView | null;
}

export interface ContractSummary {
  href: string;
  title: string;
  periodLabel: string;
  /** 截至 2026-11-30 */
  asOf: string | null;
  count: number;
  annualTotal: string;
  sample: boolean;
}

/** A statement on the village page: its title and the 合计 line of each side, as it states them. */
export interface StatementSummary {
  href: string;
  title: string;
  periodLabel: string;
  /** 收入合计 144,000.00 元 · 支出合计 24,000.00 元 */
  totals: string;
  sample: boolean;
}

export interface FlagSectionView {
  /** 数据核对提示 */
  heading: string;
  /** one sentence: how many wait for an explanation, how many are settled */
  summary: string;
  items: FlagItemView[];
}

/** One red flag as villagers see it: neutral words, the rows it rests on, and every step since. */
export interface FlagItemView {
  id: string;
  /** `f12`: the flag's anchor on the village page */
  anchor: string;
  title: string;
  detail: string;
  status: string;
  /** 待说明 / 已说明 / 已确认 / 已排除 / 已解决 */
  statusLabel: string;
  amount: string | null;
  raised: string;
  sample: boolean;
  ruleName: string;
  /** what the rule checks, in plain words */
  ruleExplanation: string;
  /** the published rows it points at: the publication page at the row's anchor */
  evidence: Link[];
  steps: Array<{ label: string; at: string; iso: string; actor: string; text: string | null }>;
}

/** A rectification task that concerns the village, with the round it belongs to. */
export interface RectificationTaskView {
  roundHref: string;
  roundTitle: string;
  problem: string;
  measure: string;
  responsible: string;
  /** 整改时限 */
  deadline: string;
  /** 立行立改 / 长期整改 */
  kindLabel: string;
  /** 已销号 / 待验收 / 整改中 / 已逾期 */
  stateLabel: string;
  overdue: boolean;
  sample: boolean;
}

export interface PosterLink {
  /** A4 in colour */
  pdf: string;
  a3: string;
  mono: string;
  /** the PNG preview, linked (not shown) so that it is fetched only when asked for */
  preview: string;
}

export interface VillageSearchForm {
  action: string;
  village: string;
  label: string;
}

export interface PublicationPage extends PageBase {
  kind: 'publication';
  crumbs: Crumb[];
  villageHref: string;
  villageName: string;
  villageCode: string;
  heading: string;
  kindLabel: string;
  periodLabel: string;
  version: number;
  published: string;
  sha256: string;
  sourceName: string | null;
  figures: Figure[];
  table: TableView;
  notes: string[];
  /** project photos, by project name */
  photoGroups: { name: string; photos: PhotoView[] }[];
  /** this version was corrected: where the newest one is */
  superseded: { newestHref: string; newestVersion: number } | null;
  supersedes: { href: string; version: number | null } | null;
  twins: Twins;
  /** this version's leaf in the log, and the log the page was built from; null when not read */
  log: (LogStamp & { index: number }) | null;
  /** taken down: figures, table, notes and photos are empty and the page says why */
  takedown: TakedownView | null;
}

export interface UploadPage extends PageBase {
  kind: 'upload';
  apiBase: string;
}

/** A piece of a result's row text; `hit` parts are what the query matched (printed in <mark>). */
export interface SnippetPart {
  text: string;
  hit: boolean;
}

export interface Link {
  label: string;
  href: string;
}

export interface SelectOption {
  value: string;
  label: string;
  selected: boolean;
}

export interface FacetLink {
  label: string;
  count: number;
  /** selects this value, or removes the filter when it is already selected */
  href: string;
  selected: boolean;
}

export interface SearchResultView {
  /** the publication page at the row's anchor */
  href: string;
  villageName: string;
  /** 永定区 · 王家坪镇 */
  place: string;
  kindLabel: string;
  periodLabel: string;
  /** 第5行, or null for a publication's title and notes */
  rowLabel: string | null;
  snippet: SnippetPart[];
  /** the version is sample data: marked 示例数据 */
  sample: boolean;
}

export interface Pagination {
  /** 第 2 / 5 页 */
  label: string;
  prev: string | null;
  next: string | null;
  pages: { n: number; href: string; current: boolean }[];
}

/** The search page, rendered per request (ingest/search-page.ts), never written to a file. */
export interface SearchPage extends PageBase {
  kind: 'search';
  action: string;
  query: string;
  /** hidden fields that keep filters the form has no control for (a village, the page size) */
  hidden: { name: string; value: string }[];
  kindOptions: SelectOption[];
  countyOptions: SelectOption[];
  /** the townships by county, for a select with a group per county */
  townshipGroups: { label: string; options: SelectOption[] }[];
  /** the date and amount ranges as typed (amounts in 元) */
  ranges: { from: string; to: string; min: string; max: string };
  /** the more conditions (township, dates, amounts) are shown open when one is set */
  moreOpen: boolean;
  sortOptions: SelectOption[];
  /** a village filter, shown with a link that searches everywhere instead */
  scope: { label: string; removeHref: string } | null;
  /** what was wrong with the query string, one line per field */
  errors: string[];
  /** false on the empty form: no query was run */
  searched: boolean;
  total: number;
  /** 找到 12 条结果 */
  summary: string;
  /** no row had every word: these are partial matches */
  fallback: boolean;
  /** set when a broad query's facets and ranking cover only its newest matches */
  windowNote: string | null;
  facets: { county: FacetLink[]; kind: FacetLink[] };
  results: SearchResultView[];
  pagination: Pagination | null;
  /** on no hits: searching without the filters, and villages whose names share words with the query */
  noHits: { dropFilters: Link | null; villages: Link[] } | null;
  csvHref: string | null;
  /** villages, townships and counties the query names (马头溪, mtx), first on the page, published or not */
  places: Link[];
  /** 按村汇总, 按乡镇汇总, 按期间汇总: the same search with its results added up that way (again: without) */
  groupLinks: Link[];
  /** the results added up, when asked for */
  totals: { title: string; note: string; closeHref: string; table: TableView } | null;
}

/** A form field's problem, printed next to the field and in the list at the top of the form. */
export interface FieldIssue {
  /** the id of the field it belongs to (the link from the list at the top), or null for the form as a whole */
  field: string | null;
  /** what the field is called on the form (类别, 内容 …), for the list at the top */
  label: string;
  message: string;
}

/**
 * The village complaint page (/v/{code}/complaint/), rendered per request: its form carries a
 * CSRF token tied to a cookie. After a rejected post it is rendered again with everything the
 * villager typed and each problem next to its field.
 */
export interface ComplaintPage extends PageBase {
  kind: 'complaint';
  crumbs: Crumb[];
  villageCode: string;
  villageName: string;
  /** 永定区 · 沅古坪镇 */
  place: string;
  villageHref: string;
  /** POST target, application/x-www-form-urlencoded */
  action: string;
  csrf: { name: string; value: string };
  /** the form's key (COMPLAINT_FIELDS.formKey), kept in a hidden field */
  formKey: string;
  /** the form's field names (see site/lib/complaint-form.ts) */
  fields: ComplaintFormFields;
  categories: SelectOption[];
  text: string;
  maxChars: number;
  /** said beside the field, so a too-short text is not the first thing the villager learns of the limit */
  minChars: number;
  contactName: string;
  contactPhone: string;
  anonymous: boolean;
  /** the publication row the complaint is about (对这一行有疑问), kept in hidden fields */
  about: { publicationId: string; row: number; label: string; href: string } | null;
  /** the row link named a publication or row this village does not have */
  aboutMissing: boolean;
  /** every problem, in form order; empty on a fresh form */
  issues: FieldIssue[];
  /** the problems of one field, by field name */
  fieldIssues: Partial<Record<keyof ComplaintFormFields, string[]>>;
  trackHref: string;
  /**
   * Open complaints of the village like the one just posted (issue 17), shown above the form
   * before it is filed, each with its 我也遇到 button; empty otherwise. While there are some, the
   * form's button posts `fields.confirmNew` (不一样，继续提交我的反映).
   */
  similar: SimilarComplaintItem[];
  /** 已记下 after a 我也遇到 (ok), or why one was refused (warn) */
  notice: { tone: 'ok' | 'warn'; message: string } | null;
}

/** One open complaint offered before filing, as the complaint page lists it. */
export interface SimilarComplaintItem {
  publicId: string;
  /** 第 12 号 */
  number: string;
  /** masked, and cut to a few lines (…) */
  text: string;
  category: string;
  statusLabel: string;
  /** 2026-10-12 */
  received: string;
  /** 已有 3 位村民也遇到 / 还没有其他村民点过“我也遇到” */
  supportersLabel: string;
  /** the 我也遇到 form: POST here with the CSRF field */
  action: string;
}

export interface ComplaintFormFields {
  village: string;
  category: string;
  text: string;
  publicationId: string;
  row: string;
  contactName: string;
  contactPhone: string;
  anonymous: string;
  honeypot: string;
  confirmNew: string;
  formKey: string;
}

/** One step of a complaint's history as the tracking page prints it. */
export interface TrackStep {
  /** 已受理、转交办理、部门答复 … */
  label: string;
  /** 2026-08-01 09:30 (China time) */
  at: string;
  /** ISO instant, for <time datetime> */
  iso: string;
  /** who acted: 群众, 系统 or the staff token's name (an office) */
  actor: string;
  /** the department it was sent to, the reply, the resolution, the reason, the villager's verdict */
  detail: string | null;
  /** the reply or resolution text: printed as a quoted block, line breaks kept */
  long: boolean;
  /** 满意 / 不满意, for feedback steps */
  verdict: 'satisfied' | 'unsatisfied' | null;
}

export interface TrackedComplaint {
  /** ABCDE-FGHJK */
  code: string;
  statusLabel: string;
  status: string;
  category: string;
  villageName: string;
  villageHref: string;
  place: string;
  text: string;
  about: { label: string; href: string } | null;
  received: string;
  department: string | null;
  overdue: boolean;
  /** 应于 2026-08-03 17:00 前转交办理 (while a deadline runs) */
  dueLabel: string | null;
  /** 我也遇到 (issue 17): 另有 3 位村民也反映遇到这个问题; null while nobody has */
  supportersLabel: string | null;
  /** how it reached the office when staff recorded it: 微信群，12月6日 20:15 收到 */
  sourceLabel: string | null;
  /** the 小微权力 item staff named, linked to its page on the power list */
  powerItem: { label: string; href: string } | null;
  steps: TrackStep[];
  /** merged into another (issue 17): that one's progress, followed with this code; never its code */
  followed: { heading: string; statusLabel: string; department: string | null; text: string; supportersLabel: string | null; steps: TrackStep[] } | null;
}

/** A QR code as one SVG path of unit squares, with its quiet zone (viewBox 0 0 size size). */
export interface QrPath {
  size: number;
  d: string;
}

/** The tracking page (/track/), rendered per request: the code form, and the complaint when one was asked for. */
export interface TrackPage extends PageBase {
  kind: 'track';
  action: string;
  /** what is in the code box */
  typed: string;
  /** the code was malformed or unknown */
  notFound: { message: string } | null;
  complaint: TrackedComplaint | null;
  /** just filed: the code in big type and its QR, to write down or screenshot */
  confirmation: { code: string; url: string; qr: QrPath } | null;
  /** the villager may say whether the latest answer satisfies them */
  feedback: { action: string; csrf: { name: string; value: string }; maxChars: number } | null;
}

/** The public notice of an inspection round's rectification (/rectification/<id>/), rebuilt on each change. */
export interface RectificationPage extends PageBase {
  kind: 'rectification';
  crumbs: Crumb[];
  id: string;
  /** 县委第二巡察组对高峰土家族乡巡察整改情况公示 */
  heading: string;
  /** 2026年第二轮巡察 */
  roundTitle: string;
  /** 巡察时间 2026-09-01 至 2026-10-31 */
  dates: string;
  /** 问题3个，已整改销号1个，正在整改1个，长期整改1个 */
  summary: string;
  asOf: string;
  figures: Figure[];
  problems: Array<{
    number: number;
    /** the village it concerns, linked, or null */
    village: Link | null;
    source: string;
    description: string;
    amount: string | null;
    statusLabel: string;
    tasks: Array<{ id: string; measure: string; responsible: string; deadline: string; kindLabel: string; stateLabel: string; overdue: boolean; steps: Array<{ label: string; at: string; iso: string; actor: string; text: string }> }>;
  }>;
  recovered: string;
  rules: string[];
  contact: string;
  closing: string | null;
  /** every step's log digest is in the API's JSON of the round */
  apiHref: string;
}

export interface NotFoundPage extends PageBase {
  kind: 'not-found';
}

/**
 * 内容待核查: written in place of a page the privacy guard withheld (site/build/withheld-notice.ts).
 * It carries nothing of the page it replaces: no names, no figures, no numbers.
 */
export interface WithheldPage extends PageBase {
  kind: 'withheld';
}

/** 查我的补贴 (issue 16): a villager's own rows in the subsidy lists, found by name and ID number. */
export interface MySubsidyPage extends PageBase {
  kind: 'my-subsidy';
  action: string;
  csrf: { name: string; value: string };
  /** the form's field names (one place: site/lib/my-subsidy-view.ts) */
  fields: { name: string; idNumber: string };
  /** the name as typed, to refill the form; the ID number is never sent back */
  typedName: string;
  /** what the lookup said, in plain words; null on the empty form */
  message: { text: string; warn: boolean } | null;
  rows: Array<{ href: string; village: string; programme: string; periodLabel: string; amount: string; datePaid: string | null; sample: boolean }>;
}

/** 改了什么: what a correction changed, a version against the one that replaced it (issue 16). */
export interface ChangesPage extends PageBase {
  kind: 'changes';
  crumbs: Crumb[];
  before: { href: string; version: number };
  after: { href: string; version: number };
  /** in plain words, as the upload's preview says it (site/lib/change-lines.ts); null when one of the two was taken down */
  lines: string[] | null;
}
