import type Database from 'better-sqlite3';
import { canonicalJson } from '../canonical-json.ts';
import { currentRecord, factsOf, sameEntry, type DecisionEntry, type DecisionEntryKind, type DecisionMatter, type MatterFacts } from '../decisions/decision-matter.ts';
import { DecisionRecord, type DecisionStep } from '../decisions/decision-record.ts';
import { countingFacts } from '../decisions/owed-cutoffs.ts';
import { decisionEntryLeaf } from '../log/log-leaf.ts';
import type { DecisionStore } from './decision-store.ts';
import type { LogAppender } from './sqlite-log.ts';
import { toEntry } from './decision-rows.ts';
import { publicIdNumber, publicIdSequence } from './public-id.ts';
import { prefixRange } from './prefix-range.ts';

/**
 * 四议两公开 matters in SQLite (migration 9): a matter row per village and 事由, and its
 * append-only entries, each with its `decision-entry` leaf in the transaction that stores it.
 * Matter numbers: see public-id.ts.
 */
export function createSqliteDecisions(db: Database.Database, log: LogAppender): DecisionStore {
  const sql = prepare(db);
  const nextId = publicIdSequence(db, 'decision_matters');

  // Every matter's entries in one query, not one per matter (a county's dashboard lists them all).
  const load = (rows: readonly MatterRow[]): DecisionMatter[] => {
    if (rows.length === 0) return [];
    const entries = new Map<number, DecisionEntry[]>();
    for (const e of sql.entriesOfMany.all(JSON.stringify(rows.map((r) => r.id))) as Array<EntryRow & { matter: number }>) {
      const list = entries.get(e.matter) ?? [];
      list.push(toEntry(e));
      entries.set(e.matter, list);
    }
    return rows.map((row) => ({
      id: String(row.id),
      village: row.village,
      subject: row.subject,
      sample: row.sample === 1,
      createdAt: row.created_at,
      entries: entries.get(row.id) ?? [],
    }));
  };

  const recordTx = db.transaction((records: readonly DecisionRecord[], recordedAt: string, sample: boolean) => {
    let added = 0;
    const touched: number[] = [];
    for (const input of records) {
      const record = DecisionRecord.parse(input);
      let row = sql.bySubject.get(record.village, record.subject) as MatterRow | undefined;
      if (!row) {
        row = { id: nextId(), village: record.village, subject: record.subject, sample: sample ? 1 : 0, created_at: recordedAt };
        sql.insertMatter.run(row.id, row.village, row.subject, row.sample, row.created_at);
      }
      const [matter] = load([row]);
      if (!matter) throw new Error(`decision matter ${row.id} vanished inside its own transaction`);
      let seq = matter.entries.length;
      const append = (entry: 'matter' | 'step', value: MatterFacts | DecisionStep) => {
        seq += 1;
        const logIndex = log.append(decisionEntryLeaf(matter, { seq, entry, at: recordedAt, value }));
        sql.insertEntry.run(row.id, seq, entry, canonicalJson(value), recordedAt, logIndex);
        added += 1;
      };
      const facts = factsOf(record);
      const latest = matter.entries.filter((e) => e.entry === 'matter').at(-1);
      if (!latest || !sameEntry(latest.value, facts)) append('matter', facts);
      const known = matter.entries.filter((e) => e.entry === 'step').map((e) => e.value);
      for (const step of record.steps) {
        if (known.some((k) => sameEntry(k, step))) continue;
        append('step', step);
        known.push(step);
      }
      if (!touched.includes(row.id)) touched.push(row.id);
    }
    const matters = load(touched.map((id) => sql.byId.get(id) as MatterRow));
    // what the pages above count of each matter, rewritten with it (migration 15, MatterCountStore)
    for (const m of matters) {
      const f = countingFacts(currentRecord(m));
      sql.upsertFacts.run({ matter: Number(m.id), village: m.village, early: f.earlyMissing ? 1 : 0, result: f.resultMissing ? 1 : 0, completedOn: f.completedOn, resolvedOn: f.resolvedOn });
    }
    return { matters, added };
  });

  return {
    async recordDecisions(records, recordedAt, options = {}) {
      return recordTx.immediate(records, recordedAt, options.sample === true);
    },
    async getDecisionMatter(id) {
      const n = publicIdNumber(id);
      const row = n === null ? undefined : (sql.byId.get(n) as MatterRow | undefined);
      return row ? (load([row])[0] ?? null) : null;
    },
    async listDecisionMatters(prefix) {
      return load(sql.list.all(...prefixRange(prefix)) as MatterRow[]);
    },
  };
}

// ——— private helpers ———

interface MatterRow {
  id: number;
  village: string;
  subject: string;
  sample: number;
  created_at: string;
}

interface EntryRow {
  seq: number;
  entry: DecisionEntryKind;
  value: string;
  recorded_at: string;
  log_index: number;
}


function prepare(db: Database.Database) {
  return {
    bySubject: db.prepare('SELECT id, village, subject, sample, created_at FROM decision_matters WHERE village = ? AND subject = ?'),
    byId: db.prepare('SELECT id, village, subject, sample, created_at FROM decision_matters WHERE id = ?'),
    list: db.prepare('SELECT id, village, subject, sample, created_at FROM decision_matters WHERE village >= ? AND village < ? ORDER BY id'),
    insertMatter: db.prepare('INSERT INTO decision_matters (id, village, subject, sample, created_at) VALUES (?, ?, ?, ?, ?)'),
    entriesOfMany: db.prepare(
      'SELECT e.matter, e.seq, e.entry, e.value, e.recorded_at, e.log_index FROM json_each(?) AS j JOIN decision_entries e ON e.matter = j.value ORDER BY e.matter, e.seq',
    ),
    upsertFacts: db.prepare(
      `INSERT INTO decision_matter_facts (matter, village, early_missing, result_missing, completed_on, resolved_on)
       VALUES (@matter, @village, @early, @result, @completedOn, @resolvedOn)
       ON CONFLICT (matter) DO UPDATE SET early_missing = excluded.early_missing, result_missing = excluded.result_missing,
         completed_on = excluded.completed_on, resolved_on = excluded.resolved_on`,
    ),
    insertEntry: db.prepare('INSERT INTO decision_entries (matter, seq, entry, value, recorded_at, log_index) VALUES (?, ?, ?, ?, ?, ?)'),
  };
}
