import type { EvidenceAttachment } from '../decisions/decision-evidence.ts';
import type { DecisionEntry, DecisionEntryKind, MatterFacts } from '../decisions/decision-matter.ts';
import type { DecisionStep } from '../decisions/decision-record.ts';

/** An entry of a 四议两公开 matter as stored, shared by the SQLite and PostgreSQL backends. */
export interface EntryColumns {
  seq: number;
  entry: DecisionEntryKind;
  value: string;
  recorded_at: string;
  log_index: number | string;
}

export function toEntry(row: EntryColumns): DecisionEntry {
  const base = { seq: row.seq, recordedAt: row.recorded_at, logIndex: Number(row.log_index) };
  const value: unknown = JSON.parse(row.value);
  // Every value was parsed before it was stored, and rows are never updated.
  switch (row.entry) {
    case 'step':
      return { ...base, entry: 'step', value: value as DecisionStep };
    case 'matter':
      return { ...base, entry: 'matter', value: value as MatterFacts };
    case 'evidence':
      return { ...base, entry: 'evidence', value: value as EvidenceAttachment };
  }
}
