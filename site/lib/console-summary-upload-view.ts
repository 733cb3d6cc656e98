import type { Account } from '../../data/accounts/account.ts';
import { allows } from '../../data/accounts/permissions.ts';
import { scopePrefix } from '../../data/accounts/role.ts';
import { periodLabel } from '../../data/period.ts';
import { covers, type Division } from '../../data/region.ts';
import type { RegionSummary } from '../../data/summary/region-summary.ts';
import type { ConsolePage } from './console-view.ts';
import type { UploadColumnView, UploadResultView } from './console-upload-view.ts';
import { yuan } from './format.ts';
import type { PageBase, SiteInfo } from './page-model.ts';
import { CONSOLE_PATHS, summaryHref } from './urls.ts';

/**
 * 上传汇总表 in the console (issue 15): a township's, county's or city's own summary table
 * (补贴资金汇总表 / 分配表), published for one of the regions the permission table lets the account
 * publish for. The same path as the API (ingest/publish-summary.ts): a dry run first, then
 * publishing; a second upload of one title and period is the correction, a new version.
 */
export interface SummaryUploadPage extends PageBase {
  kind: 'console-summary-upload';
  csrf: ConsolePage['csrf'];
  action: string;
  regions: Array<{ code: string; name: string; selected: boolean }>;
  period: string;
  /** 2 MB: said on the form, so a large file is not sent only to be refused */
  limit: string;
  result: SummaryResultView | null;
  back: string;
}

/** The village upload's result, without what only a village's file has (photos, the place to confirm). */
export type SummaryResultView = Omit<UploadResultView, 'askPlace'>;

/** The summary upload form's fields: the only place their names are written. */
export const SUMMARY_UPLOAD_FIELDS = { region: 'region', period: 'period', dryRun: 'dry_run', file: 'file' } as const;

/**
 * The regions the account may publish a summary for: its own division and those under it the
 * permission table allows, in code order (a county before its townships).
 */
export function summaryRegions(account: Account, divisions: readonly Division[]): Division[] {
  const prefix = scopePrefix(account.scope);
  return divisions.filter((d) => d.level !== 'village' && covers(prefix, d.code) && allows(account, 'publish-summary', d.code).ok);
}

export function buildSummaryUploadView(input: {
  site: SiteInfo;
  csrf: ConsolePage['csrf'];
  account: Account;
  divisions: readonly Division[];
  limitBytes: number;
  chosen?: { region?: string; period?: string };
  result?: SummaryResultView | null;
}): SummaryUploadPage {
  const regions = summaryRegions(input.account, input.divisions);
  const chosen = input.chosen?.region ?? regions[0]?.code ?? '';
  const byCode = new Map(input.divisions.map((d) => [d.code, d]));
  const mine = scopePrefix(input.account.scope);
  return {
    site: input.site,
    title: '上传汇总表',
    description: '工作台：上传并公开乡镇、县、市的补贴资金汇总表',
    sample: false,
    kind: 'console-summary-upload',
    csrf: input.csrf,
    action: CONSOLE_PATHS.summaryUpload,
    // a city's list holds townships of several counties, some alike in name: each says its county
    regions: regions.map((d) => {
      const parent = d.parent === null || d.parent === mine ? null : byCode.get(d.parent);
      return { code: d.code, name: d.level === 'township' && parent ? `${parent.name} ${d.name}` : d.name, selected: d.code === chosen };
    }),
    period: input.chosen?.period ?? '',
    limit: `${Math.round(input.limitBytes / 1024 / 1024)} MB`,
    result: input.result ?? null,
    back: CONSOLE_PATHS.home,
  };
}

/** A preview in the official's words; `replaces` is the version of the same title and period already published, if any. */
export function summaryPreviewResult(summary: RegionSummary, warnings: string[], columns: UploadColumnView[], replaces: number | null): SummaryResultView {
  const lines = summaryLines(summary);
  if (replaces !== null) lines.push(`公开后将更正第 ${replaces} 版（成为第 ${replaces + 1} 版）；第 ${replaces} 版仍可查看，并标注“已更正”。`);
  lines.push('请核对下表中每一列的识别结果；确认无误后，取消“只预览核对”再提交一次即公开。');
  return { heading: '预览：可以公开', lines, problems: [], warnings, href: null, columns };
}

/** A published table: its version, and the page it is shown on from now on. */
export function summaryPublishedResult(stored: { scope: string; seq: number; version: number; document: RegionSummary }, warnings: string[]): SummaryResultView {
  const lines = summaryLines(stored.document);
  lines.push(stored.version > 1 ? `这是第 ${stored.version} 版，已更正第 ${stored.version - 1} 版；上一版仍可查看，并标注“已更正”。` : '这是第 1 版。');
  return { heading: '已公开', lines, problems: [], warnings, href: summaryHref(stored.scope, stored.seq) };
}

/** Not published: what was wrong, and the columns as read when the file got that far. */
export function summaryRefusedResult(problems: string[], warnings: string[] = [], columns: UploadColumnView[] = [], heading = '未公开'): SummaryResultView {
  return { heading, lines: [], problems, warnings, href: null, ...(columns.length > 0 && { columns }) };
}

// ——— private helpers ———

function summaryLines(s: RegionSummary): string[] {
  const linked = s.rows.filter((r) => r.place !== null).length;
  return [
    `标题：${s.title}`,
    `期间：${periodLabel(s.period)}`,
    `合计：${yuan(s.total)}`,
    s.rowsAre === 'place' ? `共 ${s.rows.length} 行，其中 ${linked} 行对应到本地区的乡镇或村，公开页面上链接到它们。` : `共 ${s.rows.length} 行（按类别汇总）。`,
  ];
}
