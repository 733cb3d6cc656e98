import type { PgMigration } from './migrations.ts';

/**
 * PostgreSQL schema 6 (issue 14): full-text search over the rows of current publications — SQLite's
 * search tables (its migration 3) in PostgreSQL's words, filled and read by search.ts.
 *
 * The tokens are ours (data/search/tokenize.ts), stored as they are: `words` is built with
 * array_to_tsvector from our token list and queried with tsquery literals of our query tokens, so
 * PostgreSQL's parser never tokenises Chinese and no extension is needed. No foreign key to the
 * publication tables: search rows of a version live and leave with it by the store's own
 * transactions (indexVersion, removePublication).
 */
export const pgSchema6: PgMigration = {
  version: 6,
  name: 'search',
  sql: `
    -- One row per searchable row of a current publication (row 0: title and notes).
    -- id: data/store/sqlite-search-rows.ts's searchRowId — the row's day counted down, its county's
    -- slot and kind, a sequence — so ascending id is newest first (the primary key is the date
    -- index every newest-first walk reads) and ties fall exactly as in the SQLite index.
    -- tokens: indexTokens(text) in order, repeats kept (bm25 counts them); places: the tokens of
    -- its village, township and county names; scope: c<county> t<township> v<village> k<kind>
    -- m<month>…, for filters; size: how many tokens the three hold together (bm25's row length).
    -- words: tokens and places as a tsvector, the lexemes a query's own words are matched against.
    CREATE TABLE search_rows (
      id             bigint PRIMARY KEY,
      publication_id text COLLATE "C" NOT NULL,
      village        text COLLATE "C" NOT NULL,
      kind           text COLLATE "C" NOT NULL,
      period         text COLLATE "C" NOT NULL,
      period_start   text COLLATE "C" NOT NULL,
      period_end     text COLLATE "C" NOT NULL,
      row            integer NOT NULL,
      text           text NOT NULL,
      date           text COLLATE "C",
      amount         bigint,
      published_at   text COLLATE "C" NOT NULL,
      tokens         text[] NOT NULL,
      places         text[] NOT NULL,
      size           integer NOT NULL,
      words          tsvector NOT NULL,
      scope          tsvector NOT NULL
    );
    CREATE INDEX search_rows_publication ON search_rows (publication_id);
    CREATE INDEX search_rows_village ON search_rows (village);
    -- One index for both: a query's words and its filters are intersected inside it.
    CREATE INDEX search_rows_match ON search_rows USING gin (words, scope);

    -- A small number per county code, for the ids (1, 2, 3 … in the order counties are first
    -- indexed, as SQLite's INTEGER PRIMARY KEY gives them); never reused.
    CREATE TABLE search_counties (
      slot integer PRIMARY KEY CHECK (slot >= 1),
      code text COLLATE "C" NOT NULL UNIQUE
    );

    -- bm25's collection statistics: rows indexed and their tokens, counted as SQLite FTS5 counts
    -- them for a contentless_delete table — up on every row indexed (re-indexed places too), never
    -- down — so both backends rank alike. Writers take this row FOR UPDATE first: it is the queue
    -- that makes id allocation and county slots single-writer, as SQLite's write lock does.
    CREATE TABLE search_totals (
      one    boolean PRIMARY KEY DEFAULT true CHECK (one),
      rows   bigint NOT NULL CHECK (rows >= 0),
      tokens bigint NOT NULL CHECK (tokens >= 0)
    );
    INSERT INTO search_totals (rows, tokens) VALUES (0, 0);
  `,
};
