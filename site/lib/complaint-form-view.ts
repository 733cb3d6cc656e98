import { MAX_COMPLAINT_CHARS, MIN_COMPLAINT_CHARS } from '../../data/complaints/complaint.ts';
import { periodLabel } from '../../data/period.ts';
import { statementLines, type Publication } from '../../data/publication.ts';
import type { Division } from '../../data/region.ts';
import { COMPLAINT_ACTION, COMPLAINT_FIELDS, FORM_KEY_PATTERN, TRACK_HREF } from './complaint-form.ts';
import { similarItems, type SimilarShown } from './complaint-similar-view.ts';
import { chinaDate, KIND_LABEL, money } from './format.ts';
import type { ComplaintFormFields, ComplaintPage, Crumb, FieldIssue, SiteInfo } from './page-model.ts';
import { publicationHref, regionHref, villageHref } from './urls.ts';

/** What is in the form's fields: typed by the villager (a rejected post) or from the row link (p, r). */
export interface ComplaintFormValues {
  category: string;
  text: string;
  publicationId: string;
  row: string;
  contactName: string;
  contactPhone: string;
  anonymous: boolean;
  /** the form's key: one per form shown, kept when the form is refilled (COMPLAINT_FIELDS.formKey) */
  formKey: string;
}

/** A problem as the API reports it: `field` is a form field name or a JSON path (contact.phone). */
export interface ReportedIssue {
  field?: string | null;
  message: string;
}

export interface ComplaintViewInput {
  site: SiteInfo;
  village: Division;
  /** the county and township above the village, top down, as far as the region knows them */
  above: readonly Pick<Division, 'code' | 'name'>[];
  /** the CSRF token for the hidden field (ingest/csrf.ts) */
  csrf: { name: string; value: string };
  categories: readonly string[];
  values: ComplaintFormValues;
  /** the publication `values.publicationId` names, when the store has it */
  publication: Publication | null;
  issues: readonly ReportedIssue[];
  /** open complaints like the one posted, to offer before filing it (issue 17); none by default */
  similar?: readonly SimilarShown[];
  /** 已记下 after a 我也遇到, or why one was refused */
  notice?: ComplaintPage['notice'];
}

export const EMPTY_VALUES: ComplaintFormValues = { category: '', text: '', publicationId: '', row: '', contactName: '', contactPhone: '', anonymous: false, formKey: '' };

/** The form's values from a posted form (or any record of strings): unknown fields ignored, nothing trimmed away. */
export function formValues(raw: Readonly<Record<string, unknown>>): ComplaintFormValues {
  const text = (name: string) => {
    const v = raw[name];
    return typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '';
  };
  const f = COMPLAINT_FIELDS;
  const anonymous = text(f.anonymous);
  return {
    category: text(f.category),
    text: text(f.text),
    publicationId: text(f.publicationId),
    row: text(f.row),
    contactName: text(f.contactName),
    contactPhone: text(f.contactPhone),
    anonymous: anonymous !== '' && anonymous !== '0' && anonymous !== 'false',
    formKey: FORM_KEY_PATTERN.test(text(f.formKey)) ? text(f.formKey) : '',
  };
}

/**
 * The complaint page: the village, the form (refilled after a rejected post, each problem next
 * to its field and listed at the top), and the row it is about when it came from a
 * publication page's 对这一行有疑问 link.
 */
export function buildComplaintView(input: ComplaintViewInput): ComplaintPage {
  const { village, values } = input;
  const code = village.code;
  const rowNumber = /^\d{1,7}$/.test(values.row) ? Number(values.row) : null;
  const publication = input.publication && input.publication.village === code ? input.publication : null;
  const rowLabel = publication && rowNumber !== null ? describeRow(publication, rowNumber) : null;
  const about =
    publication && rowNumber !== null && rowLabel !== null
      ? { publicationId: publication.id, row: rowNumber, label: rowLabel, href: `${publicationHref(code, publication.id)}#r${rowNumber}` }
      : null;

  const issues = orderedIssues(input.issues);
  const fieldIssues: ComplaintPage['fieldIssues'] = {};
  for (const issue of issues) {
    if (!issue.key) continue;
    (fieldIssues[issue.key] ??= []).push(issue.message);
  }
  const place = input.above.map((d) => d.name).join(' · ');
  const similar = similarItems(input.similar ?? []);
  const crumbs: Crumb[] = [
    { name: input.site.regionName || input.site.name, href: '/' },
    ...input.above.map((d) => ({ name: d.name, href: regionHref(d.code) })),
    { name: village.name, href: villageHref(code) },
    { name: '反映问题', href: null },
  ];

  return {
    kind: 'complaint',
    site: input.site,
    title: issues.length > 0 ? `请修改后再提交 · ${village.name}反映问题` : similar.length > 0 ? `可能已有人反映 · ${village.name}反映问题` : `${village.name}反映问题`,
    description: `向乡镇纪委反映${village.name}村务中的问题，不用注册，凭查询码查看办理进度。`,
    sample: false,
    crumbs,
    villageCode: code,
    villageName: village.name,
    place,
    villageHref: villageHref(code),
    action: COMPLAINT_ACTION,
    csrf: input.csrf,
    formKey: values.formKey,
    fields: COMPLAINT_FIELDS,
    categories: [
      { value: '', label: '请选择', selected: values.category === '' || !input.categories.includes(values.category) },
      ...input.categories.map((c) => ({ value: c, label: c, selected: c === values.category })),
    ],
    text: values.text,
    maxChars: MAX_COMPLAINT_CHARS,
    minChars: MIN_COMPLAINT_CHARS,
    contactName: values.contactName,
    contactPhone: values.contactPhone,
    anonymous: values.anonymous,
    about,
    aboutMissing: about === null && values.publicationId !== '',
    issues: issues.map(({ key: _key, ...issue }) => issue),
    fieldIssues,
    trackHref: TRACK_HREF,
    similar,
    notice: input.notice ?? null,
  };
}

/**
 * One row of a publication in words, for a complaint about it:
 * 财务收支 2026年第三季度《马头溪村2026Q3财务收支明细》第5行：2026-07-03，土地流转收入，收入 20,150.00 元.
 * Null when the publication has no such row. Only what the publication page already shows.
 */
export function describeRow(p: Publication, row: number): string | null {
  const head = `${KIND_LABEL[p.kind]} ${periodLabel(p.period)}《${p.content.title}》第${row}行`;
  const parts = (items: (string | null | false)[]) => `${head}：${items.filter((x): x is string => typeof x === 'string' && x !== '').join('，')}`;
  switch (p.content.kind) {
    case 'finance': {
      const e = p.content.entries.find((r) => r.row === row);
      return e ? parts([e.date && chinaDate(e.date), e.summary, e.income !== 0 && `收入 ${money(e.income)} 元`, e.expense !== 0 && `支出 ${money(e.expense)} 元`]) : null;
    }
    case 'subsidy': {
      const r = p.content.rows.find((x) => x.row === row);
      return r ? parts([r.name, `金额 ${money(r.amount)} 元`]) : null;
    }
    case 'project': {
      const r = p.content.projects.find((x) => x.row === row);
      return r ? parts([r.name, r.budget !== null && `预算 ${money(r.budget)} 元`]) : null;
    }
    case 'contract': {
      const r = p.content.contracts.find((x) => x.row === row);
      return r ? parts([r.number, r.counterparty, r.subject, r.annualAmount !== null && `年租金 ${money(r.annualAmount)} 元`]) : null;
    }
    case 'statement': {
      const lines = statementLines(p.content).filter((l) => l.row === row);
      return lines.length > 0 ? parts(lines.map((l) => `${l.item} ${money(l.amount)} 元`)) : null;
    }
  }
}

// ——— private helpers ———

type FieldKey = keyof ComplaintFormFields;

/** Field names the API may report a problem under: the form's own, and the JSON body's paths. */
const FIELD_OF: Record<string, FieldKey> = {
  ...Object.fromEntries(Object.entries(COMPLAINT_FIELDS).map(([key, name]) => [name, key as FieldKey])),
  contact: 'contactName',
  'contact.name': 'contactName',
  'contact.phone': 'contactPhone',
  name: 'contactName',
  phone: 'contactPhone',
};

/** Form order, with the id each field has on the page and its name in the list at the top. */
const FIELD_ORDER: { key: FieldKey; id: string; label: string }[] = [
  { key: 'village', id: 'c-form', label: '村' },
  { key: 'category', id: 'c-category', label: '问题类别' },
  { key: 'text', id: 'c-text', label: '反映内容' },
  { key: 'publicationId', id: 'c-about', label: '所涉公开内容' },
  { key: 'row', id: 'c-about', label: '所涉公开内容' },
  { key: 'contactName', id: 'c-name', label: '姓名' },
  { key: 'contactPhone', id: 'c-phone', label: '电话' },
  { key: 'anonymous', id: 'c-anonymous', label: '匿名' },
  { key: 'honeypot', id: 'c-form', label: '提交' },
  { key: 'confirmNew', id: 'c-form', label: '提交' },
];

export const FIELD_IDS: Record<FieldKey, string> = Object.fromEntries(FIELD_ORDER.map((f) => [f.key, f.id])) as Record<FieldKey, string>;

function orderedIssues(reported: readonly ReportedIssue[]): (FieldIssue & { key: FieldKey | null })[] {
  const rank = (key: FieldKey | null) => (key === null ? -1 : FIELD_ORDER.findIndex((f) => f.key === key));
  return reported
    .map((issue, i) => {
      const key = issue.field ? (FIELD_OF[issue.field] ?? null) : null;
      const spec = key ? FIELD_ORDER.find((f) => f.key === key) : undefined;
      // The village, the honeypot and the confirmation have no visible field: their problems go to the top of the form.
      const shown = key === 'village' || key === 'honeypot' || key === 'confirmNew' ? null : key;
      return { i, key: shown, field: spec && shown ? spec.id : null, label: spec && shown ? spec.label : '提交', message: issue.message };
    })
    .sort((a, b) => rank(a.key) - rank(b.key) || a.i - b.i)
    .map(({ i: _i, ...issue }) => issue);
}
