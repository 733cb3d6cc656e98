import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Finding } from '../flags/finding.ts';
import type { Flag } from '../flags/flag.ts';
import { flagAction } from '../flags/flag-workflow.ts';
import type { FlagSettingsDocument } from '../flags/flag-settings.ts';
import { auditLog } from '../log/audit-log.ts';
import { flagEventDigest, flagSettingsDigest, parseLeaf, type LogLeaf } from '../log/log-leaf.ts';
import type { BeneficiaryIndex, FlagRunInput, FlagSettingsStore, FlagStore } from './flag-store.ts';
import type { BeneficiaryLookup } from './beneficiary-lookup.ts';
import { MAX_FLAG_LIST } from './flag-store.ts';
import { describeBeneficiaryContract, describeBeneficiaryLookupContract } from './beneficiary-contract.ts';
import { everyFlag } from './list-every.ts';
import type { Store } from './store.ts';

/**
 * What every backend must do with red flags, county flag settings and beneficiary fingerprints
 * (flag-store.ts). `connect` opens a second connection to the same backend, for what only shows
 * when two writers race (public ids); `cleanup` closes every connection and removes the store.
 */
export type FlagContractStore = FlagStore & FlagSettingsStore & BeneficiaryIndex & BeneficiaryLookup & Pick<Store, 'publish' | 'tombstone' | 'logSize' | 'logLeaves'>;

export type OpenFlagStore = () => Promise<{ store: FlagContractStore; connect: () => Promise<FlagContractStore>; cleanup: () => Promise<void> }>;

export function describeFlagContract(name: string, open: OpenFlagStore): void {
  describe(`Flag store contract: ${name}`, () => {
    let store: FlagContractStore;
    let connect: () => Promise<FlagContractStore>;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      ({ store, connect, cleanup } = await open());
    });
    afterEach(async () => {
      await cleanup();
    });

    const ids = (flags: readonly Flag[]) => flags.map((f) => f.id);
    const types = async (id: string) => (await store.getFlag(id))?.events.map((e) => e.type);
    const act = (id: string, action: Parameters<typeof flagAction>[1], at: string = T[3]) => store.updateFlag(id, (f) => flagAction(f, action, REVIEWER, at));

    describe('runs', () => {
      it('raises a flag per new finding, numbered 1, 2, 3 across runs, each with its raised event', async () => {
        const first = await store.applyFlagRun(run('run-1', [finding(1), finding(2)]));
        expect(first.run).toEqual({ id: 'run-1', village: VILLAGE, at: T[0], trigger: 'publication', rules: ['receivable-overdue'], findings: 2 });
        expect(first.changed).toEqual([]);
        const f1 = finding(1);
        expect(first.raised[0]).toEqual({
          id: '1',
          village: VILLAGE,
          rule: 'receivable-overdue',
          key: f1.key,
          title: f1.title,
          detail: f1.detail,
          amount: f1.amount,
          evidence: f1.evidence,
          sample: false,
          status: 'open',
          raisedAt: T[0],
          publicFrom: PUBLIC_FROM,
          updatedAt: T[0],
          events: [{ seq: 1, at: T[0], actor: '系统', type: 'raised', run: 'run-1', title: f1.title, detail: f1.detail, amount: f1.amount, evidence: f1.evidence }],
        });
        const second = await store.applyFlagRun(run('run-2', [finding(1), finding(2), finding(3)], { at: T[1] }));
        expect([...ids(first.raised), ...ids(second.raised)]).toEqual(['1', '2', '3']);
        expect(await store.getFlag('1')).toEqual(first.raised[0]);
        expect(await store.getFlag('3')).toEqual(second.raised[0]);
        for (const id of ['4', '0', '-1', '1.0', 'abc', '']) expect(await store.getFlag(id)).toBeNull();
      });

      it('updates the wording when a later run finds other figures, and adds nothing when they are the same', async () => {
        await store.applyFlagRun(run('run-1', [finding(1)]));
        const partial = finding(1, { title: '合同KJP-1的租金尚有50.00元未见入账', amount: 50_00 });
        const second = await store.applyFlagRun(run('run-2', [partial], { at: T[1] }));
        expect(second.raised).toEqual([]);
        expect(ids(second.changed)).toEqual(['1']);
        expect(second.changed[0]).toMatchObject({ status: 'open', title: partial.title, amount: 50_00, updatedAt: T[1], raisedAt: T[0] });
        expect(second.changed[0]?.events[1]).toEqual({ seq: 2, at: T[1], actor: '系统', type: 'updated', run: 'run-2', title: partial.title, detail: partial.detail, amount: 50_00, evidence: partial.evidence });
        const third = await store.applyFlagRun(run('run-3', [partial], { at: T[2] }));
        expect(third).toMatchObject({ raised: [], changed: [] });
        expect(await store.getFlag('1')).toEqual(second.changed[0]);
      });

      it('resolves by the data a problem no longer found, and reopens it when it is found again', async () => {
        await store.applyFlagRun(run('run-1', [finding(1), finding(2)]));
        await act('1', { type: 'explain', text: '承包方已口头承诺月底前缴清。' }, T[1]);
        const resolved = await store.applyFlagRun(run('run-2', [finding(2)], { at: T[2] }));
        expect(ids(resolved.changed)).toEqual(['1']);
        expect(resolved.changed[0]?.status).toBe('resolved');
        expect(resolved.changed[0]?.events.at(-1)).toMatchObject({ seq: 3, type: 'resolved', byData: true, run: 'run-2', actor: '系统' });
        const back = finding(1, { amount: 70_00 });
        const reopened = await store.applyFlagRun(run('run-3', [back, finding(2)], { at: T[3] }));
        expect(reopened.raised).toEqual([]);
        expect(reopened.changed[0]).toMatchObject({ id: '1', status: 'open', amount: 70_00, updatedAt: T[3] });
        expect(await types('1')).toEqual(['raised', 'explained', 'resolved', 'reopened', 'updated']);
        expect(await types('2')).toEqual(['raised']);
      });

      it('leaves a flag a reviewer dismissed or resolved as it is, whatever later runs find', async () => {
        await store.applyFlagRun(run('run-1', [finding(1), finding(2)]));
        expect((await act('1', { type: 'dismiss', reason: '该合同已于2026年解除，无需收取。' })).kind).toBe('updated');
        expect((await act('2', { type: 'resolve', reason: '已补缴入账。' })).kind).toBe('updated');
        expect(await store.applyFlagRun(run('run-2', [], { at: T[4] }))).toMatchObject({ raised: [], changed: [] });
        expect(await store.applyFlagRun(run('run-3', [finding(1, { amount: 1 }), finding(2)], { at: T[4] }))).toMatchObject({ raised: [], changed: [] });
        expect((await store.getFlag('1'))?.status).toBe('dismissed');
        expect(await types('1')).toEqual(['raised', 'dismissed']);
        expect(await types('2')).toEqual(['raised', 'resolved']);
      });

      it('touches only the flags of its own village and of the rules that ran', async () => {
        const both = ['receivable-overdue', 'contract-term'] as const;
        await store.applyFlagRun(run('run-1', [finding(1), finding(1, { rule: 'contract-term' })], { rules: both }));
        await store.applyFlagRun(run('run-2', [finding(1, { village: OTHER_VILLAGE })], { village: OTHER_VILLAGE }));
        const termOnly = await store.applyFlagRun(run('run-3', [], { rules: ['contract-term'], at: T[1] }));
        expect(ids(termOnly.changed)).toEqual(['2']);
        expect((await store.listFlags({ scope: '' })).map((f) => [f.id, f.status])).toEqual([['3', 'open'], ['2', 'resolved'], ['1', 'open']]);
      });

      it('refuses a finding of a rule that did not run or about another village, writing nothing', async () => {
        await expect(store.applyFlagRun(run('run-1', [finding(1, { rule: 'contract-term' })]))).rejects.toThrow(/rule that did not run/);
        await expect(store.applyFlagRun(run('run-2', [finding(1, { village: OTHER_VILLAGE })]))).rejects.toThrow(/another village/);
        expect(await store.listFlags({ scope: '' })).toEqual([]);
        expect(await store.lastFlagRun(VILLAGE)).toBeNull();
        expect(await store.logSize()).toBe(0);
      });

      it('rolls a whole run back when part of it cannot be stored', async () => {
        await store.applyFlagRun(run('run-1', [finding(1)]));
        const before = await store.logSize();
        // the run id is taken: the run row fails after its flags and leaves were written
        await expect(store.applyFlagRun(run('run-1', [finding(2)], { at: T[1] }))).rejects.toThrow();
        expect(ids(await store.listFlags({ scope: '' }))).toEqual(['1']);
        expect(await store.logSize()).toBe(before);
        expect(ids((await store.applyFlagRun(run('run-2', [finding(1), finding(2)], { at: T[1] }))).raised)).toEqual(['2']);
      });

      it("remembers each village's latest run", async () => {
        await store.applyFlagRun(run('run-1', [finding(1)]));
        await store.applyFlagRun(run('run-2', [], { at: T[1], trigger: 'nightly' }));
        await store.applyFlagRun(run('run-3', [], { village: OTHER_VILLAGE, at: T[2] }));
        expect(await store.lastFlagRun(VILLAGE)).toEqual({ id: 'run-2', village: VILLAGE, at: T[1], trigger: 'nightly', rules: ['receivable-overdue'], findings: 0 });
        expect(await store.lastFlagRun(FAR_VILLAGE)).toBeNull();
      });
    });

    describe('actions', () => {
      it('records a reviewer decision, and returns an action that does not apply as a value', async () => {
        await store.applyFlagRun(run('run-1', [finding(1)]));
        await act('1', { type: 'explain', text: '承包方已口头承诺月底前缴清。' }, T[1]);
        const confirmed = await act('1', { type: 'confirm', reason: '经核实确未收取。' }, T[2]);
        expect(confirmed).toMatchObject({ kind: 'updated', flag: { status: 'confirmed', updatedAt: T[2] } });
        if (confirmed.kind !== 'updated') throw new Error('not updated');
        expect(confirmed.flag.events.at(-1)).toEqual({ seq: 3, at: T[2], actor: REVIEWER, type: 'confirmed', reason: '经核实确未收取。' });
        expect(await act('1', { type: 'dismiss', reason: '无需处理。' })).toEqual({ kind: 'invalid-transition', from: 'confirmed', action: 'dismiss' });
        expect(await store.getFlag('1')).toEqual(confirmed.flag);
        for (const id of ['2', '0', 'x']) expect(await act(id, { type: 'resolve', reason: '已处理。' })).toEqual({ kind: 'not-found', id });
      });

      it('lets only one of two simultaneous confirmations through', async () => {
        await store.applyFlagRun(run('run-1', [finding(1)]));
        const confirm = () => act('1', { type: 'confirm', reason: '经核实确未收取。' });
        const outcomes = await Promise.all([confirm(), confirm()]);
        expect(outcomes.map((o) => o.kind).sort()).toEqual(['invalid-transition', 'updated']);
        expect(await types('1')).toEqual(['raised', 'confirmed']);
      });

      it('writes nothing when the action throws', async () => {
        const [flag] = (await store.applyFlagRun(run('run-1', [finding(1)]))).raised;
        const size = await store.logSize();
        await expect(store.updateFlag('1', () => { throw new Error('the action failed'); })).rejects.toThrow('the action failed');
        expect(await store.getFlag('1')).toEqual(flag);
        expect(await store.logSize()).toBe(size);
      });
    });

    describe('listing and counting', () => {
      /** 1, 2 in VILLAGE (T0); 3 in OTHER_VILLAGE (T1, split-payments); 4 in FAR_VILLAGE (T2); 2 dismissed, 1 explained. */
      const seed = async () => {
        await store.applyFlagRun(run('run-a', [finding(1), finding(2)], { publicFrom: [PUBLIC_FROM, LATER] }));
        await store.applyFlagRun(run('run-b', [finding(3, { rule: 'split-payments', village: OTHER_VILLAGE })], { village: OTHER_VILLAGE, rules: ['split-payments'], at: T[1] }));
        await store.applyFlagRun(run('run-c', [finding(4, { village: FAR_VILLAGE })], { village: FAR_VILLAGE, at: T[2] }));
        await act('2', { type: 'dismiss', reason: '该合同已解除。' });
        await act('1', { type: 'explain', text: '承包方已口头承诺月底前缴清。' });
      };
      const list = async (filter: Parameters<FlagStore['listFlags']>[0]) => ids(await store.listFlags(filter));

      it('filters by scope, status, active, rule and public time, newest first, at most `limit`', async () => {
        await seed();
        expect(await list({ scope: '' })).toEqual(['4', '3', '2', '1']);
        expect(await list({ scope: VILLAGE })).toEqual(['2', '1']);
        expect(await list({ scope: '430802108' })).toEqual(['3', '2', '1']);
        expect(await list({ scope: '430821' })).toEqual(['4']);
        expect(await list({ scope: '430803' })).toEqual([]);
        expect(await list({ scope: '', status: 'dismissed' })).toEqual(['2']);
        expect(await list({ scope: '', status: 'open' })).toEqual(['4', '3']);
        expect(await list({ scope: '', status: 'active' })).toEqual(['4', '3', '1']);
        expect(await list({ scope: '', rule: 'split-payments' })).toEqual(['3']);
        expect(await list({ scope: '430802', status: 'active', rule: 'receivable-overdue' })).toEqual(['1']);
        expect(await list({ scope: '', publicAt: PUBLIC_FROM })).toEqual(['4', '3', '1']);
        expect(await list({ scope: '', publicAt: '2026-07-01T00:00:00.000Z' })).toEqual([]);
        expect(await list({ scope: '', limit: 2 })).toEqual(['4', '3']);
        for (const flag of await store.listFlags({ scope: '' })) expect(flag).toEqual(await store.getFlag(flag.id));
      });

      it('lists the flags that became public after an instant (the night’s newly shown), and at it', async () => {
        await seed();
        // 2 is public from LATER, the others from PUBLIC_FROM
        expect(await list({ scope: '', publicAfter: T[2] })).toEqual(['4', '3', '2', '1']);
        expect(await list({ scope: '', publicAfter: PUBLIC_FROM })).toEqual(['2']);
        expect(await list({ scope: '', publicAfter: T[2], publicAt: PUBLIC_FROM })).toEqual(['4', '3', '1']);
        expect(await list({ scope: '', publicAfter: PUBLIC_FROM, publicAt: PUBLIC_FROM })).toEqual([]);
      });

      it('continues a list after its last flag, through flags raised at one instant, each once, in order (everyFlag)', async () => {
        await store.applyFlagRun(run('run-x', Array.from({ length: 7 }, (_, i) => finding(i + 1))));
        // another village's run: a run of the same village would settle the findings it no longer finds
        await store.applyFlagRun(run('run-y', [finding(8, { village: OTHER_VILLAGE }), finding(9, { village: OTHER_VILLAGE })], { village: OTHER_VILLAGE, at: T[1] }));
        const all = await list({ scope: '' });
        expect(all).toEqual(['9', '8', '7', '6', '5', '4', '3', '2', '1']);
        expect(ids(await store.listFlags({ scope: '', limit: 3, after: { raisedAt: T[1], id: '8' } }))).toEqual(['7', '6', '5']);
        expect(ids(await everyFlag(store, { scope: '' }, 2))).toEqual(all);
        expect(ids(await everyFlag(store, { scope: '' }, 3))).toEqual(all);
        expect(ids(await everyFlag(store, { scope: '', status: 'open' }, 4))).toEqual(all);
      });

      it('continues a list read on one connection past flags another connection raised meanwhile, none twice, none missed', async () => {
        await store.applyFlagRun(run('run-x', Array.from({ length: 6 }, (_, i) => finding(i + 1))));
        const other = await connect();
        const first = await store.listFlags({ scope: '', limit: 4 });
        expect(ids(first)).toEqual(['6', '5', '4', '3']);
        // raised later: newer than every flag of the list, so never part of its next page
        await other.applyFlagRun(run('run-z', [finding(7, { village: OTHER_VILLAGE })], { village: OTHER_VILLAGE, at: T[2] }));
        const last = first[first.length - 1]!;
        expect(ids(await store.listFlags({ scope: '', limit: 4, after: { raisedAt: last.raisedAt, id: last.id } }))).toEqual(['2', '1']);
        expect(ids(await everyFlag(store, { scope: '' }, 3))).toEqual(['7', '6', '5', '4', '3', '2', '1']);
      });

      it(`returns 1,000 unless asked for more, and never more than ${MAX_FLAG_LIST}`, async () => {
        await store.applyFlagRun(run('run-big', Array.from({ length: MAX_FLAG_LIST + 1 }, (_, i) => finding(i + 1))));
        expect(await store.listFlags({ scope: '' })).toHaveLength(1_000);
        expect(await store.listFlags({ scope: '', limit: 10_000 })).toHaveLength(MAX_FLAG_LIST);
        expect((await store.listFlags({ scope: '', limit: 1 }))[0]?.id).toBe(String(MAX_FLAG_LIST + 1));
      });

      it('counts by status and rule, villages with active flags, and flags raised per month in China time', async () => {
        await seed();
        // 2026-06-30T16:00Z is already 1 July in Beijing; 2026-07-31T17:00Z is 1 August
        await store.applyFlagRun(run('run-d', [finding(5, { village: FAR_VILLAGE }), finding(4, { village: FAR_VILLAGE })], { village: FAR_VILLAGE, at: '2026-06-30T15:59:59.000Z' }));
        await store.applyFlagRun(run('run-e', [finding(6, { village: THIRD_VILLAGE })], { village: THIRD_VILLAGE, at: '2026-07-31T17:00:00.000Z', publicFrom: ['2026-08-07T01:00:00.000Z'] }));
        expect(await store.flagCounts('', null)).toEqual({
          total: 6,
          byStatus: { open: 4, explained: 1, confirmed: 0, dismissed: 1, resolved: 0 },
          byRule: { 'receivable-overdue': 5, 'split-payments': 1 },
          villagesWithActive: 4,
          raisedByMonth: [
            { month: '2026-06', count: 1 },
            { month: '2026-07', count: 4 },
            { month: '2026-08', count: 1 },
          ],
        });
        expect(await store.flagCounts('430802108', PUBLIC_FROM)).toEqual({
          total: 2,
          byStatus: { open: 1, explained: 1, confirmed: 0, dismissed: 0, resolved: 0 },
          byRule: { 'receivable-overdue': 1, 'split-payments': 1 },
          villagesWithActive: 2,
          raisedByMonth: [{ month: '2026-07', count: 2 }],
        });
        expect(await store.flagCounts('430803', null)).toEqual({
          total: 0,
          byStatus: { open: 0, explained: 0, confirmed: 0, dismissed: 0, resolved: 0 },
          byRule: {},
          villagesWithActive: 0,
          raisedByMonth: [],
        });
      });
    });

    describe('settings', () => {
      it('stores versions 1, 2 … per code and reads the latest', async () => {
        expect(await store.getFlagSettings(COUNTY)).toBeNull();
        const v1 = await store.saveFlagSettings({ code: COUNTY, document: SETTINGS, at: T[0], actor: '永定区纪委' });
        const changed: FlagSettingsDocument = { ...SETTINGS, publication: { mode: 'immediate', workingDays: 0 }, disabled: ['late-disclosure'] };
        const v2 = await store.saveFlagSettings({ code: COUNTY, document: changed, at: T[1], actor: '永定区纪委' });
        const region = await store.saveFlagSettings({ code: '4308', document: SETTINGS, at: T[2], actor: '市纪委' });
        expect([v1.version, v2.version, region.version]).toEqual([1, 2, 1]);
        expect(v2).toEqual({ code: COUNTY, version: 2, document: changed, at: T[1], actor: '永定区纪委', sha256: flagSettingsDigest(changed) });
        expect(await store.getFlagSettings(COUNTY)).toEqual(v2);
        expect(await store.listFlagSettings(COUNTY)).toEqual([v2, v1]);
        expect(await store.getFlagSettings('430821')).toBeNull();
        expect(await store.listFlagSettings('430821')).toEqual([]);
        expect(await store.flagSettingsCodes('')).toEqual(['4308', COUNTY]);
        expect(await store.flagSettingsCodes('4308')).toEqual(['4308', COUNTY]);
        expect(await store.flagSettingsCodes(COUNTY)).toEqual([COUNTY]);
        expect(await store.flagSettingsCodes('430821')).toEqual([]);
      });

      it('refuses a document that is not valid settings, storing nothing', async () => {
        const bad = { ...SETTINGS, publication: { mode: 'never', workingDays: 5 } } as unknown as FlagSettingsDocument;
        await expect(store.saveFlagSettings({ code: COUNTY, document: bad, at: T[0], actor: '永定区纪委' })).rejects.toThrow();
        expect(await store.getFlagSettings(COUNTY)).toBeNull();
        expect(await store.logSize()).toBe(0);
      });
    });

    describeBeneficiaryContract(() => store);
    describeBeneficiaryLookupContract(() => store);

    describe('the log', () => {
      it('logs every flag step and settings version with its digest, and the audit of them passes', async () => {
        await store.applyFlagRun(run('run-1', [finding(1), finding(2)]));
        await act('1', { type: 'explain', text: '承包方已口头承诺月底前缴清。' }, T[1]);
        await store.applyFlagRun(run('run-2', [finding(1, { amount: 10_00 })], { at: T[2] }));
        const settings = [
          await store.saveFlagSettings({ code: COUNTY, document: SETTINGS, at: T[2], actor: '永定区纪委' }),
          await store.saveFlagSettings({ code: COUNTY, document: { ...SETTINGS, disabled: ['cash-over-limit'] }, at: T[3], actor: '永定区纪委' }),
        ];
        const flags = await store.listFlags({ scope: '' });
        const leaves = await store.logLeaves(0, await store.logSize());
        const parsed = leaves.map((l) => parseLeaf(l.leaf)).flatMap((p) => (p.ok ? [p.leaf] : []));
        expect(parsed).toHaveLength(leaves.length);
        const flagLeaves = parsed.filter((l): l is Extract<LogLeaf, { type: 'flag-event' }> => l.type === 'flag-event');
        expect(flagLeaves.map((l) => `${l.flag}/${l.seq} ${l.event}`)).toEqual(['1/1 raised', '2/1 raised', '1/2 explained', '1/3 updated', '2/2 resolved']);
        for (const flag of flags) {
          for (const event of flag.events) {
            const leaf = flagLeaves.find((l) => l.flag === flag.id && l.seq === event.seq);
            expect(leaf).toEqual({ type: 'flag-event', flag: flag.id, village: flag.village, seq: event.seq, event: event.type, at: event.at, sha256: flagEventDigest(flag, event) });
          }
        }
        const settingsLeaves = parsed.filter((l) => l.type === 'flag-settings');
        expect(settingsLeaves).toEqual(settings.map((s) => ({ type: 'flag-settings', code: COUNTY, version: s.version, at: s.at, sha256: flagSettingsDigest(s.document) })));
        expect(auditLog(leaves, [], { flags, flagSettings: settings }).findings).toEqual([]);

        // the audit can fail: a step served with other words than were logged
        const [first] = flags.filter((f) => f.id === '1');
        const reworded = { ...first!, events: first!.events.map((e) => (e.type === 'explained' ? { ...e, text: '另一种说法。' } : e)) };
        expect(auditLog(leaves, [], { flags: [reworded] }).findings).toEqual([{ kind: 'record-mismatch', record: 'flag', id: '1', seq: 2, index: 2, fields: ['sha256'] }]);
      });
    });

    describe('two connections', () => {
      it('numbers flags raised through two connections at once 1…n, without a gap or a repeat', async () => {
        const other = await connect();
        const villages = Array.from({ length: 20 }, (_, i) => `430802108${String(300 + i)}`);
        const results = await Promise.all(
          villages.map((v, i) => (i % 2 === 0 ? store : other).applyFlagRun(run(`run-${i}`, [1, 2, 3].map((n) => finding(n, { village: v })), { village: v }))),
        );
        const raised = results.flatMap((r) => ids(r.raised)).map(Number).sort((a, b) => a - b);
        expect(raised).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
        expect((await other.listFlags({ scope: '' })).map((f) => f.id).sort()).toEqual((await store.listFlags({ scope: '' })).map((f) => f.id).sort());
        expect(auditLog(await store.logLeaves(0, await store.logSize()), [], { flags: await other.listFlags({ scope: '' }) }).findings).toEqual([]);
      });

      it('lets only one of two confirmations through two connections', async () => {
        const other = await connect();
        await store.applyFlagRun(run('run-1', [finding(1)]));
        const confirm = (s: FlagContractStore) => s.updateFlag('1', (f) => flagAction(f, { type: 'confirm', reason: '经核实确未收取。' }, REVIEWER, T[1]));
        const outcomes = await Promise.all([confirm(store), confirm(other)]);
        expect(outcomes.map((o) => o.kind).sort()).toEqual(['invalid-transition', 'updated']);
        expect(await types('1')).toEqual(['raised', 'confirmed']);
      });
    });
  });
}

// ——— fixtures ———

const VILLAGE = '430802108214';
const OTHER_VILLAGE = '430802108215';
const THIRD_VILLAGE = '430802108216';
const FAR_VILLAGE = '430821211227';
const COUNTY = '430802';
const REVIEWER = '沅古坪镇纪委';
const T = ['2026-07-06T01:00:00.000Z', '2026-07-07T02:00:00.000Z', '2026-07-10T03:00:00.000Z', '2026-07-11T04:00:00.000Z', '2026-07-12T05:00:00.000Z'] as const;
const PUBLIC_FROM = '2026-07-13T01:00:00.000Z';
const LATER = '2026-07-20T01:00:00.000Z';
const SETTINGS: FlagSettingsDocument = { publication: { mode: 'after-explanation', workingDays: 5 }, calendarStart: null, disabled: [], rules: {}, decisionChecks: {}, departments: [] };

function finding(n: number, fields: Partial<Finding> = {}): Finding {
  const village = fields.village ?? VILLAGE;
  return {
    rule: 'receivable-overdue',
    village,
    key: `KJP-${n}/2026`,
    title: `合同KJP-${n}的2026年度租金未见入账`,
    detail: `合同台账第${n}行约定2026年6月30日前缴纳租金，财务收支中未见对应收入。`,
    amount: n * 100_00,
    evidence: [{ publicationId: 'pub-contracts', village, kind: 'contract', row: n + 2, label: `合同台账第${n + 2}行（KJP-${n}）` }],
    sample: false,
    ...fields,
  };
}

function run(
  id: string,
  findings: readonly Finding[],
  options: { village?: string; rules?: FlagRunInput['rules']; at?: string; trigger?: FlagRunInput['trigger']; publicFrom?: string[] } = {},
): FlagRunInput {
  return {
    id,
    village: options.village ?? VILLAGE,
    at: options.at ?? T[0],
    trigger: options.trigger ?? 'publication',
    rules: options.rules ?? ['receivable-overdue'],
    findings: findings.map((finding, i) => ({ finding, publicFrom: options.publicFrom?.[i] ?? PUBLIC_FROM })),
  };
}
