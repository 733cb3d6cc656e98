import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ComplaintInput } from '../complaints/complaint.ts';
import { newComplaint, recordedComplaint, staffAction, villagerSupport } from '../complaints/complaint-workflow.ts';
import { trackingCodeFrom } from '../complaints/tracking-code.ts';
import { complaintEventDigest } from '../log/log-leaf.ts';
import type { ComplaintMerges } from './complaint-merges.ts';
import type { Store } from './store.ts';

export type MergeContractStore = ComplaintMerges & Pick<Store, 'fileComplaint' | 'getComplaint' | 'getComplaintByPublicId' | 'updateComplaint' | 'logSize' | 'logLeaves'>;
export type OpenMergeStore = () => Promise<{ store: MergeContractStore; connect?: () => Promise<MergeContractStore>; cleanup: () => Promise<void> }>;

/**
 * Complaints from every channel (issue 17), on every backend: a complaint staff recorded keeps its
 * channel and intake, and its receipt's leaf covers them; 我也遇到 is a step of its own; a merge
 * changes both complaints in one transaction, with a leaf for each step, and refuses what is not
 * two open complaints of one village — also when two connections merge crosswise at once.
 */
export function describeComplaintMergesContract(name: string, open: OpenMergeStore): void {
  describe(`Complaint channels and merges contract: ${name}`, () => {
    let store: MergeContractStore;
    let connect: (() => Promise<MergeContractStore>) | undefined;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      ({ store, connect, cleanup } = await open());
    });
    afterEach(async () => {
      await cleanup();
    });

    it('keeps the channel and intake of a recorded complaint, and its receipt’s leaf covers them', async () => {
      const intake = { channel: 'wechat-group' as const, heardAt: '2026-12-06T12:30:00.000Z', place: '王家坪镇群众工作群', recordedBy: '王家坪镇纪委' };
      const filed = await store.fileComplaint(recordedComplaint(input(), code(1), T[1], intake));
      const read = await store.getComplaint(code(1));
      expect(read).toEqual(filed);
      expect(read?.channel).toBe('wechat-group');
      expect(read?.intake).toEqual({ heardAt: intake.heardAt, place: intake.place, recordedBy: '王家坪镇纪委', powerItem: null });
      expect(read?.events[0]).toMatchObject({ type: 'received', actor: '王家坪镇纪委' });
      const [leaf] = await store.logLeaves(0, 1);
      const hash = JSON.parse(leaf!.leaf).hash;
      expect(hash).toBe(complaintEventDigest(read!, read!.events[0]!));
      // the channel is in the hash: the same complaint said to come from the portal hashes otherwise
      expect(hash).not.toBe(complaintEventDigest({ ...read!, channel: 'portal', intake: null }, read!.events[0]!));
    });

    it('keeps the 小微权力 item staff named with the intake, and the receipt’s leaf covers it', async () => {
      const intake = { channel: 'letter' as const, heardAt: '2026-12-06T12:30:00.000Z', place: null, recordedBy: '王家坪镇纪委', powerItem: 'subsidy-payout' };
      await store.fileComplaint(recordedComplaint(input(), code(1), T[1], intake));
      const read = await store.getComplaint(code(1));
      expect(read?.intake).toEqual({ heardAt: intake.heardAt, place: null, recordedBy: '王家坪镇纪委', powerItem: 'subsidy-payout' });
      expect((await store.getComplaintByPublicId(read!.publicId))?.intake?.powerItem).toBe('subsidy-payout');
      const hash = JSON.parse((await store.logLeaves(0, 1))[0]!.leaf).hash;
      expect(hash).toBe(complaintEventDigest(read!, read!.events[0]!));
      expect(hash).not.toBe(complaintEventDigest({ ...read!, intake: { ...read!.intake!, powerItem: null } }, read!.events[0]!));
    });

    it('keeps a 确定 step naming, correcting or clearing the power item, logged like any step', async () => {
      await store.fileComplaint(newComplaint(input(), code(1), T[1]));
      for (const [powerItem, at] of [['subsidy-payout', T[2]], ['financial-disclosure', T[3]], [null, T[4]]] as const) {
        expect((await store.updateComplaint(code(1), (c) => staffAction(c, { type: 'classify', powerItem }, '王家坪镇纪委', at))).kind).toBe('updated');
      }
      const read = await store.getComplaint(code(1));
      expect(read?.events.slice(1).map((e) => (e.type === 'classify' ? e.powerItem : e.type))).toEqual(['subsidy-payout', 'financial-disclosure', null]);
      expect(read?.status).toBe('received');
      const leaves = await store.logLeaves(0, await store.logSize());
      expect(leaves.map((l) => JSON.parse(l.leaf).hash)).toEqual(read!.events.map((e) => complaintEventDigest(read!, e)));
    });

    it('files a portal complaint with no intake, and refuses one whose intake does not match its channel', async () => {
      const filed = await store.fileComplaint(newComplaint(input(), code(1), T[1]));
      expect(filed).toMatchObject({ channel: 'portal', intake: null });
      const mismatched = { ...newComplaint(input(), code(2), T[1]), channel: 'phone' as const };
      await expect(store.fileComplaint(mismatched)).rejects.toThrow(/intake/);
    });

    it('counts 我也遇到 as a step of its own, logged, while the complaint is open', async () => {
      await store.fileComplaint(newComplaint(input(), code(1), T[1]));
      const size = await store.logSize();
      for (const at of [T[2], T[3]]) expect((await store.updateComplaint(code(1), (c) => villagerSupport(c, at))).kind).toBe('updated');
      const read = await store.getComplaint(code(1));
      expect(read?.events.map((e) => e.type)).toEqual(['received', 'support', 'support']);
      expect(read?.status).toBe('received');
      expect(await store.logSize()).toBe(size + 2);
    });

    it('merges one complaint into another: both steps, their leaves, the merged one closed', async () => {
      await store.fileComplaint(newComplaint(input(), code(1), T[1]));
      await store.fileComplaint(newComplaint(input({ text: '三组耕地地力保护补贴今年还没发到我家' }), code(2), T[2]));
      await store.updateComplaint(code(1), (c) => staffAction(c, { type: 'dispatch', department: '镇农经站' }, '王家坪镇纪委', T[3]));
      const size = await store.logSize();
      const merged = await store.mergeComplaints('2', '1', '王家坪镇纪委', T[4]);
      expect(merged.kind).toBe('merged');
      const from = await store.getComplaintByPublicId('2');
      const into = await store.getComplaintByPublicId('1');
      expect(from?.status).toBe('closed');
      expect(from?.events.at(-1)).toEqual({ seq: 2, at: T[4], actor: '王家坪镇纪委', type: 'merge-into', into: '1' });
      expect(into?.status).toBe('dispatched');
      expect(into?.events.at(-1)).toEqual({ seq: 3, at: T[4], actor: '王家坪镇纪委', type: 'merge-from', from: '2' });
      expect(await store.logSize()).toBe(size + 2);
      if (merged.kind === 'merged') expect([merged.from, merged.into]).toEqual([from, into]);
      // the merged one's steps end there: it cannot be merged again, nor reopened
      expect((await store.mergeComplaints('2', '1', '王家坪镇纪委', T[5])).kind).toBe('merge-not-open');
      expect((await store.updateComplaint(code(2), (c) => staffAction(c, { type: 'reopen' }, '王家坪镇纪委', T[5]))).kind).toBe('invalid-transition');
    });

    it('refuses a merge of a complaint with itself, across villages, of a closed one, and of an unknown number, changing nothing', async () => {
      await store.fileComplaint(newComplaint(input(), code(1), T[1]));
      await store.fileComplaint(newComplaint(input({ village: OTHER_VILLAGE }), code(2), T[2]));
      const size = await store.logSize();
      expect(await store.mergeComplaints('1', '1', 'x', T[3])).toEqual({ kind: 'merge-same', publicId: '1' });
      expect(await store.mergeComplaints('2', '1', 'x', T[3])).toEqual({ kind: 'merge-other-village', from: '2', into: '1' });
      expect(await store.mergeComplaints('9', '1', 'x', T[3])).toEqual({ kind: 'not-found', publicId: '9' });
      expect(await store.mergeComplaints('1', 'abc', 'x', T[3])).toEqual({ kind: 'not-found', publicId: 'abc' });
      expect(await store.logSize()).toBe(size);
      expect((await store.getComplaintByPublicId('1'))?.events).toHaveLength(1);
    });

    it('lets only one of two crosswise merges on two connections happen', async () => {
      if (!connect) return;
      const other = await connect();
      await store.fileComplaint(newComplaint(input(), code(1), T[1]));
      await store.fileComplaint(newComplaint(input(), code(2), T[2]));
      const outcomes = await Promise.all([store.mergeComplaints('1', '2', 'a', T[3]), other.mergeComplaints('2', '1', 'b', T[3])]);
      expect(outcomes.map((o) => o.kind).sort()).toEqual(['merge-not-open', 'merged']);
      const [one, two] = [await store.getComplaintByPublicId('1'), await store.getComplaintByPublicId('2')];
      expect([one?.status, two?.status].filter((s) => s === 'closed')).toHaveLength(1);
    });
  });
}

// ——— private helpers ———

const VILLAGE = '430802104204';
const OTHER_VILLAGE = '430802104205';
const T = ['', '2026-12-07T01:00:00.000Z', '2026-12-07T02:00:00.000Z', '2026-12-07T03:00:00.000Z', '2026-12-07T04:00:00.000Z', '2026-12-07T05:00:00.000Z'] as const;

function code(n: number): string {
  return trackingCodeFrom(Uint8Array.from([n >> 16, (n >> 8) & 255, n & 255, 0x17, 0x71, 0x3c, 0]));
}

function input(over: Partial<ComplaintInput> = {}): ComplaintInput {
  return { village: VILLAGE, category: '惠农补贴', text: '三组有几户耕地补贴没发', anonymous: false, ...over };
}
