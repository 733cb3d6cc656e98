/**
 * The triggers that keep a table of sums moving with a table of facts (schemas 22–24), in the
 * writer's transaction. Each calls `<functions>_move(after_rows, before_rows)`, a function of the
 * schema's own that adds the facts' rows after a write and subtracts those before it: once per
 * statement of inserts (an upsert that only updated brings no new row and costs nothing), per row
 * of an update only `when` a summed column changed (most writes change none), once per statement
 * of deletes.
 */
export function deltaTriggers(o: { facts: string; functions: string; tag: string; when: string }): string {
  const { facts, functions, tag } = o;
  return `
    CREATE FUNCTION ${functions}_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM new_rows) THEN RETURN NULL; END IF;
      PERFORM ${functions}_move(ARRAY(SELECT ROW(n.*)::${facts} FROM new_rows n), ARRAY[]::${facts}[]);
      RETURN NULL;
    END $$;
    CREATE FUNCTION ${functions}_updated() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM ${functions}_move(ARRAY[NEW], ARRAY[OLD]);
      RETURN NULL;
    END $$;
    CREATE FUNCTION ${functions}_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM ${functions}_move(ARRAY[]::${facts}[], ARRAY(SELECT ROW(o.*)::${facts} FROM old_rows o));
      RETURN NULL;
    END $$;
    CREATE TRIGGER ${facts}_${tag}_insert AFTER INSERT ON ${facts}
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${functions}_inserted();
    CREATE TRIGGER ${facts}_${tag}_update AFTER UPDATE ON ${facts} FOR EACH ROW
      WHEN (${o.when}) EXECUTE FUNCTION ${functions}_updated();
    CREATE TRIGGER ${facts}_${tag}_delete AFTER DELETE ON ${facts}
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ${functions}_deleted();`;
}

/** `OLD.c IS DISTINCT FROM NEW.c OR …` for these columns: an update trigger's condition. */
export function anyChanged(columns: readonly string[]): string {
  return columns.map((c) => `OLD.${c} IS DISTINCT FROM NEW.${c}`).join(' OR ');
}
