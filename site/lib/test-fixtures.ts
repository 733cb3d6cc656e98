import { publicationDigest } from '../../data/publication-digest.ts';
import type { FinanceContent, FinanceEntry, ProjectContent, Publication, PublicationContent, PublicationSummary, SubsidyContent, SubsidyRow } from '../../data/publication.ts';
import { seriesSubject } from '../../data/publication.ts';
import type { Division } from '../../data/region.ts';

/** Hand-built publications for the site tests: small, with totals that reconcile. */

export const DIVISIONS: Division[] = [
  div('4308', 'prefecture', '张家界市', null),
  div('430802', 'county', '永定区', '4308'),
  div('430802108', 'township', '沅古坪镇', '430802'),
  div('430802108214', 'village', '马头溪村', '430802108'),
  div('430802108215', 'village', '三岔溪村', '430802108'),
  div('430821', 'county', '慈利县', '4308'),
  div('430821211', 'township', '龙潭河镇', '430821'),
  div('430821211227', 'village', '龙岗村', '430821211'),
];

export function financeContent(period: string, rows: { summary: string; income?: number; expense?: number; account?: string | null }[], opening = 100_000): FinanceContent {
  let balance = opening;
  const entries: FinanceEntry[] = rows.map((r, i) => {
    balance += (r.income ?? 0) - (r.expense ?? 0);
    return {
      row: i + 4,
      date: `${period.slice(0, 4)}-07-${String((i % 28) + 1).padStart(2, '0')}`,
      voucher: null,
      summary: r.summary,
      account: r.account ?? null,
      income: r.income ?? 0,
      expense: r.expense ?? 0,
      balance,
      remark: null,
    };
  });
  const income = entries.reduce((s, e) => s + e.income, 0);
  const expense = entries.reduce((s, e) => s + e.expense, 0);
  return {
    kind: 'finance',
    title: `马头溪村${period}财务收支明细`,
    period,
    openingBalance: opening,
    entries,
    totals: { income, expense, closingBalance: opening + income - expense },
    notes: ['制表人：张三'],
  };
}

export function subsidyContent(programme: string, people: { name: string; amount: number; idNumber?: string }[]): SubsidyContent {
  const rows: SubsidyRow[] = people.map((p, i) => ({
    row: i + 3,
    seq: String(i + 1),
    name: p.name,
    idNumber: p.idNumber ?? '430802********1234',
    phone: null,
    bankCard: null,
    quantity: null,
    unit: null,
    rate: null,
    rateText: null,
    amount: p.amount,
    datePaid: null,
    channel: null,
    remark: null,
  }));
  return {
    kind: 'subsidy',
    title: `2026年${programme}发放名册`,
    programme,
    period: '2026',
    rows,
    totals: { amount: rows.reduce((s, r) => s + r.amount, 0), quantity: null, count: rows.length },
    notes: [],
  };
}

export function projectContent(): ProjectContent {
  return {
    kind: 'project',
    title: '2026年工程项目公示',
    period: '2026',
    projects: [
      {
        row: 3,
        name: '八组道路硬化',
        location: '八组',
        fundingSource: '一事一议',
        budget: 30_000_000,
        contractAmount: 28_000_000,
        contractor: '某建设公司',
        procurementMethod: null,
        plannedStart: null,
        actualStart: '2026-03-01',
        plannedCompletion: null,
        actualCompletion: null,
        progress: { percent: 60, text: '路基完成' },
        amountPaid: 14_000_000,
        remark: null,
        photos: [{ id: 'abcdef0123456789abcdef01', width: 1600, height: 1200, caption: null }],
      },
    ],
    totals: { budget: 30_000_000, contractAmount: 28_000_000, amountPaid: 14_000_000 },
    notes: [],
  };
}

export function publication(
  content: PublicationContent,
  fields: { id: string; village?: string; version?: number; supersedes?: string | null; supersededBy?: string | null; publishedAt?: string; sample?: boolean },
): Publication {
  const village = fields.village ?? '430802108214';
  const subject = seriesSubject(content);
  return {
    id: fields.id,
    village,
    kind: content.kind,
    period: content.period,
    subject,
    version: fields.version ?? 1,
    supersedes: fields.supersedes ?? null,
    supersededBy: fields.supersededBy ?? null,
    publishedAt: fields.publishedAt ?? '2026-10-10T02:00:00.000Z',
    sha256: publicationDigest({ village, kind: content.kind, period: content.period, subject, content }),
    sample: fields.sample ?? false,
    source: { filename: null, format: 'json' },
    content,
  };
}

export function summaryOf(p: Publication): PublicationSummary {
  const { content, ...rest } = p;
  return { ...rest, title: content.title };
}

function div(code: string, level: Division['level'], name: string, parent: string | null): Division {
  return { code, level, name, officialName: name, parent };
}
