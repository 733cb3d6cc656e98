import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { roadMatter } from '../decisions/checks/test-records.ts';
import type { EvidenceAttachment } from '../decisions/decision-evidence.ts';
import { currentRecord, recordedSteps } from '../decisions/decision-matter.ts';
import { auditLog } from '../log/audit-log.ts';
import { decisionEntryDigest, parseLeaf } from '../log/log-leaf.ts';
import type { DecisionStore } from './decision-store.ts';
import type { EvidenceStore } from './evidence-store.ts';
import type { Store } from './store.ts';

/**
 * What every backend must do with evidence for 四议两公开 steps (evidence-store.ts). `connect`
 * opens a second connection to the same backend; `cleanup` closes every connection and removes the store.
 */
export type EvidenceContractStore = EvidenceStore & Pick<DecisionStore, 'recordDecisions' | 'getDecisionMatter'> & Pick<Store, 'logSize' | 'logLeaves'>;

export type OpenEvidenceStore = () => Promise<{
  store: EvidenceContractStore;
  connect: () => Promise<EvidenceContractStore>;
  cleanup: () => Promise<void>;
}>;

const T = ['2026-09-25T08:00:00.000Z', '2026-10-02T08:00:00.000Z', '2026-10-03T08:00:00.000Z'] as const;

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** A stand-in for a re-encoded photo: the store keeps bytes, it does not decode them. */
function photo(seed: string, stepSeq: number, kind: EvidenceAttachment['evidence']['kind'] = 'sign-in-sheet') {
  const bytes = new TextEncoder().encode(`RIFF....WEBPVP8 photo of ${seed}`);
  const digest = sha256(bytes);
  const attachment: EvidenceAttachment = {
    stepSeq,
    evidence: { kind, name: `${seed}照片`, photoId: digest.slice(0, 24), pdfSha256: null },
    file: { sha256: digest, mediaType: 'image/webp', bytes: bytes.byteLength },
  };
  return { attachment, bytes };
}

function pdf(stepSeq: number) {
  const bytes = new TextEncoder().encode('%PDF-1.4\n% 会议记录\n%%EOF\n');
  const digest = sha256(bytes);
  const attachment: EvidenceAttachment = { stepSeq, evidence: { kind: 'meeting-minutes', name: '党员大会会议记录', photoId: null, pdfSha256: digest }, file: { sha256: digest, mediaType: 'application/pdf', bytes: bytes.byteLength } };
  return { attachment, bytes };
}

export function describeEvidenceContract(name: string, open: OpenEvidenceStore): void {
  describe(`Evidence store contract: ${name}`, () => {
    let store: EvidenceContractStore;
    let connect: () => Promise<EvidenceContractStore>;
    let cleanup: () => Promise<void>;
    /** the road matter's entries: 1 facts, then its steps; 4 is its 党员大会审议 */
    const PARTY_MEETING = 4;

    beforeEach(async () => {
      ({ store, connect, cleanup } = await open());
      await store.recordDecisions([roadMatter()], T[0]);
    });
    afterEach(async () => {
      await cleanup();
    });

    it('appends an attachment as the matter’s next entry, adds it to its step, and keeps the file for another connection', async () => {
      const entries = (await store.getDecisionMatter('1'))!.entries.length;
      const { attachment, bytes } = photo('签到表', PARTY_MEETING);
      const done = await store.attachEvidence({ matterId: '1', attachment, bytes, recordedAt: T[1] });
      if (done.kind !== 'attached') throw new Error(done.kind);
      expect(done).toMatchObject({ seq: entries + 1, fresh: true });
      expect(done.matter.entries.at(-1)).toMatchObject({ seq: entries + 1, entry: 'evidence', recordedAt: T[1], value: attachment });
      const step = recordedSteps(done.matter).find((s) => s.seq === PARTY_MEETING)!;
      expect(step.step.evidence).toEqual([attachment.evidence]);
      expect(currentRecord(done.matter).steps.find((s) => s.step === 'party-members-meeting')?.evidence).toEqual([attachment.evidence]);
      const other = await connect();
      expect(await other.getEvidenceFile(attachment.evidence.photoId!)).toEqual({ mediaType: 'image/webp', sha256: attachment.file.sha256, bytes });
      expect(await other.getEvidenceFile('0'.repeat(24))).toBeNull();
    });

    it('logs the attachment with a leaf whose digest covers it as served, and the log audits clean', async () => {
      const { attachment, bytes } = pdf(PARTY_MEETING);
      const done = await store.attachEvidence({ matterId: '1', attachment, bytes, recordedAt: T[1] });
      if (done.kind !== 'attached') throw new Error(done.kind);
      const entry = done.matter.entries.at(-1)!;
      const leaves = await store.logLeaves(0, await store.logSize());
      const leaf = parseLeaf(leaves.find((l) => l.index === entry.logIndex)!.leaf);
      if (!leaf.ok) throw new Error(leaf.problem);
      expect(leaf.leaf).toEqual({ type: 'decision-entry', matter: '1', village: done.matter.village, seq: entry.seq, entry: 'evidence', at: T[1], sha256: decisionEntryDigest(done.matter, attachment) });
      expect(auditLog(leaves, []).findings).toEqual([]);
      expect((await store.getEvidenceFile(attachment.file.sha256))?.mediaType).toBe('application/pdf');
    });

    it('attaches the same file to the same step once, and to another step again, keeping the file once', async () => {
      const { attachment, bytes } = photo('签到表', PARTY_MEETING);
      const first = await store.attachEvidence({ matterId: '1', attachment, bytes, recordedAt: T[1] });
      const size = await store.logSize();
      const again = await store.attachEvidence({ matterId: '1', attachment, bytes, recordedAt: T[2] });
      expect(again).toMatchObject({ kind: 'attached', fresh: false, seq: first.kind === 'attached' ? first.seq : -1 });
      expect(await store.logSize()).toBe(size);
      const elsewhere = await store.attachEvidence({ matterId: '1', attachment: { ...attachment, stepSeq: PARTY_MEETING + 1 }, bytes, recordedAt: T[2] });
      expect(elsewhere).toMatchObject({ kind: 'attached', fresh: true });
      expect(await store.logSize()).toBe(size + 1);
    });

    it('adds nothing when the same register is recorded again after an attachment', async () => {
      const { attachment, bytes } = photo('签到表', PARTY_MEETING);
      await store.attachEvidence({ matterId: '1', attachment, bytes, recordedAt: T[1] });
      const size = await store.logSize();
      expect((await store.recordDecisions([roadMatter()], T[2])).added).toBe(0);
      expect(await store.logSize()).toBe(size);
    });

    it('refuses a matter that does not exist and an entry that is not a step, writing nothing', async () => {
      const size = await store.logSize();
      const { attachment, bytes } = photo('签到表', PARTY_MEETING);
      expect(await store.attachEvidence({ matterId: '9', attachment, bytes, recordedAt: T[1] })).toEqual({ kind: 'matter-not-found', matterId: '9' });
      expect(await store.attachEvidence({ matterId: 'x', attachment, bytes, recordedAt: T[1] })).toEqual({ kind: 'matter-not-found', matterId: 'x' });
      expect(await store.attachEvidence({ matterId: '1', attachment: { ...attachment, stepSeq: 1 }, bytes, recordedAt: T[1] })).toEqual({ kind: 'not-a-step', matterId: '1', seq: 1 });
      expect(await store.attachEvidence({ matterId: '1', attachment: { ...attachment, stepSeq: 99 }, bytes, recordedAt: T[1] })).toEqual({ kind: 'not-a-step', matterId: '1', seq: 99 });
      expect(await store.logSize()).toBe(size);
      expect(await store.getEvidenceFile(attachment.evidence.photoId!)).toBeNull();
    });

    it('refuses bytes that are not the file the attachment names', async () => {
      const { attachment } = photo('签到表', PARTY_MEETING);
      const size = await store.logSize();
      await expect(store.attachEvidence({ matterId: '1', attachment, bytes: new TextEncoder().encode('another file'), recordedAt: T[1] })).rejects.toThrow(TypeError);
      expect(await store.logSize()).toBe(size);
    });

    it('numbers attachments from two connections without a gap or a clash', async () => {
      const other = await connect();
      const a = photo('会议记录', PARTY_MEETING, 'meeting-minutes');
      const b = photo('签到表', PARTY_MEETING);
      await Promise.all([store.attachEvidence({ matterId: '1', ...a, recordedAt: T[1] }), other.attachEvidence({ matterId: '1', ...b, recordedAt: T[1] })]);
      const matter = (await store.getDecisionMatter('1'))!;
      expect(matter.entries.map((e) => e.seq)).toEqual(matter.entries.map((_, i) => i + 1));
      expect(matter.entries.filter((e) => e.entry === 'evidence')).toHaveLength(2);
    });
  });
}
