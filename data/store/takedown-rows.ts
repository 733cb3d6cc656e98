import type { ComplaintStepTakedown } from './takedown-store.ts';

/** A complaint step's takedown as both backends read it back (joined with its complaint's public id). */
export interface StepTakedownRow {
  public_id: number | string;
  seq: number;
  reason: string;
  at: string;
  log_index: number | string;
}

export function toTakedown(row: StepTakedownRow): ComplaintStepTakedown {
  return { complaint: String(row.public_id), seq: row.seq, reason: row.reason, at: row.at, logIndex: Number(row.log_index) };
}
