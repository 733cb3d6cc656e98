import { factsOf, type DecisionEntry, type DecisionMatter } from './decision-matter.ts';
import type { DecisionRecord, DecisionStepKind } from './decision-record.ts';

/**
 * Test support: a stored matter built by hand around a record (data/decisions/checks/test-records.ts),
 * as the store would hold it: entry 1 its facts, then one entry per step, each with a log index.
 */
export function storedMatter(
  record: DecisionRecord,
  fields: { id?: string; at?: string; sample?: boolean; late?: { steps: DecisionStepKind[]; at: string } } = {},
): DecisionMatter {
  const at = fields.at ?? '2026-09-25T08:00:00.000Z';
  const late = fields.late;
  // A step recorded late is appended after the rest, as a second upload of the register would.
  const onTime = record.steps.filter((s) => !late?.steps.includes(s.step));
  const after = record.steps.filter((s) => late?.steps.includes(s.step));
  const entries: DecisionEntry[] = [
    { seq: 1, recordedAt: at, logIndex: 10, entry: 'matter', value: factsOf(record) },
    ...onTime.map((value, i): DecisionEntry => ({ seq: i + 2, recordedAt: at, logIndex: 11 + i, entry: 'step', value })),
    ...after.map((value, i): DecisionEntry => ({ seq: onTime.length + i + 2, recordedAt: late!.at, logIndex: 40 + i, entry: 'step', value })),
  ];
  return { id: fields.id ?? '2', village: record.village, subject: record.subject, sample: fields.sample ?? false, createdAt: at, entries };
}
