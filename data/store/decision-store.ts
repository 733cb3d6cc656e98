import type { DecisionMatter } from '../decisions/decision-matter.ts';
import type { DecisionRecord } from '../decisions/decision-record.ts';

/**
 * 四议两公开 matters (issue 11): their own small interface, with its contract suite
 * (decision-contract.ts) run against every backend.
 *
 * Invariants a backend keeps under concurrent writers: a matter is one per village and 事由; its
 * public number is max + 1 in first-recorded order with no gap (see public-id.ts for how
 * SQLite gets that and what PostgreSQL needs); its entries are numbered 1, 2, 3 … with no gap; an
 * entry and its `decision-entry` leaf commit together or not at all; nothing is updated or deleted.
 */
export interface DecisionStore {
  /**
   * Records what registers say. A matter not yet known (village and 事由) is created. Its facts are
   * appended when they differ from its latest facts; each step when no step on record says exactly
   * the same (the row it came from aside). All in one transaction; `added`: the entries appended.
   * `sample` marks matters it creates as sample data (the demo); a matter keeps what it was created as.
   */
  recordDecisions(records: readonly DecisionRecord[], recordedAt: string, options?: { sample?: boolean }): Promise<{ matters: DecisionMatter[]; added: number }>;
  getDecisionMatter(id: string): Promise<DecisionMatter | null>;
  /** Matters of villages under `prefix` ('' for all), in public-number order. */
  listDecisionMatters(prefix: string): Promise<DecisionMatter[]>;
}
