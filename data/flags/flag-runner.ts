import { currentRecord, type DecisionMatter } from '../decisions/decision-matter.ts';
import { addWorkingDays, chinaDate } from '../working-days.ts';
import { newPublicationId } from '../publication-id.ts';
import type { Publication } from '../publication.ts';
import type { BeneficiaryIndex, FlagRunResult, FlagSettingsStore, FlagStore } from '../store/flag-store.ts';
import type { DecisionStore } from '../store/decision-store.ts';
import type { Store } from '../store/store.ts';
import type { FlagRuleId } from './finding.ts';
import type { RaisedFinding } from './flag.ts';
import type { ResolvedFlagSettings } from './flag-settings.ts';
import { settingsInForce } from './settings-in-force.ts';
import type { BeneficiaryDuplicate, DecisionRecord, RuleInput } from './rule-input.ts';
import { ALL_RULES } from './rules/index.ts';
import { nextTurn } from '../next-turn.ts';
import { runRules } from './run-rules.ts';

/**
 * Runs the red-flag rules over a village's published data and stores the outcome: what the upload
 * route calls after a publication (that village), and the nightly job (every village, for the
 * rules that depend on the date). Gathers the rule input from the store, applies the county's
 * settings, and hands the findings to the flag store, which reconciles them with the flags it has.
 */
export type FlagRunnerStore = Pick<Store, 'getDivision' | 'currentPublications' | 'listPublications' | 'getPublication' | 'getTakedown'> &
  Pick<DecisionStore, 'listDecisionMatters'> &
  Pick<FlagStore, 'applyFlagRun'> &
  Pick<FlagSettingsStore, 'getFlagSettings'> &
  BeneficiaryIndex;

export interface FlagRunnerOptions {
  store: FlagRunnerStore;
  clock: () => Date;
  /** the portal's region code (config.region): its settings apply where a county has none */
  region: string;
}

export interface VillageRun {
  village: string;
  result: FlagRunResult;
  /** other villages whose flags this run's data touches (the other half of a duplicate beneficiary) */
  alsoAffected: string[];
}

export type FlagTrigger = 'publication' | 'nightly' | 'manual';

export interface FlagRunner {
  /** Runs the rules (all, or `only`) for one village and stores the run. Null when the code is not a village. */
  runVillage(village: string, trigger: FlagTrigger, only?: readonly FlagRuleId[]): Promise<VillageRun | null>;
  /**
   * After a publication: the village, then the duplicate-beneficiary rule for the other villages it
   * now shares a beneficiary with. Returns every village whose flags may have changed.
   */
  afterPublication(village: string): Promise<string[]>;
  /** The settings in force for a village (or a county, by its 6-digit code): its county's latest, else the region's, else the defaults. */
  settingsFor(village: string): Promise<ResolvedFlagSettings>;
}

export function createFlagRunner(opts: FlagRunnerOptions): FlagRunner {
  const { store, clock } = opts;

  const settingsFor = (village: string): Promise<ResolvedFlagSettings> => settingsInForce(store, opts.region, village);

  const runVillage = async (code: string, trigger: FlagTrigger, only?: readonly FlagRuleId[]): Promise<VillageRun | null> => {
    const village = await store.getDivision(code);
    if (!village || village.level !== 'village') return null;
    const now = clock();
    const settings = await settingsFor(code);
    const { input, others } = await gatherInput(store, village, chinaDate(now), settings);
    await nextTurn();
    const { ran, findings } = runRules(input, settings, only ? { only: [...only] } : {});
    const at = now.toISOString();
    const publicFrom = settings.publication.mode === 'immediate' ? at : addWorkingDays(at, settings.publication.workingDays);
    const raised: RaisedFinding[] = findings.map((finding) => ({ finding, publicFrom }));
    const result = await store.applyFlagRun({ id: `run_${newPublicationId(now.getTime())}`, village: code, at, trigger, rules: ran, findings: raised });
    return { village: code, result, alsoAffected: others };
  };

  return {
    runVillage,
    settingsFor,
    async afterPublication(village) {
      const first = await runVillage(village, 'publication');
      if (!first) return [];
      const touched = new Set([village]);
      for (const other of first.alsoAffected) {
        if (touched.has(other)) continue;
        touched.add(other);
        await runVillage(other, 'publication', ['duplicate-beneficiary']);
      }
      return [...touched];
    },
  };
}

// ——— private helpers ———

/** A matter as the rules see it: when it was resolved (the latest resolution on record), and what project it names. */
function resolutionOf(matter: DecisionMatter): DecisionRecord[] {
  const record = currentRecord(matter);
  const resolution = record.steps.filter((s) => s.step === 'villagers-resolution').at(-1);
  if (!resolution) return [];
  const project = record.links.find((l) => l.kind === 'project' && l.name !== null)?.name ?? record.subject;
  return [{ matterId: matter.id, row: resolution.row, matter: record.subject, project, amount: record.amount, decidedAt: resolution.date }];
}

async function gatherInput(
  store: FlagRunnerStore,
  village: { code: string; name: string },
  today: string,
  settings: ResolvedFlagSettings,
): Promise<{ input: RuleInput; others: string[] }> {
  const code = village.code;
  const [current, history] = await Promise.all([store.currentPublications(code), store.listPublications(code)]);
  const live = await withoutTakedowns(store, current);
  const previousContracts: Publication[] = [];
  for (const summary of history) {
    if (summary.kind !== 'contract' || summary.supersededBy === null) continue;
    if (await store.getTakedown(summary.id)) continue;
    const p = await store.getPublication(summary.id);
    if (p) previousContracts.push(p);
  }
  const firstPublished = history.reduce<string | null>((min, h) => (min === null || h.publishedAt < min ? h.publishedAt : min), null);
  const calendarStart = settings.calendarStart ?? (firstPublished === null ? null : chinaDate(firstPublished));
  const { duplicates, others } = await duplicatesOf(store, code);
  const decisions = (await store.listDecisionMatters(code)).flatMap((m) => resolutionOf(m));
  return {
    input: { village: { code, name: village.name }, today, publications: live, previousContracts, history, calendarStart, decisions, duplicates },
    others,
  };
}

async function withoutTakedowns(store: FlagRunnerStore, publications: readonly Publication[]): Promise<Publication[]> {
  const out: Publication[] = [];
  for (const p of publications) if (!(await store.getTakedown(p.id))) out.push(p);
  return out;
}

/** The township's duplicate groups that include this village, with names read from the lists as published. */
async function duplicatesOf(store: FlagRunnerStore, village: string): Promise<{ duplicates: BeneficiaryDuplicate[]; others: string[] }> {
  const groups = (await store.duplicateBeneficiaries(village.slice(0, 9))).filter((g) => g.rows.some((r) => r.village === village));
  if (groups.length === 0) return { duplicates: [], others: [] };
  const publications = new Map<string, Publication | null>();
  const names = new Map<string, string>();
  const read = async (id: string) => {
    if (!publications.has(id)) publications.set(id, await store.getPublication(id));
    return publications.get(id) ?? null;
  };
  const villageName = async (code: string) => {
    if (!names.has(code)) names.set(code, (await store.getDivision(code))?.name ?? code);
    return names.get(code) ?? code;
  };
  const duplicates: BeneficiaryDuplicate[] = [];
  const others = new Set<string>();
  for (const g of groups) {
    const rows = [];
    // this village's rows first, then the others in code order (the store's order within each)
    const ordered = [...g.rows.filter((r) => r.village === village), ...g.rows.filter((r) => r.village !== village)];
    for (const r of ordered) {
      const p = await read(r.publicationId);
      const name = p?.content.kind === 'subsidy' ? (p.content.rows.find((x) => x.row === r.row)?.name ?? '') : '';
      rows.push({ village: r.village, villageName: await villageName(r.village), publicationId: r.publicationId, row: r.row, name });
      if (r.village !== village) others.add(r.village);
    }
    duplicates.push({ programme: g.programme, period: g.period, match: g.match, rows });
  }
  return { duplicates, others: [...others] };
}
