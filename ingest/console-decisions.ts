import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Account } from '../data/accounts/account.ts';
import { allows } from '../data/accounts/permissions.ts';
import { scopePrefix } from '../data/accounts/role.ts';
import { judgeVillageDecisions } from '../data/decisions/village-decisions.ts';
import type { SignInLog } from '../data/store/sign-in-log.ts';
import { buildDecisionsView, DECISION_FIELDS as D, type DecisionsPage } from '../site/lib/console-decisions-view.ts';
import { CONSOLE_PATHS } from '../site/lib/urls.ts';
import { consoleCommon, uploadForm, type ConsoleContext } from './console-common.ts';
import { recordRegister, villageSetting, type RecordDeps } from './record-register.ts';
import { attachEvidenceFile } from './attach-evidence.ts';
import { EVIDENCE_MAX_BYTES } from '../data/decisions/decision-evidence.ts';
import { DecisionEvidence } from '../data/decisions/decision-record.ts';
import type { Failure } from './http-errors.ts';
import { DECISION_REGISTER_LIMIT_BYTES } from './routes/decisions.ts';

export type ConsoleDecisionsDeps = ConsoleContext & RecordDeps & { store: ConsoleContext['store'] & RecordDeps['store'] & SignInLog };

/** 四议两公开 in the console (site/lib/console-decisions-view.ts says who sees what). */
export function consoleDecisionRoutes(deps: ConsoleDecisionsDeps): Hono {
  const routes = new Hono();
  const siteOrigins = [new URL(deps.config.baseUrl).origin];
  const common = consoleCommon(deps);

  const page = async (c: Context, account: Account, result: DecisionsPage['result'] = null, status: 200 | 400 | 403 | 404 | 422 = 200) => {
    const { site, byCode } = await common.loadRegion();
    const matters = await deps.store.listDecisionMatters(scopePrefix(account.scope));
    // a village's own matters judged as its pages judge them; a wider scope's link to those pages
    const judged =
      account.scope.length === 12
        ? judgeVillageDecisions({ ...(await villageSetting(deps, account.scope)), matters }).matters
        : matters.map((matter) => ({ matter, judged: null }));
    return common.html(c, buildDecisionsView({ site, csrf: common.csrf(c), account, divisions: byCode, matters: judged, result }), status);
  };

  routes.get('/console/decisions', (c) => c.redirect(CONSOLE_PATHS.decisions, 301));
  routes.get(CONSOLE_PATHS.decisions, async (c) => {
    const me = await common.signedIn(c);
    if (!me) return c.redirect(CONSOLE_PATHS.home, 303);
    return page(c, me.account);
  });

  routes.post(
    CONSOLE_PATHS.decisions,
    bodyLimit({ maxSize: DECISION_REGISTER_LIMIT_BYTES + 64 * 1024, onError: (c) => c.text('登记表超过 1 MB 上限 / the register is over 1 MB', 413) }),
    async (c) => {
      const me = await common.signedIn(c);
      if (!me) return c.redirect(CONSOLE_PATHS.home, 303);
      const refused = (problems: string[], status: 400 | 403 | 422) => page(c, me.account, { heading: '未登记', lines: [], problems }, status);
      const read = await uploadForm(c, siteOrigins);
      if (!read.ok) return refused([read.problem], read.status);
      const form = read.form;
      const village = me.account.scope;
      if (village.length !== 12 || !allows(me.account, 'record-decisions', village).ok) return refused(['您的岗位不能登记四议两公开。'], 403);
      const file = form.get(D.file);
      if (!(file instanceof File) || file.size === 0) return refused(['请选择登记表文件。'], 400);
      const dryRun = form.get(D.dryRun) === '1';
      const outcome = await recordRegister(deps, { village, bytes: new Uint8Array(await file.arrayBuffer()), contentType: file.type || undefined, filename: file.name || undefined, dryRun });
      if (outcome.kind === 'failure') {
        const f = outcome.failure;
        return refused(f.kind === 'invalid-file' ? f.errors.map((e) => e.message) : f.kind === 'unsupported-media-type' ? [f.message] : ['登记表没有读成功，请检查后重试。'], 422);
      }
      if (outcome.kind === 'preview') {
        const lines = outcome.judged.map((j) => `${j.record.subject}：${j.checks.summary.badge}`);
        return page(c, me.account, { heading: '预览：核对结果如下，尚未登记', lines: [...lines, '确认无误后，取消“只预览核对”再提交一次即登记。'], problems: outcome.warnings.map((w) => w.message) });
      }
      await deps.store.recordEvent({ accountId: me.account.id, at: deps.clock().toISOString(), type: 'decisions-recorded', detail: `${outcome.added} 条` });
      return page(c, me.account, { heading: outcome.added > 0 ? `已登记 ${outcome.added} 条记录` : '没有新内容：这些记录已经登记过', lines: outcome.matters.map((m) => m.subject), problems: [] });
    },
  );

  routes.post(
    CONSOLE_PATHS.decisionEvidence,
    bodyLimit({ maxSize: EVIDENCE_MAX_BYTES + 64 * 1024, onError: (c) => c.text('文件超过 10 MB 上限 / the file is over 10 MB', 413) }),
    async (c) => {
      const me = await common.signedIn(c);
      if (!me) return c.redirect(CONSOLE_PATHS.home, 303);
      const refused = (problems: string[], status: 400 | 403 | 404 | 422) => page(c, me.account, { heading: '材料未上传', lines: [], problems }, status);
      const read = await uploadForm(c, siteOrigins);
      if (!read.ok) return refused([read.problem], read.status);
      const form = read.form;
      const [matterId = '', seq = ''] = String(form.get(D.step) ?? '').split(':');
      const matter = await deps.store.getDecisionMatter(matterId);
      // a matter of another village reads as none at all
      if (!matter || !allows(me.account, 'record-decisions', matter.village).ok) return refused(['没有这个事项，或它不在您的工作范围内。'], 404);
      const kind = DecisionEvidence.shape.kind.safeParse(form.get(D.kind));
      const name = String(form.get(D.name) ?? '').trim();
      const file = form.get(D.file);
      if (!kind.success || name === '' || name.length > 200 || !(file instanceof File) || file.size === 0) return refused(['请选择步骤、材料类别，写明名称并选择文件。'], 400);
      const outcome = await attachEvidenceFile(deps, { matterId: matter.id, step: Number(seq), kind: kind.data, name, bytes: new Uint8Array(await file.arrayBuffer()) });
      if (outcome.kind === 'failure') return refused([failureText(outcome.failure)], 422);
      await deps.store.recordEvent({ accountId: me.account.id, at: deps.clock().toISOString(), type: 'evidence-attached', detail: `事项 ${matter.id}` });
      return page(c, me.account, { heading: outcome.fresh ? '材料已存档' : '这份材料已经存档过', lines: [`${name}：文件指纹 ${outcome.key.slice(0, 16)}`], problems: [] });
    },
  );

  return routes;
}

/** What the console says of a refused file, in the official's words. */
function failureText(failure: Failure): string {
  if (failure.kind === 'invalid-evidence') {
    return failure.reason === 'too-large' ? '文件超过 10 MB。' : failure.reason === 'truncated' ? 'PDF 文件不完整，请重新导出后上传。' : '只接受 JPEG、PNG、WebP 照片或完整的 PDF 文件。';
  }
  return '材料没有存档成功，请检查后重试。';
}
