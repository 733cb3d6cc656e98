import { canonicalJson } from '../canonical-json.ts';
import type { Finding } from './finding.ts';
import { FLAG_SYSTEM, type Flag, type FlagAction, type FlagStatus, type FlagWorkflowResult, type NewFlagEvent, type RaisedFinding } from './flag.ts';

/**
 * The pure half of the flag store: what a person's action does to a flag, and what a rule run
 * does to the village's flags. The store calls these inside its write transaction, so two actions
 * at once cannot both start from the same status, and a run sees the flags as they are.
 */

/** Statuses in which a flag still waits for someone: the runner may update or resolve it. */
export const ACTIVE_STATUSES: readonly FlagStatus[] = ['open', 'explained', 'confirmed'];

/** A person's action on a flag (the route has checked they may take it). */
export function flagAction(flag: Pick<Flag, 'status'>, action: FlagAction, actor: string, now: string): FlagWorkflowResult {
  const from = flag.status;
  const invalid = (): FlagWorkflowResult => ({ ok: false, failure: { kind: 'invalid-flag-transition', from, action: action.type } });
  switch (action.type) {
    case 'explain':
      // the village may add to its explanation until the flag is decided or put right
      if (!ACTIVE_STATUSES.includes(from)) return invalid();
      return { ok: true, status: from === 'confirmed' ? 'confirmed' : 'explained', events: [{ type: 'explained', text: action.text, at: now, actor }] };
    case 'comment':
      // the supervision committee may say its piece at any time; the status stays as it is
      return { ok: true, status: from, events: [{ type: 'commented', text: action.text, at: now, actor }] };
    case 'confirm':
      if (from !== 'open' && from !== 'explained') return invalid();
      return { ok: true, status: 'confirmed', events: [{ type: 'confirmed', reason: action.reason, at: now, actor }] };
    case 'dismiss':
      if (from !== 'open' && from !== 'explained') return invalid();
      return { ok: true, status: 'dismissed', events: [{ type: 'dismissed', reason: action.reason, at: now, actor }] };
    case 'resolve':
      if (!ACTIVE_STATUSES.includes(from)) return invalid();
      return { ok: true, status: 'resolved', events: [{ type: 'resolved', reason: action.reason, byData: false, run: null, at: now, actor }] };
  }
}

/** What a run changes: flags to raise, and events for flags that exist. */
export interface RunPlan {
  raise: RaisedFinding[];
  changes: Array<{ flag: Flag; status: FlagStatus; events: NewFlagEvent[] }>;
}

export const RESOLVED_BY_DATA_REASON = '重新核对时不再发现这一问题（相关数据已更新）';

/**
 * Reconciles one run's findings with the village's flags of the rules that ran:
 * - a new problem is raised;
 * - a problem still found keeps its flag, with an `updated` event when its figures changed;
 * - an active flag whose problem is no longer found is resolved by the data;
 * - a flag resolved by the data is reopened when its problem comes back;
 * - a flag a reviewer dismissed or resolved stays so: a person's decision is not undone by a run.
 * `existing` holds, per (rule, key), the village's latest flag for each rule that ran.
 */
export function planRun(existing: readonly Flag[], findings: readonly RaisedFinding[], run: string, now: string): RunPlan {
  const byKey = new Map<string, Flag>();
  for (const flag of existing) {
    const k = `${flag.rule}\u0000${flag.key}`;
    const prior = byKey.get(k);
    if (!prior || Number(prior.id) < Number(flag.id)) byKey.set(k, flag);
  }
  const plan: RunPlan = { raise: [], changes: [] };
  const seen = new Set<string>();
  for (const raised of findings) {
    const f = raised.finding;
    const k = `${f.rule}\u0000${f.key}`;
    if (seen.has(k)) continue; // a rule reporting one key twice: the first stands
    seen.add(k);
    const flag = byKey.get(k);
    if (!flag) {
      plan.raise.push(raised);
      continue;
    }
    const events: NewFlagEvent[] = [];
    let status = flag.status;
    if (flag.status === 'resolved' && lastResolvedByData(flag)) {
      events.push({ type: 'reopened', run, at: now, actor: FLAG_SYSTEM });
      status = 'open';
    } else if (!ACTIVE_STATUSES.includes(flag.status)) {
      continue;
    }
    if (findingChanged(flag, f)) events.push({ type: 'updated', run, title: f.title, detail: f.detail, amount: f.amount, evidence: f.evidence, at: now, actor: FLAG_SYSTEM });
    if (events.length > 0) plan.changes.push({ flag, status, events });
  }
  for (const [k, flag] of byKey) {
    if (seen.has(k) || !ACTIVE_STATUSES.includes(flag.status)) continue;
    plan.changes.push({ flag, status: 'resolved', events: [{ type: 'resolved', reason: RESOLVED_BY_DATA_REASON, byData: true, run, at: now, actor: FLAG_SYSTEM }] });
  }
  return plan;
}

/** The first event of a new flag. */
export function raisedEvent(finding: Finding, run: string, now: string): NewFlagEvent {
  return { type: 'raised', run, title: finding.title, detail: finding.detail, amount: finding.amount, evidence: finding.evidence, at: now, actor: FLAG_SYSTEM };
}

/** The latest wording of a flag from its events (raised, then each update). */
export function currentWording(events: readonly NewFlagEvent[]): Pick<Finding, 'title' | 'detail' | 'amount' | 'evidence'> | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (e.type === 'raised' || e.type === 'updated') return { title: e.title, detail: e.detail, amount: e.amount, evidence: e.evidence };
  }
  return null;
}

// ——— private helpers ———

function lastResolvedByData(flag: Flag): boolean {
  for (let i = flag.events.length - 1; i >= 0; i--) {
    const e = flag.events[i]!;
    if (e.type === 'resolved') return e.byData;
  }
  return false;
}

function findingChanged(flag: Flag, f: Finding): boolean {
  return flag.title !== f.title || flag.detail !== f.detail || flag.amount !== f.amount || canonicalJson(flag.evidence) !== canonicalJson(f.evidence);
}
