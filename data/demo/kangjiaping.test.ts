import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveFlagSettings, type ResolvedFlagSettings } from '../flags/flag-settings.ts';
import { ALL_RULES } from '../flags/rules/index.ts';
import { publication, ruleInput, summaryOf } from '../flags/rules/test-builders.ts';
import { runRules } from '../flags/run-rules.ts';
import { importPublication } from '../import/import-publication.ts';
import { FinanceContent, type ContractContent, type Publication } from '../publication.ts';
import { DEMO_DEFAULTER, KANGJIAPING, kangjiapingLedgers } from './kangjiaping.ts';

const TODAY = '2026-12-06';
const CONTRACT_FILE = new URL('./files/430821212212-contract-2026.csv', import.meta.url);

let contracts: ContractContent;
let settings: ResolvedFlagSettings;

beforeAll(async () => {
  const imported = await importPublication({ bytes: readFileSync(CONTRACT_FILE), format: 'csv', kind: 'contract', idMask: { keepStart: 6, keepEnd: 4 } });
  if (!imported.ok) throw new Error(`the contract sample does not import: ${JSON.stringify(imported.errors)}`);
  if (imported.content.kind !== 'contract') throw new Error(`imported as ${imported.content.kind}`);
  contracts = imported.content;
  const resolved = resolveFlagSettings({}, ALL_RULES);
  if (!resolved.ok) throw new Error(JSON.stringify(resolved.issues));
  settings = resolved.settings;
});

function quarterOf(date: string): string {
  return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}

describe('kangjiapingLedgers', () => {
  it('runs from 2024 Q1 to the latest quarter that ended before today', () => {
    expect(kangjiapingLedgers(contracts, TODAY).map((l) => l.period)).toEqual([
      '2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4',
      '2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4',
      '2026-Q1', '2026-Q2', '2026-Q3',
    ]);
    expect(kangjiapingLedgers(contracts, '2026-10-01').at(-1)?.period).toBe('2026-Q3');
    expect(kangjiapingLedgers(contracts, '2026-09-30').at(-1)?.period).toBe('2026-Q2');
    expect(kangjiapingLedgers(contracts, '2025-01-15').map((l) => l.period)).toEqual(['2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4']);
    expect(kangjiapingLedgers(contracts, '2024-03-31')).toEqual([]);
  });

  it('makes ledgers that pass the publication schema and say they are sample data', () => {
    for (const ledger of kangjiapingLedgers(contracts, TODAY)) {
      expect(FinanceContent.parse(ledger)).toEqual(ledger);
      expect(ledger.title).toContain('【示例数据】');
      expect(ledger.notes.join('')).toContain('示例数据');
    }
  });

  it('carries each balance on and reconciles every total', () => {
    const ledgers = kangjiapingLedgers(contracts, TODAY);
    let opening = 5_218_036;
    for (const ledger of ledgers) {
      expect(ledger.openingBalance, ledger.period).toBe(opening);
      let balance = opening;
      ledger.entries.forEach((e, i) => {
        expect(e.row).toBe(4 + i);
        expect(e.income * e.expense, `${ledger.period} row ${e.row} has both income and expense`).toBe(0);
        balance += e.income - e.expense;
        expect(e.balance, `${ledger.period} row ${e.row}`).toBe(balance);
      });
      const income = ledger.entries.reduce((s, e) => s + e.income, 0);
      const expense = ledger.entries.reduce((s, e) => s + e.expense, 0);
      expect(ledger.totals).toEqual({ income, expense, closingBalance: opening + income - expense });
      expect(ledger.totals.closingBalance).toBe(balance);
      for (const e of ledger.entries) expect(e.date !== null && quarterOf(e.date) === ledger.period, `${ledger.period} row ${e.row} dated ${e.date}`).toBe(true);
      opening = balance;
    }
  });

  it('has exactly one receipt naming the tenant, for the instalment’s amount, for every instalment due in the quarters covered, except the defaulter’s', () => {
    const ledgers = kangjiapingLedgers(contracts, TODAY);
    const byPeriod = new Map(ledgers.map((l) => [l.period, l]));
    let instalments = 0;
    for (const k of contracts.contracts) {
      if (k.counterparty === DEMO_DEFAULTER) continue;
      for (const due of k.schedule) {
        const ledger = byPeriod.get(quarterOf(due.due));
        if (!ledger) continue;
        instalments += 1;
        const receipts = ledger.entries.filter((e) => e.income > 0 && e.summary.includes(k.counterparty) && e.income === due.amount);
        expect(receipts, `${k.counterparty} due ${due.due}`).toHaveLength(1);
        expect(receipts[0]!.date! <= due.due, `${k.counterparty} paid ${receipts[0]!.date} for ${due.due}`).toBe(true);
      }
    }
    // 覃永红 3, 田德明 3, 康源 6, 张永红 3, 光伏 1: and no receipt for anything else
    expect(instalments).toBe(16);
    const tenants = contracts.contracts.map((k) => k.counterparty);
    const receipts = ledgers.flatMap((l) => l.entries).filter((e) => tenants.some((t) => e.summary.includes(t)));
    expect(receipts).toHaveLength(16);
  });

  it('has no receipt from the defaulter at all', () => {
    const entries = kangjiapingLedgers(contracts, TODAY).flatMap((l) => l.entries);
    expect(entries.filter((e) => e.summary.includes(DEMO_DEFAULTER) || e.summary.includes('金坪') || e.summary.includes('KJP-2019-001'))).toEqual([]);
  });
});

describe('the demo at the rule level', () => {
  function run(ledgers: FinanceContent[]) {
    const pubs: Publication[] = [
      publication(contracts, { id: 'contract-2026', sample: true }),
      ...ledgers.map((l) => publication(l, { id: `finance-${l.period}`, sample: true })),
    ];
    const input = ruleInput({ village: { code: KANGJIAPING, name: '康家坪村' }, today: TODAY, publications: pubs, history: pubs.map(summaryOf) });
    return runRules(input, settings).findings.filter((f) => f.rule === 'receivable-overdue');
  }

  it('finds exactly the defaulter’s 2024 and 2025 fees overdue, 130,600.00 元 each', () => {
    const findings = run(kangjiapingLedgers(contracts, TODAY));
    expect(findings.map((f) => [f.key, f.amount, f.sample])).toEqual([
      ['KJP-2019-001:2024-12-31', 13_060_000, true],
      ['KJP-2019-001:2025-12-31', 13_060_000, true],
    ]);
    for (const f of findings) {
      expect(f.title).toContain(DEMO_DEFAULTER);
      expect(f.title).toContain('130,600.00元');
      expect(f.evidence).toEqual([{ publicationId: 'contract-2026', village: KANGJIAPING, kind: 'contract', row: 4, label: '合同台账第4行（KJP-2019-001）' }]);
    }
  });

  it('finds nothing overdue once a Q4 ledger shows both years’ fees received', () => {
    const ledgers = kangjiapingLedgers(contracts, TODAY);
    const opening = ledgers.at(-1)!.totals.closingBalance!;
    const q4 = FinanceContent.parse({
      kind: 'finance',
      title: '【示例数据】康家坪村2026年第四季度村级财务收支明细公开表',
      period: '2026-Q4',
      openingBalance: opening,
      entries: [
        { row: 4, date: '2026-12-05', voucher: '记-001', summary: `收到${DEMO_DEFAULTER}2024、2025年度土地流转费`, account: '发包及上交收入', income: 26_120_000, expense: 0, balance: opening + 26_120_000, remark: null },
      ],
      totals: { income: 26_120_000, expense: 0, closingBalance: opening + 26_120_000 },
      notes: [],
    });
    expect(run([...ledgers, q4])).toEqual([]);
  });

  it('still finds the one year not paid when the Q4 receipt covers only one', () => {
    const ledgers = kangjiapingLedgers(contracts, TODAY);
    const opening = ledgers.at(-1)!.totals.closingBalance!;
    const q4 = FinanceContent.parse({
      kind: 'finance',
      title: '康家坪村2026年第四季度',
      period: '2026-Q4',
      openingBalance: opening,
      entries: [{ row: 4, date: '2026-12-05', voucher: null, summary: `收到${DEMO_DEFAULTER}2024年度土地流转费`, account: null, income: 13_060_000, expense: 0, balance: opening + 13_060_000, remark: null }],
      totals: { income: 13_060_000, expense: 0, closingBalance: opening + 13_060_000 },
      notes: [],
    });
    // the receipt pays the oldest instalment first
    expect(run([...ledgers, q4]).map((f) => [f.key, f.amount])).toEqual([['KJP-2019-001:2025-12-31', 13_060_000]]);
  });
});
