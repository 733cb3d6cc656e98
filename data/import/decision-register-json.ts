import { DecisionRecord } from '../decisions/decision-record.ts';
import { DEFAULT_ID_MASK } from '../personal-data.ts';
import type { DecisionRegisterInput, DecisionRegisterResult } from './decision-register.ts';
import { findInvalidText, pathName } from '../text-validity.ts';
import { IssueLog, MAX_ISSUES, quote } from './issues.ts';
import { maskText, type TextMask } from './personal-fields.ts';

/**
 * 四议两公开 matters sent through the API as JSON (issue 11, point 3): `{"records": [DecisionRecord, …]}`
 * or the array alone, in the schema of data/decisions/decision-record.ts. Every problem is named
 * by its path (`records.0.steps.2.present`); every free-text field goes through the same masker as
 * a spreadsheet's cells, so a number typed into JSON is masked as one typed into Excel.
 */
export function importDecisionRecordsJson(input: Pick<DecisionRegisterInput, 'bytes' | 'village' | 'idMask' | 'publicNumbers'>): DecisionRegisterResult {
  const log = new IssueLog();
  const nowhere = { row: null, column: null, field: null };
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(input.bytes));
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    log.error('invalid-json', nowhere, `JSON 格式有误：${quote(why)}`, `The JSON is malformed: ${quote(why)}`);
    return { ok: false, errors: log.errors, warnings: log.warnings };
  }
  // text the portal does not take (data/text-validity.ts), named by its path as the schema's problems are
  const invalid = findInvalidText(json, MAX_ISSUES);
  for (const f of invalid) {
    const field = pathName(f.path);
    const name = field === null ? { zh: '', en: '' } : { zh: `字段 ${field}${f.key ? '的字段名' : ''}`, en: `Field ${field}${f.key ? ' (its name)' : ''} ` };
    log.error('invalid-text', { ...nowhere, field }, `${name.zh}${f.invalid.zh}`, `${name.en}${f.invalid.en}`);
  }
  if (invalid.length > 0) return { ok: false, errors: log.errors, warnings: log.warnings };
  const list = Array.isArray(json) ? json : json !== null && typeof json === 'object' && Array.isArray((json as { records?: unknown }).records) ? (json as { records: unknown[] }).records : null;
  if (list === null || list.length === 0) {
    log.error('no-records', { ...nowhere, field: 'records' }, '没有事项：请在 records 中列出至少一件四议两公开事项', 'No matters: list at least one in `records`');
    return { ok: false, errors: log.errors, warnings: log.warnings };
  }
  const mask: TextMask = { ...(input.idMask ?? DEFAULT_ID_MASK), allow: input.publicNumbers ?? [] };
  const records: DecisionRecord[] = [];
  list.forEach((raw, i) => {
    const parsed = DecisionRecord.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = ['records', i, ...issue.path].join('.');
        log.error('invalid-record', { ...nowhere, field }, `字段 ${field}：${issue.message}`, `Field ${field}: ${issue.message}`);
      }
      return;
    }
    const attached = parsed.data.steps.flatMap((s, j) => s.evidence.flatMap((e, k) => (e.photoId !== null || e.pdfSha256 !== null ? [`records.${i}.steps.${j}.evidence.${k}`] : [])));
    for (const field of attached) {
      log.error('attachment-unsupported', { ...nowhere, field }, `字段 ${field}：暂不能附上照片或 PDF，请只写材料名称`, `Field ${field}: photos and PDFs cannot be attached yet; name the document only`);
    }
    if (attached.length > 0) return;
    if (parsed.data.village !== input.village) {
      const field = `records.${i}.village`;
      log.error('wrong-village', { ...nowhere, field }, `字段 ${field}：事项属于 ${parsed.data.village}，不是上传的村 ${input.village}`, `Field ${field}: the matter is ${parsed.data.village}'s, not ${input.village}'s`);
      return;
    }
    records.push(masked(parsed.data, `records.${i}`, log, mask));
  });
  if (log.hasErrors) return { ok: false, errors: log.errors, warnings: log.warnings };
  return { ok: true, records, warnings: log.warnings };
}

// ——— private helpers ———

/** The record with every field people write in masked; codes, dates, counts and hashes are not text. */
function masked(r: DecisionRecord, path: string, log: IssueLog, mask: TextMask): DecisionRecord {
  const text = (value: string, field: string) => maskText(value, { row: null, column: null, field: `${path}.${field}` }, null, log, mask);
  const maybe = (value: string | null, field: string) => (value === null ? null : text(value, field));
  return {
    ...r,
    subject: text(r.subject, 'subject'),
    powerItem: { ...r.powerItem, name: maybe(r.powerItem.name, 'powerItem.name') },
    amountText: maybe(r.amountText, 'amountText'),
    links: r.links.map((l, i) => ({ ...l, name: maybe(l.name, `links.${i}.name`) })),
    notes: r.notes.map((n, i) => text(n, `notes.${i}`)),
    steps: r.steps.map((s, i) => ({
      ...s,
      label: text(s.label, `steps.${i}.label`),
      meeting: maybe(s.meeting, `steps.${i}.meeting`),
      townshipOfficials: maybe(s.townshipOfficials, `steps.${i}.townshipOfficials`),
      content: maybe(s.content, `steps.${i}.content`),
      remark: maybe(s.remark, `steps.${i}.remark`),
      evidence: s.evidence.map((e, j) => ({ ...e, name: text(e.name, `steps.${i}.evidence.${j}.name`) })),
    })),
  };
}
