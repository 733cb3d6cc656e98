import type Database from 'better-sqlite3';
import { canonicalJson } from '../canonical-json.ts';
import { FlagRuleId } from '../flags/finding.ts';
import { FLAG_STATUSES, type Flag, type FlagEvent, type FlagStatus, type FlagWorkflowResult, type NewFlagEvent } from '../flags/flag.ts';
import { ACTIVE_STATUSES, planRun } from '../flags/flag-workflow.ts';
import { flagEventLeaf } from '../log/log-leaf.ts';
import { type FlagCounts, type FlagFilter, type FlagRunInput, type FlagRunResult, type FlagRunSummary, type FlagStore, type FlagUpdate } from './flag-store.ts';
import { eventColumns, groupEvents, type StoredEventColumns } from './event-rows.ts';
import { advance, checkedRun, listLimit, raisedFlag, toFlag, toRunSummary, type FlagRow, type RunRow } from './flag-common.ts';
import type { LogAppender } from './sqlite-log.ts';
import { publicIdNumber, publicIdSequence } from './public-id.ts';
import { prefixBounds } from './prefix-range.ts';

/**
 * Red flags in SQLite (tables from migration 6). A run and everything it changes commit in one
 * IMMEDIATE transaction, which also reads the flags it reconciles, so two runs of one village (or a
 * run and a reviewer's action) cannot both start from the same state. Every event's log leaf is
 * appended in the transaction that stores it. Flag ids: see public-id.ts.
 */
export function createSqliteFlags(db: Database.Database, log: LogAppender): FlagStore {
  const sql = prepare(db);
  const nextId = publicIdSequence(db, 'flags');

  const withEvents = (rows: readonly FlagRow[]): Flag[] => {
    if (rows.length === 0) return [];
    const events = groupEvents<FlagEvent, FlagEventRow>(sql.eventsOfMany.all(JSON.stringify(rows.map((r) => r.id))) as FlagEventRow[], (r) => r.flag);
    return rows.map((row) => toFlag(row, events.get(row.id) ?? []));
  };

  const append = (flag: Flag, events: readonly FlagEvent[]) => {
    for (const event of events) {
      sql.insertEvent.run({ flag: Number(flag.id), ...eventColumns(event) });
      log.append(flagEventLeaf(flag, event));
    }
  };

  /** Appends events to a stored flag and moves its status and wording; returns the flag as it now is. */
  const advanceAndWrite = (flag: Flag, status: FlagStatus, added: readonly NewFlagEvent[]): Flag => {
    const { flag: next, added: numbered } = advance(flag, status, added);
    append(next, numbered);
    sql.setState.run({ ...stateColumns(next), id: Number(next.id) });
    return next;
  };

  const applyTx = db.transaction((run: FlagRunInput): FlagRunResult => {
    const existing = withEvents(sql.ofRules.all(run.village, JSON.stringify(run.rules)) as FlagRow[]);
    const plan = planRun(existing, run.findings, run.id, run.at);
    const changed = plan.changes.map((c) => advanceAndWrite(c.flag, c.status, c.events));
    let id = nextId();
    const raised = plan.raise.map((found): Flag => {
      const flag = raisedFlag(id++, found, run);
      sql.insertFlag.run({ ...stateColumns(flag), id: Number(flag.id), village: flag.village, rule: flag.rule, key: flag.key, sample: flag.sample ? 1 : 0, raised_at: flag.raisedAt, public_from: flag.publicFrom });
      append(flag, flag.events);
      return flag;
    });
    const summary: FlagRunSummary = { id: run.id, village: run.village, at: run.at, trigger: run.trigger, rules: [...run.rules], findings: run.findings.length };
    sql.insertRun.run({ id: summary.id, village: summary.village, at: summary.at, triggered_by: summary.trigger, rules: JSON.stringify(summary.rules), findings: summary.findings });
    return { run: summary, raised, changed };
  });

  const updateTx = db.transaction((id: number, act: (current: Flag) => FlagWorkflowResult): FlagUpdate => {
    const row = sql.byId.get(id) as FlagRow | undefined;
    if (!row) return { kind: 'not-found', id: String(id) };
    const [current] = withEvents([row]);
    if (!current) throw new Error(`flag ${id} vanished inside its own transaction`);
    const result = act(current);
    if (!result.ok) return { kind: 'invalid-transition', from: result.failure.from, action: result.failure.action };
    return { kind: 'updated', flag: advanceAndWrite(current, result.status, result.events) };
  });

  return {
    async applyFlagRun(run) {
      return applyTx.immediate(checkedRun(run));
    },

    async getFlag(id) {
      const n = publicIdNumber(id);
      const row = n === null ? undefined : (sql.byId.get(n) as FlagRow | undefined);
      return row ? (withEvents([row])[0] ?? null) : null;
    },

    async listFlags(filter) {
      const after = filter.after ? { afterAt: filter.after.raisedAt, afterId: publicIdNumber(filter.after.id) ?? 0 } : { afterAt: null, afterId: null };
      return withEvents(sql.list.all({ ...where(filter.scope, filter.publicAt ?? null), ...statusFilter(filter), rule: filter.rule ?? null, publicAfter: filter.publicAfter ?? null, ...after, limit: listLimit(filter) }) as FlagRow[]);
    },

    async updateFlag(id, act) {
      const n = publicIdNumber(id);
      if (n === null) return { kind: 'not-found', id };
      return updateTx.immediate(n, act);
    },

    async flagCounts(scope, publicAt) {
      const params = where(scope, publicAt);
      const counts: FlagCounts = {
        total: 0,
        byStatus: Object.fromEntries(FLAG_STATUSES.map((s) => [s, 0])) as Record<FlagStatus, number>,
        byRule: {},
        villagesWithActive: sql.villagesWithActive.get(params) as number,
        raisedByMonth: sql.raisedByMonth.all(params) as Array<{ month: string; count: number }>,
      };
      for (const g of sql.countsByStatusRule.all(params) as Array<{ status: FlagStatus; rule: FlagRuleId; count: number }>) {
        counts.total += g.count;
        counts.byStatus[g.status] += g.count;
        counts.byRule[g.rule] = (counts.byRule[g.rule] ?? 0) + g.count;
      }
      return counts;
    },

    async lastFlagRun(village) {
      const row = sql.lastRun.get(village) as RunRow | undefined;
      return row ? toRunSummary(row) : null;
    },
  };
}

// ——— private helpers ———

const ACTIVE_SQL = ACTIVE_STATUSES.map((s) => `'${s}'`).join(', ');
/** scope as a [low, high) range on the village code, so the index is read, not the table */
const SCOPE = `village >= @low AND village < @high AND (@publicAt IS NULL OR public_from <= @publicAt)`;

function prepare(db: Database.Database) {
  return {
    byId: db.prepare('SELECT * FROM flags WHERE id = ?'),
    ofRules: db.prepare('SELECT * FROM flags WHERE village = ? AND rule IN (SELECT value FROM json_each(?)) ORDER BY id'),
    eventsOfMany: db.prepare('SELECT e.* FROM json_each(?) AS j JOIN flag_events e ON e.flag = j.value ORDER BY e.flag, e.seq'),
    list: db.prepare(
      `SELECT * FROM flags WHERE ${SCOPE}
         AND (@status IS NULL OR status = @status) AND (@active = 0 OR status IN (${ACTIVE_SQL}))
         AND (@rule IS NULL OR rule = @rule) AND (@publicAfter IS NULL OR public_from > @publicAfter)
         AND (@afterAt IS NULL OR raised_at < @afterAt OR (raised_at = @afterAt AND id < @afterId))
       ORDER BY raised_at DESC, id DESC LIMIT @limit`,
    ),
    countsByStatusRule: db.prepare(`SELECT status, rule, count(*) AS count FROM flags WHERE ${SCOPE} GROUP BY status, rule`),
    villagesWithActive: db.prepare(`SELECT count(DISTINCT village) FROM flags WHERE ${SCOPE} AND status IN (${ACTIVE_SQL})`).pluck(),
    // China has one time zone, UTC+8, without daylight saving
    raisedByMonth: db.prepare(
      `SELECT strftime('%Y-%m', raised_at, '+8 hours') AS month, count(*) AS count FROM flags WHERE ${SCOPE} GROUP BY month ORDER BY month`,
    ),
    insertFlag: db.prepare(
      `INSERT INTO flags (id, village, rule, key, status, title, detail, amount, evidence, sample, raised_at, public_from, updated_at)
       VALUES (@id, @village, @rule, @key, @status, @title, @detail, @amount, @evidence, @sample, @raised_at, @public_from, @updated_at)`,
    ),
    setState: db.prepare(
      'UPDATE flags SET status = @status, title = @title, detail = @detail, amount = @amount, evidence = @evidence, updated_at = @updated_at WHERE id = @id',
    ),
    insertEvent: db.prepare('INSERT INTO flag_events (flag, seq, at, actor, type, payload) VALUES (@flag, @seq, @at, @actor, @type, @payload)'),
    insertRun: db.prepare('INSERT INTO flag_runs (id, village, at, triggered_by, rules, findings) VALUES (@id, @village, @at, @triggered_by, @rules, @findings)'),
    lastRun: db.prepare('SELECT * FROM flag_runs WHERE village = ? ORDER BY at DESC, rowid DESC LIMIT 1'),
  };
}


type FlagEventRow = StoredEventColumns & { flag: number };


function stateColumns(flag: Flag) {
  return { status: flag.status, title: flag.title, detail: flag.detail, amount: flag.amount, evidence: canonicalJson(flag.evidence), updated_at: flag.updatedAt };
}


function where(scope: string, publicAt: string | null) {
  return { ...prefixBounds(scope), publicAt };
}

function statusFilter(filter: FlagFilter): { status: string | null; active: 0 | 1 } {
  return filter.status === 'active' ? { status: null, active: 1 } : { status: filter.status ?? null, active: 0 };
}
