import type { Correction } from '../complaints/classify.ts';
import { TARGET_KINDS } from '../complaints/classify-rules.ts';

/**
 * What staff chose against what the classification rules suggested (issue 17: "corrections by
 * staff are recorded, so a county can see where its rules miss"), one row per kind decided, kept
 * under the complaint's village so a county or township reads its own (data/complaints/classify.ts
 * missRates turns them into miss and override rates). Statistics for the county's rule writers,
 * not public record: no log leaf.
 */
export interface IntakeCorrections {
  /** the corrections of one recorded complaint, all or none */
  recordCorrections(village: string, at: string, corrections: readonly Correction[]): Promise<void>;
  /** the newest `limit` (at most MAX_CORRECTIONS_LISTED) under a division code prefix ('' for all), newest first */
  listCorrections(prefix: string, limit?: number): Promise<StoredCorrection[]>;
}

export interface StoredCorrection extends Correction {
  village: string;
  at: string;
}

export const MAX_CORRECTIONS_LISTED = 10_000;

/** Caller bugs, refused before anything is written: as the other stores refuse theirs. */
export function checkedCorrections(village: string, at: string, corrections: readonly Correction[]): void {
  if (!/^\d{12}$/.test(village)) throw new TypeError(`a correction's village must be a 12-digit code, not ${JSON.stringify(village)}`);
  if (Number.isNaN(Date.parse(at))) throw new TypeError(`a correction's time must be an ISO instant, not ${JSON.stringify(at)}`);
  for (const c of corrections) {
    if (!(TARGET_KINDS as readonly string[]).includes(c.kind)) throw new TypeError(`unknown correction kind ${JSON.stringify(c.kind)}`);
    for (const v of [c.suggested, c.chosen]) if (v !== null && (typeof v !== 'string' || v.length === 0 || v.length > 100)) throw new TypeError(`a suggested or chosen value must be null or 1–100 characters, not ${JSON.stringify(v)}`);
  }
}

export function correctionsLimit(limit: number | undefined): number {
  const n = limit ?? MAX_CORRECTIONS_LISTED;
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`limit must be a whole number ≥ 0, not ${n}`);
  return Math.min(n, MAX_CORRECTIONS_LISTED);
}
