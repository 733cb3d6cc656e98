import type { MatterJudgement } from '../data/decisions/matter-checks.ts';
import { judgeRecords, type VillageDecisionsInput } from '../data/decisions/village-decisions.ts';
import type { DecisionMatter } from '../data/decisions/decision-matter.ts';
import { settingsInForce } from '../data/flags/settings-in-force.ts';
import { detectFormat } from '../data/import/detect-format.ts';
import { importDecisionRecordsJson } from '../data/import/decision-register-json.ts';
import { importDecisionRegister } from '../data/import/decision-register.ts';
import { catalogueFor } from '../data/power/catalogue-for.ts';
import { chinaDate } from '../data/working-days.ts';
import type { CatalogueStore } from '../data/store/catalogue-store.ts';
import type { FlagSettingsStore } from '../data/store/flag-store.ts';
import type { Store } from '../data/store/store.ts';
import type { AppDeps } from './app.ts';
import { issueFromImport, type ApiIssue } from './envelope.ts';
import type { Failure } from './http-errors.ts';

/**
 * A village's 四议两公开 登记表 (XLSX or CSV) or records (JSON) recorded, or previewed, whoever
 * sent it: the API with a token (routes/decisions.ts) and the console signed in
 * (console-decisions.ts), each after checking who may record for the village. Recording appends
 * only what is new; the rules run again (a resolution's date can make an earlier payment a flag)
 * and the village's pages follow.
 */
export type RecordDeps = Pick<AppDeps, 'store' | 'config' | 'clock' | 'flagRunner' | 'afterDecisions'>;

export type RegisterOutcome =
  | { kind: 'failure'; failure: Failure }
  | { kind: 'preview'; judged: MatterJudgement[]; warnings: ApiIssue[]; setting: Omit<VillageDecisionsInput, 'matters'> }
  | { kind: 'recorded'; matters: DecisionMatter[]; added: number; warnings: ApiIssue[]; setting: Omit<VillageDecisionsInput, 'matters'> };

export async function recordRegister(deps: RecordDeps, input: { village: string; bytes: Uint8Array; contentType?: string; filename?: string; dryRun: boolean }): Promise<RegisterOutcome> {
  const detected = detectFormat(input.bytes, input.contentType, input.filename);
  if (detected.kind !== 'ok') return { kind: 'failure', failure: { kind: 'unsupported-media-type', message: detected.message, messageEn: detected.messageEn } };
  // A register is a few kilobytes: read here, under a limit of its own (no worker needed).
  const source = { bytes: input.bytes, village: input.village, idMask: deps.config.idMask, publicNumbers: deps.config.publicPhones };
  const imported = detected.format === 'json' ? importDecisionRecordsJson(source) : await importDecisionRegister({ ...source, format: detected.format, filename: input.filename });
  if (!imported.ok) return { kind: 'failure', failure: { kind: 'invalid-file', errors: imported.errors, warnings: imported.warnings } };
  const warnings = imported.warnings.map(issueFromImport);
  const setting = await villageSetting(deps, input.village);
  if (input.dryRun) return { kind: 'preview', judged: judgeRecords(imported.records, setting), warnings, setting };
  const { matters, added } = await deps.store.recordDecisions(imported.records, deps.clock().toISOString());
  if (added > 0) {
    try {
      await deps.flagRunner?.afterPublication(input.village);
    } catch (error) {
      console.error(`[ingest] running the red-flag rules after recording decisions of ${input.village} failed:`, error);
    }
    try {
      deps.afterDecisions?.(input.village);
    } catch (error) {
      console.error('[ingest] afterDecisions failed:', error);
    }
  }
  return { kind: 'recorded', matters, added, warnings, setting };
}

/** What a village's matters are judged against today: its current publications the pages show (taken-down ones left out). */
export type SettingStore = Pick<Store, 'currentPublications' | 'listTakedowns'> & Pick<CatalogueStore, 'listCatalogues'> & Pick<FlagSettingsStore, 'getFlagSettings'>;

export async function villageSetting(deps: Pick<AppDeps, 'config' | 'clock'> & { store: SettingStore }, village: string): Promise<Omit<VillageDecisionsInput, 'matters'>> {
  const [current, takedowns, catalogues, settings] = await Promise.all([
    deps.store.currentPublications(village),
    deps.store.listTakedowns(),
    deps.store.listCatalogues(),
    settingsInForce(deps.store, deps.config.region, village),
  ]);
  const down = new Set(takedowns.map((t) => t.publicationId));
  return {
    publications: current.filter((p) => !down.has(p.id)),
    today: chinaDate(deps.clock()),
    catalogue: catalogueFor(village, catalogues.map((s) => s.document)),
    settings: settings.decisionChecks,
  };
}
