import { canonicalJson } from '../../canonical-json.ts';
import type { Evidence, FlagRuleId } from '../../flags/finding.ts';
import type { Flag, FlagEvent, FlagStatus } from '../../flags/flag.ts';
import { eventFromColumns, type StoredEventColumns } from '../event-rows.ts';

/**
 * Flags as PostgreSQL rows (schema 7), for flags.ts: a flag read with its events in one statement
 * (flag columns repeated on each event row), and the checks a run passes before anything is
 * written. The checks and the list limit are the same as sqlite-flags.ts, which keeps its copies
 * private.
 */

export interface FlagRow {
  id: number;
  village: string;
  rule: string;
  key: string;
  status: string;
  title: string;
  detail: string;
  amount: number | null;
  evidence: string;
  sample: boolean;
  raised_at: string;
  public_from: string;
  updated_at: string;
}

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

function toFlag(row: FlagRow, events: FlagEvent[]): Flag {
  return {
    id: String(row.id),
    village: row.village,
    // the columns hold what was checked on the way in
    rule: row.rule as FlagRuleId,
    key: row.key,
    title: row.title,
    detail: row.detail,
    amount: row.amount === null ? null : Number(row.amount),
    evidence: JSON.parse(row.evidence) as Evidence[],
    sample: row.sample,
    status: row.status as FlagStatus,
    raisedAt: row.raised_at,
    publicFrom: row.public_from,
    updatedAt: row.updated_at,
    events,
  };
}
