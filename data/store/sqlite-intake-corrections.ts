import type Database from 'better-sqlite3';
import { checkedCorrections, correctionsLimit, type IntakeCorrections, type StoredCorrection } from './intake-corrections.ts';
import { prefixBounds } from './prefix-range.ts';

/** Intake corrections in SQLite (migration 19): one transaction per complaint's corrections. */
export function createSqliteIntakeCorrections(db: Database.Database): IntakeCorrections {
  const insert = db.prepare('INSERT INTO intake_corrections (village, at, kind, suggested, chosen) VALUES (?, ?, ?, ?, ?)');
  const list = db.prepare(
    `SELECT village, at, kind, suggested, chosen FROM intake_corrections WHERE village >= @low AND village < @high
     ORDER BY at DESC, rowid ASC LIMIT @limit`,
  );
  const record = db.transaction((village: string, at: string, corrections: readonly StoredCorrection[]) => {
    for (const c of corrections) insert.run(village, at, c.kind, c.suggested, c.chosen);
  });
  return {
    async recordCorrections(village, at, corrections) {
      checkedCorrections(village, at, corrections);
      record.immediate(village, at, corrections.map((c) => ({ ...c, village, at })));
    },
    async listCorrections(prefix, limit) {
      return list.all({ ...prefixBounds(prefix), limit: correctionsLimit(limit) }) as StoredCorrection[];
    },
  };
}
