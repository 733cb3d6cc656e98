import { Finding, FlagRuleId } from '../flags/finding.ts';
import type { Evidence } from '../flags/finding.ts';
import type { Flag, FlagEvent, FlagStatus, NewFlagEvent } from '../flags/flag.ts';
import { currentWording, raisedEvent } from '../flags/flag-workflow.ts';
import type { FlagSettingsDocument } from '../flags/flag-settings.ts';
import { numberedEvents } from './event-rows.ts';
import { MAX_FLAG_LIST, type FlagFilter, type FlagRunInput, type FlagRunSummary, type StoredFlagSettings } from './flag-store.ts';

/** What both flag backends share: a list's limit, a run's fit, the flag a finding raises, a flag and a run read back. */

/** What `listFlags` returns without a `limit`. */
export const DEFAULT_FLAG_LIST = 1_000;

/** The `limit` of a list, checked and capped. */
export function listLimit(filter: FlagFilter): number {
  const limit = filter.limit ?? DEFAULT_FLAG_LIST;
  if (!Number.isInteger(limit) || limit < 0) throw new RangeError(`limit must be a whole number ≥ 0, not ${limit}`);
  return Math.min(limit, MAX_FLAG_LIST);
}

/**
 * A run that does not fit its village or rules is a runner bug, refused before anything is written:
 * a finding of a rule that did not run would be raised again beside its existing flag.
 */

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

export type Wording = Pick<Flag, 'title' | 'detail' | 'amount' | 'evidence'>;

export function pickWording(w: Wording): Wording {
  return { title: w.title, detail: w.detail, amount: w.amount, evidence: w.evidence };
}

/** The flag a new finding of `run` raises, numbered `id`: open, with its `raised` event as step 1. */
export function raisedFlag(id: number, raised: FlagRunInput['findings'][number], run: Pick<FlagRunInput, 'id' | 'at'>): Flag {
  const { finding, publicFrom } = raised;
  const event = { ...raisedEvent(finding, run.id, run.at), seq: 1 } as FlagEvent;
  return {
    id: String(id),
    village: finding.village,
    rule: finding.rule,
    key: finding.key,
    ...pickWording(currentWording([event]) ?? finding),
    sample: finding.sample,
    status: 'open',
    raisedAt: run.at,
    publicFrom,
    updatedAt: run.at,
    events: [event],
  };
}

/** A stored version of a county's flag settings, as both backends read it back. */
export interface SettingsRow {
  code: string;
  version: number;
  document: string;
  sha256: string;
  at: string;
  actor: string;
}

export function toStored(row: SettingsRow): StoredFlagSettings {
  return { code: row.code, version: row.version, document: JSON.parse(row.document) as FlagSettingsDocument, at: row.at, actor: row.actor, sha256: row.sha256 };
}

/** A flag's columns (SQLite writes `sample` as 0 / 1, PostgreSQL as a boolean; bigints may come as text). */
export interface FlagRow {
  id: number;
  village: string;
  rule: string;
  key: string;
  status: string;
  title: string;
  detail: string;
  amount: number | string | null;
  evidence: string;
  sample: number | boolean;
  raised_at: string;
  public_from: string;
  updated_at: string;
}

export function toFlag(row: FlagRow, events: FlagEvent[]): Flag {
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
    sample: row.sample === 1 || row.sample === true,
    status: row.status as FlagStatus,
    raisedAt: row.raised_at,
    publicFrom: row.public_from,
    updatedAt: row.updated_at,
    events,
  };
}

/** A run's columns. */
export interface RunRow {
  id: string;
  village: string;
  at: string;
  triggered_by: FlagRunInput['trigger'];
  rules: string;
  findings: number;
}

export function toRunSummary(row: RunRow): FlagRunSummary {
  return { id: row.id, village: row.village, at: row.at, trigger: row.triggered_by, rules: JSON.parse(row.rules) as FlagRuleId[], findings: row.findings };
}

/** A stored flag with events appended and its status and wording moved; nothing is written yet. */
export function advance(flag: Flag, status: FlagStatus, added: readonly NewFlagEvent[]): { flag: Flag; added: FlagEvent[] } {
  const { events: numbered, last } = numberedEvents<FlagEvent>(`flag ${flag.id}`, flag.events, added);
  const events = [...flag.events, ...numbered];
  const wording = currentWording(events) ?? flag;
  return { flag: { ...flag, ...pickWording(wording), status, updatedAt: last.at, events }, added: numbered };
}
