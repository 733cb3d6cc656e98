import { statementLines, type PublicationContent } from '../publication.ts';

/**
 * The structured fields of one published row, for the search export (issue 16: a journalist sums
 * and sorts these in a spreadsheet instead of reading amounts out of free text). Every kind fills
 * the fields it has and leaves the rest null: a ledger line its income and expense, a subsidy its
 * amount and recipient, a project its budget, contract and paid amounts and contractor, a contract
 * its annual amount and counterparty. Amounts in fen.
 */
export interface HitFields {
  /** the row's own date: paid, started, or the ledger line's date */
  date: string | null;
  income: number | null;
  expense: number | null;
  /** a subsidy paid, or a contract's annual amount */
  amount: number | null;
  budget: number | null;
  contractAmount: number | null;
  paid: number | null;
  /** who was paid or paid: the ledger's counterparty, the subsidy's recipient, the contractor, the other party */
  counterparty: string | null;
}

const NONE: HitFields = { date: null, income: null, expense: null, amount: null, budget: null, contractAmount: null, paid: null, counterparty: null };

/** The fields of the row numbered `row` (its line in the uploaded file); null when there is no such row. */
export function hitFields(content: PublicationContent, row: number): HitFields | null {
  switch (content.kind) {
    case 'finance': {
      const e = content.entries.find((x) => x.row === row);
      return e ? { ...NONE, date: e.date, income: e.income, expense: e.expense, counterparty: e.counterparty ?? null } : null;
    }
    case 'subsidy': {
      const r = content.rows.find((x) => x.row === row);
      return r ? { ...NONE, date: r.datePaid, amount: r.amount, counterparty: r.name } : null;
    }
    case 'project': {
      const p = content.projects.find((x) => x.row === row);
      return p ? { ...NONE, date: p.actualStart ?? p.plannedStart, budget: p.budget, contractAmount: p.contractAmount, paid: p.amountPaid, counterparty: p.contractor } : null;
    }
    case 'contract': {
      const k = content.contracts.find((x) => x.row === row);
      return k ? { ...NONE, date: k.start, amount: k.annualAmount, counterparty: k.counterparty } : null;
    }
    case 'statement': {
      // a row of a side-by-side statement holds a line of each side: no one amount is the row's
      const lines = statementLines(content).filter((l) => l.row === row);
      return lines.length === 0 ? null : { ...NONE, amount: lines.length === 1 ? lines[0]!.amount : null };
    }
  }
}
