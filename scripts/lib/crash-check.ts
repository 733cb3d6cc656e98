import Database from 'better-sqlite3';
import { auditLog, describeFinding, type AuditedLeaf, type AuditedPublication } from '../../data/log/audit-log.ts';
import { equalBytes } from '../../data/log/merkle.ts';
import type { PublicationKind } from '../../data/publication.ts';
import { openStore, type StoreLocator } from '../../data/store/open-store.ts';
import { poolClient } from '../../data/store/pg/pool-client.ts';

/**
 * What the crash test checks once the last server is gone (killed, never closed): the store is
 * opened as the next server would open it (SQLite recovers the WAL), and then
 *
 * - every upload answered 201 is there, with the SHA-256 the answer gave, in its village, kind and period;
 * - every complaint answered 201 is there; complaints whose answer was lost may or may not be;
 * - nothing was published twice (each upload is its own series, so a version 2 is a retry that
 *   published again), and every publication has its idempotency record;
 * - the log has exactly one leaf per record it covers: size = publications + complaint steps +
 *   takedowns, and no record is without its leaf nor a leaf without its record;
 * - the root recomputed from the leaf texts (data/log/hash-tree.ts, through auditLog) equals the
 *   store's logRoot, and auditLog finds nothing: leaf hashes, canonical leaves, every version's
 *   digest recomputed from its content;
 * - SQLite's own integrity check passes (on PostgreSQL, whose recovery is its own, the rest only).
 *
 * Returns the counts and one line per problem; no problems means every check passed.
 */
export interface AcknowledgedUpload {
  id: string;
  sha256: string;
  village: string;
  kind: PublicationKind;
  period: string;
}

export interface CrashExpectations {
  uploads: readonly AcknowledgedUpload[];
  /** tracking codes of complaints answered 201 */
  complaints: readonly string[];
  /** complaint filings whose answer never arrived (in flight at a kill) */
  complaintsUnknown: number;
}

export interface StoreCheck {
  publications: number;
  complaints: number;
  complaintEvents: number;
  tombstones: number;
  logSize: number;
  /** hex of the root recomputed from the leaves */
  root: string;
  problems: string[];
}

export async function checkCrashedStore(where: string | StoreLocator, expected: CrashExpectations): Promise<StoreCheck> {
  const problems: string[] = [];
  const locator: StoreLocator = typeof where === 'string' ? { kind: 'sqlite', file: where } : where;
  const store = await openStore(locator);
  try {
    // Opening recovered what the crash left; a second connection counts rows the way an auditor
    // with the database would, independently of the Store interface.
    const counts = await countRows(locator, problems);
    for (const id of counts.publicationsWithoutLeaf) problems.push(`publication ${id} has no log leaf`);
    for (const ref of counts.complaintStepsWithoutLeaf) problems.push(`complaint step ${ref} has no log leaf`);
    for (const ref of counts.complaintLeavesWithoutStep) problems.push(`log leaf for complaint step ${ref} has no step`);
    for (const id of counts.takedownsWithoutLeaf) problems.push(`takedown of ${id} has no tombstone leaf`);
    if (counts.laterVersions > 0) problems.push(`${counts.laterVersions} publications are a version 2 or later: some upload was published twice`);
    if (counts.idempotency !== counts.publications) problems.push(`${counts.publications} publications but ${counts.idempotency} idempotency records`);

    for (const u of expected.uploads) {
      const p = await store.getPublication(u.id);
      if (!p) problems.push(`acknowledged upload ${u.id} (${u.village} ${u.kind} ${u.period}) is missing`);
      else if (p.sha256 !== u.sha256 || p.village !== u.village || p.kind !== u.kind || p.period !== u.period) {
        problems.push(`acknowledged upload ${u.id} differs from its 201: ${p.village} ${p.kind} ${p.period} ${p.sha256}, answered ${u.village} ${u.kind} ${u.period} ${u.sha256}`);
      }
    }
    const acknowledgedIds = new Set(expected.uploads.map((u) => u.id));
    if (acknowledgedIds.size !== counts.publications) {
      problems.push(`${counts.publications} publications stored, ${acknowledgedIds.size} uploads acknowledged`);
    }
    for (const code of expected.complaints) {
      if (!(await store.getComplaint(code))) problems.push(`acknowledged complaint ${code} is missing`);
    }
    const complaintsAcknowledged = new Set(expected.complaints).size;
    if (counts.complaints < complaintsAcknowledged || counts.complaints > complaintsAcknowledged + expected.complaintsUnknown) {
      problems.push(`${counts.complaints} complaints stored: expected ${complaintsAcknowledged} acknowledged plus at most ${expected.complaintsUnknown} in flight at a kill`);
    }

    const logSize = await store.logSize();
    // every other kind of record the log covers (flags, rounds, settings, complaint-step takedowns) counts too
    const covered = counts.publications + counts.complaintEvents + counts.tombstones + counts.otherRecords;
    if (logSize !== covered) {
      problems.push(
        `log size ${logSize} ≠ ${counts.publications} publications + ${counts.complaintEvents} complaint steps + ${counts.tombstones} takedowns + ${counts.otherRecords} other records = ${covered}`,
      );
    }

    const leaves: AuditedLeaf[] = [];
    for (let from = 0; from < logSize; from += LEAF_PAGE) leaves.push(...(await store.logLeaves(from, from + LEAF_PAGE)));
    const publications: AuditedPublication[] = [];
    for (const id of counts.publicationIds) {
      const p = await store.getPublication(id);
      if (!p) continue; // listed a moment ago in the same file: cannot happen
      publications.push((await store.getTakedown(id)) ? { ...p, content: null } : p);
    }
    const audit = auditLog(leaves, publications);
    for (const finding of audit.findings) problems.push(describeFinding(finding));
    // A store broken by a crash may fail to answer at all (a subtree hash missing): that is a finding too.
    const stored = await store.logRoot(logSize).catch((error: unknown) => ({ kind: 'failed', error }) as const);
    if (stored.kind === 'failed') problems.push(`logRoot(${logSize}) failed: ${stored.error instanceof Error ? stored.error.message : String(stored.error)}`);
    else if (stored.kind !== 'root') problems.push(`logRoot(${logSize}) answered ${stored.kind}`);
    else if (!equalBytes(stored.root, audit.root)) problems.push(`the root recomputed from ${audit.size} leaves differs from the store's logRoot(${logSize})`);

    return {
      publications: counts.publications,
      complaints: counts.complaints,
      complaintEvents: counts.complaintEvents,
      tombstones: counts.tombstones,
      logSize,
      root: Buffer.from(audit.root).toString('hex'),
      problems,
    };
  } finally {
    await store.close();
  }
}

// ——— private helpers ———

const LEAF_PAGE = 1_024;

/** The counts, by raw SQL on a connection of its own: the same statements on both databases. */
async function countRows(locator: StoreLocator, problems: string[]) {
  let run: (sql: string) => Promise<unknown[]>;
  let close: () => Promise<void>;
  if (locator.kind === 'sqlite') {
    const db = new Database(locator.file, { readonly: true });
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') problems.push(`integrity_check: ${String(integrity)}`);
    run = async (sql) => db.prepare(sql).raw().all().map((r) => (r as unknown[])[0]);
    close = async () => void db.close();
  } else {
    const client = poolClient(locator.url, { max: 1 });
    run = async (sql) => (await client.query<Record<string, unknown>>(sql)).map((r) => Object.values(r)[0]);
    close = () => client.close();
  }
  const count = async (sql: string) => Number((await run(sql))[0]);
  const list = async (sql: string) => (await run(sql)).map(String);
  try {
    return {
      publications: await count('SELECT count(*) FROM publications'),
      publicationIds: await list('SELECT id FROM publications ORDER BY published_at, id'),
      laterVersions: await count('SELECT count(*) FROM publications WHERE version > 1'),
      idempotency: await count('SELECT count(*) FROM idempotency'),
      complaints: await count('SELECT count(*) FROM complaints'),
      complaintEvents: await count('SELECT count(*) FROM complaint_events'),
      tombstones: await count('SELECT count(*) FROM takedowns'),
      otherRecords:
        (await count('SELECT count(*) FROM flag_events')) +
        (await count('SELECT count(*) FROM round_events')) +
        (await count('SELECT count(*) FROM flag_settings')) +
        (await count('SELECT count(*) FROM complaint_step_takedowns')) +
        (await count('SELECT count(*) FROM decision_entries')) +
        (await count('SELECT count(*) FROM power_catalogues')),
      publicationsWithoutLeaf: await list(
        `SELECT p.id FROM publications p
         WHERE NOT EXISTS (SELECT 1 FROM log_leaves l WHERE l.kind = 'publication' AND l.ref = p.id)`,
      ),
      complaintStepsWithoutLeaf: await list(
        `SELECT c.public_id || '/' || e.seq FROM complaint_events e JOIN complaints c ON c.tracking_code = e.complaint
         WHERE NOT EXISTS (SELECT 1 FROM log_leaves l WHERE l.kind = 'complaint-event' AND l.ref = c.public_id || '/' || e.seq)`,
      ),
      complaintLeavesWithoutStep: await list(
        `SELECT l.ref FROM log_leaves l WHERE l.kind = 'complaint-event' AND NOT EXISTS (
           SELECT 1 FROM complaint_events e JOIN complaints c ON c.tracking_code = e.complaint
           WHERE c.public_id || '/' || e.seq = l.ref)`,
      ),
      takedownsWithoutLeaf: await list(
        `SELECT t.publication_id FROM takedowns t
         WHERE NOT EXISTS (SELECT 1 FROM log_leaves l WHERE l.kind = 'tombstone' AND l.ref = t.publication_id AND l.idx = t.log_index)`,
      ),
    };
  } finally {
    await close();
  }
}
