import type { FlagRuleId } from '../flags/finding.ts';
import type { Flag, FlagStatus, FlagWorkflowResult, RaisedFinding } from '../flags/flag.ts';
import type { FlagSettingsDocument } from '../flags/flag-settings.ts';

/**
 * Storage of red flags (issue 12), its own small interface beside `Store`. Every change of a
 * flag — raised, updated, explained, confirmed, dismissed, resolved, reopened — is an event,
 * append-only, with a transparency-log leaf in the same transaction (data/log/log-leaf.ts
 * `flag-event`). Flag ids are public numbers 1, 2, 3 … in the order flags were raised, assigned
 * inside the write transaction (SQLite's single writer keeps them gapless).
 * The contract suite is flag-contract.ts.
 */
export interface FlagStore {
  /**
   * Stores one run of the rules `rules` over `village`: the run itself, and what `planRun`
   * (flags/flag-workflow.ts) makes of the findings against the village's flags of those rules —
   * new flags raised, figures updated, problems no longer found resolved, resolved ones reopened —
   * in one write transaction.
   */
  applyFlagRun(run: FlagRunInput): Promise<FlagRunResult>;
  getFlag(id: string): Promise<Flag | null>;
  /** Flags of villages under `scope`, newest first, at most `limit` (≤ MAX_FLAG_LIST). */
  listFlags(filter: FlagFilter): Promise<Flag[]>;
  /**
   * Reads the flag, runs `act` (pure: flags/flag-workflow.ts flagAction) on it and appends the
   * events it returns with the new status, in one write transaction.
   */
  updateFlag(id: string, act: (current: Flag) => FlagWorkflowResult): Promise<FlagUpdate>;
  /** Counts by status and rule of flags under `scope`; with `publicAt`, only flags public by then. */
  flagCounts(scope: string, publicAt: string | null): Promise<FlagCounts>;
  /** The village's latest run, if any. */
  lastFlagRun(village: string): Promise<FlagRunSummary | null>;
}

/** The largest list `listFlags` returns. */
export const MAX_FLAG_LIST = 5_000;

export interface FlagRunInput {
  /** unique, e.g. a ULID-like id made by the runner */
  id: string;
  village: string;
  at: string;
  trigger: 'publication' | 'nightly' | 'manual';
  /** the rules that ran: flags of other rules are not touched */
  rules: readonly FlagRuleId[];
  findings: readonly RaisedFinding[];
}

export interface FlagRunSummary {
  id: string;
  village: string;
  at: string;
  trigger: FlagRunInput['trigger'];
  rules: FlagRuleId[];
  /** how many findings the run made */
  findings: number;
}

export interface FlagRunResult {
  run: FlagRunSummary;
  raised: Flag[];
  /** flags with new events (updated, resolved, reopened), as they are after the run */
  changed: Flag[];
}

export interface FlagFilter {
  /** a division code prefix; '' for all */
  scope: string;
  /** `active`: open, explained or confirmed */
  status?: FlagStatus | 'active';
  rule?: FlagRuleId;
  /** only flags public at this instant (publicFrom ≤ publicAt) */
  publicAt?: string;
  /** only flags that became public after this instant (publicFrom > publicAfter): the night's newly shown */
  publicAfter?: string;
  /** at most MAX_FLAG_LIST; 1,000 when not given */
  limit?: number;
  /** the next page: the flags listed after this one, the last of the page before (list-every.ts pages with it) */
  after?: { raisedAt: string; id: string };
}

export type FlagUpdate =
  | { kind: 'updated'; flag: Flag }
  | { kind: 'not-found'; id: string }
  | { kind: 'invalid-transition'; from: FlagStatus; action: string };

export interface FlagCounts {
  total: number;
  byStatus: Record<FlagStatus, number>;
  byRule: Partial<Record<FlagRuleId, number>>;
  /** villages with at least one active flag */
  villagesWithActive: number;
  /** flags raised per month (YYYY-MM, China time), oldest first */
  raisedByMonth: Array<{ month: string; count: number }>;
}

/**
 * The settings each county publishes for its flags (flags/flag-settings.ts): versioned,
 * append-only, each version a leaf in the log (`flag-settings`).
 */
export interface FlagSettingsStore {
  /** The latest version for exactly this code (a county, or the region), or null. */
  getFlagSettings(code: string): Promise<StoredFlagSettings | null>;
  /** Every version for the code, newest first. */
  listFlagSettings(code: string): Promise<StoredFlagSettings[]>;
  /** The codes under `prefix` (itself included) that have a version, in code order: whose thresholds may differ. */
  flagSettingsCodes(prefix: string): Promise<string[]>;
  /** Appends version n+1 for the code. */
  saveFlagSettings(input: { code: string; document: FlagSettingsDocument; at: string; actor: string }): Promise<StoredFlagSettings>;
}

export interface StoredFlagSettings {
  code: string;
  version: number;
  document: FlagSettingsDocument;
  at: string;
  actor: string;
  /** SHA-256 of the canonical JSON of the document, as the log leaf carries it */
  sha256: string;
}

/**
 * The keyed fingerprints of subsidy beneficiaries (HMAC of the ID number, computed at import
 * before masking; data/import/beneficiary-key.ts), written with their publication by `publish`
 * (NewPublication.beneficiaryKeys). Only current versions that are not taken down count.
 * The raw number is never stored, and fingerprints are never served.
 */
export interface BeneficiaryIndex {
  /** Groups of two or more rows with one fingerprint in the same programme and period, among villages under `township`. */
  duplicateBeneficiaries(township: string): Promise<BeneficiaryGroup[]>;
}

export interface BeneficiaryGroup {
  programme: string;
  period: string;
  match: 'id' | 'name-masked-id';
  rows: Array<{ village: string; publicationId: string; row: number }>;
}
