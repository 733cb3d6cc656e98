import { canonicalJson } from '../canonical-json.ts';
import type { DecisionRecord, DecisionStep } from './decision-record.ts';

/**
 * A 四议两公开 matter as the portal keeps it: append-only entries, each with its log leaf — what
 * the matter is about (a new entry when the register says something else about it) and each step
 * as it happened, in the order they were recorded. A step recorded late is kept with both dates:
 * when it happened (its own `date`) and when the portal heard of it (`recordedAt`).
 */
export type MatterFacts = Pick<DecisionRecord, 'powerItem' | 'amount' | 'amountText' | 'links' | 'completedOn' | 'notes'>;

export type DecisionEntry = { seq: number; recordedAt: string; logIndex: number } & (
  | { entry: 'matter'; value: MatterFacts }
  | { entry: 'step'; value: DecisionStep }
);

export interface DecisionMatter {
  /** public number: 1, 2, 3 … in the order matters were first recorded */
  id: string;
  village: string;
  /** 事由 */
  subject: string;
  /** sample data (the demo's), labelled 示例数据 wherever it is shown */
  sample: boolean;
  createdAt: string;
  entries: DecisionEntry[];
}

export function factsOf(record: DecisionRecord): MatterFacts {
  return { powerItem: record.powerItem, amount: record.amount, amountText: record.amountText, links: record.links, completedOn: record.completedOn, notes: record.notes };
}

/** Two facts or two steps say the same thing (a step's row in the file it came from aside). */
export function sameEntry(a: MatterFacts | DecisionStep, b: MatterFacts | DecisionStep): boolean {
  return canonicalJson(withoutRow(a)) === canonicalJson(withoutRow(b));
}

/** The matter as the checks read it: its latest facts and every step recorded, in recording order. */
export function currentRecord(matter: DecisionMatter): DecisionRecord {
  let facts: MatterFacts | null = null;
  const steps: DecisionStep[] = [];
  for (const e of matter.entries) {
    if (e.entry === 'matter') facts = e.value;
    else steps.push(e.value);
  }
  if (!facts) throw new Error(`decision matter ${matter.id} has no facts entry`);
  return { village: matter.village, subject: matter.subject, ...facts, steps };
}

function withoutRow(v: MatterFacts | DecisionStep): unknown {
  if (!('row' in v)) return v;
  const { row: _row, ...rest } = v;
  return rest;
}
