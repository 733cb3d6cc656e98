import { flagEventDigest } from '../log/log-leaf.ts';
import type { Evidence, FlagRuleId } from './finding.ts';
import { FLAG_STATUS_LABEL, type Flag, type FlagEvent, type FlagStatus } from './flag.ts';
import { ALL_RULES } from './rules/index.ts';

/**
 * The only shape in which a flag leaves the portal: everything but its key (the rule's internal
 * identity of the problem), each step with the SHA-256 its log leaf carries, so anyone can check
 * the history against the transparency log. Villagers see a flag from `publicFrom` on; the village
 * itself and reviewers see it at once (the API decides who is asking).
 */
export interface PublicFlag {
  id: string;
  village: string;
  rule: FlagRuleId;
  ruleName: string;
  status: FlagStatus;
  statusLabel: string;
  title: string;
  detail: string;
  amount: number | null;
  evidence: Evidence[];
  sample: boolean;
  raisedAt: string;
  publicFrom: string;
  /** false while the village still has time to explain before villagers see it */
  public: boolean;
  events: Array<FlagEvent & { sha256: string }>;
}

export function publicFlag(flag: Flag, now: string): PublicFlag {
  return {
    id: flag.id,
    village: flag.village,
    rule: flag.rule,
    ruleName: ruleName(flag.rule),
    status: flag.status,
    statusLabel: FLAG_STATUS_LABEL[flag.status],
    title: flag.title,
    detail: flag.detail,
    amount: flag.amount,
    evidence: flag.evidence,
    sample: flag.sample,
    raisedAt: flag.raisedAt,
    publicFrom: flag.publicFrom,
    public: isPublic(flag, now),
    events: flag.events.map((e) => ({ ...e, sha256: flagEventDigest(flag, e) })),
  };
}

export function isPublic(flag: Pick<Flag, 'publicFrom'>, now: string): boolean {
  return Date.parse(flag.publicFrom) <= Date.parse(now);
}

export function ruleName(id: FlagRuleId): string {
  return ALL_RULES.find((r) => r.id === id)?.name ?? id;
}
