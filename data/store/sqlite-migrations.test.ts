import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { trackingCodeFrom } from '../complaints/tracking-code.ts';
import { auditLog } from '../log/audit-log.ts';
import { FIXTURE_AT, FIXTURE_VILLAGE, fixtureFinance, fixtureSubsidy, fixtureVersion } from './contract-fixtures.ts';
import type { NewPublication } from './store.ts';
import { publicationLeaf } from '../log/log-leaf.ts';
import { createSqliteLog } from './sqlite-log.ts';
import { migrate, migrations, userVersion } from './sqlite-migrations.ts';
import { openSqliteStore } from './sqlite-store.ts';
import { townshipSummary } from './summary-contract.ts';

const VILLAGE = FIXTURE_VILLAGE;
const AT = FIXTURE_AT;
const version = fixtureVersion;
const finance = fixtureFinance;
const subsidy = fixtureSubsidy;

/** A first version written as the store of that time wrote it, with its leaf: what an older file holds before a migration. */
function firstVersionLogged() {
  const log = createSqliteLog(db);
  const v1 = version('pub-f1', finance('v1', 100_00));
  db.prepare(
    `INSERT INTO publications (id, village, kind, period, subject, version, supersedes, published_at, recorded_at, sha256, sample, source_filename, source_format, content)
     VALUES (@id, @village, @kind, @period, @subject, 1, NULL, @publishedAt, @publishedAt, @sha256, 0, NULL, 'json', @content)`,
  ).run({ ...v1, content: JSON.stringify(v1.content) });
  db.transaction(() => log.append(publicationLeaf({ ...v1, version: 1, supersedes: null })))();
  return { log, v1 };
}

// Each test starts from an empty database file, opened as the store opens it (WAL, foreign keys on).
let dir: string;
let file: string;
let db: Database.Database;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cunwu-migrate-'));
  file = path.join(dir, 'cunwu.sqlite');
  db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
});
afterEach(() => {
  if (db.open) db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('migration 6 (publications and log_leaves rebuilt for contract publications and the new leaf types)', () => {
  /** A database at version 5 with two versions of a series, a subsidy list taken down, a photo, an idempotency claim and a complaint with two steps. */
  const atVersion5 = () => {
    expect(migrate(db, 4)).toEqual([1, 2, 3, 4]);
    const v1 = version('pub-f1', finance('v1', 100_00));
    const v2 = version('pub-f2', finance('v2', 120_00));
    const list = version('pub-s1', subsidy());
    // rowids with gaps: the stored order must survive the rebuild as it is, not renumbered
    insertPublication(v1, 1, null, 10);
    insertPublication(list, 1, null, 20);
    insertPublication(v2, 2, 'pub-f1', 30);
    db.prepare("INSERT INTO photos (id, publication_id, variant, bytes) VALUES ('photo0001', 'pub-f2', 'small', x'00ff')").run();
    db.prepare("INSERT INTO idempotency (scope, key, request_hash, publication_id, created_at) VALUES ('s', 'k', 'h', 'pub-s1', ?)").run(AT);
    const code = trackingCodeFrom(Uint8Array.from([1, 2, 3, 4, 5, 6, 0]));
    db.prepare(
      `INSERT INTO complaints (tracking_code, public_id, village, category, text, anonymous, status, department, received_at, updated_at)
       VALUES (?, 1, ?, '财务公开', '账目看不明白。', 0, 'dispatched', '村委会', ?, ?)`,
    ).run(code, VILLAGE, AT, AT);
    const step = db.prepare('INSERT INTO complaint_events (complaint, seq, at, actor, type, department) VALUES (?, ?, ?, ?, ?, ?)');
    step.run(code, 1, AT, '群众', 'received', null);
    step.run(code, 2, AT, '镇纪委', 'dispatch', '村委会');
    expect(migrate(db, 5)).toEqual([5]);
    expect(createSqliteLog(db).takeDown('pub-s1', '误公开了完整身份证号', AT).kind).toBe('taken-down');
    expect(userVersion(db)).toBe(5);
  };

  const insertPublication = (p: NewPublication, version: number, supersedes: string | null, rowid: number) =>
    db
      .prepare(
        `INSERT INTO publications (rowid, id, village, kind, period, subject, version, supersedes, published_at, recorded_at, sha256, sample, source_filename, source_format, content)
         VALUES (@rowid, @id, @village, @kind, @period, @subject, @version, @supersedes, @publishedAt, @publishedAt, @sha256, 0, NULL, 'json', @content)`,
      )
      .run({ ...p, rowid, version, supersedes, content: JSON.stringify(p.content) });

  const rows = () =>
    Object.fromEntries(
      ['SELECT rowid, * FROM publications', 'SELECT * FROM log_leaves', 'SELECT * FROM log_nodes', 'SELECT * FROM takedowns', 'SELECT * FROM photos', 'SELECT * FROM idempotency', 'SELECT * FROM complaints', 'SELECT * FROM complaint_events', 'SELECT * FROM search_rows'].map(
        (q) => [q, db.prepare(`${q} ORDER BY 1, 2`).all()],
      ),
    );
  /** Every index and trigger, and every table but the two rebuilt, as stored in the schema. */
  const schema = () =>
    db
      .prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE NOT (type = 'table' AND name IN ('publications', 'log_leaves')) ORDER BY name")
      .all() as Array<{ name: string }>;
  const refuses = (statement: string, error: RegExp) => expect(() => db.prepare(statement).run(), statement).toThrow(error);

  it('keeps every row, leaf, index and trigger, and the database answers as before', async () => {
    atVersion5();
    const [rowsBefore, schemaBefore] = [rows(), schema()];
    const names = new Set(schemaBefore.map((s) => s.name));

    expect(migrate(db, 6)).toEqual([6]);
    expect(userVersion(db)).toBe(6);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(rows()).toEqual(rowsBefore);
    expect(schema().filter((s) => names.has(s.name))).toEqual(schemaBefore);
    expect(rowsBefore['SELECT * FROM log_leaves']).toHaveLength(6);

    refuses("UPDATE publications SET content = '{}' WHERE id = 'pub-f1'", /append-only/);
    refuses("DELETE FROM publications WHERE id = 'pub-f1'", /append-only/);
    refuses("UPDATE log_leaves SET leaf = '{}' WHERE idx = 0", /append-only/);
    refuses('DELETE FROM log_leaves WHERE idx = 5', /append-only/);
    refuses("INSERT INTO log_leaves (idx, leaf, leaf_hash, kind, ref) VALUES (9, '{}', zeroblob(32), 'flag-event', '1/1')", /in order/);
    refuses("INSERT INTO log_leaves (idx, leaf, leaf_hash, kind, ref) VALUES (6, '{}', zeroblob(32), 'something-else', 'x')", /CHECK/);
    refuses("INSERT INTO publications (id, village, kind, period, subject, version, published_at, recorded_at, sha256, sample, source_format, content) VALUES ('x', 'v', 'other', '2026', '', 1, 't', 't', 's', 0, 'json', '{}')", /CHECK/);
    refuses("INSERT INTO photos (id, publication_id, variant, bytes) VALUES ('photo0002', 'pub-none', 'small', x'00')", /FOREIGN KEY/);
    db.prepare(
      "INSERT INTO publications (id, village, kind, period, subject, version, published_at, recorded_at, sha256, sample, source_format, content) VALUES ('pub-c1', ?, 'contract', '2026', '', 1, ?, ?, ?, 0, 'json', '{}')",
    ).run(VILLAGE, AT, AT, '0'.repeat(64));
    db.close();

    // the store opens the migrated file, its log still audits clean, and it goes on logging
    const store = await openSqliteStore(file);
    try {
      const audited = async () => {
        const leaves = await store.logLeaves(0, await store.logSize());
        const publications = (await Promise.all(['pub-f1', 'pub-f2'].map((id) => store.getPublication(id)))).filter((p) => p !== null);
        return auditLog(leaves, publications, { flags: await store.listFlags({ scope: '' }) }).findings;
      };
      expect(await audited()).toEqual([]);
      expect((await store.listPublications(VILLAGE)).map((p) => p.id)).toEqual(['pub-f2', 'pub-c1', 'pub-s1', 'pub-f1']);
      const result = await store.applyFlagRun({ id: 'run-1', village: VILLAGE, at: AT, trigger: 'manual', rules: ['late-disclosure'], findings: [] });
      expect(result.raised).toEqual([]);
      await store.saveFlagSettings({ code: '430802', document: { publication: { mode: 'immediate', workingDays: 0 }, calendarStart: null, disabled: [], rules: {}, decisionChecks: {}, departments: [] }, at: AT, actor: '区纪委' });
      expect(await store.logSize()).toBe(7);
      expect(await audited()).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('does not commit a rebuild that would leave a broken foreign key, and turns foreign keys back on', () => {
    atVersion5();
    db.pragma('foreign_keys = OFF');
    db.prepare("INSERT INTO idempotency (scope, key, request_hash, publication_id, created_at) VALUES ('s', 'k2', 'h', 'pub-gone', ?)").run(AT);
    db.pragma('foreign_keys = ON');

    expect(() => migrate(db)).toThrow(/migration 6: 1 rows break a foreign key \(idempotency/);
    expect(userVersion(db)).toBe(5);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name IN ('flags', 'publications_v6', 'log_leaves_v6')").pluck().get()).toBe(0);
    refuses(
      "INSERT INTO publications (id, village, kind, period, subject, version, published_at, recorded_at, sha256, sample, source_format, content) VALUES ('pub-c1', 'v', 'contract', '2026', '', 1, 't', 't', 's', 0, 'json', '{}')",
      /CHECK/,
    );
  });

  it('migrates up to a given version, then the rest', () => {
    expect(migrate(db, 3)).toEqual([1, 2, 3]);
    expect(userVersion(db)).toBe(3);
    expect(migrate(db)).toEqual(migrations.filter((m) => m.version > 3).map((m) => m.version));
    expect(migrate(db)).toEqual([]);
  });
});


describe('migration 7 (complaint step takedowns; log_leaves rebuilt for their leaf type)', () => {

  const refuses = (statement: string, error: RegExp) => expect(() => db.prepare(statement).run(), statement).toThrow(error);
  const logRows = () => db.prepare('SELECT * FROM log_leaves ORDER BY idx').all();
  const dependents = () => db.prepare("SELECT type, name, sql FROM sqlite_schema WHERE tbl_name = 'log_leaves' AND type IN ('index', 'trigger') ORDER BY name").all();

  it('keeps every leaf, index and trigger of the log, and takes a step down in the migrated file', async () => {
    expect(migrate(db, 6)).toEqual([1, 2, 3, 4, 5, 6]);
    const { log, v1 } = firstVersionLogged();
    expect(log.takeDown('pub-f1', '误公开了完整身份证号', AT).kind).toBe('taken-down');
    const [leavesBefore, dependentsBefore] = [logRows(), dependents()];
    expect(leavesBefore).toHaveLength(2);
    refuses("INSERT INTO log_leaves (idx, leaf, leaf_hash, kind, ref) VALUES (2, '{}', zeroblob(32), 'complaint-step-tombstone', '1/1')", /CHECK/);

    expect(migrate(db, 7)).toEqual([7]);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(logRows()).toEqual(leavesBefore);
    expect(dependents()).toEqual(dependentsBefore);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    refuses("UPDATE log_leaves SET leaf = '{}' WHERE idx = 0", /append-only/);
    refuses('DELETE FROM log_leaves WHERE idx = 1', /append-only/);
    refuses("INSERT INTO log_leaves (idx, leaf, leaf_hash, kind, ref) VALUES (5, '{}', zeroblob(32), 'complaint-step-tombstone', '1/1')", /in order/);
    refuses("INSERT INTO log_leaves (idx, leaf, leaf_hash, kind, ref) VALUES (2, '{}', zeroblob(32), 'something-else', 'x')", /CHECK/);
    refuses("INSERT INTO complaint_step_takedowns (complaint, seq, reason, at, log_index) VALUES ('NOSUCHCODE', 1, 'r', 't', 0)", /FOREIGN KEY/);
    db.close();

    const store = await openSqliteStore(file);
    try {
      const filed = await store.fileComplaint({
        trackingCode: trackingCodeFrom(Uint8Array.from([1, 2, 3, 4, 5, 6, 0])), village: VILLAGE, category: '财务公开', text: '账目看不明白。', publicationId: null, row: null,
        contact: null, anonymous: false, status: 'received', department: null, receivedAt: AT, updatedAt: AT, channel: 'portal', intake: null, events: [{ seq: 1, at: AT, actor: '群众', type: 'received' }],
      });
      expect(await store.takeDownComplaintStep(filed.publicId, 1, '投诉原文写了他人的身份证号', AT)).toMatchObject({ kind: 'taken-down', takedown: { logIndex: 3 } });
      const raw = new Database(file);
      try {
        expect(() => raw.prepare('DELETE FROM complaint_step_takedowns').run()).toThrow(/append-only/);
        expect(() => raw.prepare("UPDATE complaint_step_takedowns SET reason = 'x'").run()).toThrow(/append-only/);
      } finally {
        raw.close();
      }
      expect(auditLog(await store.logLeaves(0, 4), [{ ...v1, version: 1, supersedes: null, content: null }]).findings).toEqual([]);
    } finally {
      await store.close();
    }
  });
});

describe('migration 10 (decision evidence; decision_entries rebuilt for the evidence entry)', () => {
  const entryRows = () => db.prepare('SELECT * FROM decision_entries ORDER BY matter, seq').all();
  const dependents = () => db.prepare("SELECT type, name, sql FROM sqlite_schema WHERE tbl_name = 'decision_entries' AND type IN ('index', 'trigger') ORDER BY name").all();

  it('keeps every entry and trigger of the matters recorded before it, and widens only the kinds of entry', () => {
    expect(migrate(db, 9)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // Record through the raw tables as migration 9 left them: the store itself would migrate first.
    const log = createSqliteLog(db);
    db.transaction(() => {
      db.prepare("INSERT INTO decision_matters (id, village, subject, sample, created_at) VALUES (1, ?, '通组公路硬化', 0, ?)").run(VILLAGE, AT);
      for (const [seq, entry] of [[1, 'matter'], [2, 'step']] as const) {
        const index = log.append({ type: 'decision-entry', matter: '1', village: VILLAGE, seq, entry, at: AT, sha256: 'a'.repeat(64) });
        db.prepare('INSERT INTO decision_entries (matter, seq, entry, value, recorded_at, log_index) VALUES (1, ?, ?, ?, ?, ?)').run(seq, entry, '{}', AT, index);
      }
    })();
    const [before, triggersBefore] = [entryRows(), dependents()];
    expect(before).toHaveLength(2);
    expect(() => db.prepare("INSERT INTO decision_entries (matter, seq, entry, value, recorded_at, log_index) VALUES (1, 3, 'evidence', '{}', 'x', 99)").run()).toThrow(/CHECK/);

    expect(migrate(db, 10)).toEqual([10]);
    expect(entryRows()).toEqual(before);
    expect(dependents()).toEqual(triggersBefore);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(() => db.prepare("UPDATE decision_entries SET value = '[]'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM decision_entries').run()).toThrow(/append-only/);
    expect(() => db.prepare("INSERT INTO decision_entries (matter, seq, entry, value, recorded_at, log_index) VALUES (1, 3, 'other', '{}', 'x', 99)").run()).toThrow(/CHECK/);
  });
});

describe('migration 13 (the supervision committee’s comment; flag_events rebuilt for it)', () => {
  it('keeps every flag event and index, and takes a comment only afterwards', () => {
    expect(migrate(db, 12)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    db.prepare("INSERT INTO flags (id, village, rule, key, status, title, detail, amount, evidence, sample, raised_at, public_from, updated_at) VALUES (1, ?, 'cash-over-limit', 'k', 'open', 't', 'd', NULL, '[]', 0, ?, ?, ?)").run(VILLAGE, AT, AT, AT);
    db.prepare("INSERT INTO flag_events (flag, seq, at, actor, type, payload) VALUES (1, 1, ?, '系统', 'raised', '{}')").run(AT);
    const comment = "INSERT INTO flag_events (flag, seq, at, actor, type, payload) VALUES (1, 2, 'x', '监委会', 'commented', '{}')";
    expect(() => db.prepare(comment).run()).toThrow(/CHECK/);
    const before = db.prepare('SELECT * FROM flag_events ORDER BY flag, seq').all();
    expect(migrate(db, 13)).toEqual([13]);
    expect(db.prepare('SELECT * FROM flag_events ORDER BY flag, seq').all()).toEqual(before);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.prepare(comment).run();
    expect(() => db.prepare("INSERT INTO flag_events (flag, seq, at, actor, type, payload) VALUES (1, 3, 'x', 'y', 'other', '{}')").run()).toThrow(/CHECK/);
  });
});

describe('migration 21 (the power item a recorded complaint concerns)', () => {
  it('files the item with the intake and refuses to change it afterwards, or to give one to a portal complaint', async () => {
    db.close();
    const store = await openSqliteStore(file);
    try {
      const { recordedComplaint, newComplaint } = await import('../complaints/complaint-workflow.ts');
      const input = { village: VILLAGE, category: '惠农补贴', text: '三组有几户耕地补贴没发。', anonymous: false } as never;
      const filed = await store.fileComplaint(recordedComplaint(input, trackingCodeFrom(Uint8Array.from([1, 2, 3, 4, 5, 6, 7])), AT, { channel: 'letter', heardAt: AT, place: null, recordedBy: '王家坪镇纪委', powerItem: 'subsidy-payout' }));
      await store.fileComplaint(newComplaint(input, trackingCodeFrom(Uint8Array.from([7, 6, 5, 4, 3, 2, 1])), AT));
      const raw = new Database(file);
      try {
        expect(raw.prepare('SELECT power_item FROM complaints WHERE public_id = ?').pluck().get(Number(filed.publicId))).toBe('subsidy-payout');
        expect(() => raw.prepare("UPDATE complaints SET power_item = 'financial-disclosure'").run()).toThrow(/only the status/);
        expect(() => raw.prepare("UPDATE complaints SET power_item = NULL WHERE channel = 'letter'").run()).toThrow(/only the status/);
        const portalRow = raw.prepare("SELECT * FROM complaints WHERE channel = 'portal'").get() as Record<string, unknown>;
        const columns = Object.keys(portalRow);
        const copy = { ...portalRow, tracking_code: 'ZZZZZZZZZZ', public_id: 99, power_item: 'subsidy-payout' };
        expect(() => raw.prepare(`INSERT INTO complaints (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`).run(copy)).toThrow(/only a complaint recorded by staff/);
      } finally {
        raw.close();
      }
    } finally {
      await store.close();
    }
    db = new Database(file);
  });
});

describe('migration 25 (financial statements; publications rebuilt for the kind)', () => {
  const publicationRows = () => db.prepare('SELECT rowid, * FROM publications ORDER BY rowid').all();
  const dependents = () => db.prepare("SELECT type, name, sql FROM sqlite_schema WHERE tbl_name = 'publications' AND type IN ('index', 'trigger') ORDER BY name").all();
  const insert = (id: string, kind: string, supersedes: string | null = null) =>
    db
      .prepare(
        `INSERT INTO publications (id, village, kind, period, subject, version, supersedes, published_at, recorded_at, sha256, sample, source_filename, source_format, content)
         VALUES (?, ?, ?, '2025', '', ?, ?, ?, ?, ?, 0, NULL, 'csv', '{}')`,
      )
      .run(id, VILLAGE, kind, supersedes ? 2 : 1, supersedes, AT, AT, '0'.repeat(64));

  it('keeps every publication, its rowid, indexes, triggers and the rows that refer to it, and takes a statement only afterwards', () => {
    migrate(db, 24);
    insert('pub-a', 'finance');
    insert('pub-b', 'finance', 'pub-a');
    db.prepare("INSERT INTO photos (id, publication_id, variant, bytes) VALUES ('photo0001', 'pub-b', 'small', x'00ff')").run();
    const [before, dependentsBefore] = [publicationRows(), dependents()];
    expect(() => insert('pub-s', 'statement')).toThrow(/CHECK/);

    expect(migrate(db, 25)).toEqual([25]);
    expect(publicationRows()).toEqual(before);
    expect(dependents()).toEqual(dependentsBefore);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    insert('pub-s', 'statement');
    expect(() => insert('pub-x', 'other')).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE publications SET content = '[]' WHERE id = 'pub-a'").run()).toThrow(/append-only/);
    expect(() => db.prepare("DELETE FROM publications WHERE id = 'pub-a'").run()).toThrow(/append-only/);
    expect(() => db.prepare("INSERT INTO photos (id, publication_id, variant, bytes) VALUES ('photo0002', 'pub-none', 'small', x'00')").run()).toThrow(/FOREIGN KEY/);
  });
});

describe('migration 26 (region summary tables; log_leaves and page_outbox rebuilt for their leaf type and target)', () => {
  const refuses = (statement: string, error: RegExp) => expect(() => db.prepare(statement).run(), statement).toThrow(error);
  const rows = (table: string, order: string) => db.prepare(`SELECT * FROM ${table} ORDER BY ${order}`).all();
  const dependents = (table: string) => db.prepare("SELECT type, name, sql FROM sqlite_schema WHERE tbl_name = ? AND type IN ('index', 'trigger') ORDER BY name").all(table);

  it('keeps every leaf and outbox row with their indexes and triggers, and takes a summary, its leaf and its target only afterwards', async () => {
    migrate(db, 25);
    const { log, v1 } = firstVersionLogged();
    db.prepare("INSERT INTO page_outbox (target, key, stale_since, not_before) VALUES ('village', ?, ?, ?), ('power-lists', '430802', ?, ?)").run(VILLAGE, AT, AT, AT, AT);
    const before = [rows('log_leaves', 'idx'), rows('page_outbox', 'id'), dependents('log_leaves'), dependents('page_outbox')];
    refuses("INSERT INTO log_leaves (idx, leaf, leaf_hash, kind, ref) VALUES (1, '{}', zeroblob(32), 'region-summary', '430802108/1')", /CHECK/);
    refuses("INSERT INTO page_outbox (target, key, stale_since, not_before) VALUES ('region-summaries', '430802108', 't', 't')", /CHECK/);

    expect(migrate(db, 26)).toEqual([26]);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect([rows('log_leaves', 'idx'), rows('page_outbox', 'id'), dependents('log_leaves'), dependents('page_outbox')]).toEqual(before);
    refuses("UPDATE log_leaves SET leaf = '{}' WHERE idx = 0", /append-only/);
    refuses("INSERT INTO log_leaves (idx, leaf, leaf_hash, kind, ref) VALUES (5, '{}', zeroblob(32), 'region-summary', 'x')", /in order/);
    refuses("INSERT INTO log_leaves (idx, leaf, leaf_hash, kind, ref) VALUES (1, '{}', zeroblob(32), 'something-else', 'x')", /CHECK/);
    // one fresh row per page still
    db.prepare("INSERT INTO page_outbox (target, key, stale_since, not_before) VALUES ('region-summaries', '430802108', 't', 't')").run();
    refuses("INSERT INTO page_outbox (target, key, stale_since, not_before) VALUES ('region-summaries', '430802108', 't', 't')", /UNIQUE/);
    refuses("INSERT INTO region_summaries (scope, seq, series, version, supersedes, document, published_at, log_index) VALUES ('430802108', 1, 's', 1, NULL, '{}', 't', 99)", /FOREIGN KEY/);
    db.close();

    const store = await openSqliteStore(file);
    try {
      const stored = await store.publishSummary(townshipSummary(100), AT);
      expect(stored).toMatchObject({ seq: 1, logIndex: 1 });
      expect(auditLog(await store.logLeaves(0, 2), [{ ...v1, version: 1, supersedes: null }], { regionSummaries: [stored] }).findings).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
