import { mkdirSync } from 'node:fs';
import type { IntakeCorrections } from './intake-corrections.ts';
import type { DivisionsVersion } from './divisions-version.ts';
import { createSqliteIntakeCorrections } from './sqlite-intake-corrections.ts';
import { createSqliteFormSubmissions } from './sqlite-form-submissions.ts';
import type { FormSubmissions } from './form-submissions.ts';
import type { ClassifyRuleSets } from './classify-rule-sets.ts';
import { createSqliteClassifyRuleSets } from './sqlite-classify-rule-sets.ts';
import type { IntakeOriginals } from './intake-originals.ts';
import { createSqliteIntakeOriginals } from './sqlite-intake-originals.ts';
import type { ComplaintMerges } from './complaint-merges.ts';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Publication, type VillageCode } from '../publication.ts';
import type { Division } from '../region.ts';
import { publicationLeaf } from '../log/log-leaf.ts';
import { nextTurn } from '../next-turn.ts';
import type { CatalogueStore } from './catalogue-store.ts';
import type { SummaryStore } from './summary-store.ts';
import type { SummaryCountStore } from './summary-count-store.ts';
import { createSqliteSummaries } from './sqlite-summaries.ts';
import type { DecisionStore } from './decision-store.ts';
import type { BeneficiaryIndex, FlagSettingsStore, FlagStore } from './flag-store.ts';
import type { RectificationStore } from './rectification-store.ts';
import { createSqliteBeneficiaries } from './sqlite-beneficiaries.ts';
import type { BeneficiaryLookup } from './beneficiary-lookup.ts';
import { createSqliteCatalogues } from './sqlite-catalogues.ts';
import { createSqliteComplaints } from './sqlite-complaints.ts';
import { createSqliteDecisions } from './sqlite-decisions.ts';
import { createSqliteDecisionEvidence } from './sqlite-decision-evidence.ts';
import type { EvidenceStore } from './evidence-store.ts';
import type { AccountStore } from './account-store.ts';
import type { SessionStore } from './session-store.ts';
import type { SignInLog } from './sign-in-log.ts';
import type { TokenAdmin } from './token-admin.ts';
import { createSqliteAccounts } from './sqlite-accounts.ts';
import { createSqliteFlagSettings } from './sqlite-flag-settings.ts';
import { createSqliteFlags } from './sqlite-flags.ts';
import { createSqliteLog } from './sqlite-log.ts';
import { migrate } from './sqlite-migrations.ts';
import { createSqliteRectification } from './sqlite-rectification.ts';
import { createSearchIndex } from './sqlite-search.ts';
import { createSqliteTakedowns } from './sqlite-takedowns.ts';
import { createSqliteOutbox } from './sqlite-outbox.ts';
import { createSqliteDailyRuns } from './sqlite-daily-runs.ts';
import { createSqliteDivisionCounts } from './sqlite-division-counts.ts';
import type { DivisionCountStore } from './division-counts.ts';
import type { LateVillageStore } from './late-villages.ts';
import { createSqliteLateVillages } from './sqlite-late-villages.ts';
import type { MatterCountStore } from './matter-counts.ts';
import { createSqliteMatterCounts } from './sqlite-matter-counts.ts';
import type { ComplaintFigureStore } from './complaint-figures.ts';
import { createSqliteComplaintFigures } from './sqlite-complaint-figures.ts';
import type { PageViewStore } from './page-views.ts';
import { createSqlitePageViews } from './sqlite-page-views.ts';
import type { DailyRuns } from './daily-runs.ts';
import type { PageOutbox } from './page-outbox.ts';
import type { ComplaintTakedowns, PhotoTakedowns } from './takedown-store.ts';
import type { DurabilityReport } from './durability.ts';
import { checkSeriesKey } from './series-key.ts';
import { toDivision, toPublication, toSummary, toTokenRecord, type DivisionRow, type PublicationRow, type SummaryRow, type TokenRow } from './store-rows.ts';
import { prefixRange } from './prefix-range.ts';
import type {
  IdempotencyClaim,
  NewPhoto,
  NewPublication,
  NewToken,
  PhotoVariant,
  PublishOutcome,
  Store,
  TokenRecord,
  VillageStats,
} from './store.ts';

/**
 * The embedded store: one SQLite file in WAL mode. better-sqlite3 is synchronous, so every
 * write transaction runs to completion before the next call starts; across processes,
 * IMMEDIATE transactions plus busy_timeout serialise writers. Beside `Store` it keeps red flags,
 * flag settings, beneficiary fingerprints, inspection rounds, 四议两公开 matters and power lists (each its own small interface, so
 * a consumer takes only what it uses), all in the same file and the same log.
 */
export interface SqliteStore extends Store, DivisionsVersion, ComplaintMerges, IntakeCorrections, ClassifyRuleSets, IntakeOriginals, FormSubmissions, FlagStore, FlagSettingsStore, BeneficiaryIndex, BeneficiaryLookup, RectificationStore, ComplaintTakedowns, PhotoTakedowns, DecisionStore, EvidenceStore, CatalogueStore, SummaryStore, SummaryCountStore, AccountStore, SessionStore, SignInLog, TokenAdmin, PageOutbox, DailyRuns, DivisionCountStore, LateVillageStore, MatterCountStore, ComplaintFigureStore, PageViewStore {
  /** Durable only with WAL + FULL: the server refuses to start otherwise. */
  durability(): Promise<DurabilityReport>;
}

export interface SqliteStoreOptions {
  /** the time written to recorded_at / idempotency.created_at; tests pass a fixed clock */
  clock?: () => Date;
  /** RANK_WINDOW unless a test wants to see a small one at work */
  searchWindow?: number;
  /** SEARCH_STEP_ROWS unless a test wants to see a version indexed in several steps */
  searchStepRows?: number;
}

export async function openSqliteStore(file: string, options: SqliteStoreOptions = {}): Promise<SqliteStore> {
  const clock = options.clock ?? (() => new Date());
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return createStore(db, clock, options);
}

function createStore(db: Database.Database, clock: () => Date, options: SqliteStoreOptions): SqliteStore {
  const sql = prepareStatements(db);
  const searchIndex = createSearchIndex(db, { window: options.searchWindow, stepRows: options.searchStepRows });
  const log = createSqliteLog(db);
  const outbox = createSqliteOutbox(db);
  const counts = createSqliteDivisionCounts(db);
  const { record: _record, ...outboxMethods } = outbox;
  const complaints = createSqliteComplaints(db, log, outbox.record);
  const flags = createSqliteFlags(db, log);
  const flagSettings = createSqliteFlagSettings(db, log);
  const beneficiaries = createSqliteBeneficiaries(db);
  const rectification = createSqliteRectification(db, log);
  const takedowns = createSqliteTakedowns(db, log, complaints.flush, outbox.record);
  const decisions = createSqliteDecisions(db, log);
  const catalogues = createSqliteCatalogues(db, log);
  const evidence = createSqliteDecisionEvidence(db, log, decisions);
  const accounts = createSqliteAccounts(db);

  const readPublication = (id: string): Publication | null => {
    const row = sql.getPublication.get(id) as PublicationRow | undefined;
    return row ? toPublication(row) : null;
  };

  const publishTx = db.transaction((input: NewPublication, claim: IdempotencyClaim | undefined): PublishOutcome => {
    if (claim) {
      const prior = sql.findIdempotency.get(claim.scope, claim.key) as IdempotencyRow | undefined;
      if (prior) {
        const publication = readPublication(prior.publication_id);
        if (!publication) throw new Error(`idempotency claim ${claim.scope}/${claim.key} points at missing publication ${prior.publication_id}`);
        return { kind: 'replayed', publication, requestHash: prior.request_hash };
      }
    }
    const head = sql.seriesHead.get(input.village, input.kind, input.period, input.subject) as { id: string; version: number } | undefined;
    const version = (head?.version ?? 0) + 1;
    const supersedes = head?.id ?? null;
    // Refuse to store anything that would not read back as a valid Publication; what it parses to
    // is what the caller gets (a 99,000-row ledger is not read back and parsed again).
    const publication = Publication.parse({ ...publicationFields(input), version, supersedes, supersededBy: null });
    const now = clock().toISOString();
    const figures = counts.beforePublish(input.village);
    sql.insertPublication.run({
      id: input.id,
      village: input.village,
      kind: input.kind,
      period: input.period,
      subject: input.subject,
      version,
      supersedes,
      published_at: input.publishedAt,
      recorded_at: now,
      sha256: input.sha256,
      sample: input.sample ? 1 : 0,
      source_filename: input.source.filename,
      source_format: input.source.format,
      content: input.contentJson,
    });
    // The version's log leaf commits with it, or neither does; so do its beneficiaries' fingerprints.
    log.append(publicationLeaf({ ...input, version, supersedes }));
    beneficiaries.insertKeys(input);
    for (const photo of input.photos) insertPhoto(sql, input.id, photo);
    if (claim) sql.insertIdempotency.run(claim.scope, claim.key, claim.requestHash, input.id, now);
    // In the same transaction the version is queued for search, and a version of up to
    // SEARCH_STEP_ROWS rows (nearly all) is searchable, and its predecessor gone, when it commits.
    // A longer one is indexed in steps before publish() returns (drainSearch below).
    searchIndex.enqueueVersion(input, supersedes);
    // Its pages are stale from this commit on, even if this process dies before building them.
    outbox.record([{ target: 'publication', key: input.id }]);
    counts.afterPublish(input.village, figures);
    return { kind: 'published', publication };
  });

  // The takedown, its leaf and the rows leaving search commit together, or none does. Whenever
  // the version is taken down (now or before), its rows are out of search.
  const tombstoneTx = db.transaction((publicationId: string, reason: string, at: string) => {
    const outcome = log.takeDown(publicationId, reason, at);
    if (outcome.kind !== 'not-found') searchIndex.removePublication(publicationId);
    if (outcome.kind === 'taken-down') outbox.record([{ target: 'publication', key: publicationId }]);
    return outcome;
  });

  // Search work left by a process that stopped between steps is finished before anything else.
  const searchStepTx = db.transaction(() => searchIndex.step());
  while (searchStepTx.immediate());

  // One loop works through the queue, and after each step leaves the event loop to everything
  // else for as long as the step took: however slow the machine, requests get at least half of
  // it. Every caller waiting for its version awaits the same loop.
  let draining: Promise<void> | null = null;
  let closing = false;
  const drainSearch = (): Promise<void> => {
    draining ??= (async () => {
      while (!closing) {
        const started = performance.now();
        if (!searchStepTx.immediate()) break;
        const took = performance.now() - started;
        await (took < 1 ? nextTurn() : new Promise<void>((resolve) => setTimeout(resolve, took)));
      }
    })().finally(() => {
      draining = null;
    });
    return draining;
  };

  const replaceDivisionsTx = db.transaction((divisions: readonly Division[]) => {
    const before = new Map((sql.allDivisionNames.all() as { code: string; name: string }[]).map((d) => [d.code, d.name]));
    db.prepare('UPDATE divisions_version SET n = n + 1').run();
    sql.deleteDivisions.run();
    for (const d of divisions) sql.insertDivision.run(d.code, d.level, d.name, d.officialName, d.parent);
    counts.recompute();
    // Search matches place names, so rows of a renamed (or newly named) village, township or
    // county are re-tokenised in the same transaction.
    const changed = new Set(divisions.filter((d) => before.get(d.code) !== d.name).map((d) => d.code));
    const now = new Set(divisions.map((d) => d.code));
    for (const code of before.keys()) if (!now.has(code)) changed.add(code);
    if (changed.size === 0) return;
    const villages = (sql.indexedVillages.all() as string[]).filter((v) => changed.has(v) || changed.has(v.slice(0, 9)) || changed.has(v.slice(0, 6)));
    searchIndex.refreshPlaces(villages);
  });

  return {
    async close() {
      // the step of search work in flight ends first; what is left is finished at the next open
      closing = true;
      await draining?.catch(() => undefined);
      // complaints still queued for a group commit are written (or, on a closed database, rejected), never left pending
      complaints.flush();
      if (db.open) db.close();
    },

    async durability() {
      const journalMode = String(db.pragma('journal_mode', { simple: true })).toLowerCase();
      const synchronous = SYNCHRONOUS_NAMES[Number(db.pragma('synchronous', { simple: true }))] ?? 'unknown';
      return { durable: journalMode === 'wal' && synchronous === 'full', summary: `journal_mode=${journalMode}, synchronous=${synchronous}` };
    },

    async replaceDivisions(divisions) {
      replaceDivisionsTx.immediate(divisions);
    },

    async divisionsVersion() {
      return db.prepare('SELECT n FROM divisions_version').pluck().get() as number;
    },

    async getDivision(code) {
      const row = sql.getDivision.get(code) as DivisionRow | undefined;
      return row ? toDivision(row) : null;
    },

    async listDivisions(prefix) {
      return (sql.listDivisions.all(...prefixRange(prefix)) as DivisionRow[]).map(toDivision);
    },

    async publish(input, idempotency) {
      checkSeriesKey(input);
      const outcome = publishTx.immediate(input, idempotency);
      // Searchable, and its predecessor out of search, when the caller hears it is published.
      if (outcome.kind === 'published' && searchIndex.isQueued(input.id)) await drainSearch();
      return outcome;
    },

    async getPublication(id) {
      return readPublication(id);
    },

    async listPublications(village) {
      return (sql.listPublications.all(village) as SummaryRow[]).map(toSummary);
    },

    async currentPublications(village) {
      return (sql.currentPublications.all(village) as PublicationRow[]).map(toPublication);
    },

    async publicationStats(prefix) {
      const rows = sql.publicationStats.all(...prefixRange(prefix)) as { village: string; count: number; last: string }[];
      return new Map<VillageCode, VillageStats>(rows.map((r) => [r.village, { count: r.count, lastPublishedAt: r.last }]));
    },

    async findIdempotency(scope, key) {
      const row = sql.findIdempotency.get(scope, key) as IdempotencyRow | undefined;
      return row ? { requestHash: row.request_hash, publicationId: row.publication_id } : null;
    },

    async search(query) {
      return searchIndex.search(query);
    },

    async searchHits(query, limit) {
      return searchIndex.hits(query, limit);
    },

    async getPhoto(id, variant: PhotoVariant) {
      const row = sql.getPhoto.get(id, variant) as { bytes: Buffer } | undefined;
      // A plain Uint8Array copy, so callers never hold a Buffer tied to the driver.
      return row ? new Uint8Array(row.bytes) : null;
    },

    async createToken(token: NewToken): Promise<TokenRecord> {
      sql.insertToken.run(token.id, token.hash, token.scope, token.name, token.createdAt);
      return { ...token };
    },

    async findTokenByHash(hash) {
      const row = sql.findTokenByHash.get(hash) as TokenRow | undefined;
      return row ? toTokenRecord(row) : null;
    },

    async issueToken(token) {
      sql.issueToken.run(token.id, token.hash, token.scope, token.name, token.createdAt, token.expiresAt, token.createdBy);
      return { ...token, revokedAt: null };
    },

    async listTokens(prefix) {
      return (sql.listTokens.all(...prefixRange(prefix)) as TokenRow[]).map(toTokenRecord);
    },

    async revokeToken(id, at) {
      return sql.revokeToken.run(at, id).changes === 1;
    },

    fileComplaint: complaints.fileComplaint,
    getComplaint: complaints.getComplaint,
    getComplaintByPublicId: complaints.getComplaintByPublicId,
    listComplaints: complaints.listComplaints,
    updateComplaint: complaints.updateComplaint,
    mergeComplaints: complaints.mergeComplaints,

    ...log.methods,

    async tombstone(publicationId, reason, at) {
      const outcome = tombstoneTx.immediate(publicationId, reason, at);
      if (searchIndex.isQueued(publicationId)) await drainSearch();
      return outcome;
    },

    applyFlagRun: flags.applyFlagRun,
    getFlag: flags.getFlag,
    listFlags: flags.listFlags,
    updateFlag: flags.updateFlag,
    flagCounts: flags.flagCounts,
    lastFlagRun: flags.lastFlagRun,

    getFlagSettings: flagSettings.getFlagSettings,
    listFlagSettings: flagSettings.listFlagSettings,
    flagSettingsCodes: flagSettings.flagSettingsCodes,
    saveFlagSettings: flagSettings.saveFlagSettings,

    duplicateBeneficiaries: beneficiaries.duplicateBeneficiaries,
    beneficiaryRows: beneficiaries.beneficiaryRows,

    openRound: rectification.openRound,
    getRound: rectification.getRound,
    listRounds: rectification.listRounds,
    updateRound: rectification.updateRound,

    ...outboxMethods,

    ...createSqliteDailyRuns(db),
    ...createSqliteIntakeCorrections(db),
    ...createSqliteClassifyRuleSets(db),
    ...createSqliteIntakeOriginals(db),
    ...createSqliteFormSubmissions(db),
    listDivisionsTo: counts.listDivisionsTo,
    divisionCounts: counts.divisionCounts,
    ...createSqliteLateVillages(db),
    ...createSqliteMatterCounts(db),
    ...createSqliteComplaintFigures(db),
    ...createSqlitePageViews(db),

    takeDownComplaintStep: takedowns.takeDownComplaintStep,
    complaintStepTakedowns: takedowns.complaintStepTakedowns,
    complaintStepTakedownsOf: takedowns.complaintStepTakedownsOf,
    listComplaintStepTakedowns: takedowns.listComplaintStepTakedowns,
    takenDownPhotos: takedowns.takenDownPhotos,

    recordDecisions: decisions.recordDecisions,
    getDecisionMatter: decisions.getDecisionMatter,
    listDecisionMatters: decisions.listDecisionMatters,

    attachEvidence: evidence.attachEvidence,
    getEvidenceFile: evidence.getEvidenceFile,

    createAccounts: accounts.createAccounts,
    getAccount: accounts.getAccount,
    findAccountByMobile: accounts.findAccountByMobile,
    listAccounts: accounts.listAccounts,
    setAccountStatus: accounts.setAccountStatus,
    getCredentials: accounts.getCredentials,
    setPassword: accounts.setPassword,
    setTotpSecret: accounts.setTotpSecret,
    useTotpStep: accounts.useTotpStep,
    createInvites: accounts.createInvites,
    findInvite: accounts.findInvite,
    takeInvite: accounts.takeInvite,
    createSession: accounts.createSession,
    getSession: accounts.getSession,
    listSessions: accounts.listSessions,
    revokeSession: accounts.revokeSession,
    revokeSessions: accounts.revokeSessions,
    recordFailure: accounts.recordFailure,
    failuresSince: accounts.failuresSince,
    recordEvent: accounts.recordEvent,
    listEvents: accounts.listEvents,

    publishCatalogue: catalogues.publishCatalogue,
    listCatalogues: catalogues.listCatalogues,
    ...createSqliteSummaries(db, log, outbox.record),
  };
}

const SYNCHRONOUS_NAMES: Record<number, string> = { 0: 'off', 1: 'normal', 2: 'full', 3: 'extra' };

const PUBLICATION_COLUMNS = `p.id, p.village, p.kind, p.period, p.subject, p.version, p.supersedes,
  s.id AS superseded_by, p.published_at, p.sha256, p.sample, p.source_filename, p.source_format`;

function prepareStatements(db: Database.Database) {
  return {
    getDivision: db.prepare('SELECT * FROM divisions WHERE code = ?'),
    listDivisions: db.prepare('SELECT * FROM divisions WHERE code >= ? AND code < ? ORDER BY code'),
    deleteDivisions: db.prepare('DELETE FROM divisions'),
    allDivisionNames: db.prepare('SELECT code, name FROM divisions'),
    indexedVillages: db.prepare('SELECT DISTINCT village FROM search_rows').pluck(),
    insertDivision: db.prepare('INSERT INTO divisions (code, level, name, official_name, parent) VALUES (?, ?, ?, ?, ?)'),

    seriesHead: db.prepare(
      `SELECT id, version FROM publications
       WHERE village = ? AND kind = ? AND period = ? AND subject = ? ORDER BY version DESC LIMIT 1`,
    ),
    insertPublication: db.prepare(
      `INSERT INTO publications (id, village, kind, period, subject, version, supersedes, published_at,
         recorded_at, sha256, sample, source_filename, source_format, content)
       VALUES (@id, @village, @kind, @period, @subject, @version, @supersedes, @published_at,
         @recorded_at, @sha256, @sample, @source_filename, @source_format, @content)`,
    ),
    // supersededBy is derived from the successor's `supersedes`; the old row is never touched.
    getPublication: db.prepare(
      `SELECT ${PUBLICATION_COLUMNS}, p.content FROM publications p
       LEFT JOIN publications s ON s.supersedes = p.id WHERE p.id = ?`,
    ),
    listPublications: db.prepare(
      `SELECT ${PUBLICATION_COLUMNS}, json_extract(p.content, '$.title') AS title FROM publications p
       LEFT JOIN publications s ON s.supersedes = p.id
       WHERE p.village = ? ORDER BY p.published_at DESC, p.version DESC, p.rowid DESC`,
    ),
    currentPublications: db.prepare(
      `SELECT ${PUBLICATION_COLUMNS}, p.content FROM publications p
       LEFT JOIN publications s ON s.supersedes = p.id
       WHERE p.village = ? AND s.id IS NULL ORDER BY p.period DESC, p.kind, p.subject, p.published_at DESC`,
    ),
    publicationStats: db.prepare(
      `SELECT p.village AS village, count(*) AS count, max(p.published_at) AS last FROM publications p
       WHERE p.village >= ? AND p.village < ?
         AND NOT EXISTS (SELECT 1 FROM publications s WHERE s.supersedes = p.id)
       GROUP BY p.village ORDER BY p.village`,
    ),

    findIdempotency: db.prepare('SELECT request_hash, publication_id FROM idempotency WHERE scope = ? AND key = ?'),
    insertIdempotency: db.prepare(
      'INSERT INTO idempotency (scope, key, request_hash, publication_id, created_at) VALUES (?, ?, ?, ?, ?)',
    ),

    getPhoto: db.prepare('SELECT bytes FROM photos WHERE id = ? AND variant = ?'),
    insertPhoto: db.prepare('INSERT INTO photos (id, publication_id, variant, bytes) VALUES (?, ?, ?, ?)'),


    insertToken: db.prepare('INSERT INTO tokens (id, hash, scope, name, created_at) VALUES (?, ?, ?, ?, ?)'),
    findTokenByHash: db.prepare('SELECT * FROM tokens WHERE hash = ?'),
    issueToken: db.prepare('INSERT INTO tokens (id, hash, scope, name, created_at, expires_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    listTokens: db.prepare('SELECT * FROM tokens WHERE scope >= ? AND scope < ? ORDER BY created_at DESC, id'),
    revokeToken: db.prepare('UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
  };
}

type Statements = ReturnType<typeof prepareStatements>;

interface IdempotencyRow {
  request_hash: string;
  publication_id: string;
}

function publicationFields(input: NewPublication) {
  const { photos: _photos, contentJson: _contentJson, ...fields } = input;
  return fields;
}

/**
 * Photo ids may be content-derived, so a corrected version can carry the same photo again:
 * identical bytes are kept once; different bytes under one id would silently swap a
 * published image, so that throws.
 */
function insertPhoto(sql: Statements, publicationId: string, photo: NewPhoto): void {
  for (const variant of ['large', 'small'] as const) {
    const bytes = Buffer.from(photo[variant].buffer, photo[variant].byteOffset, photo[variant].byteLength);
    const existing = sql.getPhoto.get(photo.id, variant) as { bytes: Buffer } | undefined;
    if (!existing) sql.insertPhoto.run(photo.id, publicationId, variant, bytes);
    else if (!existing.bytes.equals(bytes)) throw new Error(`photo ${photo.id} (${variant}) already stored with different bytes`);
  }
}

