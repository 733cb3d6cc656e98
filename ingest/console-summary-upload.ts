import { Hono, type Context } from 'hono';
import type { Account } from '../data/accounts/account.ts';
import { Period } from '../data/publication.ts';
import type { SignInLog } from '../data/store/sign-in-log.ts';
import { summarySeries } from '../data/summary/region-summary.ts';
import {
  buildSummaryUploadView,
  SUMMARY_UPLOAD_FIELDS as F,
  summaryPreviewResult,
  summaryPublishedResult,
  summaryRefusedResult,
  summaryRegions,
  type SummaryResultView,
} from '../site/lib/console-summary-upload-view.ts';
import { uploadColumnViews } from '../site/lib/console-upload-view.ts';
import { CONSOLE_PATHS } from '../site/lib/urls.ts';
import { consoleCommon, fileFormRoutes, formText, type ConsoleContext } from './console-common.ts';
import { failureResponse } from './http-errors.ts';
import { publishSummary, SUMMARY_BODY_LIMIT, type PublishSummaryDeps, type SummaryOutcome } from './publish-summary.ts';
import { uploadFilename } from './upload.ts';

export type ConsoleSummaryUploadDeps = ConsoleContext & PublishSummaryDeps & { store: ConsoleContext['store'] & PublishSummaryDeps['store'] & SignInLog };

type Status = 200 | 400 | 403 | 413 | 422 | 503;

/**
 * 上传汇总表 in the console (issue 15): what POST /api/v1/regions/{code}/summaries does, signed in
 * instead of with a token. The permission table decides the regions; the publishing is the API's
 * (publish-summary.ts), so a table previews, publishes and corrects exactly as it does there. The
 * public page names the region; the account's log names the person.
 */
export function consoleSummaryUploadRoutes(deps: ConsoleSummaryUploadDeps): Hono {
  const routes = new Hono();
  const siteOrigins = [new URL(deps.config.baseUrl).origin];
  const common = consoleCommon(deps);

  const page = async (c: Context, account: Account, chosen: { region?: string; period?: string } = {}, result: SummaryResultView | null = null, status: Status = 200) => {
    const { site, divisions } = await common.loadRegion();
    const view = buildSummaryUploadView({ site, csrf: common.csrf(c), account, divisions, limitBytes: SUMMARY_BODY_LIMIT, chosen, result });
    return common.html(c, view, status);
  };

  fileFormRoutes(routes, common, {
    path: CONSOLE_PATHS.summaryUpload,
    limitBytes: SUMMARY_BODY_LIMIT,
    siteOrigins,
    page,
    refused: (c, account, problem, status) => page(c, account, {}, summaryRefusedResult([problem]), status),
    async post(c, account, form) {
      const text = (name: string) => formText(form, name);
      const chosen = { region: text(F.region), period: text(F.period) };
      // the list the form offers is the list accepted: one decision, in the view
      const region = summaryRegions(account, (await common.loadRegion()).divisions).find((d) => d.code === chosen.region);
      if (!region) return page(c, account, chosen, summaryRefusedResult(['您的岗位不能为这个地区公开汇总表。']), 403);
      if (chosen.period !== '' && !Period.safeParse(chosen.period).success) return page(c, account, chosen, summaryRefusedResult(['期间应写成 2026、2026-Q3 或 2026-07。']), 400);
      const file = form.get(F.file);
      if (!(file instanceof File) || file.size === 0) return page(c, account, chosen, summaryRefusedResult(['请选择要公开的汇总表文件。']), 400);
      if (file.size > SUMMARY_BODY_LIMIT) return page(c, account, chosen, summaryRefusedResult([`文件超过 ${Math.round(SUMMARY_BODY_LIMIT / 1024 / 1024)} MB 上限。`]), 413);
      const outcome = await publishSummary(deps, {
        region,
        bytes: new Uint8Array(await file.arrayBuffer()),
        contentType: file.type || undefined,
        filename: uploadFilename(file.name),
        period: chosen.period === '' ? undefined : chosen.period,
        dryRun: form.get(F.dryRun) === '1',
      });
      if (outcome.kind === 'published') {
        await deps.store.recordEvent({ accountId: account.id, at: deps.clock().toISOString(), type: 'publish', detail: `summary:${outcome.summary.scope}/${outcome.summary.seq}` });
      }
      const [result, status] = await resultOf(outcome, deps.store);
      return page(c, account, chosen, result, status);
    },
  });

  return routes;
}

// ——— private helpers ———

async function resultOf(outcome: SummaryOutcome, store: PublishSummaryDeps['store']): Promise<[SummaryResultView, Status]> {
  switch (outcome.kind) {
    case 'preview': {
      // the version it would correct, so the official sees before publishing that it is a correction
      const series = summarySeries(outcome.summary);
      const same = (await store.listSummaries(outcome.summary.scope)).filter((s) => s.series === series);
      const replaces = same.length === 0 ? null : Math.max(...same.map((s) => s.version));
      return [summaryPreviewResult(outcome.summary, messages(outcome.warnings), uploadColumnViews(outcome.columns), replaces), 200];
    }
    case 'published':
      return [summaryPublishedResult(outcome.summary, messages(outcome.warnings)), 200];
    case 'failure': {
      const f = outcome.failure;
      if (f.kind === 'invalid-file') return [summaryRefusedResult(messages(f.errors), messages(f.warnings), uploadColumnViews(f.columns ?? []), '表格有问题，未公开'), 422];
      if (f.kind === 'unsupported-media-type') return [summaryRefusedResult([f.message]), 422];
      if (f.kind === 'imports-busy') return [summaryRefusedResult([`服务器正忙，请 ${f.retryAfterSeconds} 秒后再提交。`]), 503];
      // the API's words for anything else, in Chinese only (its messages are 中文 / English)
      const message = failureResponse(f).body.errors[0]?.message.split(' / ')[0];
      return [summaryRefusedResult([message || '上传没有成功，请检查文件后重试。']), 422];
    }
  }
}

const messages = (issues: ReadonlyArray<{ message: string }>) => issues.map((i) => i.message);
