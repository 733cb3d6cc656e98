import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rectificationEventDigest } from '../../data/log/log-leaf.ts';
import { bearer, GAOFENG, KANGJIAPING, MATOUXI, SHUANGXING, testApp, type TestApp } from '../test-support.ts';

/** Inspection rounds over HTTP: who may do what, refusals as values, every step public with its digest. */

let t: TestApp;
let inspector: string;
let village: string;
let round: string;

const json = (token: string, body: unknown): RequestInit => ({ method: 'POST', headers: { ...bearer(token), 'content-type': 'application/json' }, body: JSON.stringify(body) });
const act = (token: string, body: unknown) => t.app.request(`/api/v1/rectification/rounds/${round}/events`, json(token, body));

beforeAll(async () => {
  let tick = 0;
  t = await testApp({ clock: () => new Date(Date.UTC(2026, 11, 6, 2, 0, tick++)) });
  inspector = t.tokens.county; // 430821: covers 高峰土家族乡
  village = await t.token(KANGJIAPING);
});

afterAll(async () => {
  await t.cleanup();
});

const opening = { scope: GAOFENG, title: '2026年县委第二轮巡察', team: '县委第二巡察组', start: '2026-09-01', end: '2026-10-31', contact: '巡察组电话 0744-3222110' };

describe('inspection rounds', () => {
  it('lets an inspector covering the division open a round, and nobody else', async () => {
    expect((await t.app.request('/api/v1/rectification/rounds', json(village, opening))).status).toBe(403);
    expect((await t.app.request('/api/v1/rectification/rounds', json(t.tokens.township, opening))).status).toBe(403); // 王家坪镇 does not cover 高峰
    const bad = await t.app.request('/api/v1/rectification/rounds', json(inspector, { ...opening, end: '2026-08-01' }));
    expect(bad.status).toBe(400);
    const res = await t.app.request('/api/v1/rectification/rounds', json(inspector, opening));
    expect(res.status).toBe(201);
    const body = (await res.json()) as { round: { id: string; state: { objectName: string } } };
    round = body.round.id;
    expect(body.round.state.objectName).toBe('高峰土家族乡');
    expect(res.headers.get('location')).toBe(`/api/v1/rectification/rounds/${round}`);
    expect(t.roundChanges.at(-1)).toEqual({ round, villages: [] });
  });

  it('adds problems and tasks, refusing a village outside the round', async () => {
    const outside = await act(inspector, { type: 'add-problem', village: MATOUXI, source: 'inspection', description: '别的乡的村' });
    expect(outside.status).toBe(422);
    expect(((await outside.json()) as { error: { code: string } }).error.code).toBe('rectification-village-outside-round');
    expect((await act(inspector, { type: 'add-problem', village: KANGJIAPING, source: 'flag', sourceRef: '1', description: '土地流转费两年未收，经手人身份证430821198312126262', amount: 26_120_000 })).status).toBe(200);
    expect((await act(village, { type: 'add-problem', village: KANGJIAPING, source: 'inspection', description: '村里不能自己登记问题' })).status).toBe(403);
    const task = await act(inspector, { type: 'add-task', problem: 'P1', measure: '追缴土地流转费', responsible: '村党支部书记', deadline: '2026-12-31', immediate: true });
    expect(task.status).toBe(200);
    expect(t.roundChanges.at(-1)).toEqual({ round, villages: [KANGJIAPING] });
    expect((await act(inspector, { type: 'add-task', problem: 'P9', measure: 'x', responsible: 'y', deadline: '2026-12-31', immediate: false })).status).toBe(422);
  });

  it('lets the responsible village send evidence, not another village, and closes only by review', async () => {
    const other = await t.token(SHUANGXING);
    expect((await act(other, { type: 'submit-evidence', task: 'T1', text: '不是我们村的任务' })).status).toBe(403);
    expect((await act(village, { type: 'submit-evidence', task: 'T1', text: '已送达催缴通知书' })).status).toBe(200);
    expect((await act(village, { type: 'close-task', task: 'T1', verdict: '村里不能自己销号' })).status).toBe(403);
    expect((await act(inspector, { type: 'close-round', summary: '立行立改任务未销号时不能结束' })).status).toBe(409);
    const closed = await act(inspector, { type: 'close-task', task: 'T1', verdict: '已追回', recovered: 26_120_000 });
    expect(closed.status).toBe(200);
    const state = ((await closed.json()) as { round: { state: { counts: { tasksClosed: number; recovered: number } } } }).round.state;
    expect(state.counts).toMatchObject({ tasksClosed: 1, recovered: 26_120_000 });
    expect((await act(inspector, { type: 'close-task', task: 'T1', verdict: '再销一次' })).status).toBe(409);
  });

  it('serves every step publicly, masked, with the digest its log leaf carries', async () => {
    const res = await t.app.request(`/api/v1/rectification/rounds/${round}`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain('430821198312126262');
    expect(text).toContain('430821********6262');
    const body = JSON.parse(text) as { round: { id: string; scope: string; events: Array<{ seq: number; type: string; sha256: string }> } };
    const leaves = (await t.store.logLeaves(0, await t.store.logSize())).map((l) => l.leaf);
    expect(body.round.events.map((e) => e.type)).toEqual(['opened', 'problem-added', 'task-added', 'evidence-submitted', 'task-closed']);
    for (const e of body.round.events) {
      const { sha256, ...event } = e;
      expect(sha256).toBe(rectificationEventDigest(body.round, event as never));
      expect(leaves.some((l) => l.includes(sha256))).toBe(true);
    }
    const list = await t.app.request(`/api/v1/rectification/rounds?scope=${KANGJIAPING}`);
    expect(((await list.json()) as { rounds: Array<{ id: string }> }).rounds.map((r) => r.id)).toEqual([round]);
    expect((await t.app.request('/api/v1/rectification/rounds/99')).status).toBe(404);
  });

  it('lists the tasks due soon or overdue for staff', async () => {
    expect((await act(inspector, { type: 'add-problem', village: KANGJIAPING, source: 'inspection', description: '合同台账不全' })).status).toBe(200);
    expect((await act(inspector, { type: 'add-task', problem: 'P2', measure: '补齐台账', responsible: '村报账员', deadline: '2026-12-08', immediate: false })).status).toBe(200);
    const res = await t.app.request(`/api/v1/rectification/reminders?scope=${GAOFENG}`, { headers: bearer(inspector) });
    expect(res.status).toBe(200);
    const reminders = ((await res.json()) as { reminders: Array<{ task: string; due: string }> }).reminders;
    expect(reminders.map((r) => [r.task, r.due])).toEqual([['T2', 'due-soon']]);
    expect((await t.app.request(`/api/v1/rectification/reminders?scope=${GAOFENG}`, { headers: bearer(t.tokens.township) })).status).toBe(403);
  });
});
