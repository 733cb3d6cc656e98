import { namesProject } from '../flags/ledger-match.ts';
import { requiresDecisionRecord } from '../power/catalogue-for.ts';
import type { PowerCatalogue } from '../power/power-catalogue.ts';
import type { Fen, FinanceContent, IsoDate, ProjectContent, ProjectItem } from '../publication.ts';
import { runDecisionChecks, type DecisionCheckSettings, type DecisionChecksRun } from './checks/run-decision-checks.ts';
import type { DecisionRecord } from './decision-record.ts';
import { judgeMatter } from './matter-checks.ts';

/**
 * Each project of a village's project list with the 四议两公开 matter that decided it (issue 11,
 * points 1 and 4 together): whether the county's power list requires a record for its amount, the
 * record found for it, and the checks' outcomes and badge (流程完整 / 缺少：党员大会审议 …). The
 * county's list decides the threshold, so a county that raises it to 20万 changes which projects
 * need a record. Pure: the caller gathers the publications and the catalogue.
 */
export interface ProjectDecision {
  project: Pick<ProjectItem, 'row' | 'name'>;
  /** what the threshold is judged on: the contract amount, else the budget; null when neither is stated */
  amount: Fen | null;
  /** null: no amount, so whether a record is owed cannot be said */
  requiresRecord: boolean | null;
  /** the matter recorded for it, its power-list item matched against the county's list */
  record: DecisionRecord | null;
  checks: DecisionChecksRun;
}

export interface ProjectDecisionsInput {
  projects: ProjectContent;
  records: readonly DecisionRecord[];
  catalogue: PowerCatalogue;
  /** the village's current finance ledgers: the first payment for a project is found there */
  ledgers: readonly FinanceContent[];
  today: IsoDate;
  settings?: DecisionCheckSettings;
}

export function projectDecisions(input: ProjectDecisionsInput): ProjectDecision[] {
  return input.projects.projects.map((project) => {
    const amount = project.contractAmount ?? project.budget;
    const requiresRecord = amount === null ? null : requiresDecisionRecord(input.catalogue, { kind: 'project', amountFen: amount });
    const setting = { catalogue: input.catalogue, ledgers: input.ledgers, today: input.today, settings: input.settings, requiresRecord, alsoNamed: [project.name] };
    const found = input.records.find((r) => decides(r, project)) ?? null;
    if (!found) return { project: { row: project.row, name: project.name }, amount, requiresRecord, record: null, checks: runDecisionChecks(null, contextWithout(setting), input.settings) };
    const dated = datedBy(found, project);
    const { record, checks } = judgeMatter(dated, setting);
    return { project: { row: project.row, name: project.name }, amount, requiresRecord, record, checks };
  });
}

/**
 * The record with its completion date from the project list when the register leaves it out:
 * registers say 已验收 or 结算 without a date, project lists date it (实际完工).
 */
export function withCompletionFrom(record: DecisionRecord, projectLists: readonly ProjectContent[]): DecisionRecord {
  if (record.completedOn !== null) return record;
  for (const list of projectLists) {
    const project = list.projects.find((p) => decides(record, p) && p.actualCompletion !== null);
    if (project) return datedBy(record, project);
  }
  return record;
}

// ——— private helpers ———

function datedBy(record: DecisionRecord, project: ProjectItem): DecisionRecord {
  return record.completedOn === null && project.actualCompletion ? { ...record, completedOn: project.actualCompletion } : record;
}

/** The record names the project: by a link, or its 事由 names the project (or the project the 事由). */
function decides(record: DecisionRecord, project: ProjectItem): boolean {
  const linked = record.links.filter((l) => l.kind === 'project');
  if (linked.length > 0) return linked.some((l) => l.name !== null && namesProject(l.name, project.name));
  return namesProject(record.subject, project.name) || namesProject(project.name, record.subject);
}

/** A project without a record: only record-required speaks, from the project's own answer. */
function contextWithout(setting: { today: IsoDate; requiresRecord: boolean | null }) {
  return { today: setting.today, contractSignedOn: null, firstPaymentOn: null, requiresRecord: setting.requiresRecord };
}
