import type { NewRound, RectificationResult, RoundRecord } from '../rectification/rectification.ts';

/**
 * Storage of inspection rounds and their rectification (issue 12), its own small interface.
 * A round is its events, append-only, each with a transparency-log leaf (`rectification-event`) in
 * the same transaction. Round ids are public numbers 1, 2, 3 … assigned in the write transaction.
 * The contract suite is rectification-contract.ts.
 */
export interface RectificationStore {
  openRound(round: NewRound): Promise<RoundRecord>;
  getRound(id: string): Promise<RoundRecord | null>;
  /**
   * Rounds on the path of `code`: those whose scope is `code`, lies under it, or contains it (a
   * village's page lists the rounds of its township and county too). '' lists every round. Newest first.
   */
  listRounds(code: string): Promise<RoundRecord[]>;
  /**
   * Reads the round, runs `act` (pure: rectification/rectification-workflow.ts) on it and appends the
   * events it returns, in one write transaction.
   */
  updateRound(id: string, act: (round: RoundRecord) => RectificationResult): Promise<RoundUpdate>;
}

export type RoundUpdate =
  | { kind: 'updated'; round: RoundRecord }
  | { kind: 'not-found'; id: string }
  | { kind: 'refused'; failure: Extract<RectificationResult, { ok: false }>['failure'] };
