import { addWorkingDays } from '../working-days.ts';
import { COMPLAINT_CHANNELS, type ComplaintChannel } from './complaint-channel.ts';
import type { Complaint } from './complaint.ts';
import { chinaMonth } from './complaint-trend.ts';
import { waitingOf, type Deadlines } from './deadlines.ts';

/**
 * What the public figures (complaint-stats.ts) and the trend (complaint-trend.ts) need of one
 * complaint, without the day they are counted on or the deadlines (issue 14): a store keeps these
 * beside each complaint, rewritten with every step, and counts the complaints under a division in
 * one query (ComplaintFigureStore) instead of handing every complaint and step over. Instants are
 * epoch milliseconds, so comparisons do not depend on how an ISO string was written; months are
 * China's, as the trend groups them.
 */
export interface ComplaintFacts {
  village: string;
  /** how it reached the portal (issue 17): the public figures count by it */
  channel: ComplaintChannel;
  /** YYYY-MM in China, as complaint-trend.ts counts */
  receivedMonth: string;
  closed: boolean;
  /** the month of the latest close, while the complaint is closed (a reopened one is not) */
  closedMonth: string | null;
  /** what the complaint waits for, and since when (the deadlines run from then); null when neither */
  waitingFor: 'dispatch' | 'answer' | null;
  waitingSinceMs: number | null;
  /** from receipt to the first reply */
  answerMs: number | null;
  feedbacks: number;
  satisfied: number;
}

export function complaintFacts(complaint: Pick<Complaint, 'village' | 'status' | 'events' | 'receivedAt'> & Partial<Pick<Complaint, 'channel'>>): ComplaintFacts {
  const { status, events } = complaint;
  const waiting = waitingOf(complaint);
  const reply = events.find((e) => e.type === 'reply');
  // a complaint merged into another (issue 17) is closed by the merge
  const close = status === 'closed' ? [...events].reverse().find((e) => e.type === 'close' || e.type === 'merge-into') : undefined;
  let feedbacks = 0;
  let satisfied = 0;
  for (const e of events) {
    if (e.type !== 'feedback') continue;
    feedbacks += 1;
    if (e.satisfied) satisfied += 1;
  }
  const receivedMs = Date.parse(complaint.receivedAt);
  return {
    village: complaint.village,
    channel: complaint.channel ?? 'portal',
    receivedMonth: chinaMonth(complaint.receivedAt),
    closed: status === 'closed',
    closedMonth: close ? chinaMonth(close.at) : null,
    waitingFor: waiting?.waitingFor ?? null,
    waitingSinceMs: waiting ? Date.parse(waiting.since) : null,
    answerMs: reply ? Date.parse(reply.at) - receivedMs : null,
    feedbacks,
    satisfied,
  };
}

/**
 * When a waiting complaint is overdue at a given instant (deadlines.ts's lateness), as bounds on the
 * instant it has waited since: before `answerSinceBefore` for an answer; before
 * `dispatchSinceBefore` or within one of `dispatchSpans` ([from, to) in ms) for a dispatch. The
 * dispatch deadline adds working days, so how long a complaint may wait depends on the China date it
 * has waited since, not only on how long ago that was (one waiting since Saturday 23:00 may be due
 * after one waiting since Sunday 01:00): each recent date has its own span; the dates before them,
 * back to `DISPATCH_WINDOW_DAYS` and beyond, are overdue whole.
 */
export interface OverdueCutoffs {
  answerSinceBefore: number;
  dispatchSinceBefore: number;
  dispatchSpans: ReadonlyArray<readonly [number, number]>;
}

/**
 * Days back from today within which a dispatch may still be in time. No run of rest days in China's
 * calendar comes near it (the longest, 春节 with its weekends, is under ten), so any complaint waiting
 * since before it has run out of its working days, whatever the deadline up to `MAX_DISPATCH_DAYS`.
 */
export const DISPATCH_WINDOW_DAYS = 90;
/** The longest dispatch deadline the cutoffs are sure of: also the most PORTAL_COMPLAINT_DISPATCH_DAYS takes (config.ts). */
export const MAX_DISPATCH_DAYS = 30;

export function overdueCutoffs(now: string, deadlines: Deadlines): OverdueCutoffs {
  if (deadlines.dispatchWorkingDays > MAX_DISPATCH_DAYS) throw new RangeError(`dispatchWorkingDays above ${MAX_DISPATCH_DAYS}`);
  const nowMs = Date.parse(now);
  const today = chinaDayStart(nowMs);
  const spans: Array<[number, number]> = [[Number.MIN_SAFE_INTEGER, today - DISPATCH_WINDOW_DAYS * DAY]];
  for (let start = today - DISPATCH_WINDOW_DAYS * DAY; start <= today; start += DAY) {
    // within one China date the working days added are the same, so the due instant keeps the order
    const stepped = Date.parse(addWorkingDays(new Date(start).toISOString(), deadlines.dispatchWorkingDays)) - start;
    const end = Math.min(start + DAY, nowMs - stepped);
    if (end <= start) continue;
    const last = spans[spans.length - 1]!;
    if (last[1] === start) last[1] = end;
    else spans.push([start, end]);
  }
  const [[, dispatchSinceBefore], ...recent] = spans as [[number, number], ...Array<[number, number]>];
  return { answerSinceBefore: nowMs - deadlines.answerDays * DAY, dispatchSinceBefore, dispatchSpans: recent };
}

/** Whether a complaint with these facts is overdue under these cutoffs: what the stores count in SQL. */
export function isOverdue(facts: Pick<ComplaintFacts, 'waitingFor' | 'waitingSinceMs'>, cutoffs: OverdueCutoffs): boolean {
  const since = facts.waitingSinceMs;
  if (since === null) return false;
  if (facts.waitingFor === 'answer') return since < cutoffs.answerSinceBefore;
  return since < cutoffs.dispatchSinceBefore || cutoffs.dispatchSpans.some(([from, to]) => since >= from && since < to);
}

/**
 * The sums a store returns for the complaints under a division: enough for complaint-stats.ts's
 * figures without the complaints. `middleAnswers` are the one or two middle first-answer times in
 * ms (in order), the median's inputs.
 */
export interface ComplaintCounts {
  received: number;
  closed: number;
  overdue: number;
  middleAnswers: number[];
  feedbacks: number;
  satisfied: number;
  /** complaints by how they reached the portal (issue 17); every channel, 0 where none */
  byChannel: Record<ComplaintChannel, number>;
}

/** Every channel at 0: what a count by channel starts from. */
export function noChannels(): Record<ComplaintChannel, number> {
  return Object.fromEntries(COMPLAINT_CHANNELS.map((c) => [c, 0])) as Record<ComplaintChannel, number>;
}

/** The counts of complaints already in hand: what a store's one query must equal (complaint-figures-contract.ts). */
export function countFacts(all: readonly ComplaintFacts[], cutoffs: OverdueCutoffs): ComplaintCounts {
  const answers = all.flatMap((f) => (f.answerMs === null ? [] : [f.answerMs])).sort((a, b) => a - b);
  return {
    received: all.length,
    closed: all.filter((f) => f.closed).length,
    overdue: all.filter((f) => isOverdue(f, cutoffs)).length,
    middleAnswers: middleOf(answers),
    feedbacks: all.reduce((n, f) => n + f.feedbacks, 0),
    satisfied: all.reduce((n, f) => n + f.satisfied, 0),
    byChannel: all.reduce((by, f) => ({ ...by, [f.channel]: by[f.channel] + 1 }), noChannels()),
  };
}

/** The one (odd count) or two (even) middle positions of `count` sorted values, from 0: what to read. */
export function middlePositions(count: number): number[] {
  if (count === 0) return [];
  return count % 2 === 1 ? [(count - 1) / 2] : [count / 2 - 1, count / 2];
}

// ——— private helpers ———

const DAY = 86_400_000;
const CHINA_OFFSET = 8 * 3_600_000;

function chinaDayStart(ms: number): number {
  return Math.floor((ms + CHINA_OFFSET) / DAY) * DAY - CHINA_OFFSET;
}

function middleOf(sorted: readonly number[]): number[] {
  return middlePositions(sorted.length).map((i) => sorted[i]!);
}
