import type { PgMigration } from './migrations.ts';

/**
 * PostgreSQL schema 4 (issue 14): 四议两公开 matters, their append-only entries, and the evidence
 * files attached to their steps — SQLite's migrations 9 and 10 in PostgreSQL's words, with the
 * `entry` CHECK already widened for evidence. A matter's id is its public number, read as max + 1
 * under the log's head lock (log.ts), as is an entry's seq within its matter: no SEQUENCE, which
 * would leave a gap wherever a transaction rolls back. `value` is the entry's canonical JSON as
 * text, not jsonb, so it reads back byte for byte as its leaf's digest covers it.
 */
export const pgSchema4: PgMigration = {
  version: 4,
  name: 'decision matters and evidence',
  sql: `
    CREATE TABLE decision_matters (
      id          bigint PRIMARY KEY CHECK (id >= 1),
      village     text COLLATE "C" NOT NULL,
      subject     text COLLATE "C" NOT NULL CHECK (subject <> ''),
      -- the demo's sample data, labelled 示例数据 wherever it is shown
      sample      boolean NOT NULL,
      created_at  text NOT NULL,
      UNIQUE (village, subject)
    );

    CREATE TABLE decision_entries (
      matter      bigint NOT NULL REFERENCES decision_matters (id),
      seq         integer NOT NULL CHECK (seq >= 1),
      entry       text NOT NULL CHECK (entry IN ('matter', 'step', 'evidence')),
      value       text NOT NULL,
      recorded_at text NOT NULL,
      log_index   bigint NOT NULL UNIQUE REFERENCES log_leaves (idx),
      PRIMARY KEY (matter, seq)
    );

    -- key: a photo's id (24 hex) or a PDF's SHA-256; two steps showing one file share its row
    CREATE TABLE decision_evidence_files (
      key         text COLLATE "C" PRIMARY KEY CHECK (length(key) IN (24, 64)),
      media_type  text NOT NULL CHECK (media_type IN ('image/webp', 'application/pdf')),
      sha256      text NOT NULL CHECK (length(sha256) = 64),
      bytes       bytea NOT NULL,
      created_at  text NOT NULL
    );

    CREATE TRIGGER decision_matters_append_only BEFORE UPDATE OR DELETE ON decision_matters FOR EACH ROW EXECUTE FUNCTION refuse_change();
    CREATE TRIGGER decision_entries_append_only BEFORE UPDATE OR DELETE ON decision_entries FOR EACH ROW EXECUTE FUNCTION refuse_change();
    CREATE TRIGGER decision_evidence_files_append_only BEFORE UPDATE OR DELETE ON decision_evidence_files FOR EACH ROW EXECUTE FUNCTION refuse_change();
  `,
};
