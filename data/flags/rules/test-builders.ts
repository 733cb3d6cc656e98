import type {
  ContractContent,
  ContractItem,
  FinanceContent,
  FinanceEntry,
  ProjectItem,
  Publication,
  PublicationContent,
  PublicationSummary,
} from '../../publication.ts';
import type { RuleInput } from '../rule-input.ts';

/** Small hand-made publications for the rule tests (test-only). */

export const VILLAGE = '430821212212';
export const VILLAGE_NAME = '康家坪村';

interface PubOptions {
  id?: string;
  village?: string;
  sample?: boolean;
  publishedAt?: string;
  version?: number;
}

export function publication(content: PublicationContent, options: PubOptions = {}): Publication {
  return {
    id: options.id ?? `${content.kind}-${content.period}`,
    village: options.village ?? VILLAGE,
    kind: content.kind,
    period: content.period,
    subject: content.kind === 'subsidy' ? content.programme : '',
    version: options.version ?? 1,
    supersedes: null,
    supersededBy: null,
    publishedAt: options.publishedAt ?? '2026-10-10T02:00:00.000Z',
    sha256: '0'.repeat(64),
    sample: options.sample ?? false,
    source: { filename: null, format: 'csv' },
    content,
  };
}

export function summaryOf(pub: Publication): PublicationSummary {
  const { content, ...rest } = pub;
  return { ...rest, title: content.title };
}

type EntryInput = Partial<FinanceEntry> & Pick<FinanceEntry, 'row'>;

export function entry(row: number, date: string | null, summary: string, money: { income?: number; expense?: number } & Partial<FinanceEntry> = {}): FinanceEntry {
  return { row, date, voucher: null, summary, account: null, income: 0, expense: 0, balance: null, remark: null, ...money };
}

export function financeLedger(
  period: string,
  entries: readonly EntryInput[],
  options: PubOptions & { openingBalance?: number | null; balanceKind?: 'cash' | 'bank' } = {},
): Publication {
  const full = entries.map((e) => ({ ...entry(e.row, e.date ?? null, e.summary ?? ''), ...e }));
  const income = full.reduce((s, e) => s + e.income, 0);
  const expense = full.reduce((s, e) => s + e.expense, 0);
  const opening = options.openingBalance ?? null;
  const content: FinanceContent = {
    kind: 'finance',
    title: `${period}财务收支`,
    period,
    openingBalance: opening,
    entries: full,
    totals: { income, expense, closingBalance: opening === null ? null : opening + income - expense },
    notes: [],
    ...(options.balanceKind ? { balanceKind: options.balanceKind } : {}),
  };
  return publication(content, options);
}

export function contract(item: Partial<ContractItem> & Pick<ContractItem, 'row'>): ContractItem {
  return {
    number: null,
    counterparty: '张家界金坪生态农业开发有限公司',
    partyKind: 'organisation',
    creditCode: null,
    idNumber: null,
    subject: '耕地（土地经营权流转）',
    subjectClass: 'arable',
    location: null,
    area: null,
    areaUnit: null,
    start: null,
    end: null,
    annualAmount: null,
    paymentTerms: null,
    schedule: [],
    performance: null,
    remark: null,
    ...item,
  };
}

export function contractLedger(period: string, contracts: readonly ContractItem[], options: PubOptions = {}): Publication {
  const content: ContractContent = {
    kind: 'contract',
    title: `${period}合同台账`,
    period,
    asOf: null,
    contracts: [...contracts],
    totals: { count: contracts.length, area: null, annualAmount: contracts.reduce((s, c) => s + (c.annualAmount ?? 0), 0) },
    notes: [],
  };
  return publication(content, options);
}

export function project(item: Partial<ProjectItem> & Pick<ProjectItem, 'row' | 'name'>): ProjectItem {
  return {
    location: null,
    fundingSource: null,
    budget: null,
    contractAmount: null,
    contractor: null,
    procurementMethod: null,
    plannedStart: null,
    actualStart: null,
    plannedCompletion: null,
    actualCompletion: null,
    progress: { percent: null, text: '' },
    amountPaid: null,
    remark: null,
    photos: [],
    ...item,
  };
}

export function projectList(period: string, projects: readonly ProjectItem[], options: PubOptions = {}): Publication {
  const sum = (f: (p: ProjectItem) => number | null) => projects.reduce((s, p) => s + (f(p) ?? 0), 0);
  return publication(
    {
      kind: 'project',
      title: `${period}项目公示`,
      period,
      projects: [...projects],
      totals: { budget: sum((p) => p.budget), contractAmount: sum((p) => p.contractAmount), amountPaid: sum((p) => p.amountPaid) },
      notes: [],
    },
    options,
  );
}

export function ruleInput(overrides: Partial<RuleInput> = {}): RuleInput {
  return {
    village: { code: VILLAGE, name: VILLAGE_NAME },
    today: '2026-12-06',
    publications: [],
    previousContracts: [],
    history: [],
    calendarStart: null,
    decisions: [],
    duplicates: [],
    ...overrides,
  };
}
