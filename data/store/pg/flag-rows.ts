import { canonicalJson } from '../../canonical-json.ts';
import type { Flag, FlagEvent } from '../../flags/flag.ts';
import { toFlag, type FlagRow } from '../flag-common.ts';
import { eventFromColumns, type StoredEventColumns } from '../event-rows.ts';

/**
 * Flags as PostgreSQL rows (schema 7), for flags.ts: a flag read with its events in one statement,
 * the flag's columns repeated on each event row (the row itself read by flag-common.ts, as SQLite's).
 */


/** A flag's columns joined with one of its events. */
export type FlagEventRow = FlagRow & StoredEventColumns;

/** The columns a read selects: the flag's, then the event's (the names do not overlap). */
export const FLAG_WITH_EVENTS = 'f.id, f.village, f.rule, f.key, f.status, f.title, f.detail, f.amount, f.evidence, f.sample, f.raised_at, f.public_from, f.updated_at, e.seq, e.at, e.actor, e.type, e.payload';

/** Flags from rows of flag × event, a flag's rows together and in seq order. */
export function toFlags(rows: readonly FlagEventRow[]): Flag[] {
  const flags: Flag[] = [];
  for (const row of rows) {
    const event = eventFromColumns<FlagEvent>(row);
    const last = flags.at(-1);
    if (last?.id === String(row.id)) last.events.push(event);
    else flags.push(toFlag(row, [event]));
  }
  return flags;
}

/** The evidence as stored: canonical JSON, so what is read back is what the digest covered. */
export function evidenceText(flag: Flag): string {
  return canonicalJson(flag.evidence);
}

