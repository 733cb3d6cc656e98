import type { Account } from '../../data/accounts/account.ts';
import { allows } from '../../data/accounts/permissions.ts';
import { COMPLAINT_STATUSES, STATUS_LABEL, type Complaint, type ComplaintStatus } from '../../data/complaints/complaint.ts';
import { lateness, type Deadlines } from '../../data/complaints/deadlines.ts';
import type { Division } from '../../data/region.ts';
import { chinaDateTime } from './format.ts';
import type { PageBase, SelectOption, SiteInfo } from './page-model.ts';
import { INTAKE_PATHS } from './console-intake-view.ts';
import { RULES_PATHS } from './console-rules-view.ts';
import { scopePrefix } from '../../data/accounts/role.ts';
import { CONSOLE_PATHS, consoleItemHref } from './urls.ts';

/**
 * 投诉处理 in the console (issue 13, point 3): the complaints under the account's scope it may
 * read, filtered by status, category and lateness in a plain GET form, PAGE_SIZE to a page, the
 * oldest first; each opens its work screen.
 */
export const COMPLAINT_LIST_PAGE_SIZE = 30;

export const LIST_FIELDS = { status: 'status', category: 'category', overdue: 'overdue', page: 'page' } as const;

export interface ComplaintListFilter {
  status: ComplaintStatus | null;
  category: string | null;
  overdue: boolean;
  page: number;
}

export interface ComplaintsPage extends PageBase {
  kind: 'console-complaints';
  action: string;
  statusOptions: SelectOption[];
  categoryOptions: SelectOption[];
  overdue: boolean;
  items: Array<{ what: string; href: string; status: string; villageName: string; received: string; overdue: boolean; text: string }>;
  /** 第 2 / 5 页，共 130 件 */
  summary: string;
  prev: string | null;
  next: string | null;
  back: string;
  /** 登记群众反映 and 分类派发规则, for those who record complaints (issue 17) */
  tools: Array<{ href: string; label: string }>;
}

export function readComplaintFilter(params: URLSearchParams, categories: readonly string[]): ComplaintListFilter {
  const status = params.get(LIST_FIELDS.status);
  const category = params.get(LIST_FIELDS.category);
  const page = Number(params.get(LIST_FIELDS.page) ?? '1');
  return {
    status: (COMPLAINT_STATUSES as readonly string[]).includes(status ?? '') ? (status as ComplaintStatus) : null,
    category: category !== null && categories.includes(category) ? category : null,
    overdue: params.get(LIST_FIELDS.overdue) === '1',
    page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1,
  };
}

export function buildComplaintsView(input: {
  site: SiteInfo;
  account: Account;
  complaints: readonly Complaint[];
  filter: ComplaintListFilter;
  categories: readonly string[];
  divisions: ReadonlyMap<string, Division>;
  deadlines: Deadlines;
  now: string;
}): ComplaintsPage {
  const { filter } = input;
  const matching = input.complaints
    .filter((c) => allows(input.account, 'read-complaints', c.village).ok)
    .filter((c) => (filter.status === null || c.status === filter.status) && (filter.category === null || c.category === filter.category))
    .map((c) => ({ c, late: lateness(c, input.deadlines, input.now) }))
    .filter((x) => !filter.overdue || x.late.late)
    .sort((a, b) => a.c.receivedAt.localeCompare(b.c.receivedAt));
  const pages = Math.max(1, Math.ceil(matching.length / COMPLAINT_LIST_PAGE_SIZE));
  const page = Math.min(filter.page, pages);
  const href = (p: number) => {
    const q = new URLSearchParams();
    if (filter.status) q.set(LIST_FIELDS.status, filter.status);
    if (filter.category) q.set(LIST_FIELDS.category, filter.category);
    if (filter.overdue) q.set(LIST_FIELDS.overdue, '1');
    if (p > 1) q.set(LIST_FIELDS.page, String(p));
    const s = q.toString();
    return `${CONSOLE_PATHS.complaints}${s ? `?${s}` : ''}`;
  };
  return {
    site: input.site,
    title: '投诉处理',
    description: '工作台：投诉处理',
    sample: false,
    kind: 'console-complaints',
    action: CONSOLE_PATHS.complaints,
    statusOptions: [{ value: '', label: '全部状态', selected: filter.status === null }, ...COMPLAINT_STATUSES.map((s) => ({ value: s, label: STATUS_LABEL[s], selected: s === filter.status }))],
    categoryOptions: [{ value: '', label: '全部类别', selected: filter.category === null }, ...input.categories.map((c) => ({ value: c, label: c, selected: c === filter.category }))],
    overdue: filter.overdue,
    items: matching.slice((page - 1) * COMPLAINT_LIST_PAGE_SIZE, page * COMPLAINT_LIST_PAGE_SIZE).map(({ c, late }) => ({
      what: `投诉 ${c.publicId} · ${c.category}`,
      href: consoleItemHref('complaint', c.publicId),
      status: STATUS_LABEL[c.status],
      villageName: input.divisions.get(c.village)?.name ?? c.village,
      received: chinaDateTime(c.receivedAt),
      overdue: late.late,
      text: c.text.length > 60 ? `${c.text.slice(0, 60)}…` : c.text,
    })),
    summary: `第 ${page} / ${pages} 页，共 ${matching.length} 件`,
    prev: page > 1 ? href(page - 1) : null,
    next: page < pages ? href(page + 1) : null,
    back: CONSOLE_PATHS.home,
    tools: allows(input.account, 'record-complaint', scopePrefix(input.account.scope)).ok
      ? [
          { href: INTAKE_PATHS.form, label: '登记群众反映（微信群、电话、来访、来信、热线、巡察）' },
          { href: RULES_PATHS.page, label: '分类派发规则和识别准确率' },
        ]
      : [],
  };
}
