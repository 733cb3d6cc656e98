import type { NewRound } from '../rectification/rectification.ts';

/** A round whose opening disagrees with itself is a caller bug, refused before anything is written. */
export function checkedRound(round: NewRound): NewRound {
  const problem = !/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/.test(round.scope)
    ? 'the scope is not a division code'
    : round.opened.type !== 'opened'
      ? 'the first event must be `opened`'
      : round.opened.scope !== round.scope
        ? 'the opening names another scope'
        : null;
  if (problem) throw new TypeError(`round for ${round.scope}: ${problem}`);
  return { ...round, opened: { ...round.opened } };
}
