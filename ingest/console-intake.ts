import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import type { AccountStore } from '../data/store/account-store.ts';
import type { CatalogueStore } from '../data/store/catalogue-store.ts';
import type { ClassifyRuleSets } from '../data/store/classify-rule-sets.ts';
import type { IntakeCorrections } from '../data/store/intake-corrections.ts';
import type { IntakeOriginals } from '../data/store/intake-originals.ts';
import type { FormSubmissions } from '../data/store/form-submissions.ts';
import type { Account } from '../data/accounts/account.ts';
import { allows } from '../data/accounts/permissions.ts';
import { scopePrefix } from '../data/accounts/role.ts';
import type { Complaint } from '../data/complaints/complaint.ts';
import { staffIntakeSchema, toStaffIntake } from '../data/complaints/staff-intake.ts';
import type { Notifier } from '../data/notify/notifier.ts';
import { covers } from '../data/region.ts';
import type { ComplaintMerges } from '../data/store/complaint-merges.ts';
import type { SignInLog } from '../data/store/sign-in-log.ts';
import type { Store } from '../data/store/store.ts';
import { buildIntakeView, buildSlipView, draftedIntake, draftHints, emptyIntake, INTAKE_FIELDS, intakeValues, type IntakeValues } from '../site/lib/console-intake-view.ts';
import { WORK_FIELDS } from '../site/lib/console-work-view.ts';
import { consoleItemHref, CONSOLE_PATHS } from '../site/lib/urls.ts';
import { consoleCommon, formOf, type ConsoleContext } from './console-common.ts';
import { trackUrl } from './complaint-views.ts';
import { CSRF_FIELD, csrfValid } from './csrf.ts';
import { classifyRulesSource, countyDraft } from './classify-rules-source.ts';
import { ORIGINAL_REFUSED } from '../data/complaints/original-refusal.ts';
import { consoleOriginalBodyLimit, keepOriginal } from './intake-original.ts';
import { newFormKey, postedFormKey, submitOnce } from './submit-once.ts';
import { villageCatalogue } from './village-catalogue.ts';
import { pasteIndexOf } from './paste-index.ts';
import { recordComplaint, townshipDepartment } from './record-complaint.ts';

export interface ConsoleIntakeDeps extends ConsoleContext {
  store: ConsoleContext['store'] &
    SignInLog &
    Pick<Store, 'fileComplaint' | 'getComplaint' | 'getComplaintByPublicId' | 'getDivision' | 'updateComplaint'> &
    ComplaintMerges &
    Pick<IntakeCorrections, 'recordCorrections'> &
    Pick<ClassifyRuleSets, 'currentRuleSet'> &
    IntakeOriginals &
    FormSubmissions &
    Pick<CatalogueStore, 'listCatalogues'> &
    Pick<AccountStore, 'listAccounts'>;
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

  const rulesFor = classifyRulesSource(deps.store);
  const savedOnce = submitOnce(deps);
  // a screenshot rides along with the form: the photo pipeline's limit, not the plain forms' 16 KB
  const limitBody = consoleOriginalBodyLimit();

  const page = async (c: Context, account: Account, values: IntakeValues, extra: { hints?: Array<{ label: string; text: string }>; problems?: string[] } = {}, status: 200 | 409 | 422 = 200) => {
    const { site, byCode } = await common.loadRegion();
    const scope = scopePrefix(account.scope);
    const villages = [...byCode.values()].filter((d) => d.level === 'village' && covers(scope, d.code)).sort((a, b) => a.code.localeCompare(b.code));
    // the offices with accounts in the scope's county that lie over the scope, as the work page offers them
    const accounts = await deps.store.listAccounts(scope.slice(0, 6));
    const departments = [...new Set(accounts.flatMap((a) => (a.department !== null && (covers(scopePrefix(a.scope), scope) || covers(scope, scopePrefix(a.scope))) ? [a.department] : [])))].sort();
    const catalogue = await catalogueOf(/^\d{12}$/.test(values.village) ? values.village : scope);
    return common.html(c, buildIntakeView({ site, csrf: common.csrf(c), values, villages, departments, powerItems: catalogue.items, categories: deps.config.complaints.categories, ...extra }), status);
  };

  /** The power list that applies to a village (or, before one is chosen, to the scope). */
  const catalogueOf = (code: string) => villageCatalogue(deps.store, code);

  /** Signed in, allowed to record somewhere, and for a post its CSRF field checked; a posted screenshot comes with the fields. */
  const recorder = async (c: Context, post: boolean): Promise<Response | { account: Account; form: URLSearchParams; original: Uint8Array | null }> => {
    const me = await common.signedIn(c);
    if (!me) return c.redirect(CONSOLE_PATHS.home, 303);
    if (!allows(me.account, 'record-complaint', me.account.scope).ok) return forbidden(c);
    const read = post ? await intakeForm(c) : { form: new URLSearchParams(), original: null };
    if (post && !csrfValid(c, read.form.get(CSRF_FIELD) ?? undefined, siteOrigins)) return forbidden(c);
    return { account: me.account, ...read };
  };

  routes.get(`${CONSOLE_PATHS.complaints}new/`, async (c) => {
    const who = await recorder(c, false);
    if (who instanceof Response) return who;
    return page(c, who.account, emptyIntake(now(), newFormKey()));
  });

  routes.post(`${CONSOLE_PATHS.complaints}new/prefill`, limitBody, async (c) => {
    const who = await recorder(c, true);
    if (who instanceof Response) return who;
    const values = intakeValues(who.form);
    if (values.paste.trim() === '') return page(c, who.account, values, { problems: ['请先把群众的原话粘贴或填写在第一个框里。'] }, 422);
    const region = await common.loadRegion();
    const { draft, rules } = await countyDraft(rulesFor, values.paste, pasteIndexOf(region), deps.config.complaints.categories, {
      scope: scopePrefix(who.account.scope),
      allow: deps.config.publicPhones,
      idMask: deps.config.idMask,
    });
    const village = draft.village.best?.village;
    const township = village?.parent ? region.byCode.get(village.parent) : undefined;
    const department = townshipDepartment(draft.suggestion.department.best?.value ?? null, township?.name);
    const drafted = draftedIntake(values, draft);
    const catalogue = await catalogueOf(village?.code ?? scopePrefix(who.account.scope));
    const powerItemName = (code: string) => catalogue.items.find((i) => i.code === code)?.name ?? null;
    const countyName = rules.county === null ? null : (region.byCode.get(rules.county)?.name ?? null);
    const problems = who.original ? ['截图或照片请在识别之后、保存之前选择（识别时不会保存文件）。'] : [];
    return page(c, who.account, { ...drafted, department: department ?? drafted.department, suggestedDepartment: department ?? '' }, { hints: draftHints(draft, powerItemName, { countyName, version: rules.version }), problems });
  });

  routes.post(`${CONSOLE_PATHS.complaints}new/`, limitBody, async (c) => {
    const who = await recorder(c, true);
    if (who instanceof Response) return who;
    const values = intakeValues(who.form);
    if (values.village !== '' && !allows(who.account, 'record-complaint', values.village).ok) return page(c, who.account, values, { problems: ['这个村不在您的工作范围内。'] }, 422);
    const candidate = {
      channel: values.channel,
      heardAt: values.heardAt,
      place: values.place,
      ...(values.powerItem.trim() ? { powerItem: values.powerItem.trim() } : {}),
      ...(values.department.trim() ? { department: values.department } : {}),
      complaint: {
        village: values.village,
        category: values.category,
        text: values.text.trim() === '' ? values.paste : values.text,
        ...(values.contactName.trim() || values.contactPhone.trim() ? { contact: { ...(values.contactName.trim() ? { name: values.contactName } : {}), ...(values.contactPhone.trim() ? { phone: values.contactPhone } : {}) } } : {}),
      },
    };
    const parsed = staffIntakeSchema(deps.config.complaints.categories, deps.config.publicPhones, now()).safeParse(candidate);
    if (!parsed.success) return page(c, who.account, values, { problems: parsed.error.issues.map((i) => `${FIELD_NAME[String(i.path.at(-1))] ?? '内容'}：${i.message.split(' / ')[0]}`) }, 422);
    // a double tap or a resend over a slow line records once, and both answers are its slip; the
    // same form changed after going back (another complaint) is a new recording
    const sent = createHash('sha256').update(JSON.stringify(parsed.data)).update(who.original ?? new Uint8Array()).digest('hex');
    const formKey = postedFormKey(values.key);
    const key = formKey === null ? null : `intake:${who.account.id}:${formKey}:${sent}`;
    const save = async (): Promise<Saved> => {
      const recorded = await recordComplaint(deps, toStaffIntake(parsed.data), {
        recordedBy: who.account.office,
        mayDispatch: (village) => allows(who.account, 'dispatch-complaint', village).ok,
        // what 识别 showed, carried in the form: the county's rules' misses (intake-corrections.ts)
        suggested: values.suggested === '1' ? { category: values.suggestedCategory || null, department: values.suggestedDepartment || null, powerItem: values.suggestedPowerItem || null } : null,
      });
      if (!recorded.ok) throw new Refused(recorded.failure.kind);
      const complaint = recorded.complaint;
      await deps.store.recordEvent({ accountId: who.account.id, at: complaint.receivedAt, type: 'complaint-recorded', detail: `投诉 ${complaint.publicId}` });
      // the complaint stands whatever becomes of its screenshot: a refusal is said on the slip
      const kept = who.original === null ? null : await keepOriginal(deps.store, { complaint: complaint.publicId, bytes: who.original, savedBy: who.account.office, at: now(), maxPixels: deps.config.maxPhotoPixels });
      const notes = kept?.kind === 'refused' ? [`原始截图没有保存：${ORIGINAL_REFUSED[kept.reason][0]}。可在办理页补传。`] : kept ? ['原始截图已保存（仅工作人员可见）。'] : [];
      return { complaint, notes };
    };
    let saved: Saved;
    try {
      // on every process: the first post saves, a repeat is given its slip (the complaint read again)
      const once = key === null ? { kind: 'done' as const, value: await save() } : await savedOnce(key, save, { keep: keptSlip, replay: (kept) => replaySlip(deps.store, kept) });
      if (once.kind === 'busy') return page(c, who.account, values, { problems: ['这份登记正在保存。请稍后在投诉处理列表里查看，不要再次保存。'] }, 409);
      saved = once.value;
    } catch (error) {
      if (!(error instanceof Refused)) throw error;
      return page(c, who.account, values, { problems: [RECORD_REFUSED[error.kind] ?? '没能登记，请核对后再保存。'] }, 422);
    }
    const { complaint, notes } = saved;
    const { site, byCode } = await common.loadRegion();
    const powerItemName = complaint.intake?.powerItem ? ((await catalogueOf(complaint.village)).items.find((i) => i.code === complaint.intake?.powerItem)?.name ?? null) : null;
    return common.html(c, buildSlipView({ site, complaint, village: byCode.get(complaint.village), trackUrl: trackUrl(deps.config, complaint.trackingCode), powerItemName, notes }));
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

const FIELD_NAME: Record<string, string> = { channel: '来源', heardAt: '收到时间', place: '地点', powerItem: '涉及小微权力', department: '承办部门', village: '村', category: '类别', text: '反映内容', name: '姓名', phone: '电话' };

/** What a save made: the complaint and what became of its screenshot. */
interface Saved {
  complaint: Complaint;
  notes: string[];
}

/** What a repeat of the post needs to show the slip again: the complaint's number, and the notes. */
function keptSlip(saved: Saved): string {
  return JSON.stringify({ publicId: saved.complaint.publicId, notes: saved.notes });
}

async function replaySlip(store: Pick<Store, 'getComplaintByPublicId'>, kept: string): Promise<Saved> {
  const { publicId, notes } = JSON.parse(kept) as { publicId: string; notes: string[] };
  const complaint = await store.getComplaintByPublicId(publicId);
  if (!complaint) throw new Error(`a kept form submission names complaint ${publicId}, which the store does not have`);
  return { complaint, notes };
}

/** A refusal of the recording, thrown out of the once-only save so it is not kept. */
class Refused extends Error {
  constructor(readonly kind: string) {
    super(kind);
  }
}

const RECORD_REFUSED: Partial<Record<string, string>> = {
  'village-not-found': '没有这个村。',
  forbidden: '您不能把这个村的反映转交承办部门：请留空承办部门后保存。',
  'invalid-complaint': '这个村适用的小微权力清单里没有所选事项，请重新选择。',
};

/**
 * The intake form's fields, urlencoded or multipart (with the screenshot of the original words);
 * the fields alone are at most 16 KB as every console form's, the file up to the photo limit.
 */
async function intakeForm(c: Context): Promise<{ form: URLSearchParams; original: Uint8Array | null }> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'multipart/form-data') return { form: await formOf(c, 16 * 1024), original: null };
  let data: FormData;
  try {
    data = await c.req.formData();
  } catch {
    return { form: new URLSearchParams(), original: null };
  }
  const form = new URLSearchParams();
  let chars = 0;
  let original: Uint8Array | null = null;
  for (const [name, value] of data.entries()) {
    if (typeof value === 'string') {
      chars += name.length + value.length;
      if (chars > 16 * 1024) return { form: new URLSearchParams(), original: null };
      form.append(name, value);
    } else if (name === INTAKE_FIELDS.original && value.size > 0 && original === null) original = new Uint8Array(await value.arrayBuffer());
  }
  return { form, original };
}

const MERGE_REFUSED: Record<'not-found' | 'merge-same' | 'merge-other-village' | 'merge-not-open', string> = {
  'not-found': '没有这个编号的投诉。',
  'merge-same': '不能把一件投诉并入它自己。',
  'merge-other-village': '两件投诉不是同一个村的，不能合并。',
  'merge-not-open': '只有办理中的投诉能合并（已办结或已合并的不能）。',
};
