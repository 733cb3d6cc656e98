import { FLAG_STATUSES, type Flag, type FlagEvent, type FlagStatus } from '../../flags/flag.ts';
import type { FlagRuleId } from '../../flags/finding.ts';
import { ACTIVE_STATUSES, planRun } from '../../flags/flag-workflow.ts';
import { flagEventLeaf } from '../../log/log-leaf.ts';
import type { FlagCounts, FlagRunSummary, FlagStore, FlagUpdate } from '../flag-store.ts';
import { eventColumns, type StoredEventColumns } from '../event-rows.ts';
import { publicIdNumber } from '../public-id.ts';
import type { PgClient, PgQueryable } from './client.ts';
import { advance, checkedRun, listLimit, raisedFlag, toRunSummary, type RunRow } from '../flag-common.ts';
import { evidenceText, FLAG_WITH_EVENTS, toFlags, type FlagEventRow } from './flag-rows.ts';
import type { PgLog } from './log.ts';
import { prefixRange } from './sql.ts';

/**
 * Red flags in PostgreSQL (schema 7). Every write — a run and all it changes, or a reviewer's
 * action — is one transaction that takes the log's head lock first: the flags a run reconciles and
 * the flag an action acts on are read behind it, so two writers cannot both start from the same
 * state, and a new flag's id (max + 1) is read by one writer at a time, in log order. Each event's
 * leaf is appended in the transaction that stores it. A flag is read with its events in one
 * statement, so its status and updatedAt always match its last event.
 */
export function createPgFlags(db: PgClient, log: PgLog): FlagStore {
  const read = async (q: PgQueryable, where: string, params: readonly unknown[]): Promise<Flag[]> =>
    toFlags(await q.query<FlagEventRow>(`SELECT ${FLAG_WITH_EVENTS} FROM flags f JOIN flag_events e ON e.flag = f.id WHERE ${where} ORDER BY f.id, e.seq`, params));

  return {
    async applyFlagRun(input) {
      const run = checkedRun(input);
      return db.transaction(async (tx) => {
        await log.lock(tx);
        const existing = await read(tx, 'f.village = $1 AND f.rule = ANY($2::text[])', [run.village, run.rules]);
        const plan = planRun(existing, run.findings, run.id, run.at);
        const moves = plan.changes.map((c) => advance(c.flag, c.status, c.events));
        const firstId = Number((await tx.query<{ id: number }>('SELECT coalesce(max(id), 0) + 1 AS id FROM flags'))[0]!.id);
        const raised = plan.raise.map((found, i) => raisedFlag(firstId + i, found, run));
        await insertFlags(tx, raised);
        await setStates(tx, moves.map((m) => m.flag));
        // the leaves in the order SQLite appends them: the changes, then the flags raised
        await appendEvents(tx, log, [...moves.flatMap((m) => m.added.map((e) => [m.flag, e] as const)), ...raised.map((f) => [f, f.events[0]!] as const)]);
        const summary: FlagRunSummary = { id: run.id, village: run.village, at: run.at, trigger: run.trigger, rules: [...run.rules], findings: run.findings.length };
        await tx.query('INSERT INTO flag_runs (id, village, at, triggered_by, rules, findings) VALUES ($1, $2, $3, $4, $5, $6)', [
          summary.id,
          summary.village,
          summary.at,
          summary.trigger,
          JSON.stringify(summary.rules),
          summary.findings,
        ]);
        return { run: summary, raised, changed: moves.map((m) => m.flag) };
      });
    },

    async getFlag(id) {
      const n = publicIdNumber(id);
      return n === null ? null : ((await read(db, 'f.id = $1', [n]))[0] ?? null);
    },

    async listFlags(filter) {
      const [low, high] = prefixRange(filter.scope);
      const active = filter.status === 'active';
      // the page of flags first, then their events joined to it: one statement, one snapshot
      return toFlags(
        await db.query<FlagEventRow>(
          `WITH page AS (
             SELECT * FROM flags WHERE ${SCOPE}
               AND ($4::text IS NULL OR status = $4) AND (NOT $5::boolean OR status = ANY($6::text[]))
               AND ($7::text IS NULL OR rule = $7) AND ($9::text IS NULL OR public_from > $9)
               AND ($10::text IS NULL OR (raised_at, id) < ($10, $11::bigint))
             ORDER BY raised_at DESC, id DESC LIMIT $8
           )
           SELECT ${FLAG_WITH_EVENTS} FROM page f JOIN flag_events e ON e.flag = f.id ORDER BY f.raised_at DESC, f.id DESC, e.seq`,
          [low, high, filter.publicAt ?? null, active ? null : (filter.status ?? null), active, ACTIVE_STATUSES, filter.rule ?? null, listLimit(filter), filter.publicAfter ?? null, filter.after?.raisedAt ?? null, filter.after ? (publicIdNumber(filter.after.id) ?? 0) : null],
        ),
      );
    },

    updateFlag: (id, act) => {
      const n = publicIdNumber(id);
      if (n === null) return Promise.resolve({ kind: 'not-found', id });
      return db.transaction(async (tx): Promise<FlagUpdate> => {
        await log.lock(tx);
        const [current] = await read(tx, 'f.id = $1', [n]);
        if (!current) return { kind: 'not-found', id };
        const result = act(current);
        if (!result.ok) return { kind: 'invalid-transition', from: result.failure.from, action: result.failure.action };
        const move = advance(current, result.status, result.events);
        await setStates(tx, [move.flag]);
        await appendEvents(tx, log, move.added.map((e) => [move.flag, e] as const));
        return { kind: 'updated', flag: move.flag };
      });
    },

    async flagCounts(scope, publicAt) {
      const [low, high] = prefixRange(scope);
      // one statement, so the parts agree with each other even while flags are being written
      const rows = await db.query<{ part: 'status-rule' | 'active' | 'month'; status: FlagStatus | null; rule: FlagRuleId | null; month: string | null; count: number }>(
        `WITH f AS (SELECT village, status, rule, raised_at FROM flags WHERE ${SCOPE})
         SELECT 'status-rule' AS part, status, rule, NULL AS month, count(*)::integer AS count FROM f GROUP BY status, rule
         UNION ALL
         SELECT 'active', NULL, NULL, NULL, count(DISTINCT village)::integer FROM f WHERE status = ANY($4::text[])
         UNION ALL
         -- China has one time zone, UTC+8, without daylight saving
         SELECT 'month', NULL, NULL, m.month, count(*)::integer
         FROM (SELECT to_char((raised_at::timestamptz AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM') COLLATE "C" AS month FROM f) m GROUP BY m.month
         ORDER BY part, month`,
        [low, high, publicAt, ACTIVE_STATUSES],
      );
      const counts: FlagCounts = {
        total: 0,
        byStatus: Object.fromEntries(FLAG_STATUSES.map((s) => [s, 0])) as Record<FlagStatus, number>,
        byRule: {},
        villagesWithActive: 0,
        raisedByMonth: [],
      };
      for (const r of rows) {
        if (r.part === 'active') counts.villagesWithActive = r.count;
        else if (r.part === 'month') counts.raisedByMonth.push({ month: r.month!, count: r.count });
        else {
          counts.total += r.count;
          counts.byStatus[r.status!] += r.count;
          counts.byRule[r.rule!] = (counts.byRule[r.rule!] ?? 0) + r.count;
        }
      }
      return counts;
    },

    async lastFlagRun(village) {
      const row = (await db.query<RunRow>('SELECT * FROM flag_runs WHERE village = $1 ORDER BY at DESC, seq DESC LIMIT 1', [village]))[0];
      return row ? toRunSummary(row) : null;
    },
  };
}

// ——— private helpers ———

/** scope as a [low, high) range on the village code ($1, $2), and the public instant ($3) */
const SCOPE = `village >= $1 AND village < $2 AND ($3::text IS NULL OR public_from <= $3)`;



async function insertFlags(tx: PgQueryable, flags: readonly Flag[]): Promise<void> {
  if (flags.length === 0) return;
  const col = <T>(pick: (f: Flag) => T) => flags.map(pick);
  await tx.query(
    `INSERT INTO flags (id, village, rule, key, status, title, detail, amount, evidence, sample, raised_at, public_from, updated_at)
     SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bigint[], $9::text[], $10::boolean[], $11::text[], $12::text[], $13::text[])`,
    [
      col((f) => Number(f.id)),
      col((f) => f.village),
      col((f) => f.rule),
      col((f) => f.key),
      col((f) => f.status),
      col((f) => f.title),
      col((f) => f.detail),
      col((f) => f.amount),
      col(evidenceText),
      col((f) => f.sample),
      col((f) => f.raisedAt),
      col((f) => f.publicFrom),
      col((f) => f.updatedAt),
    ],
  );
}

/** Writes the status, wording and updatedAt of flags already stored. */
async function setStates(tx: PgQueryable, flags: readonly Flag[]): Promise<void> {
  if (flags.length === 0) return;
  const col = <T>(pick: (f: Flag) => T) => flags.map(pick);
  await tx.query(
    `UPDATE flags f SET status = u.status, title = u.title, detail = u.detail, amount = u.amount, evidence = u.evidence, updated_at = u.updated_at
     FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::text[], $7::text[]) AS u(id, status, title, detail, amount, evidence, updated_at)
     WHERE f.id = u.id`,
    [col((f) => Number(f.id)), col((f) => f.status), col((f) => f.title), col((f) => f.detail), col((f) => f.amount), col(evidenceText), col((f) => f.updatedAt)],
  );
}

/** Stores events of stored flags and appends their leaves, in the order given. */
async function appendEvents(tx: PgQueryable, log: PgLog, events: ReadonlyArray<readonly [Flag, FlagEvent]>): Promise<void> {
  if (events.length === 0) return;
  const rows = events.map(([flag, event]) => ({ flag: Number(flag.id), ...eventColumns(event) }));
  const col = <K extends keyof StoredEventColumns | 'flag'>(k: K) => rows.map((r) => r[k]);
  await tx.query('INSERT INTO flag_events (flag, seq, at, actor, type, payload) SELECT * FROM unnest($1::bigint[], $2::integer[], $3::text[], $4::text[], $5::text[], $6::text[])', [
    col('flag'),
    col('seq'),
    col('at'),
    col('actor'),
    col('type'),
    col('payload'),
  ]);
  await log.append(tx, events.map(([flag, event]) => flagEventLeaf(flag, event)));
}
