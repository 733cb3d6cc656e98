import type { Account } from '../../data/accounts/account.ts';
import { allows, PUBLISH_ACTION } from '../../data/accounts/permissions.ts';
import { scopePrefix } from '../../data/accounts/role.ts';
import { PublicationKind } from '../../data/publication.ts';
import type { Division } from '../../data/region.ts';
import type { ConsolePage } from './console-view.ts';
import { periodLabel } from '../../data/period.ts';
import { KIND_LABEL } from './format.ts';
import type { PageBase, SiteInfo } from './page-model.ts';
import { CONSOLE_PATHS, publicationHref } from './urls.ts';

/**
 * 上传 in the console (issue 13, point 3): the upload flow signed in — the villages and kinds this
 * account may publish (the permission table decides both), a dry run first, then publishing; a
 * second upload of the same kind and period is the correction, a new version beside the old one.
 */
export interface UploadPage extends PageBase {
  kind: 'console-upload';
  csrf: ConsolePage['csrf'];
  action: string;
  villages: Array<{ code: string; name: string; selected: boolean }>;
  kinds: Array<{ value: string; label: string; selected: boolean }>;
  period: string;
  result: UploadResultView | null;
  back: string;
}

export interface UploadResultView {
  /** 预览 / 已公开 / 未公开 */
  heading: string;
  lines: string[];
  problems: string[];
  warnings: string[];
  /** the publication page, once published */
  href: string | null;
  /** a preview or a refused file: how each column was read (列, 表头, 识别为, 说明) */
  columns?: UploadColumnView[];
  /** the file names another place: the form asks the official to confirm the village (已核对村名) */
  askPlace?: boolean;
}

export interface UploadColumnView {
  column: string;
  header: string;
  readAs: string;
  note: string;
}

/** The dry run's column readings as the console shows them: the unit after a money field (发放金额（元）). */
export function uploadColumnViews(columns: ReadonlyArray<{ column: string; header: string; readAs: string; unit: string | null; note: string | null }>): UploadColumnView[] {
  return columns.map((c) => ({ column: c.column, header: c.header || '（无表头）', readAs: c.unit ? `${c.readAs}（${c.unit}）` : c.readAs, note: c.note ?? '' }));
}

/** The upload form's fields: the only place their names are written. */
export const UPLOAD_FIELDS = { village: 'village', kind: 'kind', period: 'period', programme: 'programme', dryRun: 'dry_run', confirmPlace: 'confirm_place', file: 'file', photos: 'photos', photoProject: 'photo_project' } as const;

/** The villages under the account where it may publish at least one kind. */
export function publishableVillages(account: Account, divisions: readonly Division[]): Division[] {
  const prefix = scopePrefix(account.scope);
  return divisions.filter((d) => d.level === 'village' && d.code.startsWith(prefix) && PublicationKind.options.some((k) => allows(account, PUBLISH_ACTION[k], d.code).ok));
}

export function buildUploadView(input: {
  site: SiteInfo;
  csrf: ConsolePage['csrf'];
  account: Account;
  divisions: readonly Division[];
  chosen?: { village?: string; kind?: string; period?: string };
  result?: UploadResultView | null;
}): UploadPage {
  const villages = publishableVillages(input.account, input.divisions);
  const first = villages[0]?.code ?? '';
  const village = input.chosen?.village ?? first;
  return {
    site: input.site,
    title: '上传公开材料',
    description: '工作台：上传并公开村务材料',
    sample: false,
    kind: 'console-upload',
    csrf: input.csrf,
    action: CONSOLE_PATHS.upload,
    villages: villages.map((d) => ({ code: d.code, name: d.name, selected: d.code === village })),
    kinds: PublicationKind.options
      .filter((k) => villages.some((v) => allows(input.account, PUBLISH_ACTION[k], v.code).ok))
      .map((k) => ({ value: k, label: KIND_LABEL[k], selected: k === input.chosen?.kind })),
    period: input.chosen?.period ?? '',
    result: input.result ?? null,
    back: CONSOLE_PATHS.home,
  };
}

/** What a dry run or a publication says back, in the official's words. */
export function uploadResultLines(input: { village: string; kind: PublicationKind; period: string; title: string; version?: number; id?: string }): { lines: string[]; href: string | null } {
  const lines = [`${KIND_LABEL[input.kind]} · ${periodLabel(input.period)}`, `标题：${input.title}`];
  if (input.version !== undefined && input.version > 1) lines.push(`这是第 ${input.version} 版，已更正上一版；上一版仍可查看，并标注“已更正”。`);
  return { lines, href: input.id === undefined ? null : publicationHref(input.village, input.id) };
}
