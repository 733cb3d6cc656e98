import { digitAt, isDigit, isOpenBracket, readChunk, type Chunk, type Group } from './digit-runs.ts';

/**
 * The one recogniser of personal numbers in text. The importer's masking (maskNumbersInText in
 * personal-data.ts) and the audit scanner (personal-number-scan.ts) both call it, so whatever one
 * finds the other masks: they cannot disagree.
 *
 * It reads a text as runs of digit groups joined by short separators — spaces (ideographic too),
 * - – — . · / and brackets, full-width forms included — and finds, group-aligned:
 *
 * - ID numbers: 18 characters (17 digits, then a digit or X) or the 15-digit first generation,
 *   a province code first and a real birth date inside; the check character is not required,
 *   since an ID with one digit mistyped is still someone's; written whole or in groups
 *   (6-8-4, 6-4-4-4, 3-3-4-4-4, 4-4-4-4-2 …);
 * - mainland mobiles: 1[3-9] and 9 more digits, behind +86 / 0086 / 86 or not, whole or in up to
 *   three groups of at least 3 digits (3-4-4, 4-4-3, 3-8 …);
 * - landlines with their area code: 010/02x + 8 digits, 0xxx + 7 or 8, the subscriber number
 *   starting 2–9 (0744-8101000, 0744 8101000, (0744)8101000, 07448101000);
 * - bank cards: 16–19 digits, whole or in fours (6-… too), that pass Luhn and start 3–6;
 *   UnionPay (62…) and old domestic (95…) numbers count even when they fail Luhn, since a card
 *   or passbook number with one digit wrong is still someone's account.
 *
 * A number is written with one kind of separator throughout (138-2609-2975, not 1668-458 1668,
 * which is how an SVG path lists coordinates); only a country or area code may differ. Digits
 * against two mask characters (430802********1328, 138****2975) are the kept ends of a masked
 * number, so masked text reads clean; a raw number after a single * does not.
 *
 * It leaves alone what ledgers are full of: dates (their 1–2-digit groups fit no grouping),
 * amounts (commas end a run, the digits after a lone decimal point are a fraction), 12-digit
 * village codes, credit codes and ids (a number glued to letters is part of a word, unless the
 * letters are a short label such as ID or Tel), voucher numbers, times, 12388 and 400 numbers.
 *
 * Linear in the text: digits are looked at only where a run has 11 or more of them.
 */
export type PersonalNumberKind = 'id-number' | 'mobile' | 'landline' | 'bank-card';

export interface PersonalNumber {
  kind: PersonalNumberKind;
  /** UTF-16 span in the text, a +86 or an opening bracket included */
  start: number;
  end: number;
  /** where the number proper starts, after +86 / 0086 / 86 */
  coreStart: number;
  /** digits only (an ID's check character upper-case X): a mobile without its country code, a landline with its area code */
  digits: string;
  /** a landline's area code (0744), else null */
  areaCode: string | null;
}

export function recognisePersonalNumbers(text: string): PersonalNumber[] {
  const found: PersonalNumber[] = [];
  let i = 0;
  while (i < text.length) {
    if (!isDigit(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const chunk = readChunk(text, i, MIN_DIGITS);
    if (chunk.digitCount >= MIN_DIGITS) readNumbers(text, chunk, found);
    i = chunk.end;
  }
  return found;
}

/**
 * The key a published-on-purpose number is compared by: its digits, a mobile's without +86 /
 * 0086. Null when the text has fewer than 3 digits.
 */
export function publicNumberKey(written: string): string | null {
  let digits = '';
  for (let i = 0; i < written.length; i++) {
    const d = digitAt(written, i);
    if (d !== null) digits += d;
  }
  if (digits.length < 3) return null;
  if (/\d\s*[XxＸｘ]\s*$/.test(written)) return `${digits}X`;
  return /^(?:0086|86)(1[3-9]\d{9})$/.exec(digits)?.[1] ?? digits;
}

export function publicNumberKeys(allow: readonly string[] | undefined): Set<string> {
  const keys = new Set<string>();
  for (const entry of allow ?? []) {
    const key = publicNumberKey(entry);
    if (key !== null) keys.add(key);
  }
  return keys;
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

// ——— private helpers ———

/** The shortest personal numbers (a mobile, 010 + 8 digits, 0744 + 7) have 11 digits. */
const MIN_DIGITS = 11;
/** 3-3-4-4-4 and 4-4-4-4-3 are the most groups a number is written in, +86 adds one. */
const MAX_GROUPS = 6;
/**
 * Greedy from the left, the longest reading at each group first — but never one that swallows
 * the first groups of a number that would be read on past it: in "6222 0212 3456 7895 139 1234
 * 5678" the card ends at 7895, since 139 starts a mobile.
 */
function readNumbers(text: string, chunk: Chunk, found: PersonalNumber[]): void {
  const { groups, separators } = chunk;
  const n = groups.length;
  const dotRuns = dotRunLengths(separators);
  const fraction = groups.map((_, k) => k > 0 && isDecimalPoint(separators, dotRuns, k - 1));
  // From the right, so a reading is checked against those taken after it; iterative, since a
  // run can have thousands of groups.
  const taken: Array<{ j: number; reading: Reading } | null> = Array(n).fill(null);
  for (let i = n - 1; i >= 0; i--) {
    if (fraction[i] || (i === 0 && !chunk.leftOpen)) continue;
    let digits = 0;
    const last = Math.min(n - 1, i + MAX_GROUPS - 1);
    for (let k = i; k <= last; k++) digits += (groups[k] as Group).digits.length;
    for (let j = last; j >= i; j--) {
      if (j < last) digits -= (groups[j + 1] as Group).digits.length;
      if (digits < MIN_DIGITS || digits > 19) continue;
      if (j === n - 1 && !chunk.rightOpen) continue;
      if (someBetween(i, j - 1, (k) => (groups[k] as Group).x)) continue;
      const reading = classify(groups.slice(i, j + 1), separators.slice(i, j));
      if (!reading) continue;
      // Across a lone dot only a phone: 138.26092975 is one, 62.857142857142854 is a percentage.
      if (reading.kind !== 'mobile' && reading.kind !== 'landline' && someBetween(i + 1, j, (k) => fraction[k] === true)) continue;
      if (someBetween(i + 1, j, (k) => (taken[k]?.j ?? -1) > j)) continue;
      taken[i] = { j, reading };
      break;
    }
  }
  let i = 0;
  while (i < n) {
    const chosen = taken[i];
    if (!chosen) {
      i++;
      continue;
    }
    const { j, reading } = chosen;
    const first = groups[i] as Group;
    let start = first.start;
    if (reading.kind === 'mobile' || reading.kind === 'landline') {
      if (i === 0) start = chunk.prefixStart;
      else if (isOpenBracket(text[start - 1])) start--;
    }
    found.push({ ...reading, start, end: (groups[j] as Group).end });
    i = j + 1;
  }
}

function someBetween(from: number, to: number, test: (k: number) => boolean): boolean {
  for (let k = from; k <= to; k++) if (test(k)) return true;
  return false;
}

type Reading = Omit<PersonalNumber, 'start' | 'end'>;

/** `separators` are those between `groups`: a number is written with one kind throughout. */
function classify(groups: Group[], separators: string[]): Reading | null {
  const last = groups[groups.length - 1] as Group;
  const digits = groups.map((g) => g.digits).join('');
  if (digits.length < MIN_DIGITS || digits.length > 19) return null;
  const sizes = groups.map((g) => g.digits.length + (g.x ? 1 : 0));
  const base = { coreStart: (groups[0] as Group).start, areaCode: null };
  const uniform = separators.every((sep) => sep === separators[0]);
  if (last.x) return uniform && digits.length === 17 && idGrouping(sizes) && validId18(`${digits}X`) ? { ...base, kind: 'id-number', digits: `${digits}X` } : null;
  if (uniform && digits.length === 18 && idGrouping(sizes) && validId18(digits)) return { ...base, kind: 'id-number', digits };
  if (uniform && digits.length === 15 && idGrouping(sizes) && validId15(digits)) return { ...base, kind: 'id-number', digits };
  const mobile = readMobile(groups, separators, digits, sizes);
  if (mobile) return mobile;
  const landline = readLandline(groups, digits, sizes);
  if (landline) return landline;
  if (uniform && digits.length >= 16 && cardGrouping(sizes) && (/^(?:62|95)/.test(digits) || (/^[3-6]/.test(digits) && luhnValid(digits)))) {
    return { ...base, kind: 'bank-card', digits };
  }
  return null;
}

function readMobile(groups: Group[], separators: string[], digits: string, sizes: number[]): Reading | null {
  const m = /^(0086|86)?(1[3-9]\d{9})$/.exec(digits);
  if (!m?.[2]) return null;
  const first = groups[0] as Group;
  const prefix = m[1]?.length ?? 0;
  let core = sizes;
  let coreSeparators = separators;
  let coreStart = first.start;
  if (prefix > 0) {
    const head = sizes[0] as number;
    if (head === prefix) {
      core = sizes.slice(1);
      coreSeparators = separators.slice(1);
      coreStart = (groups[1] as Group).start;
    } else if (head > prefix) {
      core = [head - prefix, ...sizes.slice(1)];
      coreStart = first.start + prefix;
    } else return null;
  }
  if (core.length > 3 || core.some((s) => s < 3) || coreSeparators.some((sep) => sep !== coreSeparators[0])) return null;
  return { kind: 'mobile', coreStart, digits: m[2], areaCode: null };
}

function readLandline(groups: Group[], digits: string, sizes: number[]): Reading | null {
  if (digits[0] !== '0') return null;
  const coreStart = (groups[0] as Group).start;
  if (sizes.length === 1) {
    const m = /^(0(?:10|2\d))[2-9]\d{7}$/.exec(digits) ?? /^(0[3-9]\d{2})[2-9]\d{6,7}$/.exec(digits);
    return m?.[1] ? { kind: 'landline', coreStart, digits, areaCode: m[1] } : null;
  }
  const area = (groups[0] as Group).digits;
  const subscriber = digits.slice(area.length);
  const lengths = /^0(?:10|2\d)$/.test(area) ? [8] : /^0[3-9]\d{2}$/.test(area) ? [7, 8] : [];
  if (!lengths.includes(subscriber.length) || !/^[2-9]/.test(subscriber)) return null;
  // at most two subscriber groups: one separator between them, the area code's may differ
  if (sizes.length > 3 || sizes.slice(1).some((s) => s < 3)) return null;
  return { kind: 'landline', coreStart, digits, areaCode: area };
}

/** 18 whole, or 6-8-4, 6-4-4-4, 3-3-4-4-4, 4-4-4-4-2, 6-6-6 …: the region first, no group under 3 but the last. */
function idGrouping(sizes: number[]): boolean {
  if (sizes.length === 1) return true;
  if (sizes.length > 5 || ![3, 4, 6].includes(sizes[0] as number)) return false;
  return sizes.slice(0, -1).every((s) => s >= 3) && (sizes[sizes.length - 1] as number) >= 2;
}

/** Whole, in fours with a shorter last group, or 6 then the rest. */
function cardGrouping(sizes: number[]): boolean {
  if (sizes.length === 1) return true;
  if (sizes.length === 2 && sizes[0] === 6) return true;
  const last = sizes[sizes.length - 1] as number;
  return sizes.slice(0, -1).every((s) => s === 4) && last >= 1 && last <= 4;
}

const PROVINCE = /^(?:1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5]|71|8[1-3])/;

function validId18(id: string): boolean {
  return PROVINCE.test(id) && validBirthDate(id.slice(6, 14));
}

function validId15(id: string): boolean {
  return PROVINCE.test(id) && validBirthDate(`19${id.slice(6, 12)}`);
}

function validBirthDate(yyyymmdd: string): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
}
/**
 * A lone "." between two groups (110323.02, 13826092975.00) is a decimal point: no number starts
 * in the fraction, and only a phone number (138.26092975, 0744.8101000) runs across it. Dots
 * between three or more groups (138.2609.2975, 2026.7.3) are separators.
 */
function isDecimalPoint(separators: string[], dotRuns: readonly number[], k: number): boolean {
  if (separators[k] !== '.') return false;
  if (separators[k - 1] !== '.' && separators[k + 1] !== '.') return true;
  // .212.224.231.114.454.243 in an SVG path: a list of fractions, longer than any dotted number
  return (dotRuns[k] ?? 0) > 4;
}

/**
 * For each separator, how many '.' separators in a row it stands in (0 for another one): in one
 * pass, since a run can be thousands long (a 28 KB line of "1.1.1.…", found by the import fuzz,
 * cost a second when each dot walked its run).
 */
function dotRunLengths(separators: readonly string[]): number[] {
  const runs: number[] = Array(separators.length).fill(0);
  for (let k = 0; k < separators.length; ) {
    if (separators[k] !== '.') {
      k++;
      continue;
    }
    let end = k;
    while (separators[end + 1] === '.') end++;
    for (let i = k; i <= end; i++) runs[i] = end - k + 1;
    k = end + 1;
  }
  return runs;
}
