import { canonicalJson } from '../../canonical-json.ts';
import { currentRecord, factsOf, sameEntry, type DecisionEntry, type DecisionEntryKind, type DecisionMatter, type MatterFacts } from '../../decisions/decision-matter.ts';
import { DecisionRecord, type DecisionStep } from '../../decisions/decision-record.ts';
import { countingFacts } from '../../decisions/owed-cutoffs.ts';
import { decisionEntryLeaf, type DecisionEntryLeaf } from '../../log/log-leaf.ts';
import type { DecisionStore } from '../decision-store.ts';
import { publicIdNumber } from '../public-id.ts';
import type { PgClient, PgQueryable } from './client.ts';
import type { PgLog } from './log.ts';
import { toEntry } from '../decision-rows.ts';
import { prefixRange } from './sql.ts';

const MATTER_COLUMNS = 'id, village, subject, sample, created_at';

/**
 * 四议两公开 matters in PostgreSQL (schema 4). A register is recorded in one transaction that
 * takes the log's head lock first: from then on it is the only writer of matters and entries
 * (decision-evidence.ts takes the same lock), so a new matter's number (max + 1) and each entry's
 * seq (the matter's last + 1) cannot be taken by another connection, and a rollback leaves no gap.
 * What the register adds is worked out in memory from one read of its matters, then written with
 * one append to the log and one INSERT per table: a county's register is hundreds of matters.
 */
export function createPgDecisions(db: PgClient, log: PgLog): DecisionStore {
  return {
    async recordDecisions(records, recordedAt, options = {}) {
      // a record the schema refuses is a caller bug: refused before anything is locked or written
      const parsed = records.map((r) => DecisionRecord.parse(r));
      const sample = options.sample === true;
      return db.transaction(async (tx) => {
        await log.lock(tx);
        const known = await tx.query<MatterRow>(
          `SELECT ${MATTER_COLUMNS} FROM decision_matters WHERE (village, subject) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
          [parsed.map((r) => r.village), parsed.map((r) => r.subject)],
        );
        const states = new Map<string, MatterState>();
        for (const matter of await withEntries(tx, known)) {
          const facts = matter.entries.filter((e) => e.entry === 'matter').at(-1)?.value ?? null;
          const steps = matter.entries.flatMap((e) => (e.entry === 'step' ? [e.value] : []));
          states.set(matterKey(matter.village, matter.subject), { id: Number(matter.id), village: matter.village, facts, steps, seq: matter.entries.at(-1)?.seq ?? 0 });
        }
        let nextId = Number((await tx.query<{ max: number | string }>('SELECT coalesce(max(id), 0) AS max FROM decision_matters'))[0]!.max) + 1;

        const created: MatterRow[] = [];
        const entries: Array<{ matter: number; seq: number; entry: 'matter' | 'step'; value: string }> = [];
        const leaves: DecisionEntryLeaf[] = [];
        const touched: number[] = [];
        for (const record of parsed) {
          const key = matterKey(record.village, record.subject);
          const state = states.get(key) ?? { id: nextId++, village: record.village, facts: null, steps: [], seq: 0 };
          if (!states.has(key)) {
            states.set(key, state);
            created.push({ id: state.id, village: record.village, subject: record.subject, sample, created_at: recordedAt });
          }
          const matter = { id: String(state.id), village: state.village };
          const add = (entry: 'matter' | 'step', value: MatterFacts | DecisionStep) => {
            state.seq += 1;
            leaves.push(decisionEntryLeaf(matter, { seq: state.seq, entry, at: recordedAt, value }));
            entries.push({ matter: state.id, seq: state.seq, entry, value: canonicalJson(value) });
          };
          const facts = factsOf(record);
          if (!state.facts || !sameEntry(state.facts, facts)) {
            add('matter', facts);
            state.facts = facts;
          }
          for (const step of record.steps) {
            if (state.steps.some((s) => sameEntry(s, step))) continue;
            add('step', step);
            state.steps.push(step);
          }
          if (!touched.includes(state.id)) touched.push(state.id);
        }

        const indices = await log.append(tx, leaves);
        if (created.length > 0) {
          await tx.query('INSERT INTO decision_matters (id, village, subject, sample, created_at) SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::boolean[], $5::text[])', [
            created.map((m) => m.id),
            created.map((m) => m.village),
            created.map((m) => m.subject),
            created.map((m) => m.sample),
            created.map((m) => m.created_at),
          ]);
        }
        if (entries.length > 0) {
          await tx.query(
            'INSERT INTO decision_entries (matter, seq, entry, value, recorded_at, log_index) SELECT u.matter, u.seq, u.entry, u.value, $5, u.log_index FROM unnest($1::bigint[], $2::integer[], $3::text[], $4::text[], $6::bigint[]) AS u(matter, seq, entry, value, log_index)',
            [entries.map((e) => e.matter), entries.map((e) => e.seq), entries.map((e) => e.entry), entries.map((e) => e.value), recordedAt, indices],
          );
        }
        // read back as stored, so what is returned is what any later read serves
        const rows = await tx.query<MatterRow>(`SELECT ${MATTER_COLUMNS} FROM decision_matters WHERE id = ANY($1::bigint[])`, [touched]);
        const stored = await withEntries(tx, rows);
        // what the pages above count of each matter, rewritten with it (schema 9, MatterCountStore)
        const facts = stored.map((m) => ({ id: Number(m.id), village: m.village, ...countingFacts(currentRecord(m)) }));
        await tx.query(
          `INSERT INTO decision_matter_facts (matter, village, early_missing, result_missing, completed_on, resolved_on)
           SELECT * FROM unnest($1::bigint[], $2::text[], $3::boolean[], $4::boolean[], $5::text[], $6::text[])
           ON CONFLICT (matter) DO UPDATE SET early_missing = excluded.early_missing, result_missing = excluded.result_missing,
             completed_on = excluded.completed_on, resolved_on = excluded.resolved_on`,
          [facts.map((f) => f.id), facts.map((f) => f.village), facts.map((f) => f.earlyMissing), facts.map((f) => f.resultMissing), facts.map((f) => f.completedOn), facts.map((f) => f.resolvedOn)],
        );
        const byId = new Map(stored.map((m) => [m.id, m]));
        return { matters: touched.map((id) => byId.get(String(id))!), added: leaves.length };
      });
    },

    async getDecisionMatter(id) {
      const n = publicIdNumber(id);
      if (n === null) return null;
      const rows = await db.query<MatterRow>(`SELECT ${MATTER_COLUMNS} FROM decision_matters WHERE id = $1`, [n]);
      return (await withEntries(db, rows))[0] ?? null;
    },

    async listDecisionMatters(prefix) {
      const rows = await db.query<MatterRow>(`SELECT ${MATTER_COLUMNS} FROM decision_matters WHERE village >= $1 AND village < $2 ORDER BY id`, prefixRange(prefix));
      return withEntries(db, rows);
    },
  };
}

// ——— private helpers ———

interface MatterRow {
  id: number | string;
  village: string;
  subject: string;
  sample: boolean;
  created_at: string;
}

interface EntryRow {
  matter: number | string;
  seq: number;
  entry: DecisionEntryKind;
  value: string;
  recorded_at: string;
  log_index: number | string;
}

/** What a register is compared against: the matter's latest facts, its steps, its last seq. */
interface MatterState {
  id: number;
  village: string;
  facts: MatterFacts | null;
  steps: DecisionStep[];
  seq: number;
}

const matterKey = (village: string, subject: string) => `${village}\u0000${subject}`;

/** The matters of `rows`, in their order, with every entry read in one query (a county's dashboard lists them all). */
async function withEntries(q: PgQueryable, rows: readonly MatterRow[]): Promise<DecisionMatter[]> {
  if (rows.length === 0) return [];
  const found = await q.query<EntryRow>('SELECT matter, seq, entry, value, recorded_at, log_index FROM decision_entries WHERE matter = ANY($1::bigint[]) ORDER BY matter, seq', [
    rows.map((r) => Number(r.id)),
  ]);
  const entries = new Map<number, DecisionEntry[]>();
  for (const e of found) {
    const list = entries.get(Number(e.matter)) ?? [];
    list.push(toEntry(e));
    entries.set(Number(e.matter), list);
  }
  return rows.map((row) => ({
    id: String(row.id),
    village: row.village,
    subject: row.subject,
    sample: row.sample,
    createdAt: row.created_at,
    entries: entries.get(Number(row.id)) ?? [],
  }));
}

