import { daysInMonth } from '../dates.ts';
import { formatFen, parseAmount } from '../money.ts';
import type { PaymentDue } from '../publication.ts';
import { addDays, addMonths, addYears, firstOnOrAfter, wholeYears } from './iso-date-math.ts';
import { quote } from './issues.ts';

/**
 * A contract's payment terms in words (缴费方式: 按年缴纳，每年12月31日前) to every instalment over
 * its whole term, so that what has fallen due can be set against what the ledger shows received.
 * The schedule follows the words; where they cannot be read, or disagree with the annual amount,
 * a note says so and the caller reports it against the row. Nothing is guessed: an unreadable
 * phrase gives no schedule rather than a wrong one.
 */

export interface ScheduleRequest {
  start: string | null;
  end: string | null;
  /** fen per contract year */
  annualAmount: number | null;
  terms: string | null;
}

/** Said about the schedule, without the row: the caller puts the place in front. */
export interface ScheduleNote {
  code: string;
  zh: string;
  en: string;
}

export interface Schedule {
  schedule: PaymentDue[];
  notes: ScheduleNote[];
}

/** Past this a term is a typo (the longest lease of collective land is 70 years). */
export const MAX_TERM_YEARS = 100;

export function paymentSchedule(request: ScheduleRequest): Schedule {
  const { start, end, annualAmount, terms } = request;
  if (start === null || end === null || annualAmount === null) {
    const missing = [
      start === null ? { zh: '起始日期', en: 'start date' } : null,
      end === null ? { zh: '终止日期', en: 'end date' } : null,
      annualAmount === null ? { zh: '年租金', en: 'annual amount' } : null,
    ].filter((m) => m !== null);
    const en = `the ${missing.map((m) => m.en).join(' and ')} ${missing.length > 1 ? 'are' : 'is'} missing`;
    return none('schedule-incomplete', `缺少${missing.map((m) => m.zh).join('、')}`, en);
  }
  if (terms === null || terms.trim() === '') return none('payment-terms-missing', '缴费方式为空', 'the payment terms are empty');
  if (end < start) return none('term-reversed', `终止日期 ${end} 早于起始日期 ${start}`, `the end date ${end} is before the start date ${start}`);
  if (addYears(start, MAX_TERM_YEARS) <= end) {
    return none('term-too-long', `合同期限超过 ${MAX_TERM_YEARS} 年，请核对起止日期`, `the term is over ${MAX_TERM_YEARS} years; check the dates`);
  }
  if (annualAmount <= 0) return { schedule: [], notes: [] };

  const words = readTerms(terms);
  if (words === null) return unrecognised(terms);
  const term: Term = { start, end, annual: annualAmount };
  if (words.oneOff && words.firstYears !== null) return firstYearsThenYearly(term, words, terms);
  if (words.oneOff) return wholeTerm(term, words);
  if (words.months === null || words.amounts.length > 1 || (words.months === 12 && words.dates.length > 1)) return unrecognised(terms);
  return periodic(term, start, words.months, words.dates, words.amounts[0] ?? null);
}

// ——— private helpers ———

interface Term {
  start: string;
  end: string;
  annual: number;
}

interface MonthDay {
  month: number;
  day: number;
}

interface Words {
  oneOff: boolean;
  /** 前5年 */
  firstYears: number | null;
  thereafter: boolean;
  /** 12 yearly, 6 half-yearly, 3 quarterly; null when no period is named */
  months: number | null;
  dates: MonthDay[];
  /** fen, in the order written */
  amounts: number[];
}

const EXAMPLES_ZH = '请写成“按年缴纳，每年12月31日前”或“半年缴纳，1月1日、7月1日前各3,000元”等';
const EXAMPLES_EN = 'write it as e.g. “按年缴纳，每年12月31日前” (yearly, by 31 December) or “半年缴纳，1月1日、7月1日前各3,000元” (half-yearly, 3,000 by 1 January and 1 July)';
const NOT_COVERED_ZH = '未生成应收计划，应收款核对将不覆盖这份合同';
const NOT_COVERED_EN = 'no payment schedule was made, and the check of receivables will not cover this contract';

function readTerms(terms: string): Words | null {
  const t = terms.normalize('NFKC').replace(/\s+/g, '');
  const dates: MonthDay[] = [];
  for (const m of t.matchAll(/(\d{1,2})月(\d{1,2})[日号]/g)) {
    const month = Number(m[1]);
    const day = Number(m[2]);
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(2000, month)) return null;
    dates.push({ month, day });
  }
  const amounts: number[] = [];
  for (const m of t.matchAll(/(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:万元|万|元)(?![/每])/g)) {
    // 每亩400元 is a rate, not an instalment
    if (/每(亩|平方米|平米|m2|间|个)$/.test(t.slice(0, m.index))) continue;
    const parsed = parseAmount(m[0]);
    if (parsed.kind !== 'ok' || parsed.fen <= 0) return null;
    amounts.push(parsed.fen);
  }
  const first = /前(\d{1,2})年/.exec(t);
  const months = /半年/.test(t) ? 6 : /季/.test(t) ? 3 : /按年|年付|每年|年缴|年交|年度|一年一[交缴付]/.test(t) ? 12 : null;
  return {
    oneOff: /一次性|一次付清|一次缴清|一次交清|一次缴纳|一次支付/.test(t),
    firstYears: first ? Number(first[1]) : null,
    thereafter: /此后|以后|之后|其余|剩余|余下/.test(t),
    months,
    dates,
    amounts,
  };
}

/** 一次性缴纳前5年6,000元，此后按年: one instalment at the start, then yearly from year N+1. */
function firstYearsThenYearly(term: Term, words: Words, terms: string): Schedule {
  const years = words.firstYears ?? 0;
  const restStart = addYears(term.start, years);
  if (years < 1 || words.amounts.length > 2 || (restStart <= term.end && !(words.thereafter && words.months === 12)) || words.dates.length > 1) {
    return unrecognised(terms);
  }
  const expected = term.annual * years;
  const stated = words.amounts[0] ?? null;
  const notes: ScheduleNote[] = [];
  if (stated !== null && stated !== expected) {
    notes.push(mismatch(`前${years}年一次性缴纳 ${formatFen(stated)} 元`, `the first ${years} years paid at once as ${formatFen(stated)}`, `年租金的${years}倍 ${formatFen(expected)} 元`, `${years} × the annual amount, ${formatFen(expected)}`));
  }
  const firstTo = minDate(addDays(restStart, -1), term.end);
  const schedule: PaymentDue[] = [{ due: term.start, amount: stated ?? expected, covers: { from: term.start, to: firstTo } }];
  if (restStart > term.end) return { schedule, notes };
  const rest = periodic(term, restStart, 12, words.dates, words.amounts[1] ?? null);
  return { schedule: [...schedule, ...rest.schedule], notes: [...notes, ...rest.notes] };
}

/** 一次性缴纳 / 一次性付清: the whole term at the start. */
function wholeTerm(term: Term, words: Words): Schedule {
  const years = wholeYears(term.start, term.end);
  const stated = words.amounts.length === 1 ? (words.amounts[0] ?? null) : null;
  if (words.amounts.length > 1 || (years === null && stated === null)) {
    return none(
      'term-not-whole-years',
      `一次性缴纳，但合同期限（${term.start} 至 ${term.end}）不是整年，无法按年租金算出应缴金额；请在缴费方式中写明金额（如“一次性缴纳30,000元”）`,
      `paid at once, but the term (${term.start} to ${term.end}) is not a whole number of years, so the amount cannot be worked out from the annual amount; state it (e.g. “一次性缴纳30,000元”)`,
    );
  }
  const notes: ScheduleNote[] = [];
  if (years !== null && stated !== null && stated !== term.annual * years) {
    notes.push(mismatch(`一次性缴纳 ${formatFen(stated)} 元`, `paid at once as ${formatFen(stated)}`, `年租金乘以${years}年为 ${formatFen(term.annual * years)} 元`, `the annual amount × ${years} years is ${formatFen(term.annual * years)}`));
  }
  const amount = stated ?? term.annual * (years ?? 0);
  return { schedule: [{ due: term.start, amount, covers: { from: term.start, to: term.end } }], notes };
}

/**
 * Yearly, half-yearly or quarterly from `from` to the end of the term. Each instalment is due on
 * the first stated month-day on or after its period's start (the start itself when none is stated).
 */
function periodic(term: Term, from: string, months: number, dates: readonly MonthDay[], stated: number | null): Schedule {
  const perYear = 12 / months;
  const base = Math.floor(term.annual / perYear);
  const extra = term.annual - base * perYear;
  const notes: ScheduleNote[] = [];
  if (stated !== null && stated * perYear !== term.annual) {
    const what = months === 12 ? '每年' : months === 6 ? '每半年' : '每季度';
    const whatEn = months === 12 ? 'each year' : months === 6 ? 'each half-year' : 'each quarter';
    notes.push(
      mismatch(
        `${what}缴纳 ${formatFen(stated)} 元${perYear > 1 ? `，每年共 ${formatFen(stated * perYear)} 元` : ''}`,
        `${formatFen(stated)} ${whatEn}${perYear > 1 ? `, ${formatFen(stated * perYear)} a year` : ''}`,
        `年租金 ${formatFen(term.annual)} 元`,
        `the annual amount, ${formatFen(term.annual)}`,
      ),
    );
  }
  const schedule: PaymentDue[] = [];
  for (let k = 0; ; k++) {
    const periodStart = addMonths(from, months * k);
    if (periodStart > term.end) break;
    const next = addMonths(from, months * (k + 1));
    const to = minDate(addDays(next, -1), term.end);
    const due = dates.length === 0 ? periodStart : dates.map((d) => firstOnOrAfter(periodStart, d.month, d.day)).sort()[0] ?? periodStart;
    const amount = stated ?? (k % perYear === 0 ? base + extra : base);
    schedule.push({ due, amount, covers: { from: periodStart, to } });
    if (to < addDays(next, -1)) {
      notes.push({
        code: 'partial-final-period',
        zh: `合同最后一期（${periodStart} 至 ${to}）不足一整期，应收计划仍按整期 ${formatFen(amount)} 元列入，请核对`,
        en: `the last period (${periodStart} to ${to}) is shorter than a full one; the schedule still lists the full ${formatFen(amount)}, please check`,
      });
    }
  }
  return { schedule, notes };
}

function mismatch(statedZh: string, statedEn: string, expectedZh: string, expectedEn: string): ScheduleNote {
  return {
    code: 'payment-terms-mismatch',
    zh: `缴费方式写明${statedZh}，与${expectedZh}不符；应收计划按缴费方式写明的金额生成，请核对`,
    en: `the payment terms say ${statedEn}, which does not match ${expectedEn}; the schedule follows the amounts in the terms, please check`,
  };
}

function unrecognised(terms: string): Schedule {
  return {
    schedule: [],
    notes: [{ code: 'payment-terms-unrecognised', zh: `无法识别缴费方式“${quote(terms)}”，${NOT_COVERED_ZH}。${EXAMPLES_ZH}`, en: `The payment terms “${quote(terms)}” could not be read; ${NOT_COVERED_EN}. ${capitalise(EXAMPLES_EN)}.` }],
  };
}

function none(code: string, zh: string, en: string): Schedule {
  return { schedule: [], notes: [{ code, zh: `${zh}，${NOT_COVERED_ZH}。`, en: `${capitalise(en)}; ${NOT_COVERED_EN}.` }] };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}
