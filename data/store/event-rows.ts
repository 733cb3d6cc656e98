import { canonicalJson } from '../canonical-json.ts';

/**
 * Events of flags and rounds as stored (flag_events, round_events): the fields every event has in
 * columns, and the type's own fields as canonical JSON in `payload`. Reading joins them back into
 * the same object, so a digest recomputed from what is read equals the one logged when it was written.
 */
export interface StoredEventColumns {
  seq: number;
  at: string;
  actor: string;
  type: string;
  payload: string;
}

type AnyEvent = { seq: number; at: string; actor: string; type: string };

export function eventColumns(event: AnyEvent): StoredEventColumns {
  const { seq, at, actor, type, ...own } = event;
  return { seq, at, actor, type, payload: canonicalJson(own) };
}

/** The event back from its columns; the table's CHECK admits only its own types. */
export function eventFromColumns<E extends AnyEvent>(row: StoredEventColumns): E {
  return { seq: row.seq, at: row.at, actor: row.actor, type: row.type, ...(JSON.parse(row.payload) as object) } as E;
}

/** Groups events read for many records (ordered by record, then seq) by record id. */
export function groupEvents<E extends AnyEvent, R extends StoredEventColumns>(rows: readonly R[], owner: (row: R) => number): Map<number, E[]> {
  const out = new Map<number, E[]>();
  for (const row of rows) {
    const list = out.get(owner(row));
    if (list) list.push(eventFromColumns<E>(row));
    else out.set(owner(row), [eventFromColumns<E>(row)]);
  }
  return out;
}

/**
 * The events a workflow step adds to a record, numbered after its last one, with the last of
 * them. Every change of a record is in its history: a step that adds none would leave a change
 * unexplained, so it is a caller's bug. For complaints, flags and rounds, on every backend.
 */
export function numberedEvents<E extends { seq: number; at: string }>(record: string, existing: readonly { seq: number }[], added: readonly Omit<E, 'seq'>[]): { events: E[]; last: E } {
  const firstSeq = (existing.at(-1)?.seq ?? 0) + 1;
  const events = added.map((e, i) => ({ ...e, seq: firstSeq + i }) as E);
  const last = events.at(-1);
  if (!last) throw new TypeError(`${record}: a workflow step must add at least one event`);
  return { events, last };
}
