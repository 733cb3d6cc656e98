import { DEFAULT_ID_MASK, isValidIdNumber, luhnValid, maskMiddle } from '../personal-data.ts';

/**
 * Finds unmasked personal numbers in published text: the last line of defence behind the
 * importer's masking (personal-data.ts). It looks for
 *
 * - ID numbers: 18 characters with a GB 11643 check character (a lower-case x too), also written
 *   6-8-4 with spaces or hyphens;
 * - mainland mobile numbers: 11 digits 1[3-9]…, also 3-4-4 with spaces or hyphens and behind
 *   +86 / 0086 / 86;
 * - bank card numbers: 16–19 digits starting 3–6 that pass Luhn, also in groups of four;
 *
 * each standing alone: not part of a longer digit run, not inside a word of letters and digits
 * (hashes, publication ids, base32), not next to a mask character (*, ×), not the whole or
 * fractional part of a decimal (13812345678.00). Other numbers — 12-digit village codes, dates,
 * voucher numbers, amounts with thousands separators — cannot match.
 *
 * Two kinds of number are published on purpose and not reported: those in `allow` (the
 * configured supervision phones), and a mobile number whose line or cell presents it as a
 * contact (监督电话, 举报电话, 联系…), which the importer keeps unmasked for the same reason
 * (publicNotes in data/import/import-common.ts). ID and card numbers are never exempt.
 *
 * Pure and linear in the text: one regular-expression pass; line numbers are counted only for
 * what is found.
 */
export type PersonalNumberKind = 'id-number' | 'mobile' | 'bank-card';

export interface Finding {
  kind: PersonalNumberKind;
  /** UTF-16 index of the number's first character in the text */
  at: number;
  /** 1-based line of `at` */
  line?: number;
  /** the number masked, safe to print in a report */
  shown: string;
}

export interface ScanOptions {
  /** numbers published on purpose, in any format: only their digits are compared */
  allow?: readonly string[];
}

export const KIND_NAME: Record<PersonalNumberKind, { zh: string; en: string }> = {
  'id-number': { zh: '身份证号', en: 'ID number' },
  mobile: { zh: '手机号', en: 'mobile number' },
  'bank-card': { zh: '银行卡号', en: 'bank card number' },
};

/** One line of a report: `v/…/index.html:17 身份证号 / ID number 430802********1328`. */
export function describeFinding(where: string, f: { kind: PersonalNumberKind; line?: number | null; shown: string }): string {
  const name = KIND_NAME[f.kind];
  return `${where}${f.line == null ? '' : `:${f.line}`} ${name.zh} / ${name.en} ${f.shown}`;
}

export function findPersonalNumbers(text: string, options: ScanOptions = {}): Finding[] {
  const allowed = allowSet(options.allow);
  const findings: Finding[] = [];
  const re = new RegExp(CANDIDATE.source, 'g');
  let lineAt = 0;
  let line = 1;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    // Most candidates are 12-digit village codes: a plain run of a length no number has is skipped at once.
    if (m[1] !== undefined && noNumberThisLong(m[1].length) && text[m.index - 1] !== '%' && text[m.index - 2] !== '%') continue;
    // %B7 before 138…: the escape's hex digits joined the run; the number starts after them.
    const start = m.index + escapeDigitsAt(text, m.index);
    const found = readings(text, m[0], m.index, start)
      .map(({ end, digits }) => (standsAlone(text, start, end) ? classify(digits, end) : null))
      .find((k) => k !== null);
    if (!found || allowed.has(found.core) || (found.kind === 'mobile' && presentedAsContact(text, start, found.end))) {
      // A rejected grouped candidate may overlap a number that starts after its first group.
      const gap = m[0].search(/[ -]/);
      if (gap > 0) re.lastIndex = m.index + gap;
      continue;
    }
    re.lastIndex = found.end;
    for (; lineAt < start; lineAt++) if (text.charCodeAt(lineAt) === 10) line++;
    findings.push({ kind: found.kind, at: start, line, shown: found.shown });
  }
  return findings;
}

// ——— private helpers ———

const D = '[0-9\\uFF10-\\uFF19]';
const SEP = '[ \\-]';
/**
 * A plain run of 11+ digits first, so a run is always taken whole (its length decides what it
 * is); then the grouped ways people write an ID (6-8-4), a card (fours) and a mobile (3-4-4).
 */
const CANDIDATE = new RegExp(
  [
    `(${D}{11,})`,
    `${D}{6}${SEP}${D}{8}${SEP}${D}{3}(?:${D}|[Xx])`,
    `${D}{4}(?:${SEP}${D}{4}){3}(?:${SEP}?${D}{1,3})?`,
    `(?:(?:\\+|00)86${SEP}?)?1[3-9]${D}${SEP}?${D}{4}${SEP}?${D}{4}`,
  ].join('|'),
  'g',
);

/** 12 and 14 digits, or more than 19, are neither an ID, a mobile (with 86 / 0086 before it) nor a card. */
function noNumberThisLong(length: number): boolean {
  return length === 12 || length === 14 || length > 19;
}

/**
 * The ways to read a candidate, longest first: an ID's check X right after 17 digits belongs to
 * it, and "6222 0212 3456 7894 138 2609 2975" is a card then a mobile, not a 19-digit card.
 */
function readings(text: string, match: string, index: number, start: number): Array<{ end: number; digits: string }> {
  const end = index + match.length;
  const digits = halfWidthDigits(match.slice(start - index));
  const next = text[end];
  if (digits.length === 17 && /^\d+$/.test(digits) && (next === 'X' || next === 'x')) return [{ end: end + 1, digits: `${digits}X` }];
  const fours = CARD_IN_FOURS.exec(match)?.[1];
  if (fours && fours.length < match.length) return [{ end, digits }, { end: index + fours.length, digits: halfWidthDigits(fours) }];
  return [{ end, digits }];
}

const CARD_IN_FOURS = new RegExp(`^(${D}{4}(?:${SEP}${D}{4}){3})${SEP}?${D}{1,3}$`);

const CONTACT_WORDS = /电话|热线|联系|举报|监督|投诉|咨询/;

interface Classified {
  kind: PersonalNumberKind;
  /** where the number ends in the text */
  end: number;
  /** the digits compared against the allow list */
  core: string;
  shown: string;
}

function classify(candidate: string, end: number): Classified | null {
  const s = candidate.replace(/[^\dXx]/g, '').toUpperCase();
  if (s.length === 18 && /^[1-8]/.test(s) && isValidIdNumber(s)) {
    return { kind: 'id-number', end, core: s, shown: maskMiddle(s, DEFAULT_ID_MASK) };
  }
  if (!/^\d+$/.test(s)) return null;
  const mobile = /^(?:0086|86)?(1[3-9]\d{9})$/.exec(s)?.[1];
  if (mobile) return { kind: 'mobile', end, core: mobile, shown: `${mobile.slice(0, 3)}****${mobile.slice(-4)}` };
  if (s.length >= 16 && s.length <= 19 && /^[3-6]/.test(s) && luhnValid(s)) {
    return { kind: 'bank-card', end, core: s, shown: maskMiddle(s, { keepStart: 4, keepEnd: 4 }) };
  }
  return null;
}

/** Not glued to more digits, letters, mask characters or a decimal point. */
function standsAlone(text: string, start: number, end: number): boolean {
  const before = text[start - 1] ?? '';
  const after = text[end] ?? '';
  if (isDigit(after) || isMaskChar(before) || isMaskChar(after)) return false;
  if (isDigit(before)) return percentEscapeEndsAt(text, start) && labelBefore(text, start);
  if (isLetter(after)) return false;
  if (after === '.' && isDigit(text[end + 1] ?? '')) return false;
  if (before === '.' && isDigit(text[start - 2] ?? '')) return false;
  return !isLetter(before) || labelBefore(text, start);
}

function isMaskChar(c: string): boolean {
  return c === '*' || c === '＊' || c === '×';
}

/**
 * Letters right before the number: a short label (ID, No, Tel) counts as a separate word, and so
 * do percent-encoded bytes (?q=%E7%94%B5%E8%AF%9D13812345678); anything longer, or letters mixed
 * with digits, is an identifier — a hash or an id — whose digits mean nothing.
 */
function labelBefore(text: string, start: number): boolean {
  let i = start;
  while (percentEscapeEndsAt(text, i)) i -= 3;
  if (i < start) return !isAlphanumeric(text[i - 1] ?? '');
  let letters = 0;
  while (isLetter(text[i - 1] ?? '')) {
    i -= 1;
    letters += 1;
  }
  return letters <= 4 && !isDigit(text[i - 1] ?? '');
}

/** The mobile's cell or line — up to a line break, a tag, a quote, a comma or a tab — names it as a contact. */
function presentedAsContact(text: string, start: number, end: number): boolean {
  const stop = /[\n\r<>",\t]/;
  let from = start;
  while (from > 0 && start - from < 200 && !stop.test(text[from - 1] ?? '')) from -= 1;
  let to = end;
  while (to < text.length && to - end < 200 && !stop.test(text[to] ?? '')) to += 1;
  return CONTACT_WORDS.test(text.slice(from, to));
}

/** How many characters at `i` are the hex digits of a %XX escape begun before `i` (0, 1 or 2). */
function escapeDigitsAt(text: string, i: number): number {
  if (text[i - 1] === '%' && isHex(text[i] ?? '') && isHex(text[i + 1] ?? '')) return 2;
  if (text[i - 2] === '%' && isHex(text[i - 1] ?? '') && isHex(text[i] ?? '')) return 1;
  return 0;
}

function percentEscapeEndsAt(text: string, i: number): boolean {
  return i >= 3 && text[i - 3] === '%' && isHex(text[i - 2] ?? '') && isHex(text[i - 1] ?? '');
}

function allowSet(allow: readonly string[] | undefined): Set<string> {
  const set = new Set<string>();
  for (const entry of allow ?? []) {
    const digits = halfWidthDigits(entry).replace(/\D/g, '');
    if (digits === '') continue;
    set.add(digits);
    // +86 138… on the allow list allows 138… written without the country code
    const mobile = /^(?:0086|86)(1[3-9]\d{9})$/.exec(digits)?.[1];
    if (mobile) set.add(mobile);
  }
  return set;
}

function halfWidthDigits(s: string): string {
  return s.replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

function isDigit(c: string): boolean {
  return (c >= '0' && c <= '9') || (c >= '\uFF10' && c <= '\uFF19');
}

function isLetter(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

function isAlphanumeric(c: string): boolean {
  return isDigit(c) || isLetter(c);
}

function isHex(c: string): boolean {
  return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
