import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STAFF_CHANNELS } from '../complaints/complaint-channel.ts';
import type { Complaint, NewComplaint, StaffAction } from '../complaints/complaint.ts';
import { noChannels, overdueCutoffs } from '../complaints/complaint-facts.ts';
import { complaintStats, statsFromCounts } from '../complaints/complaint-stats.ts';
import { complaintTrend, trendMonths } from '../complaints/complaint-trend.ts';
import { newComplaint, recordedComplaint, staffAction, villagerFeedback } from '../complaints/complaint-workflow.ts';
import { DEFAULT_DEADLINES, lateness, type Deadlines } from '../complaints/deadlines.ts';
import { trackingCodeFrom } from '../complaints/tracking-code.ts';
import type { ComplaintFigureStore } from './complaint-figures.ts';
import type { ComplaintStore } from './store.ts';

/**
 * What every backend's ComplaintFigureStore must do (complaint-figures.ts): give, for any division
 * and any instant, the figures and the trend that complaintStats and complaintTrend give of the same
 * complaints listed — around every waiting complaint's own deadline, over weekends and 国庆, under
 * other deadlines, after each step — and keep them right when two connections act at once.
 */
export type ComplaintFigureContractStore = ComplaintFigureStore & Pick<ComplaintStore, 'fileComplaint' | 'updateComplaint' | 'listComplaints'>;
export type OpenComplaintFigureStore = () => Promise<{ store: ComplaintFigureContractStore; connect?: () => Promise<ComplaintFigureContractStore>; cleanup: () => Promise<void> }>;

export function describeComplaintFigureContract(name: string, open: OpenComplaintFigureStore): void {
  describe(`Complaint figures contract: ${name}`, () => {
    let store: ComplaintFigureContractStore;
    let connect: (() => Promise<ComplaintFigureContractStore>) | undefined;
    let cleanup: () => Promise<void>;
    beforeEach(async () => {
      ({ store, connect, cleanup } = await open());
    });
    afterEach(async () => {
      await cleanup();
    });

    const agreesAt = async (now: string, prefixes: readonly string[] = PREFIXES, deadlines: Deadlines = DEFAULT_DEADLINES) => {
      for (const prefix of prefixes) {
        const listed = await store.listComplaints({ scope: prefix, limit: 5_000 });
        const counted = statsFromCounts(await store.complaintCounts(prefix, overdueCutoffs(now, deadlines)));
        expect({ prefix, now, counted }).toEqual({ prefix, now, counted: complaintStats(listed, deadlines, now) });
        expect({ prefix, now, months: await store.complaintMonths(prefix, trendMonths(now)) }).toEqual({ prefix, now, months: complaintTrend(listed, now) });
      }
    };

    it('counts what the complaints listed give, at every waiting complaint’s deadline and a millisecond after', async () => {
      const filed = await COMPLAINT_FIGURE_FIXTURES.file(store);
      const dues = filed.flatMap((c) => lateness(c, DEFAULT_DEADLINES, '2026-12-31T00:00:00.000Z').due ?? []);
      expect(dues.length).toBeGreaterThanOrEqual(4);
      for (const due of dues) {
        await agreesAt(due, ['', '430802', FAR_VILLAGE]);
        await agreesAt(new Date(Date.parse(due) + 1).toISOString(), ['', '430802', FAR_VILLAGE]);
      }
      for (const now of NOWS) await agreesAt(now);
      const counts = await store.complaintCounts('', overdueCutoffs(NOWS[0]!, DEFAULT_DEADLINES));
      expect(counts.received).toBe(filed.length);
      expect(counts.overdue).toBeGreaterThan(0);
      expect(counts.feedbacks).toBeGreaterThan(counts.satisfied);
    });

    it('counts under other deadlines', async () => {
      await COMPLAINT_FIGURE_FIXTURES.file(store);
      for (const now of NOWS) await agreesAt(now, ['', '430821'], { dispatchWorkingDays: 5, answerDays: 30 });
    });

    it('follows each step: the figures after every change are those of the complaints as they now stand', async () => {
      await COMPLAINT_FIGURE_FIXTURES.file(store);
      const fresh = await store.fileComplaint(complaint(99, VILLAGE, '2026-11-19T02:00:00.000Z'));
      const steps: Array<(c: Complaint) => ReturnType<typeof staffAction>> = [
        (c) => staffAction(c, { type: 'dispatch', department: '农经站' }, STAFF, '2026-11-20T02:00:00.000Z'),
        (c) => staffAction(c, { type: 'reply', text: '已核实并补发。' }, STAFF, '2026-11-21T02:00:00.000Z'),
        (c) => staffAction(c, { type: 'close', resolution: '已补发到户。' }, STAFF, '2026-11-22T02:00:00.000Z'),
        (c) => villagerFeedback(c, { satisfied: false }, '2026-11-23T02:00:00.000Z'),
        (c) => staffAction(c, { type: 'dispatch', department: '镇财政所' }, STAFF, '2026-11-24T02:00:00.000Z'),
      ];
      await agreesAt(NOWS[0]!, ['', VILLAGE]);
      for (const step of steps) {
        expect((await store.updateComplaint(fresh.trackingCode, step)).kind).toBe('updated');
        await agreesAt(NOWS[0]!, ['', VILLAGE]);
      }
    });

    it('finds the median answer above the counties in its day, answer by answer, odd and even, under each city and province', async () => {
      const prefixes = ['', '43', '4308', '4309', '52', '430902'];
      let n = 200;
      for (const [village, hours] of ANSWER_PLAN) {
        const receivedAt = '2026-10-12T01:00:00.000Z';
        const filed = await store.fileComplaint(complaint(n++, village, receivedAt));
        const at = (h: number) => new Date(Date.parse(receivedAt) + h * 3_600_000).toISOString();
        expect((await store.updateComplaint(filed.trackingCode, (c) => staffAction(c, { type: 'dispatch', department: '农经站' }, STAFF, at(1)))).kind).toBe('updated');
        expect((await store.updateComplaint(filed.trackingCode, (c) => staffAction(c, { type: 'reply', text: '已核实。' }, STAFF, at(hours)))).kind).toBe('updated');
        await agreesAt(NOWS[0]!, prefixes);
      }
      const counts = await store.complaintCounts('', overdueCutoffs(NOWS[0]!, DEFAULT_DEADLINES));
      expect(counts.middleAnswers).toHaveLength(ANSWER_PLAN.length % 2 === 0 ? 2 : 1);
    });

    it('keeps the figures right when two connections act on complaints at once', async () => {
      if (!connect) return;
      const filed = await COMPLAINT_FIGURE_FIXTURES.file(store);
      const other = await connect();
      const waiting = filed.filter((c) => c.status === 'received');
      const dispatched = await Promise.all(
        waiting.map((c, i) => (i % 2 === 0 ? store : other).updateComplaint(c.trackingCode, (cur) => staffAction(cur, { type: 'dispatch', department: '镇财政所' }, STAFF, '2026-12-02T02:00:00.000Z'))),
      );
      await agreesAt(NOWS[0]!);
      // closes in one month through both connections at once move the same month counts (schema 22, migration 27)
      const open = waiting.filter((_, i) => dispatched[i]!.kind === 'updated');
      expect(open.length).toBeGreaterThan(1);
      const closed = await Promise.all(
        open.map(async (c, i) => {
          const via = i % 2 === 0 ? other : store;
          const replied = await via.updateComplaint(c.trackingCode, (cur) => staffAction(cur, { type: 'reply', text: '已核实。' }, STAFF, '2026-12-03T02:00:00.000Z'));
          const done = await via.updateComplaint(c.trackingCode, (cur) => staffAction(cur, { type: 'close', resolution: '已补发。' }, STAFF, '2026-12-03T03:00:00.000Z'));
          return [replied.kind, done.kind];
        }),
      );
      expect(closed).toEqual(open.map(() => ['updated', 'updated']));
      await agreesAt(NOWS[0]!);
    });

    it('counts nothing where there is nothing', async () => {
      expect(await store.complaintCounts('', overdueCutoffs(NOWS[0]!, DEFAULT_DEADLINES))).toEqual({ received: 0, closed: 0, overdue: 0, middleAnswers: [], feedbacks: 0, satisfied: 0, byChannel: noChannels() });
      expect((await store.complaintMonths('', trendMonths(NOWS[0]!))).every((m) => m.received === 0 && m.closed === 0)).toBe(true);
      expect(await store.complaintMonths('', [])).toEqual([]);
    });
  });
}

const VILLAGE = '430802108214';
const NEIGHBOUR = '430802108215';
const FAR_VILLAGE = '430821211227';
const STAFF = '沅古坪镇纪委';
const PREFIXES = ['', '43', '4308', '430802', '430802108', VILLAGE, '430821', FAR_VILLAGE, '99'];
/** after everything; on 国庆; on a Sunday; a year later (the trend's window moved past most of it) */
const NOWS = ['2026-12-06T04:00:00.000Z', '2026-10-03T04:00:00.000Z', '2026-11-15T04:00:00.000Z', '2027-09-01T00:00:00.000Z'];

/** Villages in two cities of Hunan and one of Guizhou, each answered after so many hours (one before its receipt): several in one day, the middles moving across days. */
const ANSWER_PLAN: ReadonlyArray<readonly [string, number]> = [
  // a reply stamped before the complaint's receipt (a clock set back): the first median, in day 0
  [VILLAGE, -2],
  [VILLAGE, 30],
  ['430902101201', 31],
  ['520102001001', 75],
  [FAR_VILLAGE, 30],
  ['430902101201', 77],
  [VILLAGE, 5],
  ['520102001001', 76],
  ['430902101202', 29],
  [NEIGHBOUR, 240],
  ['430902101201', 30],
  [FAR_VILLAGE, 100],
];

type Step = StaffAction | { type: 'feedback'; satisfied: boolean };

/**
 * Complaints of three villages in two counties, received from January to December 2026, each taken
 * through its own steps: waiting for dispatch since a Friday evening, a Saturday night and a Sunday
 * morning, before 国庆 and just now; dispatched and not answered; answered; closed with feedback,
 * closed twice; reopened after an unhappy answer; at the first instant of a day and of a month.
 */
export const COMPLAINT_FIGURE_FIXTURES = {
  async file(store: Pick<ComplaintStore, 'fileComplaint' | 'updateComplaint'>): Promise<Complaint[]> {
    const out: Complaint[] = [];
    for (const [i, [village, receivedAt, steps]] of PLAN.entries()) {
      let c: Complaint = await store.fileComplaint(complaint(i + 1, village, receivedAt));
      let t = Date.parse(receivedAt);
      for (const step of steps) {
        t += 31 * 3_600_000;
        const at = new Date(t).toISOString();
        const result = await store.updateComplaint(c.trackingCode, (cur) => (step.type === 'feedback' ? villagerFeedback(cur, { satisfied: step.satisfied }, at) : staffAction(cur, step, STAFF, at)));
        if (result.kind !== 'updated') throw new Error(`fixture step ${step.type} of complaint ${i + 1}: ${result.kind}`);
        c = result.complaint;
      }
      out.push(c);
    }
    return out;
  },
};

const dispatch: Step = { type: 'dispatch', department: '农经站' };
const reply: Step = { type: 'reply', text: '已核实，款项已补发。' };
const close: Step = { type: 'close', resolution: '已办结。' };
const reopen: Step = { type: 'reopen', reason: '又没发到户' };
const happy: Step = { type: 'feedback', satisfied: true };
const unhappy: Step = { type: 'feedback', satisfied: false };

const PLAN: ReadonlyArray<readonly [string, string, readonly Step[]]> = [
  [VILLAGE, '2026-01-05T02:00:00.000Z', [dispatch, reply, close, happy]],
  [VILLAGE, '2026-03-10T09:30:00.000Z', [dispatch, reply, unhappy]], // an unhappy answer reopens it
  [VILLAGE, '2026-05-20T01:00:00.000Z', [dispatch]],
  [VILLAGE, '2026-09-25T10:00:00.000Z', []], // Friday 18:00 in China, before 国庆
  [VILLAGE, '2026-11-13T11:00:00.000Z', []], // Friday 19:00
  [NEIGHBOUR, '2026-11-14T15:00:00.000Z', []], // Saturday 23:00
  [NEIGHBOUR, '2026-11-14T17:00:00.000Z', []], // Sunday 01:00
  [NEIGHBOUR, '2026-06-01T03:00:00.000Z', [dispatch, reply, close, unhappy]],
  [NEIGHBOUR, '2026-07-15T03:00:00.000Z', [dispatch, reply, close, happy, reopen, dispatch, reply, close, happy]],
  [FAR_VILLAGE, '2026-08-08T08:08:00.000Z', [dispatch, dispatch, reply]],
  [FAR_VILLAGE, '2026-10-30T00:00:00.000Z', [dispatch, reply, close]],
  [FAR_VILLAGE, '2026-12-01T06:00:00.000Z', []],
  [FAR_VILLAGE, '2026-11-14T16:00:00.000Z', []], // Sunday 00:00: the first instant of a dispatch span of its own
  [FAR_VILLAGE, '2026-06-30T16:00:00.000Z', [dispatch]], // the first instant of July in China
  [NEIGHBOUR, '2026-08-27T19:00:00.000Z', [dispatch, reply, close]], // closed at the first instant of September
  [VILLAGE, '2025-12-31T10:00:00.000Z', [dispatch, reply, close]], // received before the trend's window, closed in it
];

function complaint(n: number, village: string, receivedAt: string): NewComplaint {
  const code = trackingCodeFrom(Uint8Array.from([n >> 16, (n >> 8) & 255, n & 255, 0x3c, 0xa5, 0x5a, 0]));
  const input = { village, category: '惠农补贴', text: `第${n}号：补贴没有发到户，请核实。`, anonymous: false };
  // every third one recorded by staff from another channel (issue 17): the counts by channel agree too
  if (n % 3 !== 1) return newComplaint(input, code, receivedAt);
  const heardAt = new Date(Date.parse(receivedAt) - 3_600_000).toISOString();
  return recordedComplaint(input, code, receivedAt, { channel: STAFF_CHANNELS[n % STAFF_CHANNELS.length]!, heardAt, place: null, recordedBy: STAFF });
}
