import type { PgMigration } from './migrations.ts';

/**
 * Schema 14 (issue 17), as SQLite's migration 20: counties' own classification rules, version by
 * version, and the originals of complaints staff recorded from other channels. The rules are text,
 * not jsonb: nothing queries inside them, and they read back as saved, as SQLite keeps them.
 * No bigserial: a rule set's version and an original's seq are numbered by the store (max + 1
 * under a lock), so migrate-store copies them as they are. The limits on originals are the
 * store's, as in SQLite.
 */
export const pgSchema14: PgMigration = {
  version: 14,
  name: 'classify rule sets and intake originals',
  sql: `
    CREATE TABLE classify_rule_sets (
      county   text COLLATE "C" NOT NULL CHECK (length(county) = 6),
      version  integer NOT NULL CHECK (version >= 1),
      saved_by text NOT NULL CHECK (length(saved_by) BETWEEN 1 AND 60),
      at       text COLLATE "C" NOT NULL,
      rules    text NOT NULL,
      PRIMARY KEY (county, version)
    );
    CREATE TRIGGER classify_rule_sets_append_only BEFORE UPDATE OR DELETE ON classify_rule_sets FOR EACH ROW EXECUTE FUNCTION refuse_change();

    -- For staff only, never public: screenshots and photos of what villagers wrote.
    CREATE TABLE intake_originals (
      complaint bigint NOT NULL REFERENCES complaints (public_id),
      seq       integer NOT NULL CHECK (seq >= 1),
      id        text COLLATE "C" NOT NULL CHECK (length(id) = 64),
      mime      text NOT NULL CHECK (mime IN ('image/webp', 'image/jpeg', 'image/png')),
      width     integer NOT NULL CHECK (width >= 1),
      height    integer NOT NULL CHECK (height >= 1),
      size      integer NOT NULL CHECK (size >= 1),
      saved_by  text NOT NULL CHECK (length(saved_by) BETWEEN 1 AND 60),
      at        text COLLATE "C" NOT NULL,
      bytes     bytea NOT NULL CHECK (octet_length(bytes) = size),
      PRIMARY KEY (complaint, seq),
      UNIQUE (complaint, id)
    );
    CREATE TRIGGER intake_originals_append_only BEFORE UPDATE OR DELETE ON intake_originals FOR EACH ROW EXECUTE FUNCTION refuse_change();
  `,
};
