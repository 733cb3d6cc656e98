import type { DurabilityReport, StoreDurability } from '../durability.ts';
import { createPgIntakeCorrections } from './intake-corrections.ts';
import { createPgClassifyRuleSets } from './classify-rule-sets.ts';
import { createPgIntakeOriginals } from './intake-originals.ts';
import { createPgFormSubmissions } from './form-submissions.ts';
import type { PortalStore } from '../portal-store.ts';
import { createPgAccounts } from './accounts.ts';
import { createPgBeneficiaries } from './beneficiaries.ts';
import { createPgCatalogues } from './catalogues.ts';
import { createPgSummaries } from './summaries.ts';
import type { PgClient } from './client.ts';
import { createPgComplaints } from './complaints.ts';
import { createPgDecisionEvidence } from './decision-evidence.ts';
import { createPgDecisions } from './decisions.ts';
import { createPgFlagSettings } from './flag-settings.ts';
import { createPgFlags } from './flags.ts';
import { createPgLog } from './log.ts';
import { createPgOutbox } from './outbox.ts';
import { createPgDivisionCounts } from './division-counts.ts';
import { createPgLateVillages } from './late-villages.ts';
import { createPgMatterCounts } from './matter-counts.ts';
import { createPgComplaintFigures } from './complaint-figures.ts';
import { createPgPageViews } from './page-views.ts';
import { createPgDailyRuns } from './daily-runs.ts';
import { migratePg } from './migrations.ts';
import { createPgPublications } from './publications.ts';
import { createPgRectification } from './rectification.ts';
import { createPgRegions } from './regions.ts';
import { createPgSearch } from './search.ts';
import { complaintWrites, createPgTakedowns } from './takedowns.ts';
import { createPgTokens } from './tokens.ts';

export interface PgStoreOptions {
  clock?: () => Date;
  /** the search's rank window (RANK_WINDOW), small in tests */
  searchWindow?: number;
}

/**
 * Everything the portal stores, on PostgreSQL (issue 14): every capability of PortalStore over one
 * client — a `pg` pool for a server, PGlite in-process — each with the contract suite it shares
 * with SQLite. Every record that goes into the transparency log is written behind the log's head
 * lock (log.ts), so the numbers the store hands out are given once, in commit order, whichever
 * connection or process writes.
 */
export function createPgStore(db: PgClient, options: PgStoreOptions = {}): PortalStore & StoreDurability {
  const log = createPgLog(db);
  const search = createPgSearch(db, { window: options.searchWindow });
  const beneficiaries = createPgBeneficiaries(db);
  const outbox = createPgOutbox(db);
  const counts = createPgDivisionCounts(db);
  const { record: _record, ...outboxMethods } = outbox;
  const complaints = complaintWrites(createPgComplaints(db, log, outbox.record));
  const decisions = createPgDecisions(db, log);
  const { lock: _lock, append: _append, ...logMethods } = log;
  return {
    ...createPgRegions(db, search, counts),
    listDivisionsTo: counts.listDivisionsTo,
    divisionCounts: counts.divisionCounts,
    ...createPgLateVillages(db),
    ...createPgMatterCounts(db),
    ...createPgComplaintFigures(db),
    ...createPgPageViews(db),
    ...createPgIntakeCorrections(db),
    ...createPgClassifyRuleSets(db),
    ...createPgIntakeOriginals(db),
    ...createPgFormSubmissions(db),
    ...createPgPublications(db, log, search, options.clock ?? (() => new Date()), { inPublish: beneficiaries.insertKeys, stale: outbox.record, counts }),
    search: (query) => search.search(query),
    searchHits: (query, limit) => search.searchHits(query, limit),
    ...createPgTokens(db),
    ...complaints.store,
    ...logMethods,
    ...createPgFlags(db, log),
    ...createPgFlagSettings(db, log),
    duplicateBeneficiaries: beneficiaries.duplicateBeneficiaries,
    beneficiaryRows: beneficiaries.beneficiaryRows,
    ...createPgRectification(db, log),
    ...createPgTakedowns(db, log, complaints.settled, outbox.record),
    ...decisions,
    ...createPgDecisionEvidence(db, log, decisions),
    ...createPgCatalogues(db, log),
    ...createPgSummaries(db, log, outbox.record),
    ...createPgAccounts(db),
    ...outboxMethods,
    ...createPgDailyRuns(db),
    durability: () => durabilityOf(db),
    close: async () => {
      await complaints.settled();
      await db.close();
    },
  };
}

/**
 * A commit is durable when the server flushes it before answering: fsync and full-page writes on,
 * synchronous_commit not off (a server that may lose the last commits after a crash would break
 * the promise of a 201).
 */
async function durabilityOf(db: PgClient): Promise<DurabilityReport> {
  const rows = await db.query<{ name: string; setting: string }>("SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes') ORDER BY name");
  const setting = new Map(rows.map((r) => [r.name, r.setting]));
  const durable = setting.get('fsync') === 'on' && setting.get('full_page_writes') === 'on' && setting.get('synchronous_commit') !== 'off';
  return { durable, summary: rows.map((r) => `${r.name}=${r.setting}`).join(', ') };
}

/** Opens the store on `client`, bringing its schema up to date first. */
export async function openPgStore(client: PgClient, options: PgStoreOptions = {}): Promise<PortalStore & StoreDurability> {
  await migratePg(client);
  return createPgStore(client, options);
}
