import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditLog } from '../log/audit-log.ts';
import { parseLeaf, rectificationEventDigest, type LogLeaf } from '../log/log-leaf.ts';
import type { NewRectificationEvent, NewRound, RectificationResult, RoundRecord } from '../rectification/rectification.ts';
import type { RectificationStore } from './rectification-store.ts';
import type { Store } from './store.ts';

/**
 * What every backend must do with inspection rounds (rectification-store.ts). The workflow is
 * pure and lives elsewhere; here its results are made by hand. `connect` opens a second connection
 * to the same backend; `cleanup` closes every connection and removes the store.
 */
export type RectificationContractStore = RectificationStore & Pick<Store, 'logSize' | 'logLeaves'>;

export type OpenRectificationStore = () => Promise<{
  store: RectificationContractStore;
  connect: () => Promise<RectificationContractStore>;
  cleanup: () => Promise<void>;
}>;

export function describeRectificationContract(name: string, open: OpenRectificationStore): void {
  describe(`Rectification store contract: ${name}`, () => {
    let store: RectificationContractStore;
    let connect: () => Promise<RectificationContractStore>;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      ({ store, connect, cleanup } = await open());
    });
    afterEach(async () => {
      await cleanup();
    });

    const ids = (rounds: readonly RoundRecord[]) => rounds.map((r) => r.id);

    it('opens rounds numbered 1, 2, 3, each with its opening as step 1', async () => {
      const opened = [];
      for (const scope of [TOWNSHIP, VILLAGE, COUNTY]) opened.push(await store.openRound(round(scope)));
      expect(ids(opened)).toEqual(['1', '2', '3']);
      const input = round(TOWNSHIP);
      expect(opened[0]).toEqual({ id: '1', scope: TOWNSHIP, sample: false, openedAt: T[0], updatedAt: T[0], events: [{ ...input.opened, seq: 1 }] });
      expect(await store.getRound('1')).toEqual(opened[0]);
      for (const id of ['4', '0', 'x', '']) expect(await store.getRound(id)).toBeNull();
    });

    it('appends the steps a workflow returns, numbered on, and dates the round by the last', async () => {
      await store.openRound(round(TOWNSHIP));
      const first = await store.updateRound('1', () => steps([problem(1, T[1])]));
      const second = await store.updateRound('1', () => steps([task(1, 1, T[2]), task(2, 1, T[3])]));
      expect(first).toMatchObject({ kind: 'updated', round: { updatedAt: T[1] } });
      if (second.kind !== 'updated') throw new Error(second.kind);
      expect(second.round.updatedAt).toBe(T[3]);
      expect(second.round.events.map((e) => [e.seq, e.type])).toEqual([[1, 'opened'], [2, 'problem-added'], [3, 'task-added'], [4, 'task-added']]);
      expect(second.round.events[3]).toEqual({ ...task(2, 1, T[3]), seq: 4 });
      expect(await store.getRound('1')).toEqual(second.round);
    });

    it('passes a refusal through as a value and writes nothing; an unknown round is a value too', async () => {
      const opened = await store.openRound(round(TOWNSHIP));
      const size = await store.logSize();
      const refusal: RectificationResult = { ok: false, failure: { kind: 'no-such-problem', problem: 'P9' } };
      expect(await store.updateRound('1', () => refusal)).toEqual({ kind: 'refused', failure: { kind: 'no-such-problem', problem: 'P9' } });
      for (const id of ['2', '0', 'x']) expect(await store.updateRound(id, () => steps([problem(1, T[1])]))).toEqual({ kind: 'not-found', id });
      await expect(store.updateRound('1', () => { throw new Error('the action failed'); })).rejects.toThrow('the action failed');
      await expect(store.updateRound('1', () => steps([]))).rejects.toThrow(/at least one event/);
      expect(await store.getRound('1')).toEqual(opened);
      expect(await store.logSize()).toBe(size);
    });

    it('lists the rounds on the path of a code: its own, those under it and those containing it, newest first', async () => {
      // opened one after another, so newest first is the reverse of the ids
      const scopes = [COUNTY, TOWNSHIP, VILLAGE, OTHER_VILLAGE, FAR_COUNTY, '43'];
      for (const [i, scope] of scopes.entries()) await store.openRound(round(scope, `2026-07-0${i + 1}T01:00:00.000Z`));
      const list = async (code: string) => ids(await store.listRounds(code));
      expect(await list(VILLAGE)).toEqual(['6', '3', '2', '1']);
      expect(await list(TOWNSHIP)).toEqual(['6', '4', '3', '2', '1']);
      expect(await list(COUNTY)).toEqual(['6', '4', '3', '2', '1']);
      expect(await list(FAR_COUNTY)).toEqual(['6', '5']);
      expect(await list('')).toEqual(['6', '5', '4', '3', '2', '1']);
      expect(await list('44')).toEqual([]);
      for (const r of await store.listRounds('')) expect(r).toEqual(await store.getRound(r.id));
    });

    it('logs every step with its digest, and the audit of the rounds passes', async () => {
      await store.openRound(round(TOWNSHIP));
      await store.openRound(round(VILLAGE));
      await store.updateRound('1', () => steps([problem(1, T[1]), task(1, 1, T[1])]));
      await store.updateRound('2', () => steps([{ type: 'rule-adopted', title: '村级财务公开审核制度', at: T[2], actor: INSPECTOR }]));
      const rounds = await store.listRounds('');
      const leaves = await store.logLeaves(0, await store.logSize());
      const parsed = leaves.map((l) => parseLeaf(l.leaf)).flatMap((p) => (p.ok ? [p.leaf] : []));
      const roundLeaves = parsed.filter((l): l is Extract<LogLeaf, { type: 'rectification-event' }> => l.type === 'rectification-event');
      expect(roundLeaves.map((l) => `${l.round}/${l.seq} ${l.event}`)).toEqual(['1/1 opened', '2/1 opened', '1/2 problem-added', '1/3 task-added', '2/2 rule-adopted']);
      for (const r of rounds) {
        for (const event of r.events) {
          expect(roundLeaves.find((l) => l.round === r.id && l.seq === event.seq)).toEqual({
            type: 'rectification-event',
            round: r.id,
            seq: event.seq,
            event: event.type,
            at: event.at,
            sha256: rectificationEventDigest(r, event),
          });
        }
      }
      expect(auditLog(leaves, [], { rounds }).findings).toEqual([]);
      // the audit can fail: a round served without one of its logged steps
      const [second] = rounds.filter((r) => r.id === '1');
      expect(auditLog(leaves, [], { rounds: [{ ...second!, events: second!.events.slice(0, 2) }] }).findings).toEqual([{ kind: 'record-missing', record: 'round', id: '1', seq: 3, index: 3 }]);
    });

    it('numbers rounds opened through two connections at once 1…n, without a gap or a repeat', async () => {
      const other = await connect();
      const opened = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? store : other).openRound(round(i % 3 === 0 ? COUNTY : VILLAGE))));
      expect(opened.map((r) => Number(r.id)).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
      await Promise.all(opened.map((r, i) => (i % 2 === 0 ? other : store).updateRound(r.id, () => steps([problem(1, T[1])]))));
      const rounds = await other.listRounds('');
      expect(rounds.every((r) => r.events.map((e) => e.seq).join() === '1,2')).toBe(true);
      expect(auditLog(await store.logLeaves(0, await store.logSize()), [], { rounds }).findings).toEqual([]);
    });
  });
}

// ——— fixtures ———

const COUNTY = '430802';
const TOWNSHIP = '430802108';
const VILLAGE = '430802108214';
const OTHER_VILLAGE = '430802108215';
const FAR_COUNTY = '430821';
const INSPECTOR = '区委第三巡察组';
const T = ['2026-07-06T01:00:00.000Z', '2026-07-07T02:00:00.000Z', '2026-07-10T03:00:00.000Z', '2026-07-11T04:00:00.000Z'] as const;

function round(scope: string, at: string = T[0]): NewRound {
  return {
    scope,
    sample: false,
    at,
    opened: {
      type: 'opened',
      at,
      actor: '区委巡察办',
      objectName: '沅古坪镇',
      scope,
      title: '2026年第二轮巡察',
      team: INSPECTOR,
      start: '2026-07-01',
      end: '2026-08-31',
      contact: '电话 0744-8221234，意见箱设在镇政府门口',
    },
  };
}

function steps(events: NewRectificationEvent[]): RectificationResult {
  return { ok: true, events };
}

function problem(n: number, at: string): NewRectificationEvent {
  return { type: 'problem-added', problem: `P${n}`, village: VILLAGE, source: 'inspection', sourceRef: null, description: '村集体资产租金未按合同收取。', amount: 130_600_00, at, actor: INSPECTOR };
}

function task(n: number, problemNumber: number, at: string): NewRectificationEvent {
  return { type: 'task-added', task: `T${n}`, problem: `P${problemNumber}`, measure: '限期追缴租金并入账。', responsible: '村党支部书记', village: VILLAGE, deadline: '2026-09-30', immediate: n === 1, at, actor: INSPECTOR };
}
