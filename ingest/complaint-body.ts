import type { Context } from 'hono';
import type { z } from 'zod';
import { findInvalidText, pathName } from '../data/text-validity.ts';
import { fieldIssue, type ApiIssue } from './envelope.ts';
import type { Failure } from './http-errors.ts';
import { COMPLAINT_FIELDS, FEEDBACK_FIELDS } from '../site/lib/complaint-form.ts';

/**
 * Reading what a villager (or a client) posts about complaints: JSON or an HTML form, small,
 * UTF-8; and turning the schema's complaints about it into issues that name the field, Chinese
 * first. Shared by the complaint routes and Open311.
 */

/**
 * 32 KB: a complaint is at most 2,000 characters, and 2,000 Chinese characters take 6 KB in
 * UTF-8 and 18 KB percent-encoded in a form post; the rest is room for the other fields.
 */
export const COMPLAINT_BODY_LIMIT = 32 * 1024;

export type Body = { kind: 'json'; value: unknown } | { kind: 'form'; fields: URLSearchParams };
export type BodyResult = { ok: true; body: Body } | { ok: false; failure: Failure };

/**
 * The body of a request that passed hono's bodyLimit, checked again (a Content-Length may lie) and
 * parsed. A JSON body must be valid text throughout, keys too (data/text-validity.ts): a lone
 * surrogate (only a `\ud800` escape brings one in), a control character, a noncharacter or U+FFFD
 * anywhere is a 400 naming each field, whatever route reads it. A form's fields are checked by the
 * route's schema instead (validText), so a person at the form gets the form back with the field marked.
 */
export async function readSmallBody(c: Context, accept: readonly Body['kind'][], limitBytes = COMPLAINT_BODY_LIMIT): Promise<BodyResult> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const kind: Body['kind'] | null = type === 'application/json' ? 'json' : type === 'application/x-www-form-urlencoded' ? 'form' : null;
  if (kind === null || !accept.includes(kind)) return { ok: false, failure: unsupported(accept) };
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  if (bytes.byteLength > limitBytes) return { ok: false, failure: { kind: 'payload-too-large', limitBytes } };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return badRequest(fieldIssue('body-not-utf8', null, '请求内容须为 UTF-8 编码', 'The body must be UTF-8'));
  }
  if (kind === 'form') return { ok: true, body: { kind, fields: new URLSearchParams(text) } };
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    return badRequest(fieldIssue('json-malformed', null, '请求内容不是有效的 JSON', 'The body is not valid JSON'));
  }
  const invalid = findInvalidText(value);
  if (invalid.length > 0) return { ok: false, failure: { kind: 'bad-request', issues: invalid.map(invalidTextIssue) } };
  return { ok: true, body: { kind, value } };
}

/** One form field, trimmed; empty counts as absent, as a form cannot leave a field out. */
export function formValue(fields: URLSearchParams, name: string): string | undefined {
  const v = fields.get(name)?.trim();
  return v === undefined || v === '' ? undefined : v;
}

/** `1`, `on`, `true`, `yes` → true; `0`, `false`, `no`, `off` → false; anything else undefined */
export function formBoolean(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  const v = value.toLowerCase();
  if (v === '1' || v === 'on' || v === 'true' || v === 'yes') return true;
  if (v === '0' || v === 'off' || v === 'false' || v === 'no') return false;
  return undefined;
}

/**
 * The schema's issues as API issues naming the field (`contact.phone`, or whatever `rename`
 * maps it to for a form or Open311), with messages Chinese first. The schemas' own messages
 * are already bilingual; zod's defaults are English only and are replaced here.
 */
export function validationIssues(error: z.ZodError, input: unknown, rename: (path: string) => string = (p) => p): ApiIssue[] {
  const issues: ApiIssue[] = [];
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const name = rename(path === '' ? key : `${path}.${key}`).slice(0, 60);
        issues.push(fieldIssue('field-unknown', name, `未知字段 ${name}`, `Unknown field "${name}"`));
      }
      continue;
    }
    const field = path === '' ? null : rename(path);
    const [zh, en] = label(path, field);
    const key = (field ?? 'body').replace(/[^\w]+/g, '-');
    if (issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined) {
      issues.push(fieldIssue(`${key}-missing`, field, `缺少${zh}`, `${en} is missing`));
      continue;
    }
    const own = splitBilingual(issue.message);
    if (own) {
      issues.push(fieldIssue(`${key}-invalid`, field, `${zh}：${own[0]}`, `${en}: ${own[1]}`));
      continue;
    }
    const [reasonZh, reasonEn] = reason(issue);
    issues.push(fieldIssue(`${key}-invalid`, field, `${zh}${reasonZh}`, `${en} ${reasonEn}`));
  }
  return issues;
}

/** The complaint form's fields, as the village page names them (site/lib/complaint-form.ts; besides _csrf and the honeypot). */
const F = COMPLAINT_FIELDS;
const FORM_FIELDS = [F.village, F.category, F.text, F.publicationId, F.row, F.contactName, F.contactPhone, F.anonymous, F.formKey] as const;

/** The complaint form's flat fields as the JSON shape; what cannot be converted is passed on for the schema to name. */
export function complaintFromForm(fields: URLSearchParams): { candidate: Record<string, unknown>; values: Record<string, string> } {
  const values: Record<string, string> = {};
  for (const name of FORM_FIELDS) {
    const v = fields.get(name);
    if (v !== null) values[name] = v;
  }
  const row = formValue(fields, F.row);
  const name = formValue(fields, F.contactName);
  const phone = formValue(fields, F.contactPhone);
  const candidate: Record<string, unknown> = {
    village: formValue(fields, F.village) ?? '',
    category: formValue(fields, F.category) ?? '',
    text: fields.get(F.text) ?? '',
    anonymous: formBoolean(formValue(fields, F.anonymous)) ?? false,
  };
  const publicationId = formValue(fields, F.publicationId);
  if (publicationId !== undefined) candidate.publicationId = publicationId;
  if (row !== undefined) candidate.row = /^\d{1,7}$/.test(row) ? Number(row) : row;
  if (name !== undefined || phone !== undefined) candidate.contact = { ...(name !== undefined && { name }), ...(phone !== undefined && { phone }) };
  return { candidate, values };
}

/** The JSON path of a complaint field as the form names it. */
export function formFieldName(path: string): string {
  return path === 'contact.name' ? F.contactName : path === 'contact.phone' ? F.contactPhone : path;
}

/** The tracking page's feedback form: satisfied=1/0 and a comment. */
export function feedbackFromForm(fields: URLSearchParams): Record<string, unknown> {
  const satisfied = formValue(fields, FEEDBACK_FIELDS.satisfied);
  const comment = formValue(fields, FEEDBACK_FIELDS.comment);
  return { satisfied: formBoolean(satisfied) ?? satisfied, ...(comment !== undefined && { comment }) };
}

// ——— private helpers ———

/** Chinese names of the fields; English messages name the field itself. */
const LABELS: Record<string, string> = {
  village: '村代码',
  category: '投诉类别',
  text: '投诉内容',
  publicationId: '公开记录编号',
  row: '行号',
  contact: '联系方式',
  'contact.name': '姓名',
  'contact.phone': '联系电话',
  anonymous: '匿名选项',
  satisfied: '是否满意',
  comment: '评价意见',
  type: '操作类型',
  department: '承办部门',
  resolution: '办结意见',
  reason: '原因',
};

function label(path: string, field: string | null): [string, string] {
  if (path === '') return ['请求内容', 'The body'];
  const known = LABELS[path];
  return [known ? `${known}（${field}）` : `字段 ${field}`, `Field "${field}"`];
}

function reason(issue: z.core.$ZodIssue): [string, string] {
  switch (issue.code) {
    case 'invalid_type':
      return [`的类型不对（应为 ${issue.expected}）`, `must be of type ${issue.expected}`];
    case 'too_small':
      return issue.origin === 'string'
        ? [`至少 ${String(issue.minimum)} 个字`, `must have at least ${String(issue.minimum)} characters`]
        : [`不能小于 ${String(issue.minimum)}`, `must be at least ${String(issue.minimum)}`];
    case 'too_big':
      return issue.origin === 'string'
        ? [`最多 ${String(issue.maximum)} 个字`, `must have at most ${String(issue.maximum)} characters`]
        : [`不能大于 ${String(issue.maximum)}`, `must be at most ${String(issue.maximum)}`];
    case 'invalid_format':
      return ['格式不对', 'has the wrong format'];
    case 'invalid_union': {
      const options = 'options' in issue && Array.isArray(issue.options) ? (issue.options as unknown[]).map(String) : [];
      return options.length > 0 ? [`须为 ${options.join('、')} 之一`, `must be one of ${options.join(', ')}`] : ['不符合要求', 'is not valid'];
    }
    case 'invalid_value':
      return [`须为 ${issue.values.map(String).join('、')} 之一`, `must be one of ${issue.values.map(String).join(', ')}`];
    default:
      return ['不符合要求', 'is not valid'];
  }
}

function splitBilingual(message: string): [string, string] | null {
  const at = message.indexOf(' / ');
  if (at < 0 || !/[\u4e00-\u9fff]/.test(message.slice(0, at))) return null;
  return [message.slice(0, at), message.slice(at + 3)];
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v = input;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

function invalidTextIssue(found: ReturnType<typeof findInvalidText>[number]): ApiIssue {
  const field = pathName(found.path);
  const [zh, en] = label(found.path.map(String).join('.'), field);
  const key = found.key ? { zh: '的字段名', en: ' (its name)' } : { zh: '', en: '' };
  return fieldIssue('text-invalid', field, `${zh}${key.zh}${found.invalid.zh}`, `${en}${key.en} ${found.invalid.en}`);
}

function unsupported(accept: readonly Body['kind'][]): Failure {
  const types = accept.map((k) => (k === 'json' ? 'application/json' : 'application/x-www-form-urlencoded')).join(' / ');
  return { kind: 'unsupported-media-type', message: `请求内容类型须为 ${types}`, messageEn: `Content-Type must be ${types}` };
}

function badRequest(issue: ApiIssue): BodyResult {
  return { ok: false, failure: { kind: 'bad-request', issues: [issue] } };
}
