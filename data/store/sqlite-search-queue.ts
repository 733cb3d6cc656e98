import type Database from 'better-sqlite3';
import type { Publication } from '../publication.ts';
import { rowSearchText, type SearchRow } from '../search/tokenize.ts';
import type { IndexedPublication, RowIndexer } from './sqlite-search.ts';

/**
 * Indexing a version in steps (table `search_queue`, migration 8). A queued version first has its
 * rows added, `stepRows` at a time from `next_row`; then (`next_row` = -1) the rows of the
 * version it supersedes leave, `stepRows` at a time (in the same step as its last rows went in,
 * so a short version and a short predecessor change places in one transaction); then its queue
 * row goes. Progress lives in
 * the table, so a step taken by any connection, or after a restart, continues where the last
 * one committed; versions are worked through in the order they were stored.
 */
export interface SearchQueue {
  /** Queues the version and takes its first step (inside publish's transaction). */
  enqueue(publication: IndexedPublication, supersedes: string | null): void;
  /** One step of the oldest queued version; false when nothing is queued. */
  step(): boolean;
  isQueued(publicationId: string): boolean;
  /** No more rows of this version are added (a takedown); its predecessor still leaves search. */
  stopIndexing(publicationId: string): void;
}

export function createSearchQueue(db: Database.Database, rows: RowIndexer, stepRows: number): SearchQueue {
  if (!Number.isInteger(stepRows) || stepRows < 1) throw new RangeError(`stepRows must be a positive integer, not ${stepRows}`);
  const sql = prepare(db);
  // The rows of queued versions, so a 99,000-row ledger is not parsed once per step (and two big
  // uploads in turn do not evict each other); the table, not this cache, says how far indexing got.
  const cached = new Map<string, Version>();

  const rowsOf = (id: string): Version => {
    const known = cached.get(id);
    if (known) return known;
    const r = sql.publication.get(id) as { village: string; kind: Publication['kind']; period: string; published_at: string; content: string } | undefined;
    if (!r) throw new Error(`queued search version ${id} is not stored`);
    const version = { id, meta: { id, village: r.village, kind: r.kind, period: r.period, publishedAt: r.published_at }, rows: rowSearchText({ content: JSON.parse(r.content) }) };
    cached.set(id, version);
    return version;
  };

  /**
   * One step of a queued version: up to `stepRows` of its rows added and, once all of them are
   * in, up to `stepRows` of its predecessor's rows removed.
   */
  const work = (job: QueueRow, given?: Version): void => {
    let next = job.next_row;
    if (next >= 0) {
      const version = given ?? rowsOf(job.publication_id);
      const slice = version.rows.slice(next, next + stepRows);
      rows.indexRows(version.meta, slice);
      next = next + slice.length >= version.rows.length ? -1 : next + slice.length;
    }
    if (next < 0) {
      const left = job.supersedes ? rows.removeRows(job.supersedes, stepRows) : { more: false };
      if (!left.more) {
        // the predecessor is out of search, and the version is done
        sql.finish.run(job.publication_id);
        cached.delete(job.publication_id);
        return;
      }
    }
    sql.progress.run(next, job.publication_id);
    // its rows are all in: only the predecessor's removal is left, which needs none of them
    if (next < 0) cached.delete(job.publication_id);
  };

  return {
    enqueue(publication, supersedes) {
      // A predecessor still being indexed stops adding rows (it is no longer current); its own
      // predecessor still leaves search when its queue row gets its turn.
      if (supersedes) {
        sql.stop.run(supersedes);
        cached.delete(supersedes);
      }
      sql.insert.run(publication.id, supersedes);
      const { id, village, kind, period, publishedAt } = publication;
      const version: Version = { id, meta: { id, village, kind, period, publishedAt }, rows: rowSearchText(publication) };
      work({ publication_id: publication.id, supersedes, next_row: 0 }, version);
      // a version that did not fit in one step keeps its rows at hand for the next ones
      if (version.rows.length > stepRows) cached.set(version.id, version);
    },
    step() {
      const job = sql.oldest.get() as QueueRow | undefined;
      if (!job) return false;
      work(job);
      return true;
    },
    isQueued: (publicationId) => sql.has.get(publicationId) !== undefined,
    stopIndexing(publicationId) {
      sql.stop.run(publicationId);
      cached.delete(publicationId);
    },
  };
}

// ——— private helpers ———

interface Version {
  id: string;
  meta: Omit<IndexedPublication, 'content'>;
  rows: SearchRow[];
}

interface QueueRow {
  publication_id: string;
  supersedes: string | null;
  next_row: number;
}

function prepare(db: Database.Database) {
  return {
    insert: db.prepare('INSERT INTO search_queue (publication_id, supersedes, next_row) VALUES (?, ?, 0)'),
    oldest: db.prepare('SELECT publication_id, supersedes, next_row FROM search_queue ORDER BY rowid LIMIT 1'),
    has: db.prepare('SELECT 1 FROM search_queue WHERE publication_id = ?').pluck(),
    progress: db.prepare('UPDATE search_queue SET next_row = ? WHERE publication_id = ?'),
    stop: db.prepare('UPDATE search_queue SET next_row = -1 WHERE publication_id = ?'),
    finish: db.prepare('DELETE FROM search_queue WHERE publication_id = ?'),
    publication: db.prepare('SELECT village, kind, period, published_at, content FROM publications WHERE id = ?'),
  };
}
