/**
 * Runs of digit groups in text, as the recogniser (personal-numbers.ts) reads them: digits (half
 * or full width) joined by short separators, with what stands before and after the run — a word
 * the digits belong to, a short label, a URL escape, the kept ends of a masked number.
 */

const MAX_SEPARATOR = 4;

export interface Group {
  start: number;
  /** end of the digits, then of the check X when there is one */
  digitsEnd: number;
  end: number;
  digits: string;
  x: boolean;
}

export interface Chunk {
  groups: Group[];
  /** separators[k] joins groups k and k+1 */
  separators: string[];
  end: number;
  digitCount: number;
  /** where a +86 or ( written before the first group starts */
  prefixStart: number;
  /** a number may start at the first group: no word or longer run before it */
  leftOpen: boolean;
  /** a number may end at the last group: no letter after it */
  rightOpen: boolean;
}

/** The run starting at the digit at `from`; its groups' digits are filled in only when it has `minDigits` or more. */
export function readChunk(text: string, from: number, minDigits: number): Chunk {
  const groups: Group[] = [];
  const separators: string[] = [];
  let digitCount = 0;
  let p = from;
  let skipped = 0;
  for (;;) {
    let q = p;
    while (q < text.length && isDigit(text.charCodeAt(q))) q++;
    // %B713826092975: the escape's hex digits joined the run; the number starts after them.
    if (groups.length === 0) skipped = escapeDigitsAt(text, p);
    const start = groups.length === 0 ? p + skipped : p;
    const x = (text[q] === 'X' || text[q] === 'x' || text[q] === 'Ｘ' || text[q] === 'ｘ') && !isAlphanumeric(text.charCodeAt(q + 1));
    const end = x ? q + 1 : q;
    if (q > start) {
      // digits are filled in only for a run long enough to hold a number
      groups.push({ start, digitsEnd: q, end, digits: '', x });
      digitCount += q - start;
    }
    let r = end;
    let separator = '';
    while (r < text.length && r - end < MAX_SEPARATOR) {
      const sep = separatorAt(text.charCodeAt(r));
      if (sep === null) break;
      separator += sep;
      r++;
    }
    if (groups.length > 0 && separator !== '' && isDigit(text.charCodeAt(r)) && validSeparator(separator)) {
      separators.push(separator);
      p = r;
      continue;
    }
    const first = groups[0];
    if (!first) return { groups, separators, end: Math.max(end, from + 1), digitCount: 0, prefixStart: from, leftOpen: false, rightOpen: false };
    if (digitCount >= minDigits) for (const g of groups) g.digits = digitsOf(text, g.start, g.digitsEnd);
    let prefixStart = first.start;
    if (skipped === 0) {
      while (prefixStart > 0 && first.start - prefixStart < 2 && (text[prefixStart - 1] === '+' || text[prefixStart - 1] === '＋' || isOpenBracket(text[prefixStart - 1]))) prefixStart--;
    }
    const before = text.charCodeAt(prefixStart - 1);
    const last = groups[groups.length - 1] as Group;
    const leftOpen =
      !keptEnd(text, prefixStart - 2, first) &&
      (skipped > 0 || percentEscapeEndsAt(text, prefixStart) ? labelBefore(text, prefixStart) : !isDigit(before) && (!isLetter(before) || labelBefore(text, prefixStart)));
    return { groups, separators, end, digitCount, prefixStart, leftOpen, rightOpen: !isAlphanumeric(text.charCodeAt(end)) && !keptEnd(text, end, last) };
  }
}

// ——— private helpers ———

function digitsOf(text: string, from: number, to: number): string {
  let digits = '';
  for (let i = from; i < to; i++) digits += digitAt(text, i);
  return digits;
}
/**
 * One space or one mark, with a space either side of a mark, two marks only with a bracket:
 * " ", "-", " - ", ") ", ")-". Two spaces in a row end the run: that is how cells are joined
 * into a line (合计  36  15770.40), and numbers in neighbouring cells are not one number.
 */
function validSeparator(s: string): boolean {
  let spaces = 0;
  let marks = 0;
  let brackets = 0;
  for (const c of s) {
    if (c === ' ') spaces++;
    else {
      marks++;
      if (c === '(' || c === ')') brackets++;
    }
  }
  return !s.includes('  ') && marks <= 2 && (marks < 2 || brackets > 0) && (marks > 0 || spaces <= 1);
}

/** A separator character, normalised: spaces, dashes, dots, slashes and brackets in any width. */
function separatorAt(c: number): string | null {
  if (c === 0x20 || c === 0xa0 || c === 0x3000 || (c >= 0x2002 && c <= 0x200a)) return ' ';
  if (c === 0x2d || (c >= 0x2010 && c <= 0x2015) || c === 0x2212 || c === 0xff0d || c === 0xfe63) return '-';
  if (c === 0x2e || c === 0xff0e) return '.';
  if (c === 0xb7 || c === 0x30fb || c === 0xff65) return '·';
  if (c === 0x2f || c === 0xff0f) return '/';
  if (c === 0x28 || c === 0xff08) return '(';
  if (c === 0x29 || c === 0xff09) return ')';
  return null;
}

/**
 * Two mask characters at `i` next to a group of under 11 digits: the group is a kept end of a
 * masked number (430802********1328, 138****2975), not the start or end of a number of its own.
 * A single * (a footnote mark) is no mask, and 11 digits or more against stars
 * (13826092975****) are a number someone only pretended to mask.
 */
function keptEnd(text: string, i: number, group: Group): boolean {
  return group.digitsEnd - group.start < 11 && isMaskChar(text[i]) && isMaskChar(text[i + 1]);
}

function isMaskChar(c: string | undefined): boolean {
  return c === '*' || c === '＊' || c === '×';
}

export function isOpenBracket(c: string | undefined): boolean {
  return c === '(' || c === '（';
}

export function isDigit(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19);
}

export function digitAt(text: string, i: number): string | null {
  const c = text.charCodeAt(i);
  if (c >= 0x30 && c <= 0x39) return text[i] as string;
  if (c >= 0xff10 && c <= 0xff19) return String.fromCharCode(c - 0xfee0);
  return null;
}

function isLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a);
}

function isAlphanumeric(c: number): boolean {
  return isDigit(c) || isLetter(c);
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

/**
 * How many characters at `i` are the hex digits of a %XX escape begun before `i` (0, 1 or 2). A
 * "%" followed by two digits counts only inside a URL (after =, &, ?, / or another escape):
 * elsewhere 完成100%13826092975 is a percentage and a number.
 */
function escapeDigitsAt(text: string, i: number): number {
  if (text[i - 1] === '%' && isHex(text.charCodeAt(i)) && isHex(text.charCodeAt(i + 1))) {
    return '=&?/'.includes(text[i - 2] ?? ' ') || percentEscapeEndsAt(text, i - 1) ? 2 : 0;
  }
  if (text[i - 2] === '%' && isHex(text.charCodeAt(i - 1)) && isHex(text.charCodeAt(i))) return 1;
  return 0;
}

function percentEscapeEndsAt(text: string, i: number): boolean {
  return i >= 3 && text[i - 3] === '%' && isHex(text.charCodeAt(i - 2)) && isHex(text.charCodeAt(i - 1));
}

/**
 * Letters right before a number: a short label (ID, No, Tel) counts as a separate word, and so do
 * percent-encoded bytes (?q=%E7%94%B5%E8%AF%9D13812345678); anything longer, or letters mixed with
 * digits, is an identifier — a hash or an id — whose digits mean nothing.
 */
function labelBefore(text: string, start: number): boolean {
  let i = start;
  while (percentEscapeEndsAt(text, i)) i -= 3;
  if (i < start) return !isAlphanumeric(text.charCodeAt(i - 1));
  let letters = 0;
  while (isLetter(text.charCodeAt(i - 1))) {
    i -= 1;
    letters += 1;
  }
  return letters <= 4 && !isDigit(text.charCodeAt(i - 1));
}
