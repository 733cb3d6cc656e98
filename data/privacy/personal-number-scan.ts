import { DEFAULT_ID_MASK, maskedPersonalNumber } from '../personal-data.ts';
import { publicNumberKeys, recognisePersonalNumbers, type PersonalNumberKind } from './personal-numbers.ts';

/**
 * Finds unmasked personal numbers in published text: the last line of defence behind the
 * importer's masking. Both read text with the same recogniser (personal-numbers.ts): ID numbers
 * (18 and 15 digits), mobiles (+86 / 0086 too), landlines with their area code and bank cards,
 * however they are grouped and in whatever width, each standing alone — not part of a longer
 * digit run or of a word of letters and digits (hashes, publication ids), not the fraction of a
 * decimal. So whatever maskNumbersInText masks, this reports, and text it has masked is clean.
 *
 * Numbers published on purpose are not reported only when they are listed in `allow` (the
 * configured supervision and public phones), in any written form. Nothing is exempt for the
 * words around it: a villager's 联系电话 in a remark is as personal as one in its own column.
 */
export type { PersonalNumberKind };

export interface Finding {
  kind: PersonalNumberKind;
  /** UTF-16 index of the number's first character in the text (its +86 or bracket included) */
  at: number;
  /** 1-based line of `at` */
  line?: number;
  /** the number masked, safe to print in a report */
  shown: string;
}

export interface ScanOptions {
  /** numbers published on purpose, in any written form: only their digits are compared */
  allow?: readonly string[];
}

export const KIND_NAME: Record<PersonalNumberKind, { zh: string; en: string }> = {
  'id-number': { zh: '身份证号', en: 'ID number' },
  mobile: { zh: '手机号', en: 'mobile number' },
  landline: { zh: '固定电话', en: 'landline number' },
  'bank-card': { zh: '银行卡号', en: 'bank card number' },
};

/** One line of a report: `v/…/index.html:17 身份证号 / ID number 430802********1328`. */
export function describeFinding(where: string, f: { kind: PersonalNumberKind; line?: number | null; shown: string }): string {
  const name = KIND_NAME[f.kind];
  return `${where}${f.line == null ? '' : `:${f.line}`} ${name.zh} / ${name.en} ${f.shown}`;
}

export function findPersonalNumbers(text: string, options: ScanOptions = {}): Finding[] {
  const allowed = publicNumberKeys(options.allow);
  const findings: Finding[] = [];
  let lineAt = 0;
  let line = 1;
  for (const n of recognisePersonalNumbers(text)) {
    if (allowed.has(n.digits)) continue;
    for (; lineAt < n.start; lineAt++) if (text.charCodeAt(lineAt) === 10) line++;
    findings.push({ kind: n.kind, at: n.start, line, shown: maskedPersonalNumber(n, DEFAULT_ID_MASK) });
  }
  return findings;
}
