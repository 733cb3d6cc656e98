import {
  maskBankCard,
  maskIdNumber,
  maskMiddle,
  maskNumbersInText,
  maskPhone,
  type MaskFormat,
  type MaskedInText,
  type NumberKind,
} from '../personal-data.ts';
import type { PersonalNumberKind } from '../privacy/personal-numbers.ts';
import { cellText, type Cell } from './grid.ts';
import type { ImportInput } from './import-result.ts';
import { fieldLabel } from '../field-labels.ts';
import { place, type IssueLog, type Where } from './issues.ts';

/**
 * Personal numbers on their way into a publication. Every value that leaves here is safe to
 * publish; an unmasked or malformed number is masked and reported as a warning that names the
 * row and column but never carries the number itself.
 */

/** How an import masks: the configured ID format, and the numbers published on purpose. */
export type TextMask = MaskFormat & { allow?: readonly string[] };

export function textMask(input: Pick<ImportInput, 'idMask' | 'publicNumbers'>): TextMask {
  return { keepStart: input.idMask.keepStart, keepEnd: input.idMask.keepEnd, allow: input.publicNumbers ?? [] };
}

export function maskedNumber(
  kind: NumberKind,
  raw: Cell | undefined,
  where: Where,
  header: string | null,
  log: IssueLog,
  idMask: TextMask,
  seq: string | null = null,
): string | null {
  const outcome =
    kind === 'id-number' ? maskIdNumber(raw ?? null, idMask) : kind === 'phone' ? maskPhone(raw ?? null) : maskBankCard(raw ?? null);
  if (outcome.kind === 'empty') return null;
  // A long malformed value keeps up to two thirds of itself: a number inside that part is masked too.
  const value = maskNumbersInText(outcome.value, idMask).text;
  if (outcome.kind === 'already-masked') return value;
  const p = place(where, header, seq);
  const what = NAMES[kind];
  if (outcome.kind === 'masked') {
    log.warn(
      `unmasked-${kind}`,
      where,
      `${p.zh}的${what.zh}没有打码，已自动打码为 ${value} 后发布。原件请勿外传。`,
      `${p.en}: the ${what.en} was not masked; it has been masked as ${value} before publishing.`,
    );
  } else {
    log.warn(
      `invalid-${kind}`,
      where,
      `${p.zh}的${what.zh}有误：${outcome.reason}；已打码为 ${value} 发布，请核对。`,
      `${p.en}: the ${what.en} looks wrong: ${outcome.reasonEn}; published masked as ${value}, please check it.`,
    );
  }
  return value;
}

/**
 * A free-text cell (摘要, 备注, …): trimmed, null when empty, numbers inside it masked. A number
 * cell of 16 or more digits is an ID or card number Excel has rounded: it is masked whole.
 */
export function freeText(raw: Cell | undefined, where: Where, header: string | null, log: IssueLog, idMask: TextMask): string | null {
  const text = cellText(raw);
  if (text === '') return null;
  if (typeof raw === 'number' && Math.abs(raw) >= 1e15) {
    const p = place(where, header);
    const value = maskMiddle(text, idMask);
    log.warn(
      'unmasked-in-text',
      where,
      `${p.zh}是一个被 Excel 存成数字的长号码（可能是身份证号或银行卡号），已打码为 ${value} 后发布，末几位可能已经丢失，请核对。`,
      `${p.en} holds a long number Excel stored as a number (probably an ID or card number); it has been masked as ${value}, and its last digits may be lost. Please check it.`,
    );
    return value;
  }
  return maskText(text, where, header, log, idMask);
}

export function maskText(text: string, where: Where, header: string | null, log: IssueLog, idMask: TextMask): string {
  const result = maskNumbersInText(text, idMask, { allow: idMask.allow });
  if (result.found.length === 0) return text;
  const p = place(where, header);
  const zh = p.zh || (where.field ? `“${fieldLabel(where.field)}”` : '标题');
  const en = p.en || (where.field ? `Field ${where.field}` : 'The title');
  const kinds = [...new Set(result.found)];
  const phones = phoneHint(result.numbers);
  log.warn(
    'unmasked-in-text',
    where,
    `${zh}的文字中有未打码的${kinds.map((k) => NAMES[k].zh).join('、')}，已自动打码后发布。${phones.zh}`,
    `${en}: the text contains an unmasked ${kinds.map((k) => NAMES[k].en).join(', ')}; it has been masked before publishing.${phones.en}`,
  );
  return result.text;
}

/** What the number is, for messages, by the recogniser's kind. */
export const PERSONAL_NUMBER_NAMES: Record<PersonalNumberKind, { zh: string; en: string }> = {
  'id-number': { zh: '身份证号', en: 'ID number' },
  mobile: { zh: '电话号码', en: 'phone number' },
  landline: { zh: '电话号码', en: 'phone number' },
  'bank-card': { zh: '银行卡号', en: 'bank card number' },
};

/** The way to keep a hotline: configure it, since no word beside a number can make it public. */
export function phoneHint(numbers: readonly MaskedInText[]): { zh: string; en: string } {
  const phones = numbers.filter((n) => n.kind === 'mobile' || n.kind === 'landline').map((n) => n.masked);
  if (phones.length === 0) return { zh: '', en: '' };
  return {
    zh: `电话号码 ${phones.join('、')} 已隐去中间数字；如是公开的监督或举报电话，请在 PORTAL_PUBLIC_PHONES 中登记后重新上传。`,
    en: ` The phone number ${phones.join(', ')} has its middle digits hidden; if it is a public supervision or complaints hotline, list it in PORTAL_PUBLIC_PHONES and upload again.`,
  };
}

// ——— private helpers ———

const NAMES: Record<NumberKind, { zh: string; en: string }> = {
  'id-number': { zh: '身份证号', en: 'ID number' },
  phone: { zh: '电话号码', en: 'phone number' },
  'bank-card': { zh: '银行卡号', en: 'bank card number' },
};
