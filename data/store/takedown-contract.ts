import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewComplaint } from '../complaints/complaint.ts';
import { newComplaint, staffAction } from '../complaints/complaint-workflow.ts';
import { trackingCodeFrom } from '../complaints/tracking-code.ts';
import { auditLog } from '../log/audit-log.ts';
import { parseLeaf } from '../log/log-leaf.ts';
import { newPublication } from '../new-publication.ts';
import type { ProjectContent } from '../publication.ts';
import type { NewPhoto, Store } from './store.ts';
import type { ComplaintTakedowns, PhotoTakedowns } from './takedown-store.ts';

/**
 * What every backend must do with takedowns beyond whole versions (takedown-store.ts). `connect`
 * opens a second connection to the same backend; `cleanup` closes every connection and removes the store.
 */
export type TakedownContractStore = ComplaintTakedowns &
  PhotoTakedowns &
  Pick<Store, 'fileComplaint' | 'updateComplaint' | 'getComplaintByPublicId' | 'publish' | 'tombstone' | 'getPhoto' | 'logSize' | 'logLeaves'>;

export type OpenTakedownStore = () => Promise<{
  store: TakedownContractStore;
  connect: () => Promise<TakedownContractStore>;
  cleanup: () => Promise<void>;
}>;

export function describeTakedownContract(name: string, open: OpenTakedownStore): void {
  describe(`Takedown store contract: ${name}`, () => {
    let store: TakedownContractStore;
    let connect: () => Promise<TakedownContractStore>;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      ({ store, connect, cleanup } = await open());
    });
    afterEach(async () => {
      await cleanup();
    });

    /** Complaint 1 with a dispatch (step 2) and a reply that leaked a phone number (step 3). */
    const repliedComplaint = async () => {
      const filed = await store.fileComplaint(complaint(1));
      await store.updateComplaint(filed.trackingCode, (c) => staffAction(c, { type: 'dispatch', department: '镇财政所' }, '镇纪委', T[1]));
      await store.updateComplaint(filed.trackingCode, (c) => staffAction(c, { type: 'reply', text: REPLY }, '镇财政所', T[2]));
      return filed;
    };

    it('takes a step down with a leaf after the step, and leaves the step and its leaf as they were', async () => {
      await repliedComplaint();
      const before = await store.getComplaintByPublicId('1');
      const leavesBefore = await store.logLeaves(0, await store.logSize());
      const outcome = await store.takeDownComplaintStep('1', 3, `  ${REASON}  `, T[3]);
      const takedown = { complaint: '1', seq: 3, reason: REASON, at: T[3], logIndex: 3 };
      expect(outcome).toEqual({ kind: 'taken-down', takedown });

      const leaves = await store.logLeaves(0, await store.logSize());
      expect(leaves.slice(0, 3)).toEqual(leavesBefore);
      expect(leaves).toHaveLength(4);
      expect(parseLeaf(leaves[3]!.leaf)).toEqual({ ok: true, leaf: { type: 'complaint-step-tombstone', complaint: '1', seq: 3, reason: REASON, at: T[3] } });
      expect(auditLog(leaves, []).findings).toEqual([]);
      // append-only: the reply is still stored as written; public views hide it
      expect(await store.getComplaintByPublicId('1')).toEqual(before);
      expect(await store.complaintStepTakedowns('1')).toEqual([takedown]);
      expect(await (await connect()).listComplaintStepTakedowns()).toEqual([takedown]);
    });

    it('answers the first takedown when a step is taken down again, and writes nothing', async () => {
      await repliedComplaint();
      const first = await store.takeDownComplaintStep('1', 3, REASON, T[3]);
      const size = await store.logSize();
      const again = await store.takeDownComplaintStep('1', 3, '另一个原因', T[4]);
      expect(again).toEqual({ kind: 'already-taken-down', takedown: first.kind === 'taken-down' ? first.takedown : null });
      expect(await store.logSize()).toBe(size);
    });

    it('refuses an unknown complaint or step as a value and an empty reason as a bug, writing nothing', async () => {
      await repliedComplaint();
      const size = await store.logSize();
      expect(await store.takeDownComplaintStep('2', 1, REASON, T[3])).toEqual({ kind: 'not-found', complaint: '2', seq: 1 });
      expect(await store.takeDownComplaintStep('1', 4, REASON, T[3])).toEqual({ kind: 'not-found', complaint: '1', seq: 4 });
      for (const id of ['0', 'abc', '']) expect((await store.takeDownComplaintStep(id, 1, REASON, T[3])).kind).toBe('not-found');
      expect((await store.takeDownComplaintStep('1', 0, REASON, T[3])).kind).toBe('not-found');
      await expect(store.takeDownComplaintStep('1', 3, '  ', T[3])).rejects.toThrow(/reason/);
      expect(await store.logSize()).toBe(size);
      expect(await store.listComplaintStepTakedowns()).toEqual([]);
      expect(await store.complaintStepTakedowns('1')).toEqual([]);
    });

    it('takes down a step of a complaint filed just before, and lists takedowns oldest first', async () => {
      const filed = store.fileComplaint(complaint(1));
      const second = store.fileComplaint(complaint(2));
      const outcome = await store.takeDownComplaintStep('2', 1, REASON, T[3]);
      await Promise.all([filed, second]);
      expect(outcome.kind).toBe('taken-down');
      await store.takeDownComplaintStep('1', 1, '投诉原文写了他人身份证号', T[4]);
      expect((await store.listComplaintStepTakedowns()).map((t) => `${t.complaint}/${t.seq}`)).toEqual(['2/1', '1/1']);
      // those of a list, by complaint and step, whatever else is down; not a number is none
      expect((await store.complaintStepTakedownsOf(['2', '1', '2', '9', 'x'])).map((t) => `${t.complaint}/${t.seq}`)).toEqual(['1/1', '2/1']);
      expect(await store.complaintStepTakedownsOf(['2'])).toEqual(await store.complaintStepTakedowns('2'));
      expect(await store.complaintStepTakedownsOf([])).toEqual([]);
    });

    it('names a photo that only versions taken down show, and not one a version still up shows', async () => {
      const first = await store.publish(project('pub-p1', [PHOTO_A, PHOTO_B], [photo(PHOTO_A), photo(PHOTO_B)]));
      expect(await store.takenDownPhotos([PHOTO_A, PHOTO_B, 'nosuchphoto1'])).toEqual([]);
      // a correction shows photo B again by reference; then the first version is taken down
      await store.publish(project('pub-p2', [PHOTO_B], []));
      await store.tombstone(first.publication.id, '照片中有村民身份证', T[3]);
      expect(await store.takenDownPhotos([PHOTO_A, PHOTO_B, PHOTO_A, 'nosuchphoto1'])).toEqual([PHOTO_A]);
      await store.tombstone('pub-p2', '照片中有村民身份证', T[4]);
      expect(await (await connect()).takenDownPhotos([PHOTO_B, PHOTO_A])).toEqual([PHOTO_B, PHOTO_A]);
    });
  });
}

// ——— fixtures ———

const VILLAGE = '430802108214';
const T = ['2026-07-06T01:00:00.000Z', '2026-07-07T01:00:00.000Z', '2026-07-08T01:00:00.000Z', '2026-07-09T01:00:00.000Z', '2026-07-10T01:00:00.000Z'] as const;
const REPLY = '已核实，请联系经办人王会计 13700001111。';
const REASON = '答复中误写了经办人的手机号';
const PHOTO_A = 'aaaaaaaa1111';
const PHOTO_B = 'bbbbbbbb2222';

function complaint(n: number): NewComplaint {
  const code = trackingCodeFrom(Uint8Array.from([n, 0, 0, 0, 0, 0, 0]));
  return newComplaint({ village: VILLAGE, category: '惠农补贴', text: `第${n}件：补贴少发了，请核实。`, anonymous: false }, code, T[0]);
}

function photo(id: string): NewPhoto {
  return { id, large: new Uint8Array([1, 2, 3]), small: new Uint8Array([4, 5]) };
}

function project(id: string, photoIds: readonly string[], photos: readonly NewPhoto[]) {
  const content: ProjectContent = {
    kind: 'project',
    title: '2026年村道硬化工程公示',
    period: '2026',
    projects: [
      {
        row: 2, name: '村道硬化', location: null, fundingSource: null, budget: 100_000_00, contractAmount: null, contractor: null, procurementMethod: null,
        plannedStart: null, actualStart: null, plannedCompletion: null, actualCompletion: null, progress: { percent: 50, text: '路基完成' }, amountPaid: null, remark: null,
        photos: photoIds.map((p) => ({ id: p, width: 1200, height: 900, caption: null })),
      },
    ],
    totals: { budget: 100_000_00, contractAmount: 0, amountPaid: 0 },
    notes: [],
  };
  return newPublication({ id, village: VILLAGE, content, publishedAt: T[0], sample: false, source: { filename: null, format: 'json' }, photos });
}
