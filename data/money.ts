/**
 * Money and exact decimals. Amounts are integer fen (分); nothing here multiplies floats.
 * A JS number (an Excel numeric cell) is first turned into its shortest round-trip decimal
 * string, and all arithmetic after that is on digit strings and BigInt.
 */

export type AmountUnit = 'yuan' | 'wan'; // 元 or 万元
export type AmountParse =
  | { kind: 'empty' }
  | { kind: 'ok'; fen: number }
  | { kind: 'invalid'; reason: string; reasonEn: string };

export type DecimalParse =
  | { kind: 'empty' }
  | { kind: 'ok'; text: string }
  | { kind: 'invalid'; reason: string; reasonEn: string };

export type QuantityParse =
  | { kind: 'empty' }
  | { kind: 'ok'; text: string; unit: string | null }
  | { kind: 'invalid'; reason: string; reasonEn: string };

/** Cell contents that mean "nothing here" in village spreadsheets. */
export const EMPTY_MARKS: ReadonlySet<string> = new Set(['', '-', '--', '—', '——', '–', '/', '／', '无']);

export function parseAmount(value: unknown, unit: AmountUnit = 'yuan'): AmountParse {
  const text = cellText(value);
  if (text.kind !== 'text') return text;
  let s = text.text.replace(/\s+/g, ' ').trim();
  if (EMPTY_MARKS.has(s)) return { kind: 'empty' };

  let negative = false;
  const paren = /^\((.*)\)$/.exec(s);
  if (paren) {
    negative = true;
    s = (paren[1] ?? '').trim();
  }
  // A written unit wins over the column's unit: "1200.00元" in a 万元 column is still 元.
  let effective = unit;
  const suffix = /^(.*?)\s*(万元|万|元)$/.exec(s);
  if (suffix) {
    s = suffix[1] ?? '';
    effective = suffix[2] === '元' ? 'yuan' : 'wan';
  }
  const sign = /^([-+])\s*(.*)$/.exec(s);
  if (sign) {
    negative = negative !== (sign[1] === '-');
    s = sign[2] ?? '';
  }
  s = s.replace(/^(RMB|CNY|¥)\s*/i, '');
  const innerSign = /^([-+])\s*(.*)$/.exec(s);
  if (innerSign && !sign) {
    negative = negative !== (innerSign[1] === '-');
    s = innerSign[2] ?? '';
  }

  const digits = plainDigits(s);
  if (!digits) {
    return invalid(`“${text.text}”不是金额`, `"${text.text}" is not an amount`);
  }
  const scale = effective === 'wan' ? 6 : 2;
  const frac = digits.frac.replace(/0+$/, '');
  if (frac.length > scale) {
    return effective === 'wan'
      ? invalid(
          `“${text.text}”万元的小数位超过6位，无法精确到分`,
          `"${text.text}" has more than 6 decimal places in 万元 (10,000 yuan), finer than a fen`,
        )
      : invalid(
          `“${text.text}”的小数位超过2位，无法精确到分`,
          `"${text.text}" has more than 2 decimal places, finer than a fen`,
        );
  }
  const fen = BigInt(digits.int + frac.padEnd(scale, '0'));
  if (fen > BigInt(Number.MAX_SAFE_INTEGER)) {
    return invalid(`“${text.text}”金额过大`, `"${text.text}" is too large an amount`);
  }
  const n = Number(fen);
  return { kind: 'ok', fen: negative && n !== 0 ? -n : n };
}

/** 2015000 → "20,150.00" */
export function formatFen(fen: number): string {
  const { sign, yuan, cents } = splitFen(fen);
  return `${sign}${yuan.replace(/\B(?=(\d{3})+$)/g, ',')}.${cents}`;
}

/** 2015000 → "20150.00", for CSV and JSON exports */
export function fenToPlain(fen: number): string {
  const { sign, yuan, cents } = splitFen(fen);
  return `${sign}${yuan}.${cents}`;
}

/** Quantities such as 面积: "3.70" stays "3.70", 3.7 → "3.7", "６.４０" → "6.40". */
export function parseDecimal(value: unknown): DecimalParse {
  const text = cellText(value);
  if (text.kind !== 'text') return text;
  const s = text.text.replace(/\s+/g, '');
  if (EMPTY_MARKS.has(s)) return { kind: 'empty' };
  const m = /^([-+]?)(.*)$/.exec(s);
  const digits = plainDigits(m?.[2] ?? '');
  if (!digits) return invalid(`“${text.text}”不是数字`, `"${text.text}" is not a number`);
  const body = digits.frac ? `${digits.int}.${digits.frac}` : digits.int;
  const zero = /^0(\.0+)?$/.test(body);
  return { kind: 'ok', text: m?.[1] === '-' && !zero ? `-${body}` : body };
}

/** A quantity with an optional written unit: "3.70亩" → { text: "3.70", unit: "亩" }. */
export function parseQuantity(value: unknown): QuantityParse {
  if (typeof value !== 'string') return withUnit(parseDecimal(value), null);
  const s = toHalfWidth(value).trim();
  const m = /^(.*?\d\.?)\s*([^\d\s.,+-][^\d]*)$/.exec(s);
  if (!m) return withUnit(parseDecimal(value), null);
  return withUnit(parseDecimal(m[1] ?? ''), (m[2] ?? '').trim());
}

/**
 * quantity × rate (rate in 元), in fen, exact before rounding: 3.70 × 105.65 元 = 390.905 元 →
 * 39091 half-up, 39090 truncated, 39090 half-even. Half-up rounds halves away from zero (四舍五入).
 * Inputs must be decimals (as parseDecimal accepts); anything else is a programming error.
 */
export function productFen(quantity: string, rateYuan: string): { halfUp: number; truncated: number; halfEven: number } {
  const q = toScaled(quantity);
  const r = toScaled(rateYuan);
  const numerator = q.value * r.value * 100n;
  const denominator = 10n ** BigInt(q.scale + r.scale);
  const negative = numerator < 0n;
  const abs = negative ? -numerator : numerator;
  const quotient = abs / denominator;
  const twiceRemainder = (abs % denominator) * 2n;
  const halfUp = twiceRemainder >= denominator ? quotient + 1n : quotient;
  const halfEven =
    twiceRemainder > denominator || (twiceRemainder === denominator && quotient % 2n === 1n) ? quotient + 1n : quotient;
  const out = (v: bigint): number => {
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`product ${quantity} × ${rateYuan} is out of range`);
    const n = Number(v);
    return negative && n !== 0 ? -n : n;
  };
  return { halfUp: out(halfUp), truncated: out(quotient), halfEven: out(halfEven) };
}

/** Exact decimal sum, at the largest scale among the inputs: ["3.70", "1.3"] → "5.00". */
export function sumDecimals(values: string[]): string {
  const parsed = values.map(toScaled);
  const scale = parsed.reduce((max, p) => Math.max(max, p.scale), 0);
  const total = parsed.reduce((sum, p) => sum + p.value * 10n ** BigInt(scale - p.scale), 0n);
  return scaledToText(total, scale);
}

/** Full-width ASCII (２０，１５０．００, （, ￥) to half-width; other characters unchanged, lengths unchanged. */
export function toHalfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E\u3000\uFFE5\u2212]/g, (c) => {
    if (c === '\u3000') return ' ';
    if (c === '\uFFE5') return '¥';
    if (c === '\u2212') return '-';
    return String.fromCharCode(c.charCodeAt(0) - 0xfee0);
  });
}

/**
 * A JS number as the decimal an official sees in Excel. The shortest round-trip string is exact
 * for typed values; Excel shows at most 15 significant digits, so float noise from a formula
 * (0.1+0.2 = 0.30000000000000004) is read as the 0.3 shown on screen.
 */
export function numberToDecimalString(n: number): string {
  let s = expandExponent(String(n));
  const significant = s.replace(/^-/, '').replace('.', '').replace(/^0+/, '');
  if (significant.length > 15) s = expandExponent(n.toPrecision(15));
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  return s;
}

// ——— private helpers ———

type CellText = { kind: 'text'; text: string } | { kind: 'empty' } | { kind: 'invalid'; reason: string; reasonEn: string };

function cellText(value: unknown): CellText {
  if (value === null || value === undefined) return { kind: 'empty' };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return invalid(`“${String(value)}”不是有效数字`, `"${String(value)}" is not a finite number`);
    return { kind: 'text', text: numberToDecimalString(value) };
  }
  if (typeof value === 'bigint') return { kind: 'text', text: value.toString() };
  if (typeof value === 'string') return { kind: 'text', text: toHalfWidth(value).trim() };
  return invalid('不是数字或文本', 'not a number or text');
}

/** "20,150.00" → { int: "20150", frac: "00" }; commas only as proper thousands groups. */
function plainDigits(s: string): { int: string; frac: string } | null {
  const m = /^(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d*))?$/.exec(s);
  if (!m || (m[1] === undefined && !m[2])) return null;
  const int = (m[1] ?? '0').replace(/,/g, '').replace(/^0+(?=\d)/, '');
  return { int, frac: m[2] ?? '' };
}

function expandExponent(s: string): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/i.exec(s);
  if (!m) return s;
  const digits = (m[2] ?? '') + (m[3] ?? '');
  const point = (m[2] ?? '').length + Number(m[4]);
  let out: string;
  if (point <= 0) out = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length);
  else out = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return (m[1] ?? '') + out;
}

function toScaled(text: string): { value: bigint; scale: number } {
  const parsed = parseDecimal(text);
  if (parsed.kind !== 'ok') throw new RangeError(`not a decimal: ${JSON.stringify(text)}`);
  const [int = '0', frac = ''] = parsed.text.replace(/^-/, '').split('.');
  const value = BigInt(int + frac);
  return { value: parsed.text.startsWith('-') ? -value : value, scale: frac.length };
}

function scaledToText(value: bigint, scale: number): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, '0');
  const body = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${body}` : body;
}

function splitFen(fen: number): { sign: string; yuan: string; cents: string } {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`fen must be a safe integer, got ${fen}`);
  const abs = Math.abs(fen);
  return { sign: fen < 0 ? '-' : '', yuan: String((abs - (abs % 100)) / 100), cents: String(abs % 100).padStart(2, '0') };
}

function withUnit(p: DecimalParse, unit: string | null): QuantityParse {
  return p.kind === 'ok' ? { ...p, unit: unit || null } : p;
}

function invalid(reason: string, reasonEn: string): { kind: 'invalid'; reason: string; reasonEn: string } {
  return { kind: 'invalid', reason, reasonEn };
}
