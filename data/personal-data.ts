/**
 * Masking of ID-card, phone and bank-card numbers before anything is stored or published.
 * Every outcome except 'empty' carries a `value` that is safe to publish: for 'masked' and
 * 'invalid' it never contains the raw number, so a caller that ignores the kind still cannot leak it.
 */
import { toHalfWidth } from './money.ts';
import { luhnValid, publicNumberKeys, recognisePersonalNumbers, type PersonalNumber, type PersonalNumberKind } from './privacy/personal-numbers.ts';

export { luhnValid };

export interface MaskFormat {
  keepStart: number;
  keepEnd: number;
}

export type MaskOutcome =
  | { kind: 'empty' }
  | { kind: 'already-masked'; value: string }
  | { kind: 'masked'; value: string }
  | { kind: 'invalid'; value: string; reason: string; reasonEn: string };

export type NumberKind = 'id-number' | 'phone' | 'bank-card';

export const DEFAULT_ID_MASK: MaskFormat = { keepStart: 6, keepEnd: 4 };

/** Fewer hidden characters than this does not count as masked. */
const MIN_MASKED = 4;

/** How people space and group a number in a cell: spaces, hyphens and dashes of every width … */
const DASHES_AND_SPACES = /[\s\-\u2010-\u2015\u2212]/g;
/** … and dots, slashes and brackets, stripped only after a 4.3e+17 has been recognised as one. */
const OTHER_SEPARATORS = /[.·・\/()]/g;

export function maskIdNumber(raw: unknown, format: MaskFormat): MaskOutcome {
  const text = rawText(raw);
  if (text.kind === 'empty') return text;
  const spaced = text.text.replace(DASHES_AND_SPACES, '');
  const s = spaced.replace(OTHER_SEPARATORS, '');

  if (lostDigits(text, spaced)) {
    // Excel keeps 15 significant digits, so an 18-digit ID stored as a number has lost its tail.
    const digits = text.fromNumber ? text.text : expandPositiveExponent(spaced);
    return {
      kind: 'invalid',
      value: maskMiddle(digits, { keepStart: format.keepStart, keepEnd: 0 }),
      reason: '身份证号被 Excel 存成了数字，末几位已经丢失；请把该列设为文本格式后重新填写',
      reasonEn: 'the ID number was stored by Excel as a number and its last digits are lost; format the column as text and re-enter it',
    };
  }

  const value = normaliseMaskChars(s, true);
  if (value.includes('*') && /^[\d*]+X?$/.test(value)) {
    if (countStars(value) >= MIN_MASKED && value.length <= 18) return { kind: 'already-masked', value };
    // masked too little to be safe: mask again in the configured format
    if (value.length === 18 || value.length === 15) return masked(maskMiddle(value, format));
  }

  if (/^\d{17}[\dXx]$/.test(s) || /^\d{15}$/.test(s)) return masked(maskMiddle(s.toUpperCase(), format));

  const length = [...s].length;
  return {
    kind: 'invalid',
    value: maskMiddle(s, format),
    ...(/^\d+$/.test(s)
      ? {
          reason: `身份证号应为18位或15位，这里是${length}位`,
          reasonEn: `an ID number has 18 or 15 digits, this one has ${length}`,
        }
      : {
          reason: '身份证号格式不对（只能是数字，最后一位可以是X）',
          reasonEn: 'not an ID number (digits only, the last may be X)',
        }),
  };
}

export function maskPhone(raw: unknown): MaskOutcome {
  const text = rawText(raw);
  if (text.kind === 'empty') return text;
  const s = text.text;
  const compact = s.replace(DASHES_AND_SPACES, '').replace(OTHER_SEPARATORS, '');

  const value = normaliseMaskChars(compact, false);
  if (/^\+?[\d*]+$/.test(value) && countStars(value) >= MIN_MASKED && value.replace(/\D/g, '').length <= 8) {
    return { kind: 'already-masked', value: normaliseMaskChars(s.replace(/\s+/g, ''), false) };
  }

  const [whole, ...more] = recognisePersonalNumbers(s);
  if (whole && more.length === 0 && whole.start === 0 && whole.end === s.length && (whole.kind === 'mobile' || whole.kind === 'landline')) {
    return masked(maskedPersonalNumber(whole, DEFAULT_ID_MASK));
  }

  const mobile = /^(?:\+?86|0086)?(1[3-9]\d{9})$/.exec(compact);
  if (mobile?.[1]) return masked(`${mobile[1].slice(0, 3)}****${mobile[1].slice(-4)}`);

  const landline = /^(?:\(?(0\d{2,3})\)?[\s-]?)?(\d{7,8})(?:(?:转|-|ext\.?)\s*(\d{1,6}))?$/i.exec(s.replace(/\s+/g, ''));
  if (landline?.[2]) {
    const sub = landline[2];
    const maskedSub = `${sub.slice(0, 2)}${'*'.repeat(sub.length - 4)}${sub.slice(-2)}`;
    return masked(landline[1] ? `${landline[1]}-${maskedSub}` : maskedSub);
  }

  return {
    kind: 'invalid',
    value: maskMiddle(compact, { keepStart: 3, keepEnd: 2 }),
    reason: '电话号码格式不对（手机号应为11位）',
    reasonEn: 'not a phone number (a mobile number has 11 digits)',
  };
}

export function maskBankCard(raw: unknown): MaskOutcome {
  const text = rawText(raw);
  if (text.kind === 'empty') return text;
  const spaced = text.text.replace(DASHES_AND_SPACES, '');
  const compact = spaced.replace(OTHER_SEPARATORS, '');

  const value = normaliseMaskChars(compact, false);
  if (/^[\d*]+$/.test(value) && countStars(value) >= MIN_MASKED && value.replace(/\*/g, '').length <= 10) {
    return { kind: 'already-masked', value };
  }
  if (lostDigits(text, spaced)) {
    return {
      kind: 'invalid',
      value: maskMiddle(compact, { keepStart: 4, keepEnd: 0 }),
      reason: '银行卡号被 Excel 存成了数字，末几位已经丢失；请把该列设为文本格式后重新填写',
      reasonEn: 'the bank card number was stored by Excel as a number and its last digits are lost; format the column as text and re-enter it',
    };
  }
  if (/^\d{12,19}$/.test(compact)) return masked(maskMiddle(compact, { keepStart: 4, keepEnd: 4 }));

  return {
    kind: 'invalid',
    value: maskMiddle(compact, { keepStart: 4, keepEnd: 4 }),
    reason: '银行卡号格式不对（应为12到19位数字）',
    reasonEn: 'not a bank card number (12 to 19 digits)',
  };
}

/** GB 11643-1999: 18 characters with a valid birth date and check character, or the old 15-digit form. */
export function isValidIdNumber(id: string): boolean {
  if (/^\d{15}$/.test(id)) return validBirthDate(`19${id.slice(6, 12)}`);
  if (!/^\d{17}[\dX]$/.test(id) || !validBirthDate(id.slice(6, 14))) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(id[i]), 0);
  return '10X98765432'[sum % 11] === id[17];
}

export interface MaskTextOptions {
  /** numbers published on purpose (PORTAL_SUPERVISION_PHONES, PORTAL_PUBLIC_PHONES), in any written form */
  allow?: readonly string[];
}

export interface MaskedInText {
  kind: PersonalNumberKind;
  /** as published: 430802********1328, 138****2975, 0744-****000, 6222********7894 */
  masked: string;
}

/**
 * Masks every personal number the recogniser (privacy/personal-numbers.ts) finds in free text,
 * however it is written, except the numbers in `allow`. The audit scanner reports exactly what
 * this masks, so text that has been through here passes the audit.
 */
export function maskNumbersInText(
  text: string,
  format: MaskFormat,
  options: MaskTextOptions = {},
): { text: string; found: NumberKind[]; numbers: MaskedInText[] } {
  const allowed = publicNumberKeys(options.allow);
  const found: NumberKind[] = [];
  const numbers: MaskedInText[] = [];
  let out = '';
  let last = 0;
  for (const n of recognisePersonalNumbers(text)) {
    if (allowed.has(n.digits)) continue;
    const masked = maskedPersonalNumber(n, format);
    found.push(n.kind === 'mobile' || n.kind === 'landline' ? 'phone' : n.kind);
    numbers.push({ kind: n.kind, masked });
    // a +86 or 0086 stays as written; only the number behind it is personal
    out += text.slice(last, n.start) + (n.kind === 'mobile' ? text.slice(n.start, n.coreStart) : '') + masked;
    last = n.end;
  }
  return { text: out + text.slice(last), found, numbers };
}

/**
 * A recognised number as it is published: an ID in the configured format, a mobile 138****2975,
 * a landline with its area code and last 3 digits (0744-****000), a card's first and last 4.
 */
export function maskedPersonalNumber(n: Pick<PersonalNumber, 'kind' | 'digits' | 'areaCode'>, format: MaskFormat): string {
  const d = n.digits;
  switch (n.kind) {
    case 'id-number':
      return maskMiddle(d, format);
    case 'mobile':
      return `${d.slice(0, 3)}****${d.slice(-4)}`;
    case 'landline': {
      const area = n.areaCode ?? '';
      const subscriber = d.slice(area.length);
      return `${area}-${'*'.repeat(subscriber.length - 3)}${subscriber.slice(-3)}`;
    }
    case 'bank-card':
      return maskMiddle(d, { keepStart: 4, keepEnd: 4 });
  }
}

/**
 * Keeps `keepStart` and `keepEnd` characters and stars the rest, but always hides at least a third
 * and at least 4 characters (all of a shorter value), so a generous format cannot expose a number.
 */
export function maskMiddle(value: string, format: MaskFormat): string {
  const chars = [...value];
  const hidden = Math.max(
    chars.length - format.keepStart - format.keepEnd,
    Math.ceil(chars.length / 3),
    Math.min(chars.length, MIN_MASKED),
  );
  const visible = chars.length - hidden;
  let start = Math.min(format.keepStart, Math.ceil(visible / 2));
  const end = Math.min(format.keepEnd, visible - start);
  start = Math.min(format.keepStart, visible - end);
  return chars.slice(0, start).join('') + '*'.repeat(chars.length - start - end) + (end > 0 ? chars.slice(-end).join('') : '');
}

// ——— private helpers ———

type RawText = { kind: 'empty' } | { kind: 'text'; text: string; fromNumber: boolean };

function rawText(raw: unknown): RawText {
  if (raw === null || raw === undefined) return { kind: 'empty' };
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return { kind: 'text', text: String(raw), fromNumber: false };
    // exact digits for integers, including ones Excel has already rounded
    return { kind: 'text', text: Number.isInteger(raw) ? BigInt(raw).toString() : String(raw), fromNumber: true };
  }
  if (typeof raw === 'bigint') return { kind: 'text', text: raw.toString(), fromNumber: false };
  // a leading apostrophe is Excel's "store as text" marker
  const text = toHalfWidth(String(raw)).trim().replace(/^'/, '');
  if (['', '-', '--', '—', '/', '无'].includes(text)) return { kind: 'empty' };
  return { kind: 'text', text, fromNumber: false };
}

function masked(value: string): MaskOutcome {
  return { kind: 'masked', value };
}

/** A number Excel stored with 15 significant digits, or its scientific-notation text, has lost digits. */
function lostDigits(text: { text: string; fromNumber: boolean }, compact: string): boolean {
  return (text.fromNumber && text.text.replace(/\D/g, '').length > 15) || /^\d(\.\d+)?e\+?\d+$/i.test(compact);
}

/**
 * ＊ is already * after toHalfWidth; × and x are mask characters too. For an ID, a final X or x
 * after a digit is the check digit (upper-cased), any other X is a mask character.
 */
function normaliseMaskChars(s: string, idCheckDigit: boolean): string {
  const check = idCheckDigit && /\d[Xx]$/.test(s);
  const body = (check ? s.slice(0, -1) : s).replace(/[×xX]/g, '*');
  return check ? `${body}X` : body;
}

function countStars(s: string): number {
  return (s.match(/\*/g) ?? []).length;
}

function expandPositiveExponent(s: string): string {
  const m = /^(\d)(?:\.(\d+))?e\+?(\d+)$/i.exec(s);
  if (!m) return s;
  const digits = (m[1] ?? '') + (m[2] ?? '');
  return digits.padEnd(Number(m[3]) + 1, '0');
}

function validBirthDate(yyyymmdd: string): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (y < 1800 || m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
}
