import type { AuditedLeaf } from '../../data/log/audit-log.ts';
import { parseLeaf } from '../../data/log/log-leaf.ts';

/**
 * What the downloaded leaves say, by the record they are about, for `verify`'s lookups. The first
 * leaf of a record counts; a second one is named by the audit (`logged-twice`), not here.
 */
export interface LogView {
  publications: Map<string, { village: string; index: number; sha256: string }>;
  tombstones: Map<string, { index: number; reason: string; at: string }>;
  /** a version's id → the id of the logged version that supersedes it */
  successors: Map<string, string>;
  /** a complaint's public id → its logged steps by seq */
  complaints: Map<string, Map<number, { index: number; event: string; at: string; hash: string }>>;
  /** `<complaint public id>/<seq>` → the takedown of that step */
  stepTakedowns: Map<string, { index: number; reason: string; at: string }>;
  flags: Set<string>;
  rounds: Set<string>;
  settings: Set<string>;
  /** 四议两公开 matters' public numbers */
  decisions: Set<string>;
  /** scopes with a published power list */
  powerCatalogues: Set<string>;
  /** scopes with a published summary table */
  regionSummaries: Set<string>;
}

export function logView(leaves: Iterable<AuditedLeaf>): LogView {
  const view: LogView = { publications: new Map(), tombstones: new Map(), successors: new Map(), complaints: new Map(), stepTakedowns: new Map(), flags: new Set(), rounds: new Set(), settings: new Set(), decisions: new Set(), powerCatalogues: new Set(), regionSummaries: new Set() };
  for (const l of [...leaves].sort((a, b) => a.index - b.index)) {
    const parsed = parseLeaf(l.leaf);
    if (!parsed.ok) continue;
    const leaf = parsed.leaf;
    switch (leaf.type) {
      case 'publication':
        if (!view.publications.has(leaf.id)) view.publications.set(leaf.id, { village: leaf.village, index: l.index, sha256: leaf.sha256 });
        if (leaf.supersedes !== null && !view.successors.has(leaf.supersedes)) view.successors.set(leaf.supersedes, leaf.id);
        break;
      case 'tombstone':
        if (!view.tombstones.has(leaf.publication)) view.tombstones.set(leaf.publication, { index: l.index, reason: leaf.reason, at: leaf.at });
        break;
      case 'complaint-event': {
        const steps = view.complaints.get(leaf.complaint) ?? new Map();
        if (!steps.has(leaf.seq)) steps.set(leaf.seq, { index: l.index, event: leaf.event, at: leaf.at, hash: leaf.hash });
        view.complaints.set(leaf.complaint, steps);
        break;
      }
      case 'complaint-step-tombstone': {
        const ref = `${leaf.complaint}/${leaf.seq}`;
        if (!view.stepTakedowns.has(ref)) view.stepTakedowns.set(ref, { index: l.index, reason: leaf.reason, at: leaf.at });
        break;
      }
      case 'flag-event':
        view.flags.add(leaf.flag);
        break;
      case 'rectification-event':
        view.rounds.add(leaf.round);
        break;
      case 'flag-settings':
        view.settings.add(leaf.code);
        break;
      case 'decision-entry':
        view.decisions.add(leaf.matter);
        break;
      case 'power-catalogue':
        view.powerCatalogues.add(leaf.scope);
        break;
      case 'region-summary':
        view.regionSummaries.add(leaf.scope);
        break;
    }
  }
  return view;
}
