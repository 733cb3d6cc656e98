/**
 * The one way a published time is written (issue 15): the instant in Beijing time with its offset,
 * "2026-07-03T10:00:00+08:00". A villager reads it as the clock on the wall and a program reads it
 * as the same instant as the stored "2026-07-03T02:00:00.000Z". China keeps UTC+8 all year (no summer
 * time since 1991), so the offset is fixed. Milliseconds are written only when there are some, so the
 * text is always exactly the stored instant and, within one second, still sorts as time does.
 */

const OFFSET_MS = 8 * 3_600_000;

/**
 * "2026-10-12T07:00:00.000Z" → "2026-10-12T15:00:00+08:00"; "…07:00:00.250Z" → "…15:00:00.250+08:00".
 * A bare calendar date (YYYY-MM-DD) has no instant and is returned as it is, and so is text that is
 * not a time at all: a twin shows what it holds rather than failing on it.
 */
export function beijingTime(instant: string | Date): string {
  if (typeof instant === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(instant)) return instant;
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (Number.isNaN(ms)) return typeof instant === 'string' ? instant : '';
  const shifted = new Date(ms + OFFSET_MS).toISOString(); // "YYYY-MM-DDTHH:mm:ss.sssZ", fields now Beijing's
  const millis = shifted.slice(19, 23);
  return `${shifted.slice(0, 19)}${millis === '.000' ? '' : millis}+08:00`;
}
