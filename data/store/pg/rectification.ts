import { numberedEvents } from '../event-rows.ts';
import { rectificationEventLeaf } from '../../log/log-leaf.ts';
import type { RectificationEvent, RoundRecord } from '../../rectification/rectification.ts';
import type { RectificationStore, RoundUpdate } from '../rectification-store.ts';
import { eventColumns, eventFromColumns, type StoredEventColumns } from '../event-rows.ts';
import { publicIdNumber } from '../public-id.ts';
import type { PgClient, PgQueryable } from './client.ts';
import type { PgLog } from './log.ts';
import { checkedRound } from '../round-checks.ts';
import { prefixRange } from './sql.ts';

/**
 * Inspection rounds in PostgreSQL (schema 3): a round row and its events, each event with its
 * `rectification-event` leaf in the transaction that stores it. Every write takes the log's head
 * lock first, so a round's id (max + 1) is read by one writer at a time and ids follow log order;
 * an update reads the round behind the same lock, so two steps on one round cannot both be seq n.
 * A round is read with its events in one statement: one snapshot, so its updatedAt always matches
 * its last event even while another connection is adding steps.
 */
export function createPgRectification(db: PgClient, log: PgLog): RectificationStore {
  const read = async (q: PgQueryable, where: string, params: readonly unknown[], order = 'e.seq'): Promise<RoundRecord[]> =>
    toRounds(
      await q.query<JoinedRow>(
        `SELECT r.id, r.scope, r.sample, r.opened_at, r.updated_at, e.seq, e.at, e.actor, e.type, e.payload
         FROM rounds r JOIN round_events e ON e.round = r.id WHERE ${where} ORDER BY ${order}`,
        params,
      ),
    );

  /** Stores `events` of `round` (already numbered) and their leaves, inside `tx`. */
  const append = async (tx: PgQueryable, round: RoundRecord, events: readonly RectificationEvent[]) => {
    const rows = events.map(eventColumns);
    const col = <K extends keyof StoredEventColumns>(k: K) => rows.map((r) => r[k]);
    await tx.query('INSERT INTO round_events (round, seq, at, actor, type, payload) SELECT $1, * FROM unnest($2::integer[], $3::text[], $4::text[], $5::text[], $6::text[])', [
      Number(round.id),
      col('seq'),
      col('at'),
      col('actor'),
      col('type'),
      col('payload'),
    ]);
    await log.append(tx, events.map((e) => rectificationEventLeaf(round, e)));
  };

  return {
    async openRound(input) {
      const checked = checkedRound(input);
      return db.transaction(async (tx) => {
        await log.lock(tx);
        const id = (await tx.query<{ id: number }>('SELECT coalesce(max(id), 0) + 1 AS id FROM rounds'))[0]!.id;
        const round: RoundRecord = { id: String(id), scope: checked.scope, sample: checked.sample, openedAt: checked.at, updatedAt: checked.at, events: [{ ...checked.opened, seq: 1 }] };
        await tx.query('INSERT INTO rounds (id, scope, sample, opened_at, updated_at) VALUES ($1, $2, $3, $4, $5)', [id, round.scope, round.sample, round.openedAt, round.updatedAt]);
        await append(tx, round, round.events);
        return round;
      });
    },

    async getRound(id) {
      const n = publicIdNumber(id);
      return n === null ? null : ((await read(db, 'r.id = $1', [n]))[0] ?? null);
    },

    async listRounds(code) {
      // Under `code`: a range on the scope index. Containing it: each of its prefixes.
      const prefixes = Array.from({ length: code.length }, (_, i) => code.slice(0, i + 1));
      const [low, high] = prefixRange(code);
      return read(db, '(r.scope >= $1 AND r.scope < $2) OR r.scope = ANY($3::text[])', [low, high, prefixes], 'r.opened_at DESC, r.id DESC, e.seq');
    },

    async updateRound(id, act): Promise<RoundUpdate> {
      const n = publicIdNumber(id);
      if (n === null) return { kind: 'not-found', id };
      return db.transaction(async (tx): Promise<RoundUpdate> => {
        await log.lock(tx);
        const [current] = await read(tx, 'r.id = $1', [n]);
        if (!current) return { kind: 'not-found', id };
        const result = act(current);
        if (!result.ok) return { kind: 'refused', failure: result.failure };
        const { events: added, last } = numberedEvents<RectificationEvent>(`round ${id}`, current.events, result.events);
        const round: RoundRecord = { ...current, updatedAt: last.at, events: [...current.events, ...added] };
        await append(tx, round, added);
        await tx.query('UPDATE rounds SET updated_at = $1 WHERE id = $2', [round.updatedAt, n]);
        return { kind: 'updated', round };
      });
    },
  };
}

// ——— private helpers ———

type JoinedRow = StoredEventColumns & { id: number; scope: string; sample: boolean; opened_at: string; updated_at: string };

/** Rounds from rows of round × event, a round's rows together and in seq order. */
function toRounds(rows: readonly JoinedRow[]): RoundRecord[] {
  const rounds: RoundRecord[] = [];
  for (const row of rows) {
    const event = eventFromColumns<RectificationEvent>(row);
    const last = rounds.at(-1);
    if (last?.id === String(row.id)) last.events.push(event);
    else rounds.push({ id: String(row.id), scope: row.scope, sample: row.sample, openedAt: row.opened_at, updatedAt: row.updated_at, events: [event] });
  }
  return rounds;
}
