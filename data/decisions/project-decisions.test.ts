import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { importDecisionRegister } from '../import/decision-register.ts';
import { importPublication } from '../import/import-publication.ts';
import { itemsForAmount } from '../power/catalogue-for.ts';
import { DEFAULT_CATALOGUE } from '../power/default-catalogue.ts';
import { countyProjectThreshold } from '../power/test-catalogues.ts';
import type { FinanceContent, ProjectContent } from '../publication.ts';
import { roadMatter } from './checks/test-records.ts';
import type { DecisionRecord } from './decision-record.ts';
import { projectDecisions } from './project-decisions.ts';

// 龙岗村's project list and 四议两公开 register as they came from the field, judged against the
// default power list and a county's own: the county's threshold decides which projects owe a record.

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url)));
const LONGGANG = '430821211227';
const TODAY = '2026-10-15';
let projects: ProjectContent;
let registers: DecisionRecord[];

beforeAll(async () => {
  const list = await importPublication({ bytes: fixture('430821211227-龙岗村-2026年工程项目公示.xlsx'), format: 'xlsx', kind: 'project', idMask: { keepStart: 6, keepEnd: 4 } });
  if (!list.ok || list.content.kind !== 'project') throw new Error('the project list sample did not import');
  projects = list.content;
  const register = await importDecisionRegister({ bytes: fixture('430821211227-龙岗村-四议两公开登记表.xlsx'), format: 'xlsx', village: LONGGANG });
  if (!register.ok) throw new Error('the register sample did not import');
  registers = register.records;
});

const byName = (rows: ReturnType<typeof projectDecisions>) => Object.fromEntries(rows.map((r) => [r.project.name, r]));

describe('projects and the matters that decided them', () => {
  it('owes a record for every project of 5万元 and more under the default list, and flags the projects that have none', () => {
    const rows = projectDecisions({ projects, records: registers, catalogue: DEFAULT_CATALOGUE, ledgers: [], today: TODAY });
    expect(rows.map((r) => [r.project.name, r.amount, r.requiresRecord, r.record?.subject ?? null, r.checks.summary.badge])).toEqual([
      ['龙岗村三组通组公路硬化', 46_930_000, true, null, '缺少：四议两公开记录'],
      ['村部至小学段安全饮水管网改造', 22_800_000, true, null, '缺少：四议两公开记录'],
      ['番薯种植及提粉加工厂房建设（村集体经济项目）', 49_500_000, true, null, '缺少：四议两公开记录'],
      ['村级文化广场太阳能路灯安装', 6_550_000, true, null, '缺少：四议两公开记录'],
    ]);
  });

  it('no longer asks it of the 6.55万元 路灯 project in a county that draws the line at 10万元', () => {
    const county = countyProjectThreshold('430821', 10);
    const rows = byName(projectDecisions({ projects, records: registers, catalogue: county, ledgers: [], today: TODAY }));
    expect(rows['村级文化广场太阳能路灯安装']).toMatchObject({ requiresRecord: false, checks: { summary: { badge: '无需四议两公开' } } });
    expect(rows['龙岗村三组通组公路硬化']).toMatchObject({ requiresRecord: true, checks: { summary: { badge: '缺少：四议两公开记录' } } });
  });

  it('finds the matter that names a project, matches its power-list item by amount, and dates its completion from the list', () => {
    const road: DecisionRecord = { ...roadMatter(), subject: '龙岗村三组通组公路硬化工程', links: [], amount: 46_930_000, completedOn: null };
    const row = byName(projectDecisions({ projects, records: [road], catalogue: DEFAULT_CATALOGUE, ledgers: [], today: TODAY }))['龙岗村三组通组公路硬化'];
    expect(row?.record?.subject).toBe('龙岗村三组通组公路硬化工程');
    expect(row?.record?.powerItem.code).toBe(itemsForAmount(DEFAULT_CATALOGUE, 'project-construction', 46_930_000)?.code);
    expect(row?.record?.powerItem.code).not.toBeNull();
    expect(row?.record?.completedOn).toBe('2026-06-22');
    // the 实施结果公开 (2026-09-20) came 90 days after completion: later than the default 30 days
    expect(row?.checks.summary.failed.map((o) => o.check)).toContain('result-disclosed-in-time');
  });

  it('finds a payment made before the resolution in the finance ledger', () => {
    const road: DecisionRecord = { ...roadMatter(), subject: '龙岗村三组通组公路硬化工程', links: [] };
    const ledger: FinanceContent = {
      kind: 'finance',
      title: '2026年第一季度财务收支明细',
      period: '2026-Q1',
      openingBalance: 0,
      entries: [{ row: 3, date: '2026-03-10', voucher: null, summary: '预付三组通组公路硬化工程款', account: null, income: 0, expense: 5_000_000, balance: null, remark: null }],
      totals: { income: 0, expense: 5_000_000, closingBalance: null },
      notes: [],
    };
    const row = byName(projectDecisions({ projects, records: [road], catalogue: DEFAULT_CATALOGUE, ledgers: [ledger], today: TODAY }))['龙岗村三组通组公路硬化'];
    const early = row?.checks.outcomes.find((o) => o.check === 'decision-before-contract-and-payment');
    expect(early?.status).toBe('failed');
    expect(early?.message).toContain('2026-03-10');
  });
});
