import { parseDate } from '../../dates.ts';
import type { DecisionLink } from '../../decisions/decision-record.ts';
import type { IssueLog } from '../issues.ts';
import type { LabelledValue, Preamble } from './register-preamble.ts';

/**
 * What some registers state above their table besides the 事由: the contracts (合同编号：LG-2026-03、
 * LG-2026-04, 合同签订日期：2026年4月8日) and the day the matter was carried out (竣工日期：…). The
 * checks date the contract by a link (from the contract ledger when it holds the number, else from
 * the date stated) and the result disclosure's deadline by the completion. A date that is not one
 * is an error at its cell.
 */
export function contractLinks(preamble: Preamble, log: IssueLog): DecisionLink[] {
  const signedOn = labelledDate(preamble.contractDate, 'links.signedOn', log) ?? undefined;
  const numbers = (preamble.contract?.text ?? '').split(/[、，,；;\s]+/).map((n) => n.trim()).filter((n) => n !== '' && n !== '无');
  const link = (name: string | null): DecisionLink => ({ kind: 'contract', publicationId: null, row: null, name, ...(signedOn === undefined ? {} : { signedOn }) });
  if (numbers.length > 0) return numbers.slice(0, 20).map(link);
  return signedOn === undefined ? [] : [link(null)];
}

/** 竣工日期 / 完工日期 / 验收日期, when the register states one. */
export function completionDate(preamble: Preamble, log: IssueLog): string | null {
  return labelledDate(preamble.completedOn, 'completedOn', log);
}

function labelledDate(value: LabelledValue | null, field: string, log: IssueLog): string | null {
  if (!value || value.text === '') return null;
  const parsed = parseDate(value.text);
  if (parsed.kind === 'ok') return parsed.date;
  const reason = parsed.kind === 'invalid' ? parsed : { reason: '为空', reasonEn: 'empty' };
  log.error(
    'invalid-date',
    { row: value.row, column: value.column, field },
    `第${value.row}行${value.column}列“${value.label}”不是有效日期（${reason.reason}），请写成 2026-04-08 或 2026年4月8日。`,
    `Row ${value.row}, column ${value.column} (${value.label}) is not a valid date (${reason.reasonEn}); write it as 2026-04-08.`,
  );
  return null;
}
