import { Hono, type Context } from 'hono';
import type { Account } from '../data/accounts/account.ts';
import { mayAnswer } from '../data/accounts/may-answer.ts';
import { allows, type Action } from '../data/accounts/permissions.ts';
import { scopePrefix } from '../data/accounts/role.ts';
import { currentPowerItem, OPEN_STATUSES, staffAction } from '../data/complaints/complaint-workflow.ts';
import { powerItemIssue, villageCatalogue } from './village-catalogue.ts';
import { staffActionSchema, type Complaint } from '../data/complaints/complaint.ts';
import { REPLY_TEMPLATES } from '../data/complaints/reply-templates.ts';
import { flagActionSchema, type Flag } from '../data/flags/flag.ts';
import { flagAction } from '../data/flags/flag-workflow.ts';
import { covers } from '../data/region.ts';
import type { FlagSettingsStore, FlagStore } from '../data/store/flag-store.ts';
import { settingsInForce } from '../data/flags/settings-in-force.ts';
import type { SignInLog } from '../data/store/sign-in-log.ts';
import type { CatalogueStore } from '../data/store/catalogue-store.ts';
import type { IntakeOriginals } from '../data/store/intake-originals.ts';
import { similarOpenComplaints, type SimilarLookupDeps } from './similar-open-complaints.ts';
import type { Store } from '../data/store/store.ts';
import { buildComplaintWorkView, buildFlagWorkView, WORK_FIELDS as W } from '../site/lib/console-work-view.ts';
import { buildComplaintsView, readComplaintFilter } from '../site/lib/console-complaints-view.ts';
import { CONSOLE_PATHS, consoleItemHref } from '../site/lib/urls.ts';
import { consoleCommon, formOf, type ConsoleContext } from './console-common.ts';
import { notifyDispatch } from './notify-dispatch.ts';
import type { Notifier } from '../data/notify/notifier.ts';
import { CSRF_FIELD, csrfValid } from './csrf.ts';

export interface ConsoleWorkDeps extends ConsoleContext {
  store: ConsoleContext['store'] &
    SignInLog &
    Pick<Store, 'getComplaintByPublicId' | 'updateComplaint' | 'listComplaints'> &
    Pick<FlagStore, 'getFlag' | 'updateFlag'> &
    Pick<FlagSettingsStore, 'getFlagSettings'> &
    Pick<IntakeOriginals, 'listOriginals'> &
    Pick<CatalogueStore, 'listCatalogues'> &
    SimilarLookupDeps['store'];
  /** a complaint's village pages should follow (the refresher batches them) */
  afterComplaint?: (village: string) => void;
  afterFlags?: (villages: string[]) => void;
  /** tells the office a complaint is dispatched to */
  notifier?: Notifier;
}

/**
 * Working on a complaint or a flag in the console (issue 13, point 3), every action asked of the
 * permission table (data/accounts/permissions.ts) for the item's village. An item outside the
 * account's scope, or one it may not read, answers exactly as one that does not exist (404), so no
 * account learns what lies outside its scope; an action its role may not take answers 403. What
 * is public names the office; the account's own log names the person.
 */
export function consoleWorkRoutes(deps: ConsoleWorkDeps): Hono {
  const routes = new Hono();
  const siteOrigins = [new URL(deps.config.baseUrl).origin];
  const common = consoleCommon(deps);
  const now = () => deps.clock().toISOString();

  const notFound = async (c: Context) => c.text('没有这一项，或它不在您的工作范围内。', 404);
  const forbidden = (c: Context) => c.text('您的岗位不能办理这一步。', 403);

  const complaintFor = async (account: Account, id: string): Promise<Complaint | null> => {
    const complaint = /^[1-9]\d{0,11}$/.test(id) ? await deps.store.getComplaintByPublicId(id) : null;
    // the table checks the scope as well as the role
    return complaint && allows(account, 'read-complaints', complaint.village).ok ? complaint : null;
  };
  const flagFor = async (account: Account, id: string): Promise<Flag | null> => {
    const flag = /^[1-9]\d{0,11}$/.test(id) ? await deps.store.getFlag(id) : null;
    const reads = (['explain-flag', 'comment-flag', 'review-flag'] as const).some((a) => allows(account, a, flag?.village ?? '').ok);
    return flag && reads ? flag : null;
  };
  // the offices with accounts under the village, and those the county's settings name
  const departmentsFor = async (village: string) => {
    const [accounts, settings] = await Promise.all([deps.store.listAccounts(village.slice(0, 6)), settingsInForce(deps.store, deps.config.region, village)]);
    const withAccounts = accounts.flatMap((a) => (a.department !== null && covers(scopePrefix(a.scope), village) ? [a.department] : []));
    return [...new Set([...withAccounts, ...settings.departments])].sort();
  };

  const complaintPage = async (c: Context, account: Account, complaint: Complaint, extra: { contact?: 'shown'; problems?: string[] } = {}, status: 200 | 409 | 422 = 200) => {
    const { site, byCode } = await common.loadRegion();
    const village = byCode.get(complaint.village);
    const catalogue = await villageCatalogue(deps.store, complaint.village);
    const powerItemNames = Object.fromEntries(catalogue.items.map((i) => [i.code, i.name]));
    const item = currentPowerItem(complaint);
    const view = buildComplaintWorkView({
      site,
      csrf: common.csrf(c),
      who: account,
      complaint,
      village,
      departments: await departmentsFor(complaint.village),
      deadlines: deps.config.complaints.deadlines,
      now: now(),
      originals: complaint.channel === 'portal' ? [] : await deps.store.listOriginals(complaint.publicId),
      // duplicates are found by their words, as villagers are shown them before filing
      similar: allows(account, 'merge-complaints', complaint.village).ok && OPEN_STATUSES.includes(complaint.status) && village ? await similarOpenComplaints(deps, village, complaint.text, complaint.category) : [],
      powerItemName: item === null ? null : (powerItemNames[item] ?? null),
      powerItemNames,
      ...extra,
    });
    return common.html(c, view, status);
  };
  const flagPage = async (c: Context, account: Account, flag: Flag, problems: string[] = [], status: 200 | 409 | 422 = 200) => {
    const { site, byCode } = await common.loadRegion();
    return common.html(c, buildFlagWorkView({ site, csrf: common.csrf(c), who: account, flag, village: byCode.get(flag.village), problems }), status);
  };

  /** A form post on an item: signed in, with its CSRF field, on an item the account may read. */
  const posted = async <T,>(c: Context, find: (account: Account, id: string) => Promise<T | null>): Promise<Response | { account: Account; form: URLSearchParams; item: T }> => {
    const me = await common.signedIn(c);
    if (!me) return c.redirect(CONSOLE_PATHS.home, 303);
    const form = await formOf(c, 16 * 1024);
    if (!csrfValid(c, form.get(CSRF_FIELD) ?? undefined, siteOrigins)) return forbidden(c);
    const item = await find(me.account, c.req.param('id') ?? '');
    return item ? { account: me.account, form, item } : notFound(c);
  };

  routes.get(CONSOLE_PATHS.complaints, async (c) => {
    const me = await common.signedIn(c);
    if (!me) return c.redirect(CONSOLE_PATHS.home, 303);
    if (!allows(me.account, 'read-complaints', me.account.scope).ok) return forbidden(c);
    const { site, byCode } = await common.loadRegion();
    const filter = readComplaintFilter(new URL(c.req.url).searchParams, deps.config.complaints.categories);
    const complaints = await deps.store.listComplaints({ scope: scopePrefix(me.account.scope), limit: 5_000, ...(filter.status ? { status: filter.status } : {}), ...(filter.category ? { category: filter.category } : {}) });
    const view = buildComplaintsView({ site, account: me.account, complaints, filter, categories: deps.config.complaints.categories, divisions: byCode, deadlines: deps.config.complaints.deadlines, now: now() });
    return common.html(c, view);
  });

  routes.get('/console/complaints/:id/', async (c) => {
    const me = await common.signedIn(c);
    if (!me) return c.redirect(CONSOLE_PATHS.home, 303);
    const complaint = await complaintFor(me.account, c.req.param('id'));
    return complaint ? complaintPage(c, me.account, complaint) : notFound(c);
  });

  routes.post('/console/complaints/:id/:action{dispatch|reply|close|contact|classify}', async (c) => {
    const found = await posted(c, complaintFor);
    if (found instanceof Response) return found;
    const { form, item: complaint } = found;
    const me = { account: found.account };
    const action = c.req.param('action') as 'dispatch' | 'reply' | 'close' | 'contact' | 'classify';
    const allowed =
      action === 'reply' ? mayAnswer(me.account, complaint) : allows(me.account, ACTION_OF[action], complaint.village).ok;
    if (!allowed) return forbidden(c);
    if (action === 'contact') {
      await deps.store.recordEvent({ accountId: me.account.id, at: now(), type: 'contact-viewed', detail: `投诉 ${complaint.publicId}` });
      return complaintPage(c, me.account, complaint, { contact: 'shown' });
    }
    const template = REPLY_TEMPLATES.find((t) => t.id === form.get(W.template))?.text ?? '';
    const body =
      action === 'dispatch'
        ? { type: 'dispatch', department: form.get(W.department) ?? '' }
        : action === 'reply'
          ? { type: 'reply', text: `${template}${form.get(W.text) ?? ''}` }
          : action === 'classify'
            ? { type: 'classify', powerItem: (form.get(W.powerItem) ?? '').trim() || null }
            : { type: 'close', resolution: form.get(W.resolution) ?? '' };
    const parsed = staffActionSchema(deps.config.publicPhones).safeParse(body);
    if (!parsed.success) return complaintPage(c, me.account, complaint, { problems: ['请把内容填写完整。'] }, 422);
    if (parsed.data.type === 'classify' && parsed.data.powerItem !== null && (await powerItemIssue(deps.store, complaint.village, parsed.data.powerItem))) {
      return complaintPage(c, me.account, complaint, { problems: ['本村适用的小微权力清单里没有这个事项。'] }, 422);
    }
    const at = now();
    const updated = await deps.store.updateComplaint(complaint.trackingCode, (current) => staffAction(current, parsed.data, me.account.office, at));
    if (updated.kind === 'not-found') return notFound(c);
    if (updated.kind === 'invalid-transition') return complaintPage(c, me.account, complaint, { problems: ['这件投诉的状态已经变了，请看最新的办理经过。'] }, 409);
    await deps.store.recordEvent({ accountId: me.account.id, at, type: `complaint-${action}`, detail: `投诉 ${complaint.publicId}` });
    if (action === 'dispatch') await notifyDispatch(deps, updated.complaint, at);
    try {
      deps.afterComplaint?.(complaint.village);
    } catch (error) {
      console.error('[console] afterComplaint failed:', error);
    }
    return c.redirect(consoleItemHref('complaint', complaint.publicId), 303);
  });

  routes.get('/console/flags/:id/', async (c) => {
    const me = await common.signedIn(c);
    if (!me) return c.redirect(CONSOLE_PATHS.home, 303);
    const flag = await flagFor(me.account, c.req.param('id'));
    return flag ? flagPage(c, me.account, flag) : notFound(c);
  });

  routes.post('/console/flags/:id/:action{explain|comment|review}', async (c) => {
    const found = await posted(c, flagFor);
    if (found instanceof Response) return found;
    const { form, item: flag } = found;
    const me = { account: found.account };
    const action = c.req.param('action') as 'explain' | 'comment' | 'review';
    const tableAction = action === 'explain' ? 'explain-flag' : action === 'comment' ? 'comment-flag' : 'review-flag';
    if (!allows(me.account, tableAction, flag.village).ok) return forbidden(c);
    const body = action === 'review' ? { type: form.get(W.decision) ?? '', reason: form.get(W.reason) ?? '' } : { type: action, text: form.get(W.text) ?? '' };
    const parsed = flagActionSchema(deps.config.publicPhones).safeParse(body);
    if (!parsed.success) return flagPage(c, me.account, flag, [action === 'review' ? '请选择审核结论并写明理由。' : '至少写 5 个字。'], 422);
    const at = now();
    const updated = await deps.store.updateFlag(flag.id, (current) => flagAction(current, parsed.data, me.account.office, at));
    if (updated.kind === 'not-found') return notFound(c);
    if (updated.kind === 'invalid-transition') return flagPage(c, me.account, flag, ['这条预警的状态已经变了，请看最新的经过。'], 409);
    await deps.store.recordEvent({ accountId: me.account.id, at, type: `flag-${parsed.data.type}`, detail: `预警 ${flag.id}` });
    try {
      deps.afterFlags?.([flag.village]);
    } catch (error) {
      console.error('[console] afterFlags failed:', error);
    }
    return c.redirect(consoleItemHref('flag', flag.id), 303);
  });

  return routes;
}

// ——— private helpers ———

const ACTION_OF: Record<'dispatch' | 'close' | 'contact' | 'classify', Action> = {
  dispatch: 'dispatch-complaint',
  // naming the 小微权力 item is part of 分类派发
  classify: 'dispatch-complaint',
  close: 'close-complaint',
  contact: 'read-complainant-contact',
};
