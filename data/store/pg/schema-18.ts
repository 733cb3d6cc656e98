import type { PgMigration } from './migrations.ts';

/**
 * Schema 18 (issue 14): how many search rows hold each lexeme, kept by the database itself.
 *
 * A search asks, for each of its words, in how many rows it occurs: bm25 ranks by the words in at
 * most RARE rows (search-plan.ts). Counted from the GIN index each time, a common word cost a
 * bitmap of every row holding it and then 10,001 heap visits — half of all search time at a
 * million rows (docs/benchmarks.md). Here the count is one primary-key read.
 *
 * `prefix` false: the rows whose `words` hold `token` as a lexeme (a query word 'token').
 * `prefix` true: the rows holding a lexeme that begins with the one character `token` (a lone Han
 * character is matched as a prefix, 'token':*).
 *
 * Triggers on search_rows keep it, statement by statement, inside the writer's transaction, so it
 * is exact in every snapshot and no writer (indexing, removal, a place rename) can forget it. Rows
 * are counted, not occurrences: a lexeme occurs once in a tsvector, a first character is counted
 * once per row (DISTINCT). Every writer of search_rows holds the search writers' queue
 * (search-rows.ts, lockWriters), so no two transactions change these counts at once. A count
 * fallen to zero stays, as zero.
 */
export const pgSchema18: PgMigration = {
  version: 18,
  name: 'search lexeme frequencies',
  sql: `
    CREATE TABLE search_frequencies (
      token  text COLLATE "C" NOT NULL,
      prefix boolean NOT NULL,
      rows   bigint NOT NULL CHECK (rows >= 0),
      PRIMARY KEY (token, prefix)
    );

    -- (token, prefix, rows) for a set of search rows' words
    CREATE FUNCTION search_frequencies_of(words tsvector[]) RETURNS TABLE (token text, prefix boolean, rows bigint)
    LANGUAGE sql STABLE AS $$
      SELECT l.token COLLATE "C", l.prefix, count(*)
      FROM (
        SELECT x AS token, false AS prefix FROM unnest(words) AS w, unnest(tsvector_to_array(w)) AS x
        UNION ALL
        SELECT d.c, true FROM unnest(words) AS w CROSS JOIN LATERAL (SELECT DISTINCT left(x, 1) AS c FROM unnest(tsvector_to_array(w)) AS x) d
      ) l
      GROUP BY 1, 2
      ORDER BY 1, 2
    $$;

    CREATE FUNCTION search_frequencies_change(words tsvector[], sign integer) RETURNS void
    LANGUAGE sql AS $$
      INSERT INTO search_frequencies AS f (token, prefix, rows)
      SELECT token, prefix, rows FROM search_frequencies_of(words) WHERE sign > 0
      ON CONFLICT (token, prefix) DO UPDATE SET rows = f.rows + excluded.rows;
      UPDATE search_frequencies AS f SET rows = f.rows - c.rows
      FROM (SELECT * FROM search_frequencies_of(words) WHERE sign < 0) c
      WHERE f.token = c.token AND f.prefix = c.prefix;
    $$;

    CREATE FUNCTION search_frequencies_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM search_frequencies_change(ARRAY(SELECT words FROM new_rows), 1);
      RETURN NULL;
    END $$;

    CREATE FUNCTION search_frequencies_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM search_frequencies_change(ARRAY(SELECT words FROM old_rows), -1);
      RETURN NULL;
    END $$;

    CREATE FUNCTION search_frequencies_updated() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM search_frequencies_change(ARRAY(SELECT words FROM old_rows), -1);
      PERFORM search_frequencies_change(ARRAY(SELECT words FROM new_rows), 1);
      RETURN NULL;
    END $$;

    CREATE TRIGGER search_rows_frequencies_insert AFTER INSERT ON search_rows
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_frequencies_inserted();
    CREATE TRIGGER search_rows_frequencies_delete AFTER DELETE ON search_rows
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_frequencies_deleted();
    CREATE TRIGGER search_rows_frequencies_update AFTER UPDATE ON search_rows
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_frequencies_updated();

    -- the rows already indexed, counted once (about 25 s at a million rows)
    INSERT INTO search_frequencies (token, prefix, rows)
    SELECT x COLLATE "C", false, count(*) FROM search_rows r, unnest(tsvector_to_array(r.words)) AS x GROUP BY 1;
    INSERT INTO search_frequencies (token, prefix, rows)
    SELECT d.c COLLATE "C", true, count(*)
    FROM search_rows r CROSS JOIN LATERAL (SELECT DISTINCT left(x, 1) AS c FROM unnest(tsvector_to_array(r.words)) AS x) d GROUP BY 1;
  `,
};
