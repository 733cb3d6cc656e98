/**
 * Who saved a staff record and when, checked the same way by every store that keeps one
 * (classify-rule-sets.ts, intake-originals.ts): a name of 1–60 characters, as an office or an
 * official is written, and an ISO instant with its zone, so times sort and compare as text.
 */
export const MAX_SAVED_BY_CHARS = 60;

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/** Caller bugs, refused before anything is written. `what` names the record in the message. */
export function checkStaffStamp(what: string, savedBy: string, at: string): void {
  // code points, not UTF-16 units: a name with a rare character (𠮷) counts it once
  if (typeof savedBy !== 'string' || savedBy.trim().length === 0 || [...savedBy].length > MAX_SAVED_BY_CHARS) {
    throw new TypeError(`${what}: savedBy must be 1–${MAX_SAVED_BY_CHARS} characters, not ${JSON.stringify(savedBy)}`);
  }
  if (typeof at !== 'string' || !ISO_INSTANT.test(at) || Number.isNaN(Date.parse(at))) {
    throw new TypeError(`${what}: the time must be an ISO instant, not ${JSON.stringify(at)}`);
  }
}
