import { currentRecord, type DecisionMatter } from './decision-matter.ts';
import type { DecisionCheckSettings } from './checks/run-decision-checks.ts';
import type { DecisionRecord } from './decision-record.ts';
import { judgeMatter, type MatterJudgement } from './matter-checks.ts';
import { projectDecisions, withCompletionFrom, type ProjectDecision } from './project-decisions.ts';
import { DEFAULT_CATALOGUE } from '../power/default-catalogue.ts';
import type { PowerCatalogue } from '../power/power-catalogue.ts';
import type { ContractContent, FinanceContent, IsoDate, ProjectContent, Publication } from '../publication.ts';

/**
 * A village's 四议两公开 matters judged as the portal shows them, for its pages and the API alike:
 * each matter against the village's current finance ledgers and the power list, and each project
 * of its current project lists with the matter that decided it (project-decisions.ts). Pure: the
 * callers read the store (taken-down versions left out) and the clock.
 */
export interface JudgedMatter {
  matter: DecisionMatter;
  judged: MatterJudgement;
}

export interface VillageDecisions {
  /** in public-number order, as the store lists them */
  matters: JudgedMatter[];
  /** by project-list publication id: one per project, in the list's order */
  projects: ReadonlyMap<string, readonly ProjectDecision[]>;
}

export interface VillageDecisionsInput {
  matters: readonly DecisionMatter[];
  /** the village's current publications the page shows (taken-down versions left out by the caller) */
  publications: readonly Publication[];
  /** the build day, China time */
  today: IsoDate;
  /** the national default until counties publish their own lists (issue 11, point 1), as the API */
  catalogue?: PowerCatalogue;
  /** the county's thresholds for the checks (its settings document); the checks' defaults when absent */
  settings?: DecisionCheckSettings;
}

export function judgeVillageDecisions(input: VillageDecisionsInput): VillageDecisions {
  const catalogue = input.catalogue ?? DEFAULT_CATALOGUE;
  const ledgers = ledgersOf(input.publications);
  const records = input.matters.map((m) => currentRecord(m));
  const projectLists = projectListsOf(input.publications);
  const matters = input.matters.map((matter, i) => ({ matter, judged: judgeMatter(withCompletionFrom(records[i]!, projectLists), { catalogue, ledgers, contracts: contractsOf(input.publications), today: input.today, settings: input.settings }) }));
  const projects = new Map<string, readonly ProjectDecision[]>();
  for (const p of input.publications) {
    if (p.content.kind !== 'project') continue;
    projects.set(p.id, projectDecisions({ projects: p.content, records, catalogue, ledgers, today: input.today, settings: input.settings }));
  }
  return { matters, projects };
}

/** Records not stored yet (a register's dry run), judged as they would be once recorded. */
export function judgeRecords(records: readonly DecisionRecord[], input: Omit<VillageDecisionsInput, 'matters'>): MatterJudgement[] {
  const ledgers = ledgersOf(input.publications);
  const projectLists = projectListsOf(input.publications);
  return records.map((r) => judgeMatter(withCompletionFrom(r, projectLists), { catalogue: input.catalogue ?? DEFAULT_CATALOGUE, ledgers, contracts: contractsOf(input.publications), today: input.today, settings: input.settings }));
}

function projectListsOf(publications: readonly Publication[]): ProjectContent[] {
  return publications.flatMap((p) => (p.content.kind === 'project' ? [p.content] : []));
}

function contractsOf(publications: readonly Publication[]): ContractContent[] {
  return publications.flatMap((p) => (p.content.kind === 'contract' ? [p.content] : []));
}

function ledgersOf(publications: readonly Publication[]): FinanceContent[] {
  return publications.flatMap((p) => (p.content.kind === 'finance' ? [p.content] : []));
}

/** The matter a project's decision was found in: a matter is one per village and 事由. */
export function matterOf(decisions: VillageDecisions, decision: ProjectDecision): DecisionMatter | null {
  if (decision.record === null) return null;
  const subject = decision.record.subject;
  return decisions.matters.find((m) => m.matter.subject === subject)?.matter ?? null;
}
