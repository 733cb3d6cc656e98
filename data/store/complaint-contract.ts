import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Complaint, ComplaintInput, NewComplaint } from '../complaints/complaint.ts';
import { newComplaint, staffAction, villagerFeedback } from '../complaints/complaint-workflow.ts';
import { trackingCodeFrom } from '../complaints/tracking-code.ts';
import { everyComplaint, everyUnfinishedComplaint } from './list-every.ts';
import type { OpenStore } from './store-contract.ts';
import type { Store } from './store.ts';

/**
 * The complaint half of the Store contract (issue 5): what every backend must do with complaints.
 * Called next to describeStoreContract with the same factory of fresh, empty stores.
 */
export function describeComplaintContract(name: string, open: OpenStore): void {
  describe(`Store contract (complaints): ${name}`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      ({ store, cleanup } = await open());
    });
    afterEach(async () => {
      await cleanup();
    });

    describe('filing and reading', () => {
      it('reads a complaint back by tracking code and by public id, private contact included', async () => {
        const input = complaint(1, {
          publicationId: 'pub-a1',
          row: 17,
          contact: { name: '张三', phone: '13812345678' },
          text: '第17行的补贴金额和我家实际领到的不一样，请核实。',
        });
        const filed = await store.fileComplaint(input);
        expect(filed).toEqual({ ...input, publicId: '1' });
        expect(filed.contact).toEqual({ name: '张三', phone: '13812345678' });
        expect(await store.getComplaint(input.trackingCode)).toEqual(filed);
        expect(await store.getComplaintByPublicId('1')).toEqual(filed);
      });

      it('round-trips an anonymous complaint and one with only a phone number', async () => {
        const anonymous = complaint(1, { anonymous: true, contact: { name: '李四', phone: '13900001111' } });
        const phoneOnly = complaint(2, { contact: { phone: '07448221234' } });
        expect(anonymous.contact).toBeNull();
        const filed = [await store.fileComplaint(anonymous), await store.fileComplaint(phoneOnly)];
        expect(await store.getComplaint(anonymous.trackingCode)).toEqual({ ...anonymous, publicId: '1', contact: null, anonymous: true });
        expect(await store.getComplaint(phoneOnly.trackingCode)).toEqual(filed[1]);
        expect(filed[1]?.contact).toEqual({ name: null, phone: '07448221234' });
      });

      it('numbers public ids 1, 2, 3 in filing order', async () => {
        const filed: Complaint[] = [];
        for (const i of [7, 3, 5]) filed.push(await store.fileComplaint(complaint(i)));
        expect(filed.map((c) => c.publicId)).toEqual(['1', '2', '3']);
        expect((await store.getComplaintByPublicId('2'))?.trackingCode).toBe(code(3));
      });

      it('returns null for an unknown tracking code or public id', async () => {
        await store.fileComplaint(complaint(1));
        expect(await store.getComplaint(code(2))).toBeNull();
        for (const id of ['2', '0', '-1', '1.0', 'abc', '']) expect(await store.getComplaintByPublicId(id)).toBeNull();
      });

      it('stores all of 200 complaints filed at once, numbered 1…200 in call order', async () => {
        const inputs = Array.from({ length: 200 }, (_, i) => complaint(i + 1));
        const filed = await Promise.all(inputs.map((c) => store.fileComplaint(c)));
        expect(filed.map((c) => c.publicId)).toEqual(inputs.map((_, i) => String(i + 1)));
        const listed = await store.listComplaints({ scope: '' });
        expect(listed.map((c) => c.trackingCode).sort()).toEqual(inputs.map((c) => c.trackingCode).sort());
        expect(new Set(listed.map((c) => c.publicId)).size).toBe(200);
        for (const i of [0, 99, 199]) expect(await store.getComplaint(inputs[i]!.trackingCode)).toEqual(filed[i]);
      });

      it('rejects only the second of two complaints with one tracking code filed together', async () => {
        const first = complaint(2, { text: '第一份：村道硬化工程质量差。' });
        const duplicate = complaint(2, { text: '第二份：同一个跟踪码。' });
        const results = await Promise.allSettled([complaint(1), first, duplicate, complaint(3)].map((c) => store.fileComplaint(c)));
        expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
        expect((await store.getComplaint(code(2)))?.text).toBe(first.text);
        expect(await store.listComplaints({ scope: '' })).toHaveLength(3);
      });
    });

    describe('listing', () => {
      // Filed in an order different from their receipt times, to show the list sorts by receipt.
      const seed = async () => {
        await store.fileComplaint(complaint(1, { receivedAt: '2026-07-01T02:00:00.000Z' }));
        await store.fileComplaint(complaint(2, { village: OTHER_VILLAGE, receivedAt: '2026-07-03T02:00:00.000Z' }));
        await store.fileComplaint(complaint(3, { village: FAR_VILLAGE, receivedAt: '2026-07-02T02:00:00.000Z', category: '工程项目' }));
        await store.fileComplaint(complaint(4, { receivedAt: '2026-07-04T02:00:00.000Z', category: '惠农补贴' }));
      };
      const codes = (list: Complaint[]) => list.map((c) => c.trackingCode);

      it('lists the complaints of a village, township, county or everything, newest first', async () => {
        await seed();
        expect(codes(await store.listComplaints({ scope: VILLAGE }))).toEqual([code(4), code(1)]);
        expect(codes(await store.listComplaints({ scope: '430802108' }))).toEqual([code(4), code(2), code(1)]);
        expect(codes(await store.listComplaints({ scope: '430802' }))).toEqual([code(4), code(2), code(1)]);
        expect(codes(await store.listComplaints({ scope: '430821' }))).toEqual([code(3)]);
        expect(codes(await store.listComplaints({ scope: '' }))).toEqual([code(4), code(2), code(3), code(1)]);
        expect(await store.listComplaints({ scope: '430803' })).toEqual([]);
      });

      it('puts the later filed first when two were received at the same instant', async () => {
        await store.fileComplaint(complaint(1));
        await store.fileComplaint(complaint(2));
        expect(codes(await store.listComplaints({ scope: '' }))).toEqual([code(2), code(1)]);
      });

      it('filters by status and by category', async () => {
        await seed();
        await store.updateComplaint(code(1), (c) => staffAction(c, { type: 'dispatch', department: '镇财政所' }, STAFF, '2026-07-05T02:00:00.000Z'));
        expect(codes(await store.listComplaints({ scope: '', status: 'dispatched' }))).toEqual([code(1)]);
        expect(codes(await store.listComplaints({ scope: '', status: 'received' }))).toEqual([code(4), code(2), code(3)]);
        expect(await store.listComplaints({ scope: '', status: 'closed' })).toEqual([]);
        expect(codes(await store.listComplaints({ scope: '', category: '惠农补贴' }))).toEqual([code(4)]);
        expect(codes(await store.listComplaints({ scope: '430802', category: '工程项目' }))).toEqual([]);
        expect(codes(await store.listComplaints({ scope: '', status: 'received', category: '财务公开' }))).toEqual([code(2)]);
      });

      it('returns at most `limit`, the newest', async () => {
        await seed();
        expect(codes(await store.listComplaints({ scope: '', limit: 2 }))).toEqual([code(4), code(2)]);
      });

      it('continues a list after its last complaint, through complaints received at one instant, each once, in order (everyComplaint)', async () => {
        await seed();
        for (let n = 5; n <= 9; n++) await store.fileComplaint(complaint(n, { receivedAt: '2026-07-02T02:00:00.000Z' }));
        const all = codes(await store.listComplaints({ scope: '' }));
        expect(all).toEqual([code(4), code(2), code(9), code(8), code(7), code(6), code(5), code(3), code(1)]);
        const seventh = (await store.getComplaint(code(7)))!;
        expect(codes(await store.listComplaints({ scope: '', limit: 3, after: { receivedAt: seventh.receivedAt, publicId: seventh.publicId } }))).toEqual([code(6), code(5), code(3)]);
        expect(codes(await everyComplaint(store, { scope: '' }, 2))).toEqual(all);
        expect(codes(await everyComplaint(store, { scope: '' }, 3))).toEqual(all);
        expect(codes(await everyComplaint(store, { scope: '430802', status: 'received' }, 4))).toEqual(all.filter((c) => c !== code(3)));
        // 待办 and the reminders: every complaint not closed, in the same order, whatever its status
        await store.updateComplaint(code(8), (c) => staffAction(c, { type: 'dispatch', department: '镇财政所' }, STAFF, '2026-07-05T02:00:00.000Z'));
        for (const step of [
          (c: Complaint) => staffAction(c, { type: 'dispatch', department: '镇财政所' }, STAFF, '2026-07-05T02:00:00.000Z'),
          (c: Complaint) => staffAction(c, { type: 'reply', text: '已核实。' }, '镇财政所', '2026-07-05T03:00:00.000Z'),
          (c: Complaint) => staffAction(c, { type: 'close', resolution: '已办结。' }, STAFF, '2026-07-05T04:00:00.000Z'),
        ]) {
          await store.updateComplaint(code(6), step);
        }
        await store.updateComplaint(code(5), (c) => staffAction(c, { type: 'dispatch', department: '镇财政所' }, STAFF, '2026-07-05T02:00:00.000Z'));
        await store.updateComplaint(code(5), (c) => staffAction(c, { type: 'reply', text: '已核实。' }, '镇财政所', '2026-07-05T03:00:00.000Z'));
        expect(codes(await everyUnfinishedComplaint(store, '', 2))).toEqual(all.filter((c) => c !== code(6)));
      });

      it('returns 1,000 unless asked for more, and never more than 5,000', async () => {
        await Promise.all(Array.from({ length: 5_001 }, (_, i) => store.fileComplaint(complaint(i + 1))));
        expect(await store.listComplaints({ scope: '' })).toHaveLength(1_000);
        expect(await store.listComplaints({ scope: '', limit: 10_000 })).toHaveLength(5_000);
      });

      it('lists every complaint with its whole history', async () => {
        await seed();
        const updated = await store.updateComplaint(code(2), (c) => staffAction(c, { type: 'dispatch', department: '村委会' }, STAFF, '2026-07-05T02:00:00.000Z'));
        expect(updated.kind).toBe('updated');
        const listed = await store.listComplaints({ scope: '' });
        for (const c of listed) expect(c).toEqual(await store.getComplaint(c.trackingCode));
        expect(listed.find((c) => c.trackingCode === code(2))?.events.map((e) => e.type)).toEqual(['received', 'dispatch']);
      });
    });

    describe('the workflow', () => {
      it('dispatches, replies, closes, and reopens on unsatisfied feedback, numbering and dating every step', async () => {
        const filed = await store.fileComplaint(complaint(1, { receivedAt: T[0] }));
        const steps = [
          (c: Complaint) => staffAction(c, { type: 'dispatch', department: '镇财政所' }, STAFF, T[1]),
          (c: Complaint) => staffAction(c, { type: 'reply', text: '经核查，补贴按亩数发放，已补发差额。' }, '镇财政所', T[2]),
          (c: Complaint) => staffAction(c, { type: 'close', resolution: '已补发 38.50 元。' }, STAFF, T[3]),
          (c: Complaint) => villagerFeedback(c, { satisfied: false, comment: '还差一亩没算。' }, T[4]),
        ];
        const statuses: string[] = [];
        let last: Complaint = filed;
        for (const step of steps) {
          const outcome = await store.updateComplaint(filed.trackingCode, step);
          if (outcome.kind !== 'updated') throw new Error(`step failed: ${JSON.stringify(outcome)}`);
          statuses.push(outcome.complaint.status);
          last = outcome.complaint;
        }
        expect(statuses).toEqual(['dispatched', 'replied', 'closed', 'received']);
        expect(last).toMatchObject({ status: 'received', department: '镇财政所', receivedAt: T[0], updatedAt: T[4], publicId: '1' });
        expect(last.events).toEqual([
          { seq: 1, at: T[0], actor: '群众', type: 'received' },
          { seq: 2, at: T[1], actor: STAFF, type: 'dispatch', department: '镇财政所' },
          { seq: 3, at: T[2], actor: '镇财政所', type: 'reply', text: '经核查，补贴按亩数发放，已补发差额。' },
          { seq: 4, at: T[3], actor: STAFF, type: 'close', resolution: '已补发 38.50 元。' },
          { seq: 5, at: T[4], actor: '群众', type: 'feedback', satisfied: false, comment: '还差一亩没算。' },
          { seq: 6, at: T[4], actor: '系统', type: 'reopen', reason: '群众对答复不满意' },
        ]);
        expect(await store.getComplaint(filed.trackingCode)).toEqual(last);
        expect(await store.getComplaintByPublicId('1')).toEqual(last);
      });

      it('leaves a complaint untouched on an invalid transition', async () => {
        const filed = await store.fileComplaint(complaint(1));
        const outcome = await store.updateComplaint(filed.trackingCode, (c) => staffAction(c, { type: 'close', resolution: '已处理' }, STAFF, T[1]));
        expect(outcome).toEqual({ kind: 'invalid-transition', from: 'received', action: 'close' });
        const feedback = await store.updateComplaint(filed.trackingCode, (c) => villagerFeedback(c, { satisfied: true }, T[1]));
        expect(feedback).toEqual({ kind: 'invalid-transition', from: 'received', action: 'feedback' });
        expect(await store.getComplaint(filed.trackingCode)).toEqual(filed);
      });

      it('reports an unknown tracking code without calling the action', async () => {
        let called = false;
        const outcome = await store.updateComplaint(code(9), (c) => {
          called = true;
          return staffAction(c, { type: 'dispatch', department: '村委会' }, STAFF, T[1]);
        });
        expect(outcome).toEqual({ kind: 'not-found', trackingCode: code(9) });
        expect(called).toBe(false);
      });

      it('lets only one of two simultaneous closings through', async () => {
        const filed = await store.fileComplaint(complaint(1));
        await store.updateComplaint(filed.trackingCode, (c) => staffAction(c, { type: 'dispatch', department: '村委会' }, STAFF, T[1]));
        await store.updateComplaint(filed.trackingCode, (c) => staffAction(c, { type: 'reply', text: '已答复' }, STAFF, T[2]));
        const close = (c: Complaint) => staffAction(c, { type: 'close', resolution: '办结' }, STAFF, T[3]);
        const outcomes = await Promise.all([store.updateComplaint(filed.trackingCode, close), store.updateComplaint(filed.trackingCode, close)]);
        expect(outcomes.map((o) => o.kind).sort()).toEqual(['invalid-transition', 'updated']);
        expect((await store.getComplaint(filed.trackingCode))?.events.map((e) => e.type)).toEqual(['received', 'dispatch', 'reply', 'close']);
      });

      it('writes nothing when the action throws', async () => {
        const filed = await store.fileComplaint(complaint(1));
        await expect(
          store.updateComplaint(filed.trackingCode, () => {
            throw new Error('the action failed');
          }),
        ).rejects.toThrow('the action failed');
        expect(await store.getComplaint(filed.trackingCode)).toEqual(filed);
      });
    });
  });
}

const VILLAGE = '430802108214';
const OTHER_VILLAGE = '430802108215';
const FAR_VILLAGE = '430821211227';
const STAFF = '沅古坪镇纪委';
const T = [
  '2026-07-06T01:00:00.000Z',
  '2026-07-07T02:00:00.000Z',
  '2026-07-10T03:00:00.000Z',
  '2026-07-11T04:00:00.000Z',
  '2026-07-12T05:00:00.000Z',
] as const;

/** A distinct, valid tracking code per number. */
function code(n: number): string {
  return trackingCodeFrom(Uint8Array.from([n >> 16, (n >> 8) & 255, n & 255, 0x5a, 0xa5, 0x3c, 0]));
}

function complaint(n: number, fields: Partial<ComplaintInput> & { receivedAt?: string } = {}): NewComplaint {
  const { receivedAt = '2026-07-06T01:00:00.000Z', ...input } = fields;
  return newComplaint(
    { village: VILLAGE, category: '财务公开', text: `第${n}号：村里的账目看不明白，请解释。`, anonymous: false, ...input },
    code(n),
    receivedAt,
  );
}
