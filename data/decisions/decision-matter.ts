import { canonicalJson } from '../canonical-json.ts';
import type { EvidenceAttachment } from './decision-evidence.ts';
import type { DecisionRecord, DecisionStep } from './decision-record.ts';

/**
 * A 四议两公开 matter as the portal keeps it: append-only entries, each with its log leaf — what
 * the matter is about (a new entry when the register says something else about it) and each step
 * as it happened, in the order they were recorded. A step recorded late is kept with both dates:
 * when it happened (its own `date`) and when the portal heard of it (`recordedAt`). Evidence comes
 * later still, as entries naming the step entry they document (decision-evidence.ts).
 */
export type MatterFacts = Pick<DecisionRecord, 'powerItem' | 'amount' | 'amountText' | 'links' | 'completedOn' | 'notes'>;

export type DecisionEntry = { seq: number; recordedAt: string; logIndex: number } & (
  | { entry: 'matter'; value: MatterFacts }
  | { entry: 'step'; value: DecisionStep }
  | { entry: 'evidence'; value: EvidenceAttachment }
);

export type DecisionEntryKind = DecisionEntry['entry'];

/** A step as recorded, with the evidence attached to it since. */
export interface RecordedStep {
  seq: number;
  recordedAt: string;
  /** the step with every attachment's evidence added to its own */
  step: DecisionStep;
  attachments: Array<{ seq: number; recordedAt: string; attachment: EvidenceAttachment }>;
}

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
  for (const e of matter.entries) if (e.entry === 'matter') facts = e.value;
  if (!facts) throw new Error(`decision matter ${matter.id} has no facts entry`);
  return { village: matter.village, subject: matter.subject, ...facts, steps: recordedSteps(matter).map((s) => s.step) };
}

/** Every step entry in recording order, each with the evidence attached to it. */
export function recordedSteps(matter: DecisionMatter): RecordedStep[] {
  const steps: RecordedStep[] = [];
  const bySeq = new Map<number, RecordedStep>();
  for (const e of matter.entries) {
    if (e.entry === 'step') {
      const recorded = { seq: e.seq, recordedAt: e.recordedAt, step: e.value, attachments: [] };
      steps.push(recorded);
      bySeq.set(e.seq, recorded);
    } else if (e.entry === 'evidence') {
      const target = bySeq.get(e.value.stepSeq);
      // the store refuses an attachment to anything but an earlier step entry
      if (!target) throw new Error(`decision matter ${matter.id}: evidence entry ${e.seq} names ${e.value.stepSeq}, not a step before it`);
      target.step = { ...target.step, evidence: [...target.step.evidence, e.value.evidence] };
      target.attachments.push({ seq: e.seq, recordedAt: e.recordedAt, attachment: e.value });
    }
  }
  return steps;
}

function withoutRow(v: MatterFacts | DecisionStep): unknown {
  if (!('row' in v)) return v;
  const { row: _row, ...rest } = v;
  return rest;
}
