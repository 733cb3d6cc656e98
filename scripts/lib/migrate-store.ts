import { createPgDivisionCounts } from '../../data/store/pg/division-counts.ts';
import Database from 'better-sqlite3';
import type { PgClient, PgQueryable } from '../../data/store/pg/client.ts';
import { createPgLog } from '../../data/store/pg/log.ts';
import { migratePg } from '../../data/store/pg/migrations.ts';
import { createPgSearch } from '../../data/store/pg/search.ts';
import type { Publication } from '../../data/publication.ts';
import { openSqliteStore } from '../../data/store/sqlite-store.ts';

/**
 * Moves a deployment from its SQLite file to an empty PostgreSQL database (issue 14:
 * `npm run portal -- migrate-store --from <sqlite file> --to <postgres url>`). Every table is copied
 * row for row in the order SQLite stored it — the transparency log leaf for leaf, so the log keeps
 * its size, its root and every index that pages and checkpoints name — in ONE transaction: the
 * target ends up with all of it or nothing. Search is rebuilt from the current publications
 * rather than copied (its tables are each backend's own). Afterwards the counts of every table and
 * the log's root are compared on both sides; `verify` against the portal on the new store is the
 * check a journalist can run.
 */
export interface MigrationReport {
  tables: Array<{ table: string; rows: number }>;
  logSize: number;
  /** hex of the log root, the same on both sides */
  logRoot: string;
  searchable: number;
}

/** Tables in an order that satisfies every foreign key; search tables are rebuilt, not copied. */
export const COPIED_TABLES = [
  'divisions',
  'tokens',
  'accounts',
  'invites',
  'sessions',
  'sign_in_failures',
  'account_events',
  'log_leaves',
  'log_nodes',
  'publications',
  'photos',
  'idempotency',
  'takedowns',
  'complaints',
  'complaint_events',
  'complaint_step_takedowns',
  'complaint_facts',
  'rounds',
  'round_events',
  'power_catalogues',
  // issue 15: WITHOUT ROWID, so read in (scope, seq) order: a correction after the version it supersedes
  'region_summaries',
  'decision_matters',
  'decision_entries',
  'decision_matter_facts',
  'decision_evidence_files',
  'flags',
  'flag_events',
  'flag_runs',
  'flag_settings',
  'beneficiary_keys',
  // issue 17: the village pages' views and staff's corrections of the suggestions are statistics, kept on a move all the same
  'page_views',
  'intake_corrections',
  // counties' own classification rules, and the originals staff kept of complaints from other channels (bytea as photos)
  'classify_rule_sets',
  'intake_originals',
] as const;

/**
 * Tables of the PostgreSQL schema that are not copied: the migrations' record, the divisions'
 * version (only processes' caches ask it, and a new database's processes start without any), the
 * log's head, search (its lexeme counts follow its rows, by trigger), the outbox of stale pages
 * (work for the old site; the portal's first start on the new database builds the whole site
 * anyway), the rate limits' counters, the daily jobs' runs, the forms' posts of the last day
 * (a repeat after the move is a new post), the complaints' month counts, county sums and answer
 * days and the matters' county sums (they follow the facts as those are copied, by trigger).
 */
export const NOT_COPIED = ['schema_migrations', 'divisions_version', 'log_head', 'search_rows', 'search_counties', 'search_totals', 'search_frequencies', 'page_outbox', 'rate_limits', 'form_submissions', 'daily_runs', 'division_counts', 'complaint_month_counts', 'complaint_county_sums', 'complaint_answer_days', 'decision_matter_sums'] as const;

const MAX_PARAMS = 30_000;
const MAX_BATCH_BYTES = 32 * 1024 * 1024;

export async function migrateStore(fromFile: string, to: PgClient, log: (line: string) => void = () => {}): Promise<MigrationReport> {
  // Opening it as the portal does brings the file's own schema up to date and finishes its search queue.
  await (await openSqliteStore(fromFile)).close();
  const db = new Database(fromFile, { readonly: true, fileMustExist: true });
  try {
    await migratePg(to);
    const report = await to.transaction(async (tx) => {
      const occupied = await tx.query<{ n: number }>('SELECT (SELECT count(*) FROM divisions) + (SELECT size FROM log_head) AS n');
      if (Number(occupied[0]!.n) > 0) throw new Error('目标数据库不是空的 / the target database is not empty: migrate-store only fills a new database');
      const columnsOf = await pgColumns(tx);
      const tables: MigrationReport['tables'] = [];
      for (const table of COPIED_TABLES) {
        const rows = await copyTable(db, tx, table, columnsOf.get(table));
        tables.push({ table, rows });
        log(`  ${table}: ${rows}`);
      }
      const logSize = Number((await tx.query<{ n: number }>('SELECT count(*) AS n FROM log_leaves'))[0]!.n);
      await tx.query('UPDATE log_head SET size = $1', [logSize]);
      const searchable = await rebuildSearch(db, tx);
      await createPgDivisionCounts(tx).recompute(tx);
      log(`  search: ${searchable} 份当前公开记录 / current publications indexed`);
      return { tables, logSize, searchable };
    });
    const logRoot = await compare(fromFile, to, report.tables, report.logSize);
    return { ...report, logRoot };
  } finally {
    db.close();
  }
}

// ——— private helpers ———

type Column = { name: string; type: string };

async function pgColumns(tx: PgQueryable): Promise<Map<string, Column[]>> {
  const rows = await tx.query<{ table_name: string; column_name: string; data_type: string; column_default: string | null }>(
    `SELECT table_name, column_name, data_type, column_default FROM information_schema.columns
     WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`,
  );
  const out = new Map<string, Column[]>();
  for (const r of rows) {
    // a bigserial (the order rows were stored in) is filled by inserting in that order
    if (r.column_default?.startsWith('nextval(')) continue;
    out.set(r.table_name, [...(out.get(r.table_name) ?? []), { name: r.column_name, type: r.data_type }]);
  }
  const known = new Set<string>([...COPIED_TABLES, ...NOT_COPIED]);
  const unknown = [...out.keys()].filter((t) => !known.has(t));
  // a table added to the PostgreSQL schema must be added here, or its rows would be left behind
  if (unknown.length > 0) throw new Error(`migrate-store does not know the tables ${unknown.join(', ')}`);
  return out;
}

async function copyTable(db: Database.Database, tx: PgQueryable, table: string, columns: Column[] | undefined): Promise<number> {
  if (!columns) throw new Error(`the PostgreSQL schema has no table ${table}`);
  const own = new Set((db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map((c) => c.name));
  if (own.size === 0) throw new Error(`the SQLite file has no table ${table}`);
  // publications.title is the content's title (SQLite reads it out of the JSON)
  const derived = new Set(columns.filter((c) => !own.has(c.name)).map((c) => c.name));
  if ([...derived].some((c) => !(table === 'publications' && c === 'title'))) throw new Error(`${table}: no SQLite column for ${[...derived].join(', ')}`);
  const withoutRowid = (db.prepare('SELECT sql FROM sqlite_master WHERE name = ?').pluck().get(table) as string).includes('WITHOUT ROWID');
  const select = `SELECT ${columns.map((c) => (derived.has(c.name) ? "json_extract(content, '$.title') AS title" : c.name)).join(', ')} FROM ${table}${withoutRowid ? '' : ' ORDER BY rowid'}`;
  let batch: unknown[][] = [];
  let bytes = 0;
  let count = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const params = batch.flat();
    const values = batch.map((_, r) => `(${columns.map((_, c) => `$${r * columns.length + c + 1}`).join(', ')})`).join(', ');
    await tx.query(`INSERT INTO ${table} (${columns.map((c) => c.name).join(', ')}) VALUES ${values}`, params);
    count += batch.length;
    batch = [];
    bytes = 0;
  };
  for (const row of db.prepare(select).raw().iterate() as Iterable<unknown[]>) {
    const converted = row.map((v, i) => convert(v, columns[i]!.type));
    batch.push(converted);
    bytes += converted.reduce<number>((n, v) => n + (v instanceof Uint8Array ? v.byteLength : typeof v === 'string' ? v.length * 3 : 8), 0);
    if ((batch.length + 1) * columns.length > MAX_PARAMS || bytes > MAX_BATCH_BYTES) await flush();
  }
  await flush();
  return count;
}

function convert(value: unknown, type: string): unknown {
  if (value === null) return null;
  if (type === 'boolean') return value === 1 || value === true;
  if (type === 'bytea') return Buffer.isBuffer(value) ? value : Buffer.from(value as Uint8Array);
  if (typeof value === 'bigint') return value.toString();
  return value;
}

/** Every current version not taken down, in the order they were stored, into PostgreSQL's search. */
async function rebuildSearch(db: Database.Database, tx: PgQueryable): Promise<number> {
  const search = createPgSearch({ ...tx, transaction: (work) => work(tx), close: async () => {} });
  const rows = db
    .prepare(
      `SELECT p.id, p.village, p.kind, p.period, p.published_at, p.content FROM publications p
       WHERE NOT EXISTS (SELECT 1 FROM publications s WHERE s.supersedes = p.id)
         AND NOT EXISTS (SELECT 1 FROM takedowns t WHERE t.publication_id = p.id)
       ORDER BY p.rowid`,
    )
    .iterate() as Iterable<{ id: string; village: string; kind: Publication['kind']; period: string; published_at: string; content: string }>;
  let n = 0;
  for (const r of rows) {
    await search.indexVersion(tx, { id: r.id, village: r.village, kind: r.kind, period: r.period, publishedAt: r.published_at, content: JSON.parse(r.content) as Publication['content'] }, null);
    n += 1;
  }
  return n;
}

/** Row counts of every copied table and the log's root, both sides; a difference throws. */
async function compare(fromFile: string, to: PgClient, copied: MigrationReport['tables'], logSize: number): Promise<string> {
  const source = await openSqliteStore(fromFile);
  try {
    for (const { table, rows } of copied) {
      const there = Number((await to.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))[0]!.n);
      if (there !== rows) throw new Error(`${table}: ${rows} rows copied, ${there} in PostgreSQL`);
    }
    const [mine, theirs] = await Promise.all([source.logRoot(logSize), createPgLog(to).logRoot(logSize)]);
    if (mine.kind !== 'root' || theirs.kind !== 'root' || Buffer.compare(Buffer.from(mine.root), Buffer.from(theirs.root)) !== 0) {
      throw new Error(`the log's root at size ${logSize} differs between SQLite and PostgreSQL`);
    }
    return Buffer.from(mine.root).toString('hex');
  } finally {
    await source.close();
  }
}
