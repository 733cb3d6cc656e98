import { Hono, type Context } from 'hono';
import type { Correction } from '../data/complaints/classify.ts';
import { staffAction } from '../data/complaints/complaint-workflow.ts';
import { staffActionSchema } from '../data/complaints/complaint.ts';
import type { AccountStore } from '../data/store/account-store.ts';
import type { IntakeCorrections } from '../data/store/intake-corrections.ts';
import { notifyDispatch } from './notify-dispatch.ts';
import type { Account } from '../data/accounts/account.ts';
import { allows } from '../data/accounts/permissions.ts';
import { scopePrefix } from '../data/accounts/role.ts';
import { intakeDraft } from '../data/complaints/intake-draft.ts';
import { staffIntakeSchema, toStaffIntake } from '../data/complaints/staff-intake.ts';
import type { Notifier } from '../data/notify/notifier.ts';
import { DEFAULT_CATALOGUE } from '../data/power/default-catalogue.ts';
import { covers } from '../data/region.ts';
import type { ComplaintMerges } from '../data/store/complaint-merges.ts';
import type { SignInLog } from '../data/store/sign-in-log.ts';
import type { Store } from '../data/store/store.ts';
import { buildIntakeView, buildSlipView, draftedIntake, draftHints, emptyIntake, intakeValues, type IntakeValues } from '../site/lib/console-intake-view.ts';
import { WORK_FIELDS } from '../site/lib/console-work-view.ts';
import { consoleItemHref, CONSOLE_PATHS } from '../site/lib/urls.ts';
import { consoleCommon, formOf, type ConsoleContext } from './console-common.ts';
import { trackUrl } from './complaint-views.ts';
import { CSRF_FIELD, csrfValid } from './csrf.ts';
import { pasteIndexOf } from './paste-index.ts';
import { recordComplaint } from './record-complaint.ts';

export interface ConsoleIntakeDeps extends ConsoleContext {
  store: ConsoleContext['store'] & SignInLog & Pick<Store, 'fileComplaint' | 'getComplaint' | 'getComplaintByPublicId' | 'getDivision' | 'updateComplaint'> & ComplaintMerges & IntakeCorrections & Pick<AccountStore, 'listAccounts'>;
  afterComplaint?: (village: string) => void;
  notifier?: Notifier;
}

/**
 * 登记群众反映 and 合并重复反映 in the console (issue 17): the intake form (paste, 识别, correct,
 * save), the slip printed once right after saving, and merging a complaint into another from its
 * work page. Both take the permission table's actions for the complaint's village; the slip is the
 * response to the save itself, so the tracking code is never at a URL staff could open again.
 */
export function consoleIntakeRoutes(deps: ConsoleIntakeDeps): Hono {
  const routes = new Hono();
  const siteOrigins = [new URL(deps.config.baseUrl).origin];
  const common = consoleCommon(deps);
  const now = () => deps.clock().toISOString();
  const forbidden = (c: Context) => c.text('您的岗位不能登记或合并群众反映。', 403);

  const page = async (c: Context, account: Account, values: IntakeValues, extra: { hints?: Array<{ label: string; text: string }>; problems?: string[] } = {}, status: 200 | 422 = 200) => {
    const { site, byCode } = await common.loadRegion();
    const scope = scopePrefix(account.scope);
    const villages = [...byCode.values()].filter((d) => d.level === 'village' && covers(scope, d.code)).sort((a, b) => a.code.localeCompare(b.code));
    // the offices with accounts in the scope's county that lie over the scope, as the work page offers them
    const accounts = await deps.store.listAccounts(scope.slice(0, 6));
    const departments = [...new Set(accounts.flatMap((a) => (a.department !== null && (covers(scopePrefix(a.scope), scope) || covers(scope, scopePrefix(a.scope))) ? [a.department] : [])))].sort();
    return common.html(c, buildIntakeView({ site, csrf: common.csrf(c), values, villages, departments, categories: deps.config.complaints.categories, ...extra }), status);
  };

  /** Signed in, allowed to record somewhere, and for a post its CSRF field checked. */
  const recorder = async (c: Context, post: boolean): Promise<Response | { account: Account; form: URLSearchParams }> => {
    const me = await common.signedIn(c);
    if (!me) return c.redirect(CONSOLE_PATHS.home, 303);
    if (!allows(me.account, 'record-complaint', me.account.scope).ok) return forbidden(c);
    const form = post ? await formOf(c, 16 * 1024) : new URLSearchParams();
    if (post && !csrfValid(c, form.get(CSRF_FIELD) ?? undefined, siteOrigins)) return forbidden(c);
    return { account: me.account, form };
  };

  routes.get(`${CONSOLE_PATHS.complaints}new/`, async (c) => {
    const who = await recorder(c, false);
    if (who instanceof Response) return who;
    return page(c, who.account, emptyIntake(now()));
  });

  routes.post(`${CONSOLE_PATHS.complaints}new/prefill`, async (c) => {
    const who = await recorder(c, true);
    if (who instanceof Response) return who;
    const values = intakeValues(who.form);
    if (values.paste.trim() === '') return page(c, who.account, values, { problems: ['请先把群众的原话粘贴或填写在第一个框里。'] }, 422);
    const region = await common.loadRegion();
    const draft = intakeDraft(values.paste, pasteIndexOf(region), deps.config.complaints.categories, {
      scope: scopePrefix(who.account.scope),
      allow: deps.config.publicPhones,
      idMask: deps.config.idMask,
    });
    // the rules name a township's offices by their short names (农经站); the form, as accounts and
    // dispatches do, by the township's (王家坪镇农经站)
    const village = draft.village.best?.village;
    const township = village?.parent ? region.byCode.get(village.parent) : undefined;
    const dept = draft.suggestion.department.best?.value;
    const drafted = draftedIntake(values, draft);
    const department = dept && township && !dept.startsWith(township.name) ? `${township.name}${dept}` : drafted.department;
    return page(c, who.account, { ...drafted, department, suggestedDepartment: dept ? department : '' }, { hints: draftHints(draft, powerItemName) });
  });

  routes.post(`${CONSOLE_PATHS.complaints}new/`, async (c) => {
    const who = await recorder(c, true);
    if (who instanceof Response) return who;
    const values = intakeValues(who.form);
    if (values.village !== '' && !allows(who.account, 'record-complaint', values.village).ok) return page(c, who.account, values, { problems: ['这个村不在您的工作范围内。'] }, 422);
    const candidate = {
      channel: values.channel,
      heardAt: values.heardAt,
      place: values.place,
      complaint: {
        village: values.village,
        category: values.category,
        text: values.text.trim() === '' ? values.paste : values.text,
        ...(values.contactName.trim() || values.contactPhone.trim() ? { contact: { ...(values.contactName.trim() ? { name: values.contactName } : {}), ...(values.contactPhone.trim() ? { phone: values.contactPhone } : {}) } } : {}),
      },
    };
    const parsed = staffIntakeSchema(deps.config.complaints.categories, deps.config.publicPhones, now()).safeParse(candidate);
    const dispatch = values.department.trim() === '' ? null : staffActionSchema(deps.config.publicPhones).safeParse({ type: 'dispatch', department: values.department });
    const problems = [
      ...(parsed.success ? [] : parsed.error.issues.map((i) => `${FIELD_NAME[String(i.path.at(-1))] ?? '内容'}：${i.message.split(' / ')[0]}`)),
      ...(dispatch && !dispatch.success ? ['承办部门：最多 60 字'] : []),
    ];
    if (!parsed.success || problems.length > 0) return page(c, who.account, values, { problems }, 422);
    const recorded = await recordComplaint(deps, toStaffIntake(parsed.data), who.account.office);
    if (!recorded.ok) return page(c, who.account, values, { problems: ['没有这个村。'] }, 422);
    let complaint = recorded.complaint;
    await deps.store.recordEvent({ accountId: who.account.id, at: complaint.receivedAt, type: 'complaint-recorded', detail: `投诉 ${complaint.publicId}` });
    // 分类派发: sent on to the office at once when staff named one (the same step as on the work page)
    if (dispatch?.success && allows(who.account, 'dispatch-complaint', complaint.village).ok) {
      const at = now();
      const sent = await deps.store.updateComplaint(complaint.trackingCode, (current) => staffAction(current, dispatch.data, who.account.office, at));
      if (sent.kind === 'updated') {
        complaint = sent.complaint;
        await notifyDispatch(deps, complaint, at);
      }
    }
    // what staff kept or changed of what 识别 suggested: the county's rules' misses (intake-corrections.ts)
    if (values.suggestedCategory !== '') {
      const corrections: Correction[] = [{ kind: 'category', suggested: values.suggestedCategory, chosen: complaint.category }];
      if (dispatch?.success && dispatch.data.type === 'dispatch') corrections.push({ kind: 'department', suggested: values.suggestedDepartment || null, chosen: dispatch.data.department });
      await deps.store.recordCorrections(complaint.village, complaint.receivedAt, corrections);
    }
    const { site, byCode } = await common.loadRegion();
    return common.html(c, buildSlipView({ site, complaint, village: byCode.get(complaint.village), trackUrl: trackUrl(deps.config, complaint.trackingCode) }));
  });

  routes.post('/console/complaints/:id/merge', async (c) => {
    const me = await common.signedIn(c);
    if (!me) return c.redirect(CONSOLE_PATHS.home, 303);
    const form = await formOf(c, 4 * 1024);
    if (!csrfValid(c, form.get(CSRF_FIELD) ?? undefined, siteOrigins)) return forbidden(c);
    const id = c.req.param('id');
    const from = /^[1-9]\d{0,11}$/.test(id) ? await deps.store.getComplaintByPublicId(id) : null;
    if (!from || !allows(me.account, 'read-complaints', from.village).ok) return c.text('没有这一项，或它不在您的工作范围内。', 404);
    if (!allows(me.account, 'merge-complaints', from.village).ok) return forbidden(c);
    const into = (form.get(WORK_FIELDS.into) ?? '').trim();
    const merged = await deps.store.mergeComplaints(from.publicId, into, me.account.office, now());
    if (merged.kind !== 'merged') return c.text(MERGE_REFUSED[merged.kind], 409);
    await deps.store.recordEvent({ accountId: me.account.id, at: now(), type: 'complaint-merge', detail: `投诉 ${from.publicId} 并入 ${into}` });
    try {
      deps.afterComplaint?.(from.village);
    } catch (error) {
      console.error('[console] afterComplaint failed:', error);
    }
    return c.redirect(consoleItemHref('complaint', into), 303);
  });

  return routes;
}

// ——— private helpers ———

const FIELD_NAME: Record<string, string> = { channel: '来源', heardAt: '收到时间', place: '地点', village: '村', category: '类别', text: '反映内容', name: '姓名', phone: '电话' };

const MERGE_REFUSED: Record<'not-found' | 'merge-same' | 'merge-other-village' | 'merge-not-open', string> = {
  'not-found': '没有这个编号的投诉。',
  'merge-same': '不能把一件投诉并入它自己。',
  'merge-other-village': '两件投诉不是同一个村的，不能合并。',
  'merge-not-open': '只有办理中的投诉能合并（已办结或已合并的不能）。',
};

function powerItemName(code: string): string | null {
  return DEFAULT_CATALOGUE.items.find((i) => i.code === code)?.name ?? null;
}
