import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewComplaint } from '../complaints/complaint.ts';
import { newComplaint, staffAction } from '../complaints/complaint-workflow.ts';
import { trackingCodeFrom } from '../complaints/tracking-code.ts';
import { auditLog, type AuditedPublication, type AuditFinding } from '../log/audit-log.ts';
import { HashTree } from '../log/hash-tree.ts';
import { parseLeaf, type LogLeaf } from '../log/log-leaf.ts';
import { emptyRoot, leafHash, verifyConsistency, verifyInclusion } from '../log/merkle.ts';
import type { PublicationContent } from '../publication.ts';
import { FIXTURE_VILLAGE, fixtureFinance, fixtureSubsidy, fixtureVersion } from './contract-fixtures.ts';
import type { Store } from './store.ts';

/**
 * The transparency-log half of the Store contract (issue 6). `tamper` edits the backend's storage
 * behind the store's back, as someone with the database file could; the tests show the edit is
 * caught by `auditLog` (data/log/audit-log.ts) and by a root saved before it.
 */
export interface LogTamper {
  /** Replaces the stored content of a publication version. */
  changeContent(publicationId: string, content: PublicationContent): Promise<void>;
  /** Removes one leaf. */
  deleteLeaf(index: number): Promise<void>;
  /** Exchanges the leaves at two indices (text and hash). */
  swapLeaves(a: number, b: number): Promise<void>;
}

export type OpenLogStore = () => Promise<{ store: Store; cleanup: () => Promise<void>; tamper: LogTamper }>;

export function describeLogContract(name: string, open: OpenLogStore): void {
  describe(`Store contract (transparency log): ${name}`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    let tamper: LogTamper;

    beforeEach(async () => {
      ({ store, cleanup, tamper } = await open());
    });
    afterEach(async () => {
      await cleanup();
    });

    /** Two versions of a finance series, a subsidy list, two complaints and their steps. */
    const seed = async () => {
      await store.publish(version('pub-f1', finance('v1', 100_00)));
      const first = await store.fileComplaint(complaint(1));
      await store.publish(version('pub-s1', subsidy()), { scope: 's', key: 'k', requestHash: 'h' });
      // a replay stores nothing, so it logs nothing
      await store.publish(version('pub-s1-again', subsidy()), { scope: 's', key: 'k', requestHash: 'h' });
      await Promise.all([store.fileComplaint(complaint(2)), store.fileComplaint(complaint(3))]);
      await store.updateComplaint(first.trackingCode, (c) => staffAction(c, { type: 'dispatch', department: '镇财政所' }, '镇纪委', T1));
      await store.publish(version('pub-f2', finance('v2', 120_00)));
    };
    const leaves = async () => store.logLeaves(0, await store.logSize());
    const parsed = async () => (await leaves()).map((l) => ok(parseLeaf(l.leaf)));
    const publications = async (): Promise<AuditedPublication[]> => {
      const ids = ['pub-f1', 'pub-s1', 'pub-f2'];
      return (await Promise.all(ids.map((id) => store.getPublication(id)))).filter((p) => p !== null);
    };
    const findings = async (roots: Array<{ size: number; root: Uint8Array }> = []): Promise<AuditFinding[]> =>
      auditLog(await leaves(), await publications(), { roots }).findings;

    it('starts empty, with the root of the empty tree', async () => {
      expect(await store.logSize()).toBe(0);
      expect(await store.logLeaves(0, 10)).toEqual([]);
      expect(await store.logRoot(0)).toEqual({ kind: 'root', size: 0, root: emptyRoot() });
    });

    it('has one leaf per publication version, complaint step and takedown, in the order they were stored', async () => {
      await seed();
      await store.tombstone('pub-s1', '误公开了身份证号 / an ID number was published by mistake', T1);
      const logged = await parsed();
      expect(logged.map(describeLeaf)).toEqual(['publication pub-f1', 'complaint 1/1', 'publication pub-s1', 'complaint 2/1', 'complaint 3/1', 'complaint 1/2', 'publication pub-f2', 'tombstone pub-s1']);
      expect(await store.logSize()).toBe(3 + 4 + 1);
      expect(logged[6]).toMatchObject({ type: 'publication', id: 'pub-f2', version: 2, supersedes: 'pub-f1', sha256: (await store.getPublication('pub-f2'))?.sha256 });
    });

    it('recomputes the stored root from the leaves, and every leaf hash from its text', async () => {
      await seed();
      const all = await leaves();
      expect(all.map((l) => l.index)).toEqual(all.map((_, i) => i));
      for (const l of all) expect(l.hash).toEqual(leafHash(l.leaf));
      const tree = HashTree.fromLeaves(all.map((l) => l.leaf));
      for (let size = 0; size <= all.length; size++) expect(await store.logRoot(size)).toEqual({ kind: 'root', size, root: tree.root(size) });
      expect(await findings()).toEqual([]);
    });

    it("proves every publication's leaf against the root, now and at an older size", async () => {
      await seed();
      const size = await store.logSize();
      for (const id of ['pub-f1', 'pub-s1', 'pub-f2']) {
        const index = await store.logIndexOfPublication(id);
        if (index === null) throw new Error(`${id} is not logged`);
        for (const n of [index + 1, size]) {
          const proof = await store.inclusionProof(index, n);
          if (proof.kind !== 'proof') throw new Error(`no proof: ${proof.kind}`);
          const root = await store.logRoot(n);
          expect(root.kind === 'root' && root.root).toEqual(proof.root);
          expect(verifyInclusion(index, n, proof.leafHash, proof.path, proof.root), `${id} in ${n}`).toEqual({ ok: true });
        }
      }
      expect(await store.logIndexOfPublication('pub-s1-again')).toBeNull();
    });

    it('proves every older size consistent with every newer one', async () => {
      await seed();
      const size = await store.logSize();
      for (let to = 0; to <= size; to++) {
        for (let from = 0; from <= to; from++) {
          const proof = await store.consistencyProof(from, to);
          if (proof.kind !== 'proof') throw new Error(`no proof: ${proof.kind}`);
          expect(verifyConsistency(from, to, proof.path, proof.fromRoot, proof.toRoot), `${from}→${to}`).toEqual({ ok: true });
        }
      }
    });

    it('answers sizes beyond the log and impossible ranges with a value', async () => {
      await seed();
      const size = await store.logSize();
      expect(await store.logRoot(size + 1)).toEqual({ kind: 'beyond-log', size: size + 1, logSize: size });
      expect(await store.inclusionProof(0, size + 1)).toEqual({ kind: 'beyond-log', size: size + 1, logSize: size });
      expect(await store.inclusionProof(3, 3)).toEqual({ kind: 'index-beyond-size', index: 3, size: 3 });
      expect(await store.consistencyProof(1, size + 5)).toEqual({ kind: 'beyond-log', size: size + 5, logSize: size });
      expect(await store.consistencyProof(4, 2)).toEqual({ kind: 'sizes-out-of-order', from: 4, to: 2 });
      expect((await store.logLeaves(size - 1, size + 100)).map((l) => l.index)).toEqual([size - 1]);
      await expect(store.logRoot(-1)).rejects.toThrow(RangeError);
      await expect(store.logLeaves(0.5, 2)).rejects.toThrow(RangeError);
    });

    it('logs nothing for a publication or a complaint step that was not stored', async () => {
      await seed();
      const photo = (fill: number) => ({ id: 'photo0001', large: new Uint8Array(16).fill(fill), small: new Uint8Array(4).fill(fill) });
      await store.publish({ ...version('pub-p1', finance('p1', 1)), photos: [photo(1)] });
      const before = await store.logSize();
      // fails after its leaf was appended (the photo clashes), so the leaf must roll back with it
      await expect(store.publish({ ...version('pub-p2', finance('p2', 2)), photos: [photo(2)] })).rejects.toThrow(/different bytes/);
      // a batch of the group commit fails on the repeated code and is retried complaint by complaint
      const filed = await Promise.allSettled([store.fileComplaint(complaint(4)), store.fileComplaint(complaint(2))]);
      expect(filed.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
      const invalid = await store.updateComplaint(code(2), (c) => staffAction(c, { type: 'close', resolution: '办结' }, '镇纪委', T1));
      expect(invalid.kind).toBe('invalid-transition');
      expect((await parsed()).slice(before).map(describeLeaf)).toEqual(['complaint 4/1']);
      const all = await leaves();
      expect(all.map((l) => l.index)).toEqual(all.map((_, i) => i));
      expect(await store.logIndexOfPublication('pub-p2')).toBeNull();
    });

    it('keeps the tracking code, the text and the contact out of the leaves', async () => {
      const filed = await store.fileComplaint(complaint(1, { name: '张三', phone: '13812345678' }));
      const text = (await leaves()).map((l) => l.leaf).join('\n');
      for (const secret of [filed.trackingCode, '张三', '13812345678', filed.text]) expect(text).not.toContain(secret);
    });

    it('takes a publication down with a tombstone leaf, once, keeping the version readable', async () => {
      await seed();
      const before = await store.logSize();
      const outcome = await store.tombstone('pub-f1', '  误公开了手机号  ', T1);
      expect(outcome).toEqual({ kind: 'taken-down', takedown: { publicationId: 'pub-f1', reason: '误公开了手机号', at: T1, logIndex: before } });
      expect((await store.logLeaves(before, before + 1))[0]?.leaf).toBe(`{"at":"${T1}","publication":"pub-f1","reason":"误公开了手机号","type":"tombstone"}`);
      expect(await store.tombstone('pub-f1', '再次', T1)).toMatchObject({ kind: 'already-taken-down', takedown: { reason: '误公开了手机号' } });
      expect(await store.tombstone('pub-nope', '不存在', T1)).toEqual({ kind: 'not-found', publicationId: 'pub-nope' });
      await expect(store.tombstone('pub-f2', '   ', T1)).rejects.toThrow(/reason/);
      expect(await store.logSize()).toBe(before + 1);
      expect(await store.getTakedown('pub-f1')).toMatchObject({ publicationId: 'pub-f1', logIndex: before });
      expect(await store.getTakedown('pub-f2')).toBeNull();
      expect((await store.listTakedowns()).map((t) => t.publicationId)).toEqual(['pub-f1']);
      expect((await store.getPublication('pub-f1'))?.content.title).toBe('v1');
      expect(await findings()).toEqual([]);
    });

    describe('tampering behind the store', () => {
      it("names the publication whose content was changed in the database", async () => {
        await seed();
        await tamper.changeContent('pub-s1', { ...subsidy(), title: '改过的名单' });
        expect(await findings()).toEqual([{ kind: 'content-mismatch', publication: 'pub-s1', index: 2 }]);
      });

      it('sees a deleted leaf: a gap, the publication it covered, and a root unlike the saved one', async () => {
        await seed();
        const size = await store.logSize();
        const saved = await store.logRoot(size);
        await tamper.deleteLeaf(2);
        const found = await findings(saved.kind === 'root' ? [saved] : []);
        expect(found).toContainEqual({ kind: 'missing-leaf', index: 2 });
        expect(found).toContainEqual({ kind: 'publication-not-logged', publication: 'pub-s1' });
        expect(found).toContainEqual({ kind: 'log-too-short', size, leaves: size - 1 });
      });

      it('sees reordered leaves: a version before the one it supersedes, and a root unlike the saved one', async () => {
        await seed();
        const size = await store.logSize();
        const saved = await store.logRoot(size);
        const [first, second] = [await store.logIndexOfPublication('pub-f1'), await store.logIndexOfPublication('pub-f2')];
        await tamper.swapLeaves(first!, second!);
        const found = await findings(saved.kind === 'root' ? [saved] : []);
        expect(found).toContainEqual(expect.objectContaining({ kind: 'out-of-order', index: first, ref: 'pub-f2' }));
        expect(found).toContainEqual({ kind: 'root-mismatch', size });
      });
    });
  });
}

// ——— fixtures ———

const VILLAGE = FIXTURE_VILLAGE;
const version = fixtureVersion;
const finance = fixtureFinance;
const subsidy = fixtureSubsidy;
const T0 = '2026-07-06T01:00:00.000Z';
const T1 = '2026-07-07T02:00:00.000Z';

function code(n: number): string {
  return trackingCodeFrom(Uint8Array.from([n, 0x6c, 0x6f, 0x67, 0x21, 0x5a, 0]));
}

function complaint(n: number, contact?: { name: string; phone: string }): NewComplaint {
  return newComplaint(
    { village: VILLAGE, category: '财务公开', text: `第${n}号：办公用品的开支是否属实？`, anonymous: false, ...(contact ? { contact } : {}) },
    code(n),
    T0,
  );
}

function ok<T>(result: { ok: true; leaf: T } | { ok: false; problem: string }): T {
  if (!result.ok) throw new Error(result.problem);
  return result.leaf;
}

function describeLeaf(leaf: LogLeaf): string {
  switch (leaf.type) {
    case 'publication':
      return `publication ${leaf.id}`;
    case 'complaint-event':
      return `complaint ${leaf.complaint}/${leaf.seq}`;
    case 'tombstone':
      return `tombstone ${leaf.publication}`;
    case 'flag-event':
      return `flag ${leaf.flag}/${leaf.seq}`;
    case 'rectification-event':
      return `round ${leaf.round}/${leaf.seq}`;
    case 'flag-settings':
      return `flag settings ${leaf.code}/${leaf.version}`;
    case 'complaint-step-tombstone':
      return `takedown of complaint ${leaf.complaint}/${leaf.seq}`;
    case 'decision-entry':
      return `decision matter ${leaf.matter}/${leaf.seq}`;
    case 'power-catalogue':
      return `power list ${leaf.scope}/${leaf.seq}`;
    case 'region-summary':
      return `region summary ${leaf.scope}/${leaf.seq}`;
  }
}
