import type { Account } from '../../data/accounts/account.ts';
import { allows } from '../../data/accounts/permissions.ts';
import { recordedSteps, type DecisionMatter } from '../../data/decisions/decision-matter.ts';
import { EVIDENCE_KIND_NAME } from '../../data/decisions/decision-record.ts';
import type { MatterJudgement } from '../../data/decisions/matter-checks.ts';
import type { Division } from '../../data/region.ts';
import { decisionBadge, type DecisionBadgeView } from './decision-badge.ts';
import type { ConsolePage } from './console-view.ts';
import type { PageBase, SiteInfo } from './page-model.ts';
import { CONSOLE_PATHS, decisionHref } from './urls.ts';

/**
 * 四议两公开 in the console (issue 11's records, issue 13's screens): a village's secretary uploads
 * the 登记表 (a dry run first, the checks' findings shown before anything is recorded) and sees
 * each matter with its badge; other accounts see the matters under their scope, each linked to
 * its public page, where every step and check is shown.
 */
export interface DecisionsPage extends PageBase {
  kind: 'console-decisions';
  csrf: ConsolePage['csrf'];
  heading: string;
  /** the form, for those who record for a village */
  upload: { action: string; village: string } | null;
  /** attaching a photo or PDF to a recorded step, for those who record */
  evidence: { action: string; steps: Array<{ value: string; label: string }>; kinds: Array<{ value: string; label: string }> } | null;
  result: { heading: string; lines: string[]; problems: string[] } | null;
  matters: Array<{ subject: string; villageName: string; href: string; badge: DecisionBadgeView | null }>;
  back: string;
}

/** The 登记表 form's fields: the only place their names are written. */
export const DECISION_FIELDS = { file: 'file', dryRun: 'dry_run', step: 'step', kind: 'kind', name: 'name' } as const;

export function buildDecisionsView(input: {
  site: SiteInfo;
  csrf: ConsolePage['csrf'];
  account: Account;
  divisions: ReadonlyMap<string, Division>;
  matters: ReadonlyArray<{ matter: DecisionMatter; judged: MatterJudgement | null }>;
  result?: DecisionsPage['result'];
}): DecisionsPage {
  const { account } = input;
  const records = account.scope.length === 12 && allows(account, 'record-decisions', account.scope).ok;
  return {
    site: input.site,
    title: '四议两公开',
    description: '工作台：四议两公开登记',
    sample: false,
    kind: 'console-decisions',
    csrf: input.csrf,
    heading: `四议两公开 · ${input.divisions.get(account.scope)?.name ?? account.scope}`,
    upload: records ? { action: CONSOLE_PATHS.decisions, village: account.scope } : null,
    evidence:
      records && input.matters.length > 0
        ? {
            action: CONSOLE_PATHS.decisionEvidence,
            steps: input.matters.flatMap(({ matter }) => recordedSteps(matter).map((s) => ({ value: `${matter.id}:${s.seq}`, label: `${matter.subject} · ${s.step.label}（${s.step.date}）` }))),
            kinds: Object.entries(EVIDENCE_KIND_NAME).map(([value, label]) => ({ value, label })),
          }
        : null,
    result: input.result ?? null,
    matters: input.matters.map(({ matter, judged }) => ({
      subject: matter.subject,
      villageName: input.divisions.get(matter.village)?.name ?? matter.village,
      href: decisionHref(matter.village, matter.id),
      badge: judged && decisionBadge(judged.checks.summary),
    })),
    back: CONSOLE_PATHS.home,
  };
}
