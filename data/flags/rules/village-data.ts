import { createHash } from 'node:crypto';
import { comparePeriods } from '../../period.ts';
import type { ContractItem, FinanceContent, FinanceEntry, ProjectContent, ProjectItem, Publication } from '../../publication.ts';
import type { Evidence, Finding } from '../finding.ts';
import { coreName } from '../ledger-match.ts';
import { payeeOf } from '../payee.ts';
import { contractRowLabel, financeRowLabel, projectRowLabel } from '../wording.ts';
import { periodLastDay, periodMonths } from './days.ts';

/**
 * The village's tables as the rules read them, each row with the evidence that points at it.
 * Several current versions can hold the same thing (a quarterly ledger and its months, this
 * year's contract ledger and last year's), and a rule must count each row once.
 */

export interface Ledger {
  pub: Publication;
  content: FinanceContent;
}

export interface LedgerRow {
  ledger: Ledger;
  entry: FinanceEntry;
  /** the row's date, or the last day of its period when the row has none */
  date: string;
}

export interface ContractRef {
  pub: Publication;
  contract: ContractItem;
}

export interface ProjectRef {
  pub: Publication;
  project: ProjectItem;
}

/**
 * Current finance ledgers in period order. A ledger whose months a longer one also covers (the
 * months of a quarter also published as the quarter) is left out, so no row counts twice.
 */
export function financeLedgers(publications: readonly Publication[]): Ledger[] {
  const all = publications.flatMap((pub) => (pub.content.kind === 'finance' ? [{ pub, content: pub.content }] : []));
  const months = new Map(all.map((l) => [l, new Set(periodMonths(l.content.period))]));
  return all
    .filter((l) => {
      const own = months.get(l) ?? new Set<string>();
      return !all.some((other) => other !== l && (months.get(other)?.size ?? 0) > own.size && [...own].every((m) => months.get(other)?.has(m)));
    })
    .sort((a, b) => comparePeriods(a.content.period, b.content.period));
}

export function ledgerRows(ledgers: readonly Ledger[]): LedgerRow[] {
  return ledgers.flatMap((ledger) => ledger.content.entries.map((entry) => ({ ledger, entry, date: entry.date ?? periodLastDay(ledger.content.period) })));
}

export function rowEvidence(row: LedgerRow): Evidence {
  return evidence(row.ledger.pub, row.entry.row, financeRowLabel(row.ledger.content.period, row.entry.row));
}

/**
 * Contracts of the current contract ledgers, the latest ledger's version of each contract first;
 * the same contract in an older ledger is left out.
 */
export function currentContracts(publications: readonly Publication[]): ContractRef[] {
  return contractsOf(publications.filter((p) => p.content.kind === 'contract').sort((a, b) => comparePeriods(b.period, a.period)));
}

/** Contracts of the given ledgers, in the order given, each contract once. */
export function contractsOf(ledgers: readonly Publication[]): ContractRef[] {
  const seen = new Set<string>();
  const out: ContractRef[] = [];
  for (const pub of ledgers) {
    if (pub.content.kind !== 'contract') continue;
    for (const contract of pub.content.contracts) {
      const id = contractIdentity(contract);
      if (seen.has(id)) continue;
      seen.add(id);
      out.push({ pub, contract });
    }
  }
  return out;
}

/** The same contract in two ledgers: its number and start, or its party, subject and start. */
export function contractIdentity(c: ContractItem): string {
  return c.number ? `${c.number}\u0000${c.start ?? ''}` : `\u0000${c.counterparty}\u0000${c.subject}\u0000${c.start ?? ''}`;
}

export function contractEvidence(ref: ContractRef): Evidence {
  return evidence(ref.pub, ref.contract.row, contractRowLabel(ref.contract));
}

/** Projects of the current project lists, the latest list's version of each (by name) first. */
export function currentProjects(publications: readonly Publication[]): ProjectRef[] {
  const lists = publications
    .filter((p): p is Publication & { content: ProjectContent } => p.content.kind === 'project')
    .sort((a, b) => comparePeriods(b.period, a.period));
  const seen = new Set<string>();
  const out: ProjectRef[] = [];
  for (const pub of lists) {
    for (const project of pub.content.projects) {
      const name = project.name.replace(/\s+/g, '');
      if (seen.has(name)) continue;
      seen.add(name);
      out.push({ pub, project });
    }
  }
  return out;
}

export function projectEvidence(ref: ProjectRef): Evidence {
  return evidence(ref.pub, ref.project.row, projectRowLabel(ref.pub.period, ref.project));
}

export function evidence(pub: Publication, row: number | null, label: string): Evidence {
  return { publicationId: pub.id, village: pub.village, kind: pub.kind, row, label };
}

/** Whether any of the publications a finding rests on is sample data. */
export function anySample(publications: Iterable<Pick<Publication, 'sample'>>): boolean {
  for (const p of publications) if (p.sample) return true;
  return false;
}

/**
 * Keys as the store needs them: at most 200 characters (a longer one keeps its start and a hash
 * of the whole) and unique within the rule's run (a repeat gets #2, #3 … in finding order, as
 * when a ledger gives two contracts the same number).
 */
export function uniqueKeys(findings: readonly Finding[]): Finding[] {
  const used = new Map<string, number>();
  return findings.map((f) => {
    const base = f.key.length <= 200 ? f.key : `${f.key.slice(0, 150)}#${createHash('sha256').update(f.key).digest('hex').slice(0, 32)}`;
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    return n === 1 ? { ...f, key: base } : { ...f, key: `${base.slice(0, 190)}#${n}` };
  });
}

export interface PaidRow extends LedgerRow {
  /** as the ledger writes it */
  payee: string;
  /** the same payee however written (coreName) */
  payeeKey: string;
}

/** Expense rows whose payee is known (payee.ts), in date order. */
export function paidRows(ledgers: readonly Ledger[]): PaidRow[] {
  return ledgerRows(ledgers)
    .filter((r) => r.entry.expense > 0)
    .flatMap((r) => {
      const payee = payeeOf(r.entry);
      return payee ? [{ ...r, payee, payeeKey: coreName(payee) }] : [];
    })
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
