import { namesProject } from '../flags/ledger-match.ts';
import { isDecisionProcedure, matchItemByName } from '../power/catalogue-for.ts';
import type { PowerCatalogue } from '../power/power-catalogue.ts';
import type { ContractContent, FinanceContent, IsoDate } from '../publication.ts';
import type { DecisionCheckContext } from './checks/decision-check.ts';
import { runDecisionChecks, type DecisionCheckSettings, type DecisionChecksRun } from './checks/run-decision-checks.ts';
import type { DecisionRecord } from './decision-record.ts';

/**
 * One matter judged as the portal shows it: its power-list item matched in the county's list, the
 * first payment for it found in the village's ledgers, and every check run. The API, the pages
 * and a project list's badges (project-decisions.ts) all judge a matter here.
 */
export interface MatterJudgement {
  /** the record with its power-list item's code, when the county's list names one */
  record: DecisionRecord;
  checks: DecisionChecksRun;
}

export interface MatterSetting {
  catalogue: PowerCatalogue;
  /** the village's current finance ledgers */
  ledgers: readonly FinanceContent[];
  /** the village's current contract ledgers: a matter linked to a contract by its number is dated by it */
  contracts?: readonly ContractContent[];
  today: IsoDate;
  settings?: DecisionCheckSettings;
  /** a project's or contract's own answer, when the matter is judged for one (project-decisions.ts) */
  requiresRecord?: boolean | null;
  /** names its payments may carry besides the 事由 and the linked names (a project's name) */
  alsoNamed?: readonly string[];
}

export function judgeMatter(input: DecisionRecord, setting: MatterSetting): MatterJudgement {
  const record = withPowerItemCode(input, setting.catalogue);
  const item = record.powerItem.code === null ? null : (setting.catalogue.items.find((i) => i.code === record.powerItem.code) ?? null);
  const names = [record.subject, ...record.links.flatMap((l) => (l.name === null ? [] : [l.name])), ...(setting.alsoNamed ?? [])];
  const context: DecisionCheckContext = {
    today: setting.today,
    // Ledgers keep a contract's term start, not its signing day: the start is the contract's date here.
    // A matter not linked to a contract number the ledgers hold leaves it unknown (cannot judge).
    contractSignedOn: contractDate(setting.contracts ?? [], record),
    firstPaymentOn: firstPayment(setting.ledgers, names),
    requiresRecord: setting.requiresRecord !== undefined ? setting.requiresRecord : item === null ? null : isDecisionProcedure(item),
  };
  return { record, checks: runDecisionChecks(record, context, setting.settings) };
}

export function withPowerItemCode(record: DecisionRecord, catalogue: PowerCatalogue): DecisionRecord {
  if (record.powerItem.code !== null || record.powerItem.name === null) return record;
  const item = matchItemByName(catalogue, record.powerItem.name, record.amount);
  return item ? { ...record, powerItem: { ...record.powerItem, code: item.code } } : record;
}

/**
 * The earliest term start of the contracts the matter links by number, from the contract ledgers;
 * where they hold none of them, the earliest signing day the register itself states.
 */
function contractDate(contracts: readonly ContractContent[], record: DecisionRecord): IsoDate | null {
  return ledgerContractDate(contracts, record) ?? statedContractDate(record);
}

function statedContractDate(record: DecisionRecord): IsoDate | null {
  const dates = record.links.flatMap((l) => (l.kind === 'contract' && l.signedOn !== undefined ? [l.signedOn] : []));
  return dates.length === 0 ? null : dates.reduce((a, b) => (b < a ? b : a));
}

function ledgerContractDate(contracts: readonly ContractContent[], record: DecisionRecord): IsoDate | null {
  const numbers = new Set(record.links.flatMap((l) => (l.kind === 'contract' && l.name !== null ? [l.name.trim()] : [])));
  let first: IsoDate | null = null;
  for (const ledger of contracts) {
    for (const k of ledger.contracts) {
      if (k.number === null || k.start === null || !numbers.has(k.number.trim())) continue;
      if (first === null || k.start < first) first = k.start;
    }
  }
  return first;
}

/** The earliest dated expense whose summary names the matter. */
export function firstPayment(ledgers: readonly FinanceContent[], names: readonly string[]): IsoDate | null {
  let first: IsoDate | null = null;
  for (const ledger of ledgers) {
    for (const e of ledger.entries) {
      if (e.expense <= 0 || e.date === null || !names.some((n) => namesProject(e.summary, n))) continue;
      if (first === null || e.date < first) first = e.date;
    }
  }
  return first;
}
