import { Hono, type Context } from 'hono';
import type { Account } from '../data/accounts/account.ts';
import { allows, PUBLISH_ACTION } from '../data/accounts/permissions.ts';
import { Period, PublicationKind } from '../data/publication.ts';
import { changeLines } from '../site/lib/change-lines.ts';
import { buildUploadView, UPLOAD_FIELDS as U, uploadColumnViews, uploadResultLines, type UploadResultView } from '../site/lib/console-upload-view.ts';
import { CONSOLE_PATHS } from '../site/lib/urls.ts';
import { consoleCommon, fileFormRoutes, formText, type ConsoleContext } from './console-common.ts';
import { publishUpload, type PublishDeps, type UploadOutcome } from './publish-upload.ts';
import { failureResponse } from './http-errors.ts';
import { uploadFilename } from './upload.ts';
import type { SignInLog } from '../data/store/sign-in-log.ts';

export type ConsoleUploadDeps = ConsoleContext & PublishDeps & { store: ConsoleContext['store'] & PublishDeps['store'] & SignInLog };

/**
 * 上传 in the console (issue 13, point 3): the upload flow of the API, signed in instead of with a
 * pasted token. The permission table decides which villages and kinds the account may publish;
 * the publishing itself is the API's (publish-upload.ts), so a file previews, publishes and
 * corrects exactly as it does there. Public pages name the village; the account's log names the person.
 */
export function consoleUploadRoutes(deps: ConsoleUploadDeps): Hono {
  const routes = new Hono();
  const siteOrigins = [new URL(deps.config.baseUrl).origin];
  const common = consoleCommon(deps);

  const page = async (c: Context, account: Account, chosen: { village?: string; kind?: string; period?: string } = {}, result: UploadResultView | null = null, status: 200 | 400 | 403 | 413 | 422 | 503 = 200) => {
    const { site, byCode } = await common.loadRegion();
    return common.html(c, buildUploadView({ site, csrf: common.csrf(c), account, divisions: [...byCode.values()], chosen, result }), status);
  };
  const refused = (problems: string[]): UploadResultView => ({ heading: '未公开', lines: [], problems, warnings: [], href: null });

  fileFormRoutes(routes, common, {
    path: CONSOLE_PATHS.upload,
    limitBytes: deps.config.bodyLimitBytes,
    siteOrigins,
    page,
    refused: (c, account, problem, status) => page(c, account, {}, refused([problem]), status),
    async post(c, account, form) {
      const text = (name: string) => formText(form, name);
      const chosen = { village: text(U.village), kind: text(U.kind), period: text(U.period) };
      const kind = PublicationKind.safeParse(chosen.kind);
      const village = (await common.loadRegion()).byCode.get(chosen.village);
      if (!kind.success || !village || village.level !== 'village' || !allows(account, PUBLISH_ACTION[kind.data], village.code).ok) {
        return page(c, account, chosen, refused(['您的岗位不能为这个村公开这类材料。']), 403);
      }
      if (chosen.period !== '' && !Period.safeParse(chosen.period).success) return page(c, account, chosen, refused(['期间应写成 2026、2026-Q3 或 2026-07。']), 400);
      const file = form.get(U.file);
      if (!(file instanceof File) || file.size === 0) return page(c, account, chosen, refused(['请选择要公开的表格文件。']), 400);
      const programme = text(U.programme);
      const dryRun = form.get(U.dryRun) === '1';
      const confirmPlace = form.get(U.confirmPlace) === '1';
      // photos of one project at a time, the number as the table counts its projects (from 1)
      const photoFiles = form.getAll(U.photos).filter((p): p is File => p instanceof File && p.size > 0);
      const project = Number(text(U.photoProject) || '1');
      if (photoFiles.length > 0 && (kind.data !== 'project' || !Number.isInteger(project) || project < 1)) {
        return page(c, account, chosen, refused([kind.data !== 'project' ? '只有工程项目公示可以附照片。' : '请写明照片属于第几个项目（从 1 数起）。']), 400);
      }
      const photos = await Promise.all(photoFiles.map(async (p, i) => ({ field: `${U.photos}.${i + 1}`, project, bytes: new Uint8Array(await p.arrayBuffer()) })));
      const outcome = await publishUpload(deps, {
        upload: {
          params: { kind: kind.data, period: chosen.period === '' ? undefined : chosen.period, programme: programme === '' ? undefined : programme.slice(0, 100), dryRun, ...(confirmPlace && { confirmPlace }) },
          file: { bytes: new Uint8Array(await file.arrayBuffer()), contentType: file.type || undefined, filename: uploadFilename(file.name) },
          photos,
        },
        village,
      });
      const [result, status] = resultOf(outcome, village.code);
      if (outcome.kind === 'published') {
        await deps.store.recordEvent({ accountId: account.id, at: deps.clock().toISOString(), type: 'publish', detail: outcome.publication.id });
      }
      return page(c, account, chosen, result, status);
    },
  });

  return routes;
}

// ——— private helpers ———

function resultOf(outcome: UploadOutcome, village: string): [UploadResultView, 200 | 413 | 422 | 503] {
  switch (outcome.kind) {
    case 'preview': {
      const { lines } = uploadResultLines({ village, kind: outcome.preview.kind, period: outcome.preview.period, title: outcome.preview.title });
      const { replaces, unchanged } = outcome.preview;
      if (unchanged && replaces) return [{ heading: '预览：内容没有变化', lines: [...lines, `与现行第 ${replaces.version} 版完全相同，提交后不会产生新版本。`], problems: [], warnings: outcome.warnings.map((w) => w.message), href: null, columns: uploadColumnViews(outcome.preview.columns) }, 200];
      if (replaces) lines.push(`公开后将替换第 ${replaces.version} 版（成为第 ${replaces.version + 1} 版）；第 ${replaces.version} 版仍可查看，并标注“已更正”。`);
      if (replaces && outcome.preview.changes) lines.push(...changeLines(outcome.preview.changes, replaces.version));
      const askPlace = outcome.warnings.some((w) => w.code === 'other-place');
      return [{ heading: '预览：可以公开', lines: [...lines, '请核对下表中每一列的识别结果；确认无误后，取消“只预览核对”再提交一次即公开。'], problems: [], warnings: outcome.warnings.map((w) => w.message), href: null, columns: uploadColumnViews(outcome.preview.columns), ...(askPlace && { askPlace }) }, 200];
    }
    case 'published': {
      const p = outcome.publication;
      const { lines, href } = uploadResultLines({ village, kind: p.kind, period: p.period, title: p.content.title, version: p.version, id: p.id });
      return [{ heading: '已公开', lines, problems: [], warnings: outcome.warnings.map((w) => w.message), href }, 200];
    }
    case 'unchanged': {
      const p = outcome.publication;
      const { lines, href } = uploadResultLines({ village, kind: p.kind, period: p.period, title: p.content.title, id: p.id });
      return [{ heading: '内容没有变化，未产生新版本', lines: [...lines, `与现行第 ${p.version} 版完全相同。`], problems: [], warnings: outcome.warnings.map((w) => w.message), href }, 200];
    }
    case 'failure': {
      const f = outcome.failure;
      if (f.kind === 'invalid-file') return [{ heading: '表格有问题，未公开', lines: [], problems: f.errors.map((e) => e.message), warnings: f.warnings.map((w) => w.message), href: null, columns: uploadColumnViews(f.columns ?? []) }, 422];
      if (f.kind === 'wrong-village' || f.kind === 'place-unconfirmed') {
        const message = failureResponse(f).body.errors[0]?.message.split(' / ')[0] ?? '';
        return [{ heading: '未公开：请核对村名', lines: [], problems: [message], warnings: [], href: null, ...(f.kind === 'place-unconfirmed' && { askPlace: true }) }, 422];
      }
      if (f.kind === 'unsupported-media-type') return [{ heading: '未公开', lines: [], problems: [f.message], warnings: [], href: null }, 422];
      if (f.kind === 'imports-busy') return [{ heading: '未公开', lines: [], problems: [`服务器正忙，请 ${f.retryAfterSeconds} 秒后再提交。`], warnings: [], href: null }, 503];
      if (f.kind === 'invalid-photo') return [{ heading: '未公开', lines: [], problems: ['照片有问题，请检查后重新上传。'], warnings: [], href: null }, 422];
      return [{ heading: '未公开', lines: [], problems: ['上传没有成功，请检查文件后重试。'], warnings: [], href: null }, 422];
    }
  }
}
