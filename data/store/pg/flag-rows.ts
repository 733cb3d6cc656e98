import { canonicalJson } from '../../canonical-json.ts';
import { Finding, FlagRuleId, type Evidence } from '../../flags/finding.ts';
import type { Flag, FlagEvent, FlagStatus } from '../../flags/flag.ts';
import { MAX_FLAG_LIST, type FlagFilter, type FlagRunInput } from '../flag-store.ts';
import { eventFromColumns, type StoredEventColumns } from '../sqlite-event-rows.ts';
import { DEFAULT_FLAG_LIST } from '../sqlite-flags.ts';

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

export type Wording = Pick<Flag, 'title' | 'detail' | 'amount' | 'evidence'>;

export function pickWording(w: Wording): Wording {
  return { title: w.title, detail: w.detail, amount: w.amount, evidence: w.evidence };
}

/** The `limit` of a list, checked and capped. */
export function listLimit(filter: FlagFilter): number {
  const limit = filter.limit ?? DEFAULT_FLAG_LIST;
  if (!Number.isInteger(limit) || limit < 0) throw new RangeError(`limit must be a whole number ≥ 0, not ${limit}`);
  return Math.min(limit, MAX_FLAG_LIST);
}

/** The evidence as stored: canonical JSON, so what is read back is what the digest covered. */
export function evidenceText(flag: Flag): string {
  return canonicalJson(flag.evidence);
}

/**
 * A run that does not fit its village or rules is a runner bug, refused before anything is written:
 * a finding of a rule that did not run would be raised again beside its existing flag.
 */
export function checkedRun(run: FlagRunInput): FlagRunInput {
  const problem = !/^\d{12}$/.test(run.village)
    ? 'the village is not a 12-digit code'
    : run.rules.some((r) => !FlagRuleId.safeParse(r).success)
      ? `unknown rule among ${run.rules.join(', ')}`
      : run.findings.some((f) => f.finding.village !== run.village)
        ? 'a finding is about another village'
        : run.findings.some((f) => !run.rules.includes(f.finding.rule))
          ? 'a finding is of a rule that did not run'
          : null;
  if (problem) throw new TypeError(`flag run ${run.id}: ${problem}`);
  // Parsed so that nothing is stored that would not read back as a finding.
  return { ...run, rules: [...run.rules], findings: run.findings.map((f) => ({ finding: Finding.parse(f.finding), publicFrom: f.publicFrom })) };
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
