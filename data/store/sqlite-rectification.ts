import { numberedEvents } from './event-rows.ts';
import type Database from 'better-sqlite3';
import { rectificationEventLeaf } from '../log/log-leaf.ts';
import type { NewRound, RectificationEvent, RectificationResult, RoundRecord } from '../rectification/rectification.ts';
import type { RectificationStore, RoundUpdate } from './rectification-store.ts';
import { eventColumns, groupEvents, type StoredEventColumns } from './event-rows.ts';
import type { LogAppender } from './sqlite-log.ts';
import { checkedRound } from './round-checks.ts';
import { publicIdNumber, publicIdSequence } from './public-id.ts';
import { prefixBounds } from './prefix-range.ts';

/**
 * Inspection rounds in SQLite (migration 6): a round row (its number, scope and times) and its
 * events, each with its `rectification-event` log leaf in the transaction that stores it. Round
 * ids: see public-id.ts.
 */
export function createSqliteRectification(db: Database.Database, log: LogAppender): RectificationStore {
  const sql = prepare(db);
  const nextId = publicIdSequence(db, 'rounds');

  const withEvents = (rows: readonly RoundRow[]): RoundRecord[] => {
    if (rows.length === 0) return [];
    const events = groupEvents<RectificationEvent, RoundEventRow>(sql.eventsOfMany.all(JSON.stringify(rows.map((r) => r.id))) as RoundEventRow[], (r) => r.round);
    return rows.map((row) => toRound(row, events.get(row.id) ?? []));
  };

  const append = (round: RoundRecord, events: readonly RectificationEvent[]) => {
    for (const event of events) {
      sql.insertEvent.run({ round: Number(round.id), ...eventColumns(event) });
      log.append(rectificationEventLeaf(round, event));
    }
  };

  const openTx = db.transaction((input: NewRound): RoundRecord => {
    const id = nextId();
    const round: RoundRecord = { id: String(id), scope: input.scope, sample: input.sample, openedAt: input.at, updatedAt: input.at, events: [{ ...input.opened, seq: 1 }] };
    sql.insertRound.run({ id, scope: round.scope, sample: round.sample ? 1 : 0, opened_at: round.openedAt, updated_at: round.updatedAt });
    append(round, round.events);
    return round;
  });

  const updateTx = db.transaction((id: number, act: (round: RoundRecord) => RectificationResult): RoundUpdate => {
    const [current] = withEvents(sql.byId.all(id) as RoundRow[]);
    if (!current) return { kind: 'not-found', id: String(id) };
    const result = act(current);
    if (!result.ok) return { kind: 'refused', failure: result.failure };
    const { events: added, last } = numberedEvents<RectificationEvent>(`round ${id}`, current.events, result.events);
    const round: RoundRecord = { ...current, updatedAt: last.at, events: [...current.events, ...added] };
    append(round, added);
    sql.setUpdatedAt.run(round.updatedAt, id);
    return { kind: 'updated', round };
  });

  return {
    async openRound(round) {
      return openTx.immediate(checkedRound(round));
    },

    async getRound(id) {
      const n = publicIdNumber(id);
      return n === null ? null : (withEvents(sql.byId.all(n) as RoundRow[])[0] ?? null);
    },

    async listRounds(code) {
      // Under `code`: a range on the scope index. Containing it: one lookup per prefix of the code.
      const prefixes = Array.from({ length: code.length }, (_, i) => code.slice(0, i + 1));
      return withEvents(sql.onPath.all({ ...prefixBounds(code), prefixes: JSON.stringify(prefixes) }) as RoundRow[]);
    },

    async updateRound(id, act) {
      const n = publicIdNumber(id);
      if (n === null) return { kind: 'not-found', id };
      return updateTx.immediate(n, act);
    },
  };
}

// ——— private helpers ———

function prepare(db: Database.Database) {
  return {
    byId: db.prepare('SELECT * FROM rounds WHERE id = ?'),
    onPath: db.prepare(
      `SELECT * FROM rounds WHERE (scope >= @low AND scope < @high) OR scope IN (SELECT value FROM json_each(@prefixes))
       ORDER BY opened_at DESC, id DESC`,
    ),
    eventsOfMany: db.prepare('SELECT e.* FROM json_each(?) AS j JOIN round_events e ON e.round = j.value ORDER BY e.round, e.seq'),
    insertRound: db.prepare('INSERT INTO rounds (id, scope, sample, opened_at, updated_at) VALUES (@id, @scope, @sample, @opened_at, @updated_at)'),
    insertEvent: db.prepare('INSERT INTO round_events (round, seq, at, actor, type, payload) VALUES (@round, @seq, @at, @actor, @type, @payload)'),
    setUpdatedAt: db.prepare('UPDATE rounds SET updated_at = ? WHERE id = ?'),
  };
}

interface RoundRow {
  id: number;
  scope: string;
  sample: number;
  opened_at: string;
  updated_at: string;
}

type RoundEventRow = StoredEventColumns & { round: number };

function toRound(row: RoundRow, events: RectificationEvent[]): RoundRecord {
  return { id: String(row.id), scope: row.scope, sample: row.sample === 1, openedAt: row.opened_at, updatedAt: row.updated_at, events };
}
