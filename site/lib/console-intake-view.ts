import { CHANNEL_LABEL, STAFF_CHANNELS, type StaffChannel } from '../../data/complaints/complaint-channel.ts';
import type { Complaint } from '../../data/complaints/complaint.ts';
import type { IntakeDraft } from '../../data/complaints/intake-draft.ts';
import { displayTrackingCode } from '../../data/complaints/tracking-code.ts';
import type { Division } from '../../data/region.ts';
import { chinaDateTime } from './format.ts';
import type { ConsolePage } from './console-view.ts';
import type { PageBase, QrPath, SelectOption, SiteInfo } from './page-model.ts';
import { qrPath } from './track-qr.ts';
import { CONSOLE_PATHS } from './urls.ts';

/**
 * 登记群众反映 in the console (issue 17): staff paste what a villager wrote in a WeChat group (or
 * type what was said on the phone, at the door, in a letter), press 识别, and get the form filled —
 * village, private contact, masked public text, category — with why each was suggested; they
 * correct it and save, and the slip with the tracking code and its QR is printed for the villager.
 * Plain forms: the console works with JavaScript off.
 */

/** The intake form's fields: the only place their names are written. */
export const INTAKE_FIELDS = {
  paste: 'paste',
  channel: 'channel',
  heardAt: 'heard_at',
  place: 'place',
  village: 'village',
  category: 'category',
  text: 'text',
  contactName: 'contact_name',
  contactPhone: 'contact_phone',
  department: 'department',
  powerItem: 'power_item',
  /** a screenshot or photo of the original words (multipart); kept for staff, never public */
  original: 'original',
  // what 识别 suggested, carried to the save so what staff changed is recorded (record-complaint.ts intakeCorrections)
  suggested: 'suggested',
  suggestedCategory: 'suggested_category',
  suggestedDepartment: 'suggested_department',
  suggestedPowerItem: 'suggested_power_item',
  /** one per form shown: a second post of the same form records nothing more (ingest/submit-once.ts) */
  key: 'intake_key',
} as const;

export const INTAKE_PATHS = { form: `${CONSOLE_PATHS.complaints}new/`, prefill: `${CONSOLE_PATHS.complaints}new/prefill` } as const;

export interface IntakeValues {
  paste: string;
  channel: string;
  /** as a datetime-local field holds it, China time: 2026-12-07T09:30 */
  heardAt: string;
  place: string;
  village: string;
  category: string;
  text: string;
  contactName: string;
  contactPhone: string;
  /** sent to this office on saving (分类派发); empty: saved as received, dispatched later */
  department: string;
  /** the 小微权力 item it concerns, a code of the village's list; empty: none named */
  powerItem: string;
  /** '1' once 识别 has run: the suggested values below are what staff were shown (empty ones included) */
  suggested: string;
  suggestedCategory: string;
  suggestedDepartment: string;
  suggestedPowerItem: string;
  key: string;
}

export interface IntakePage extends PageBase {
  kind: 'console-intake';
  csrf: ConsolePage['csrf'];
  action: string;
  prefillAction: string;
  values: IntakeValues;
  channels: SelectOption[];
  villages: SelectOption[];
  categories: SelectOption[];
  /** the offices of the scope, offered for the department field */
  departments: string[];
  /** the items of the power list that applies, for the 涉及小微权力 field */
  powerItems: SelectOption[];
  /** why each field was filled as it is ("命中：补贴、没发"); empty before 识别 */
  hints: Array<{ label: string; text: string }>;
  problems: string[];
  back: string;
}

export interface SlipPage extends PageBase {
  kind: 'console-slip';
  publicId: string;
  /** ABCDE-FGHJK: printed on the slip, shown nowhere else afterwards */
  trackingCode: string;
  trackUrl: string;
  qr: QrPath;
  villageName: string;
  channel: string;
  heardAt: string;
  recordedAt: string;
  text: string;
  /** the 小微权力 item staff named, by its name in the village's list; null when none */
  powerItem: string | null;
  /** for staff, not printed: what became of the screenshot of the original words */
  notes: string[];
  again: string;
  back: string;
}

/** The form's values from a posted form: unknown fields ignored, nothing trimmed away. */
export function intakeValues(form: URLSearchParams): IntakeValues {
  const get = (name: string) => form.get(name) ?? '';
  const f = INTAKE_FIELDS;
  return {
    paste: get(f.paste),
    channel: get(f.channel),
    heardAt: get(f.heardAt),
    place: get(f.place),
    village: get(f.village),
    category: get(f.category),
    text: get(f.text),
    contactName: get(f.contactName),
    contactPhone: get(f.contactPhone),
    department: get(f.department),
    powerItem: get(f.powerItem),
    suggested: get(f.suggested),
    suggestedCategory: get(f.suggestedCategory),
    suggestedDepartment: get(f.suggestedDepartment),
    suggestedPowerItem: get(f.suggestedPowerItem),
    key: get(f.key),
  };
}

/** A blank form, the time filled with now (China time, to the minute); `key` names this one form. */
export function emptyIntake(now: string, key: string): IntakeValues {
  return {
    paste: '',
    channel: 'wechat-group',
    heardAt: chinaLocal(now),
    place: '',
    village: '',
    category: '',
    text: '',
    contactName: '',
    contactPhone: '',
    department: '',
    powerItem: '',
    suggested: '',
    suggestedCategory: '',
    suggestedDepartment: '',
    suggestedPowerItem: '',
    key,
  };
}

/** The form filled from a draft; what staff already chose (channel, time, place) stays. */
export function draftedIntake(values: IntakeValues, draft: IntakeDraft): IntakeValues {
  return {
    ...values,
    village: draft.village.best?.village.code ?? values.village,
    category: draft.suggestion.category.best?.value ?? values.category,
    text: draft.publicText,
    contactName: draft.contact.name ?? values.contactName,
    contactPhone: draft.contact.phone ?? values.contactPhone,
    department: draft.suggestion.department.best?.value ?? values.department,
    powerItem: draft.suggestion.powerItem.best?.value ?? values.powerItem,
    suggested: '1',
    suggestedCategory: draft.suggestion.category.best?.value ?? '',
    suggestedDepartment: draft.suggestion.department.best?.value ?? '',
    suggestedPowerItem: draft.suggestion.powerItem.best?.value ?? '',
  };
}

/** `rules`: whose rules suggested — a county's own version, or the defaults (version null). */
export function draftHints(draft: IntakeDraft, powerItemName: (code: string) => string | null, rules: { countyName: string | null; version: number | null }): Array<{ label: string; text: string }> {
  const hints: Array<{ label: string; text: string }> = [];
  const v = draft.village;
  if (v.best) {
    const others = v.alternatives.map((a) => a.village.name).join('、');
    hints.push({ label: '村', text: `${v.best.village.name}（文中有：${v.best.matched.map((m) => m.text).join('、')}）${v.ambiguous ? '，有同名的村，请核对' : ''}${others ? `；也可能是：${others}` : ''}` });
  } else hints.push({ label: '村', text: v.area ? `文中只提到${v.area.name}，请选择村` : '文中没有找到村名，请选择村' });
  const phones = draft.removed.filter((r) => r.kind === 'mobile' || r.kind === 'landline').length;
  if (phones > 0) hints.push({ label: '联系方式', text: `已把文中的 ${phones} 个电话号码移到联系方式（不公开），公开内容中已遮挡` });
  if (draft.reasons.category) hints.push({ label: '类别', text: `${draft.suggestion.category.best?.value ?? ''}（${draft.reasons.category}）` });
  const dept = draft.suggestion.department.best;
  if (dept) hints.push({ label: '承办部门', text: `${dept.value}（${draft.reasons.department ?? ''}）` });
  const item = draft.suggestion.powerItem.best;
  if (item) hints.push({ label: '涉及小微权力', text: `${powerItemName(item.value) ?? item.value}（${draft.reasons.powerItem ?? ''}）` });
  hints.push({ label: '依据', text: rules.version === null ? '平台默认的分类规则' : `${rules.countyName ?? '本县'}分类规则第 ${rules.version} 版` });
  return hints;
}

export function buildIntakeView(input: {
  site: SiteInfo;
  csrf: ConsolePage['csrf'];
  values: IntakeValues;
  /** the villages under the account's scope, in code order */
  villages: readonly Division[];
  categories: readonly string[];
  departments?: readonly string[];
  /** the items of the power list that applies to the chosen village (or the scope) */
  powerItems?: ReadonlyArray<{ code: string; name: string }>;
  hints?: Array<{ label: string; text: string }>;
  problems?: string[];
}): IntakePage {
  const { values } = input;
  const option = (value: string, label: string, chosen: string): SelectOption => ({ value, label, selected: value === chosen });
  return {
    site: input.site,
    title: '登记群众反映',
    description: '工作台：登记从微信群、电话、来访、来信、12345 热线或巡察收到的群众反映',
    sample: false,
    kind: 'console-intake',
    csrf: input.csrf,
    action: INTAKE_PATHS.form,
    prefillAction: INTAKE_PATHS.prefill,
    values,
    channels: STAFF_CHANNELS.map((c: StaffChannel) => option(c, CHANNEL_LABEL[c], values.channel)),
    villages: [option('', '请选择村', values.village), ...input.villages.map((d) => option(d.code, d.name, values.village))],
    categories: [option('', '请选择类别', values.category), ...input.categories.map((c) => option(c, c, values.category))],
    departments: [...(input.departments ?? [])],
    powerItems: [option('', '不涉及或不确定', values.powerItem), ...(input.powerItems ?? []).map((i) => option(i.code, i.name, values.powerItem))],
    hints: input.hints ?? [],
    problems: input.problems ?? [],
    back: CONSOLE_PATHS.complaints,
  };
}

export function buildSlipView(input: { site: SiteInfo; complaint: Complaint; village: Division | undefined; trackUrl: string; powerItemName?: string | null; notes?: string[] }): SlipPage {
  const c = input.complaint;
  const code = displayTrackingCode(c.trackingCode);
  return {
    site: input.site,
    title: `群众反映回执 · 第 ${c.publicId} 号`,
    description: '群众反映登记回执',
    sample: false,
    kind: 'console-slip',
    publicId: c.publicId,
    trackingCode: code,
    trackUrl: input.trackUrl,
    qr: qrPath(input.trackUrl),
    villageName: input.village?.name ?? c.village,
    channel: CHANNEL_LABEL[c.channel],
    heardAt: c.intake ? chinaDateTime(c.intake.heardAt) : chinaDateTime(c.receivedAt),
    recordedAt: chinaDateTime(c.receivedAt),
    text: c.text,
    powerItem: c.intake?.powerItem ? (input.powerItemName ?? c.intake.powerItem) : null,
    notes: input.notes ?? [],
    again: INTAKE_PATHS.form,
    back: CONSOLE_PATHS.complaints,
  };
}

// ——— private helpers ———

/** An instant as a datetime-local field shows China time: 2026-12-07T09:30. */
function chinaLocal(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16);
}
