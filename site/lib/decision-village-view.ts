import { decisionBadge, type DecisionBadgeView } from './decision-badge.ts';
import { matterOf, type VillageDecisions } from '../../data/decisions/village-decisions.ts';
import { decisionHref } from './urls.ts';

/**
 * The village page's share of 四议两公开 (issue 11, point 4): the section listing the village's
 * matters with their badges, and the badge on each project of its current project lists, linked
 * to the matter that decided it when there is one.
 */
export interface DecisionListItem {
  href: string;
  subject: string;
  badge: DecisionBadgeView;
  /** the day of the latest step on record, or null before any */
  lastStep: string | null;
  sample: boolean;
}

export interface DecisionListView {
  items: DecisionListItem[];
  /** 本村尚未登记四议两公开事项, when there are none */
  empty: string | null;
}

export interface ProjectDecisionBadge extends DecisionBadgeView {
  /** the matter's page; null when no matter was found for the project */
  href: string | null;
}

export function decisionList(village: string, decisions: VillageDecisions): DecisionListView {
  const items = decisions.matters.map(({ matter, judged }) => {
    const dates = judged.record.steps.map((s) => s.date).sort();
    return { href: decisionHref(village, matter.id), subject: matter.subject, badge: decisionBadge(judged.checks.summary), lastStep: dates.at(-1) ?? null, sample: matter.sample };
  });
  return { items, empty: items.length === 0 ? '本村尚未登记四议两公开事项' : null };
}

/** The badge of the project at `index` of a project list; null when the list was not judged. */
export function projectBadge(village: string, decisions: VillageDecisions, publicationId: string, index: number): ProjectDecisionBadge | null {
  const decision = decisions.projects.get(publicationId)?.[index];
  if (!decision) return null;
  const matter = matterOf(decisions, decision);
  return { ...decisionBadge(decision.checks.summary), href: matter === null ? null : decisionHref(village, matter.id) };
}
