import { maskBankCard, maskIdNumber, maskNumbersInText, maskPhone, type MaskFormat, type NumberKind } from '../personal-data.ts';
import { cellText, type Cell } from './grid.ts';
import { place, type IssueLog, type Where } from './issues.ts';

/**
 * Personal numbers on their way into a publication. Every value that leaves here is safe to
 * publish; an unmasked or malformed number is masked and reported as a warning that names the
 * row and column but never carries the number itself.
 */
export function maskedNumber(
  kind: NumberKind,
  raw: Cell | undefined,
  where: Where,
  header: string | null,
  log: IssueLog,
  idMask: MaskFormat,
  seq: string | null = null,
): string | null {
  const outcome =
    kind === 'id-number' ? maskIdNumber(raw ?? null, idMask) : kind === 'phone' ? maskPhone(raw ?? null) : maskBankCard(raw ?? null);
  if (outcome.kind === 'empty') return null;
  if (outcome.kind === 'already-masked') return outcome.value;
  const p = place(where, header, seq);
  const what = NAMES[kind];
  if (outcome.kind === 'masked') {
    log.warn(
      `unmasked-${kind}`,
      where,
      `${p.zh}的${what.zh}没有打码，已自动打码为 ${outcome.value} 后发布。原件请勿外传。`,
      `${p.en}: the ${what.en} was not masked; it has been masked as ${outcome.value} before publishing.`,
    );
  } else {
    log.warn(
      `invalid-${kind}`,
      where,
      `${p.zh}的${what.zh}有误：${outcome.reason}；已打码为 ${outcome.value} 发布，请核对。`,
      `${p.en}: the ${what.en} looks wrong: ${outcome.reasonEn}; published masked as ${outcome.value}, please check it.`,
    );
  }
  return outcome.value;
}

/** A free-text cell (摘要, 备注, …): trimmed, null when empty, numbers inside it masked. */
export function freeText(raw: Cell | undefined, where: Where, header: string | null, log: IssueLog, idMask: MaskFormat): string | null {
  const text = cellText(raw);
  if (text === '') return null;
  return maskText(text, where, header, log, idMask);
}

export function maskText(text: string, where: Where, header: string | null, log: IssueLog, idMask: MaskFormat): string {
  const result = maskNumbersInText(text, idMask);
  if (result.found.length === 0) return text;
  const p = place(where, header);
  const kinds = [...new Set(result.found)];
  log.warn(
    'unmasked-in-text',
    where,
    `${p.zh}的文字中有未打码的${kinds.map((k) => NAMES[k].zh).join('、')}，已自动打码后发布。`,
    `${p.en}: the text contains an unmasked ${kinds.map((k) => NAMES[k].en).join(', ')}; it has been masked before publishing.`,
  );
  return result.text;
}

// ——— private helpers ———

const NAMES: Record<NumberKind, { zh: string; en: string }> = {
  'id-number': { zh: '身份证号', en: 'ID number' },
  phone: { zh: '电话号码', en: 'phone number' },
  'bank-card': { zh: '银行卡号', en: 'bank card number' },
};
