/**
 * Masking of ID-card, phone and bank-card numbers before anything is stored or published.
 * Every outcome except 'empty' carries a `value` that is safe to publish: for 'masked' and
 * 'invalid' it never contains the raw number, so a caller that ignores the kind still cannot leak it.
 */
import { toHalfWidth } from './money.ts';

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

export function maskIdNumber(raw: unknown, format: MaskFormat): MaskOutcome {
  const text = rawText(raw);
  if (text.kind === 'empty') return text;
  const s = text.text.replace(/[\s-]/g, '');

  if (lostDigits(text, s)) {
    // Excel keeps 15 significant digits, so an 18-digit ID stored as a number has lost its tail.
    const digits = text.fromNumber ? text.text : expandPositiveExponent(s);
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
  const compact = s.replace(/[\s\-()]/g, '');

  const value = normaliseMaskChars(compact, false);
  if (/^\+?[\d*]+$/.test(value) && countStars(value) >= MIN_MASKED && value.replace(/\D/g, '').length <= 8) {
    return { kind: 'already-masked', value: normaliseMaskChars(s.replace(/\s+/g, ''), false) };
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
  const compact = text.text.replace(/[\s-]/g, '');

  const value = normaliseMaskChars(compact, false);
  if (/^[\d*]+$/.test(value) && countStars(value) >= MIN_MASKED && value.replace(/\*/g, '').length <= 10) {
    return { kind: 'already-masked', value };
  }
  if (lostDigits(text, compact)) {
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

export function luhnValid(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * Masks numbers embedded in free text such as a 备注: ID numbers (18 or 15 characters), mobile
 * numbers (not part of a longer digit run) and 16–19-digit card numbers. A 15–19-digit run that
 * is neither an ID nor Luhn-valid is masked as a card anyway: in a remark it is almost always an
 * account number, and over-masking is the safe side.
 */
export function maskNumbersInText(text: string, format: MaskFormat): { text: string; found: NumberKind[] } {
  // Full-width digits are single UTF-16 units, so indices in the half-width copy match the original.
  const probe = toHalfWidth(text);
  const found: NumberKind[] = [];
  let out = '';
  let last = 0;
  for (const m of probe.matchAll(NUMBER_IN_TEXT)) {
    const digits = m[0].replace(/[ -]/g, '');
    const replacement = classify(digits, format);
    if (!replacement) continue;
    found.push(replacement.kind);
    out += text.slice(last, m.index) + replacement.value;
    last = m.index + m[0].length;
  }
  return { text: out + text.slice(last), found };
}

// Grouped forms first (ID 6-8-4, card in fours, mobile 3-4-4) so a date and a number next to each
// other are never joined into one run; then plain digit runs, an ID's check X included.
const NUMBER_IN_TEXT = new RegExp(
  [
    String.raw`(?<!\d)\d{6}[ -]\d{8}[ -]\d{3}[\dXx](?![\dA-Za-z])`,
    String.raw`(?<!\d)\d{4}(?:[ -]\d{4}){3}(?:[ -]?\d{1,3})?(?!\d)`,
    String.raw`(?<!\d)1[3-9]\d[ -]\d{4}[ -]\d{4}(?!\d)`,
    String.raw`(?<!\d)\d+(?:[Xx](?![A-Za-z]))?(?!\d)`,
  ].join('|'),
  'g',
);

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

function classify(digits: string, format: MaskFormat): { kind: NumberKind; value: string } | null {
  const upper = digits.toUpperCase();
  if (/^\d{17}[\dX]$/.test(upper) && validBirthDate(upper.slice(6, 14))) {
    return { kind: 'id-number', value: maskMiddle(upper, format) };
  }
  if (/^\d{15}$/.test(upper) && validBirthDate(`19${upper.slice(6, 12)}`) && !luhnValid(upper)) {
    return { kind: 'id-number', value: maskMiddle(upper, format) };
  }
  if (/^(?:86)?1[3-9]\d{9}$/.test(upper)) {
    const mobile = upper.slice(-11);
    return { kind: 'phone', value: `${mobile.slice(0, 3)}****${mobile.slice(-4)}` };
  }
  if (/^\d{15,}$/.test(upper)) return { kind: 'bank-card', value: maskMiddle(upper, { keepStart: 4, keepEnd: 4 }) };
  return null;
}
