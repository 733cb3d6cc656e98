import type { PgMigration } from './migrations.ts';

/**
 * PostgreSQL schema 2 (issue 14): the transparency log — its leaves, the stored hashes of complete
 * subtrees, and one head row. An appending transaction takes the head row FOR UPDATE, so appenders
 * from any number of connections and processes queue there and commit in index order: leaf i is
 * never visible before leaf i − 1, and no index is given twice. Leaves and nodes are append-only.
 */
export const pgSchema2: PgMigration = {
  version: 2,
  name: 'transparency log',
  sql: `
    CREATE TABLE log_head (
      one  boolean PRIMARY KEY DEFAULT true CHECK (one),
      size bigint NOT NULL CHECK (size >= 0)
    );
    INSERT INTO log_head (size) VALUES (0);

    CREATE TABLE log_leaves (
      idx       bigint PRIMARY KEY CHECK (idx >= 0),
      leaf      text NOT NULL,
      leaf_hash bytea NOT NULL CHECK (length(leaf_hash) = 32),
      kind      text COLLATE "C" NOT NULL CHECK (kind IN ('publication', 'complaint-event', 'tombstone', 'flag-event', 'rectification-event', 'flag-settings',
                'complaint-step-tombstone', 'decision-entry', 'power-catalogue')),
      ref       text COLLATE "C" NOT NULL
    );
    CREATE UNIQUE INDEX log_leaves_ref ON log_leaves (kind, ref);

    CREATE TABLE log_nodes (
      level integer NOT NULL CHECK (level >= 1),
      idx   bigint NOT NULL CHECK (idx >= 0),
      hash  bytea NOT NULL CHECK (length(hash) = 32),
      PRIMARY KEY (level, idx)
    );

    CREATE TRIGGER log_leaves_append_only BEFORE UPDATE OR DELETE ON log_leaves FOR EACH ROW EXECUTE FUNCTION refuse_change();
    CREATE TRIGGER log_nodes_append_only BEFORE UPDATE OR DELETE ON log_nodes FOR EACH ROW EXECUTE FUNCTION refuse_change();
  `,
};
