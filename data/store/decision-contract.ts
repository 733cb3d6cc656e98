import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../canonical-json.ts';
import { currentRecord, factsOf } from '../decisions/decision-matter.ts';
import type { DecisionRecord, DecisionStep } from '../decisions/decision-record.ts';
import { roadMatter, wastelandMatter } from '../decisions/checks/test-records.ts';
import { auditLog } from '../log/audit-log.ts';
import { decisionEntryDigest, parseLeaf } from '../log/log-leaf.ts';
import type { DecisionStore } from './decision-store.ts';
import type { Store } from './store.ts';

/**
 * What every backend must do with 四议两公开 matters (decision-store.ts). `connect` opens a second
 * connection to the same backend; `cleanup` closes every connection and removes the store.
 */
export type DecisionContractStore = DecisionStore & Pick<Store, 'logSize' | 'logLeaves'>;

export type OpenDecisionStore = () => Promise<{
  store: DecisionContractStore;
  connect: () => Promise<DecisionContractStore>;
  cleanup: () => Promise<void>;
}>;

const T = ['2026-09-25T08:00:00.000Z', '2026-10-02T08:00:00.000Z', '2026-10-09T08:00:00.000Z'] as const;

export function describeDecisionContract(name: string, open: OpenDecisionStore): void {
  describe(`Decision store contract: ${name}`, () => {
    let store: DecisionContractStore;
    let connect: () => Promise<DecisionContractStore>;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      ({ store, connect, cleanup } = await open());
    });
    afterEach(async () => {
      await cleanup();
    });

    it('records each matter of a register numbered 1, 2 …, its facts and steps as entries that read back as the record', async () => {
      const road = roadMatter();
      const hill = wastelandMatter();
      const { matters, added } = await store.recordDecisions([road, hill], T[0]);
      expect(matters.map((m) => [m.id, m.subject, m.createdAt])).toEqual([
        ['1', road.subject, T[0]],
        ['2', hill.subject, T[0]],
      ]);
      expect(added).toBe(1 + road.steps.length + 1 + hill.steps.length);
      const first = matters[0]!;
      expect(first.entries.map((e) => [e.seq, e.entry, e.recordedAt])).toEqual([[1, 'matter', T[0]], ...road.steps.map((_, i) => [i + 2, 'step', T[0]])]);
      expect(currentRecord(first)).toEqual(road);
      expect(await store.getDecisionMatter('1')).toEqual(first);
      for (const id of ['3', '0', 'x', '']) expect(await store.getDecisionMatter(id)).toBeNull();
    });

    it('appends only what is new when the register is uploaded again: a late step, changed facts; the same register adds nothing', async () => {
      const hill = wastelandMatter();
      await store.recordDecisions([hill], T[0]);
      const size = await store.logSize();
      const again = await store.recordDecisions([{ ...hill, steps: hill.steps.map((s, i) => ({ ...s, row: (s.row ?? 0) + i + 1 })) }], T[1]);
      expect(again.added).toBe(0);
      expect(await store.logSize()).toBe(size);

      const result: DecisionStep = { ...hill.steps.at(-1)!, step: 'result-disclosure', label: '实施结果公开', date: '2026-09-30', content: '流转合同已签订，首年流转费已入账', row: null };
      const later: DecisionRecord = { ...hill, amount: 1_800_000, steps: [...hill.steps, result] };
      const { matters, added } = await store.recordDecisions([later], T[2]);
      expect(added).toBe(2);
      const matter = matters[0]!;
      expect(matter.entries.slice(-2).map((e) => [e.entry, e.recordedAt])).toEqual([
        ['matter', T[2]],
        ['step', T[2]],
      ]);
      // recorded late: the step says when it happened, the entry when it was recorded
      expect(matter.entries.at(-1)?.value).toMatchObject({ step: 'result-disclosure', date: '2026-09-30' });
      expect(currentRecord(matter)).toEqual(later);
      // the earlier facts stay in the history
      expect(matter.entries.filter((e) => e.entry === 'matter').map((e) => (e.value as ReturnType<typeof factsOf>).amount)).toEqual([null, 1_800_000]);
    });

    it('logs every entry with a leaf whose digest covers the entry as served, and the log audits clean', async () => {
      await store.recordDecisions([roadMatter()], T[0]);
      const matter = (await store.getDecisionMatter('1'))!;
      const leaves = await store.logLeaves(0, await store.logSize());
      const parsed = leaves.map((l) => {
        const r = parseLeaf(l.leaf);
        if (!r.ok) throw new Error(r.problem);
        return { index: l.index, leaf: r.leaf };
      });
      const entryLeaves = parsed.filter((p) => p.leaf.type === 'decision-entry');
      expect(entryLeaves).toHaveLength(matter.entries.length);
      for (const e of matter.entries) {
        const logged = entryLeaves.find((p) => p.index === e.logIndex)?.leaf;
        expect(logged).toEqual({ type: 'decision-entry', matter: '1', village: matter.village, seq: e.seq, entry: e.entry, at: e.recordedAt, sha256: decisionEntryDigest(matter, e.value) });
      }
      // the digest covers the canonical entry: a changed vote count gives another digest
      const step = matter.entries.find((e) => e.entry === 'step' && e.value.step === 'party-members-meeting')!;
      const forged = { ...(step.value as DecisionStep), votesFor: 30 };
      expect(decisionEntryDigest(matter, forged)).not.toBe(decisionEntryDigest(matter, step.value));
      expect(canonicalJson(step.value)).toBe(canonicalJson(JSON.parse(canonicalJson(step.value))));
      expect(auditLog(leaves, []).findings).toEqual([]);
    });

    it('keeps one matter per village and 事由, whoever records it, and lists matters by village prefix', async () => {
      const other = await connect();
      const road = roadMatter();
      const elsewhere: DecisionRecord = { ...road, village: '430821211201' };
      await Promise.all([store.recordDecisions([road], T[0]), other.recordDecisions([road, elsewhere], T[1])]);
      const all = await store.listDecisionMatters('');
      expect(all.map((m) => [m.id, m.village])).toEqual([
        ['1', road.village],
        ['2', '430821211201'],
      ]);
      expect(all[0]!.entries.filter((e) => e.entry === 'matter')).toHaveLength(1);
      expect(all[0]!.entries.map((e) => e.seq)).toEqual(all[0]!.entries.map((_, i) => i + 1));
      expect((await other.listDecisionMatters(road.village)).map((m) => m.id)).toEqual(['1']);
      expect(await store.listDecisionMatters('430822')).toEqual([]);
    });

    it('marks the matters a sample register creates as sample data, and a matter keeps what it was created as', async () => {
      const { matters } = await store.recordDecisions([roadMatter()], T[0], { sample: true });
      expect(matters[0]?.sample).toBe(true);
      const again = await store.recordDecisions([roadMatter(), wastelandMatter()], T[1]);
      expect(again.matters.map((m) => [m.subject, m.sample])).toEqual([
        [roadMatter().subject, true],
        [wastelandMatter().subject, false],
      ]);
    });

    it('refuses a record the schema does not accept and writes nothing', async () => {
      const size = await store.logSize();
      const bad = { ...roadMatter(), village: '4308' } as DecisionRecord;
      await expect(store.recordDecisions([roadMatter(), bad], T[0])).rejects.toThrow();
      expect(await store.logSize()).toBe(size);
      expect(await store.listDecisionMatters('')).toEqual([]);
    });
  });
}
