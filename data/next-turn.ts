/**
 * Resolves on a later turn of the event loop, after the I/O that is waiting: placed between two
 * long pieces of work on the loop (a 99,000-row ledger's digest and its storing; the rules' reading
 * and their run), it lets requests that arrived meanwhile be answered in between. Two immediates,
 * because one scheduled from an I/O callback runs before the loop polls again; the second is
 * scheduled from the check phase, so it waits for the next turn and its poll.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
}
