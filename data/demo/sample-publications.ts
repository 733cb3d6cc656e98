import type {
  FinanceContent,
  FinanceEntry,
  ProjectContent,
  ProjectItem,
  PublicationContent,
  SubsidyContent,
  SubsidyRow,
} from '../publication.ts';
import type { Division } from '../region.ts';
import { digits, hash, int, pick, rng, shuffle, type Rng } from './seeded-random.ts';
import {
  FESTIVALS,
  GIVEN_NAMES,
  GROUPS,
  LEDGER_TEMPLATES,
  PHONE_PREFIXES,
  PROGRESS_STATES,
  PROJECT_TEMPLATES,
  SUBSIDY_PROGRAMMES,
  SURNAMES,
  type LedgerContext,
  type LedgerTemplate,
  type SubsidyProgramme,
} from './sample-vocabulary.ts';

export const SAMPLE_TITLE_PREFIX = '【示例数据】';

export interface SampleOptions {
  /** how many villages get sample publications */
  count: number;
  seed: number;
  /** YYYY-MM-DD; the ledger covers the latest quarter that ended before this day */
  today: string;
}

export interface SamplePublication {
  village: string;
  content: PublicationContent;
}

/**
 * Deterministic demo publications for `count` villages, spread round-robin over the counties:
 * every village gets a finance ledger, most a subsidy list, some a works list. The same
 * divisions, seed and day always give the same data; a village's data depends only on the seed,
 * its code and the day, not on how many villages were asked for.
 */
export function samplePublications(divisions: Division[], options: SampleOptions): SamplePublication[] {
  const quarter = latestCompleteQuarter(options.today);
  const byCode = new Map(divisions.map((d) => [d.code, d]));
  const villages = pickVillages(divisions, options.count, rng(options.seed));
  const out: SamplePublication[] = [];
  for (const village of villages) {
    const r = rng(hash(`${options.seed}:${village.code}`));
    const township = byCode.get(village.parent ?? '');
    const county = byCode.get(township?.parent ?? '');
    const countyName = county?.name ?? '';
    const place = { village, countyName, fullName: `${countyName}${township?.name ?? ''}${village.name}` };
    out.push({ village: village.code, content: financeLedger(place, quarter, r) });
    if (r() < 0.75) out.push({ village: village.code, content: subsidyList(place, quarter, r) });
    if (r() < 0.4) out.push({ village: village.code, content: projectList(place, quarter, r) });
  }
  return out;
}

/** 2026-11-25 → 2026 Q3: a quarter counts once its last day is over. */
export function latestCompleteQuarter(today: string): Quarter {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(today);
  if (!m) throw new RangeError(`today must be YYYY-MM-DD, got ${today}`);
  const year = Number(m[1]);
  const current = Math.floor((Number(m[2]) - 1) / 3) + 1;
  return current === 1 ? { year: year - 1, q: 4 } : { year, q: current - 1 };
}

export interface Quarter {
  year: number;
  q: number;
}

// ---------------------------------------------------------------------------------------------

interface Place {
  village: Division;
  countyName: string;
  /** county, township and village: 永定区王家坪镇马头溪村 */
  fullName: string;
}

/** Rows as in the uploaded file: row 1 is the title, row 2 the header. */
const FIRST_DATA_ROW = 3;
const QUARTER_NAMES = ['一', '二', '三', '四'];

function financeLedger(place: Place, quarter: Quarter, r: Rng): FinanceContent {
  const firstMonth = (quarter.q - 1) * 3 + 1;
  const days = quarterDays(quarter);
  const count = int(r, 10, 25);
  const dates = Array.from({ length: count }, () => days[int(r, 0, days.length - 1)] ?? days[0]!).sort();
  // A summary is written once a quarter: one 转移支付, one 电费 line per month, one line per tenant.
  const used = new Set<string>();
  const openingBalance = int(r, 20_000, 300_000) * 100 + int(r, 0, 99);
  let balance = openingBalance;
  let income = 0;
  let expense = 0;
  const entries: FinanceEntry[] = dates.map((date, i) => {
    const month = Number(date.slice(5, 7));
    const context = {
      month,
      group: pick(r, GROUPS),
      festival: FESTIVALS[quarter.q - 1] ?? '春节',
      surname: pick(r, SURNAMES),
      acres: decimal(int(r, 30, 900), 1),
      n: int(r, 1, 3),
    };
    let { template, summary } = drawLine(r, used, 'any', context);
    let amount = amountOf(r, template);
    // A village account is not overdrawn; such a line becomes an income line instead.
    if (template.side === 'expense' && amount > balance) {
      ({ template, summary } = drawLine(r, used, 'income', context));
      amount = amountOf(r, template);
    }
    used.add(summary);
    const isIncome = template.side === 'income';
    balance += isIncome ? amount : -amount;
    income += isIncome ? amount : 0;
    expense += isIncome ? 0 : amount;
    return {
      row: FIRST_DATA_ROW + i,
      date,
      voucher: `记-${String(i + 1).padStart(3, '0')}`,
      summary,
      account: template.account,
      income: isIncome ? amount : 0,
      expense: isIncome ? 0 : amount,
      balance,
      remark: null,
    };
  });
  const year = quarter.year;
  return {
    kind: 'finance',
    title: `${SAMPLE_TITLE_PREFIX}${place.fullName}${year}年第${QUARTER_NAMES[quarter.q - 1]}季度村级财务收支明细公开表`,
    period: `${year}-Q${quarter.q}`,
    openingBalance,
    entries,
    totals: { income, expense, closingBalance: openingBalance + income - expense },
    notes: [
      `公开单位：${place.village.officialName}  公开日期：${publishDate(quarter)}  期初余额为${year}年${firstMonth}月1日结余`,
      '本表为演示用示例数据，非真实账目。This is sample data for demonstration, not real accounts.',
    ],
  };
}

function subsidyList(place: Place, quarter: Quarter, r: Rng): SubsidyContent {
  const programme = pick(r, SUBSIDY_PROGRAMMES);
  const county = place.village.code.slice(0, 6);
  const datePaid = paymentDate(programme, quarter);
  const count = int(r, programme.rows.min, programme.rows.max);
  let totalAmount = 0;
  let totalQuantity = 0;
  const rows: SubsidyRow[] = Array.from({ length: count }, (_, i) => {
    const rate = programme.rates.length > 0 ? pick(r, programme.rates) : null;
    const quantity = programme.quantity ? int(r, programme.quantity.min, programme.quantity.max) : null;
    const decimals = programme.quantity?.decimals ?? 0;
    const amount =
      rate && quantity !== null ? roundHalfUp(quantity * rate.fen, 10 ** decimals) : pick(r, programme.flatAmounts ?? [0]);
    totalAmount += amount;
    totalQuantity += quantity ?? 0;
    return {
      row: FIRST_DATA_ROW + i,
      seq: String(i + 1),
      name: pick(r, SURNAMES) + pick(r, GIVEN_NAMES),
      idNumber: `${county}********${digits(r, 3)}${r() < 0.08 ? 'X' : digits(r, 1)}`,
      phone: r() < 0.85 ? `${pick(r, PHONE_PREFIXES)}****${digits(r, 4)}` : null,
      bankCard: programme.bankCard ? `6217********${digits(r, 4)}` : null,
      quantity: quantity === null ? null : decimal(quantity, decimals),
      unit: programme.unit,
      rate: rate?.fen ?? null,
      rateText: rate ? decimal(rate.fen, 2) : null,
      amount,
      datePaid,
      channel: programme.channel,
      remark: rate?.remark ?? (r() < 0.05 ? '户主已故，由配偶代领' : null),
    };
  });
  return {
    kind: 'subsidy',
    title: `${SAMPLE_TITLE_PREFIX}${place.village.name}${quarter.year}年${programme.programme}发放花名册`,
    programme: programme.programme,
    period: String(quarter.year),
    rows,
    totals: {
      amount: totalAmount,
      quantity: programme.quantity ? decimal(totalQuantity, programme.quantity.decimals) : null,
      count,
    },
    notes: [...programme.notes, '如有异议，请于公示之日起7日内向村务监督委员会反映。', '本表为演示用示例数据，姓名均为虚构。'],
  };
}

function projectList(place: Place, quarter: Quarter, r: Rng): ProjectContent {
  const year = quarter.year;
  const count = int(r, 1, 4);
  const templates = shuffle(r, [...PROJECT_TEMPLATES]).slice(0, count);
  const projects: ProjectItem[] = templates.map((t, i) => {
    const group = pick(r, GROUPS);
    const budget = Math.floor(int(r, t.min, t.max) / 10_000) * 10_000;
    const selfBuilt = t.fundingSource === '一事一议财政奖补' || t.fundingSource === '村集体自筹';
    const contractAmount = Math.floor((budget * int(r, 90, 99)) / 100 / 100) * 100;
    const state = pick(r, PROGRESS_STATES);
    const startMonth = int(r, 1, quarter.q * 3 - 1);
    const plannedStart = isoDate(year, startMonth, int(r, 1, 28));
    const plannedCompletion = isoDate(year, Math.min(12, startMonth + int(r, 2, 5)), int(r, 1, 28));
    const started = state.percent > 0;
    const done = state.percent === 100;
    // Paid as the works progress, with 3% withheld as the quality guarantee until acceptance.
    const paidShare = done ? 97 : state.percent === 0 ? 0 : state.percent - 10;
    return {
      row: FIRST_DATA_ROW + i,
      name: t.name(group),
      location: `${place.village.name}${group}`,
      fundingSource: t.fundingSource,
      budget,
      contractAmount,
      contractor: selfBuilt ? '村民自建（一事一议）' : `${place.countyName}某某建筑工程有限公司`,
      procurementMethod: selfBuilt ? '村民自建' : budget >= 40_000_000 ? '公开招标' : '竞争性谈判',
      plannedStart,
      actualStart: started ? plannedStart : null,
      plannedCompletion,
      actualCompletion: done ? isoDate(year, quarter.q * 3, int(r, 1, 28)) : null,
      progress: { percent: state.percent, text: state.text },
      amountPaid: Math.floor((contractAmount * paidShare) / 100 / 100) * 100,
      remark: null,
      photos: [],
    };
  });
  const sum = (f: (p: ProjectItem) => number | null) => projects.reduce((s, p) => s + (f(p) ?? 0), 0);
  return {
    kind: 'project',
    title: `${SAMPLE_TITLE_PREFIX}${place.village.name}${year}年村级工程项目公示`,
    period: String(year),
    projects,
    totals: { budget: sum((p) => p.budget), contractAmount: sum((p) => p.contractAmount), amountPaid: sum((p) => p.amountPaid) },
    notes: ['项目资金使用情况接受全体村民监督。', '本表为演示用示例数据，非真实工程。'],
  };
}

/** Villages taken in turn from each county, each county's villages in a seeded random order. */
function pickVillages(divisions: Division[], count: number, r: Rng): Division[] {
  const byCounty = new Map<string, Division[]>();
  for (const d of divisions) {
    if (d.level !== 'village') continue;
    const key = d.code.slice(0, 6);
    const list = byCounty.get(key) ?? [];
    list.push(d);
    byCounty.set(key, list);
  }
  const queues = [...byCounty.keys()].sort().map((k) => shuffle(r, byCounty.get(k) ?? []));
  const picked: Division[] = [];
  for (let i = 0; picked.length < count && queues.some((q) => q.length > i); i++) {
    for (const q of queues) {
      const v = q[i];
      if (v && picked.length < count) picked.push(v);
    }
  }
  return picked;
}

/** A weighted draw among the lines not yet written this quarter. */
function drawLine(r: Rng, used: Set<string>, side: 'any' | 'income', c: LedgerContext): { template: LedgerTemplate; summary: string } {
  const open = LEDGER_TEMPLATES.filter((t) => (side === 'any' || t.side === side) && !used.has(t.summary(c)));
  let ticket = r() * open.reduce((s, t) => s + t.weight, 0);
  // Land rent always stays open (its summary names a different tenant), so `open` is never empty.
  let template = open[open.length - 1] ?? LEDGER_TEMPLATES[0]!;
  for (const t of open) {
    ticket -= t.weight;
    if (ticket < 0) {
      template = t;
      break;
    }
  }
  return { template, summary: template.summary(c) };
}

function amountOf(r: Rng, t: LedgerTemplate): number {
  return Math.max(t.step, Math.floor(int(r, t.min, t.max) / t.step) * t.step);
}

function paymentDate(p: SubsidyProgramme, quarter: Quarter): string {
  const month = Math.min(p.payMonth, quarter.q * 3);
  return isoDate(quarter.year, month, 20);
}

function publishDate(quarter: Quarter): string {
  const month = quarter.q * 3 + 1;
  return month > 12 ? `${quarter.year + 1}年1月10日` : `${quarter.year}年${month}月10日`;
}

function quarterDays(quarter: Quarter): string[] {
  const days: string[] = [];
  for (let month = (quarter.q - 1) * 3 + 1; month <= quarter.q * 3; month++) {
    const last = new Date(Date.UTC(quarter.year, month, 0)).getUTCDate();
    for (let day = 1; day <= last; day++) days.push(isoDate(quarter.year, month, day));
  }
  return days;
}

/** value / divisor rounded half-up, exact for non-negative safe integers. */
function roundHalfUp(value: number, divisor: number): number {
  return Math.floor((value * 2 + divisor) / (divisor * 2));
}

/** 370, 2 → "3.70"; 12, 0 → "12" */
function decimal(units: number, decimals: number): string {
  if (decimals === 0) return String(units);
  const s = String(units).padStart(decimals + 1, '0');
  return `${s.slice(0, -decimals)}.${s.slice(-decimals)}`;
}

function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
