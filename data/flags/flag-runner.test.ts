import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newPublication } from '../new-publication.ts';
import type { Division } from '../region.ts';
import { openSqliteStore, type SqliteStore } from '../store/sqlite-store.ts';
import { createFlagRunner } from './flag-runner.ts';
import { roadMatter } from '../decisions/checks/test-records.ts';
import { financeLedger } from './rules/test-builders.ts';

/** The runner: the settings it applies (county, else region, else defaults), and what it stores. */

const VILLAGE = '430821212212';
const DIVISIONS: Division[] = [
  { code: '4308', level: 'prefecture', name: '张家界市', officialName: '张家界市', parent: '43' },
  { code: '430821', level: 'county', name: '慈利县', officialName: '慈利县', parent: '4308' },
  { code: '430821212', level: 'township', name: '高峰土家族乡', officialName: '高峰土家族乡', parent: '430821' },
  { code: VILLAGE, level: 'village', name: '康家坪村', officialName: '康家坪村', parent: '430821212' },
];
const NOW = new Date('2026-12-07T02:00:00Z'); // a Monday

let dir: string;
let store: SqliteStore;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cunwu-runner-'));
  store = await openSqliteStore(join(dir, 'portal.sqlite'));
  await store.replaceDivisions(DIVISIONS);
  // a cash ledger whose balance ends 2026-07-03 at 6,000 元: over the default 5,000 limit, under 8,000
  const { content } = financeLedger('2026-Q3', [{ row: 4, date: '2026-07-03', summary: '收到租金', income: 600_000 }], { openingBalance: 0, balanceKind: 'cash' });
  await store.publish(newPublication({ village: VILLAGE, content, publishedAt: '2026-10-10T00:00:00.000Z', sample: false, source: { filename: null, format: 'json' } }));
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const runner = () => createFlagRunner({ store, clock: () => NOW, region: '4308' });
const save = (code: string, document: object) => store.saveFlagSettings({ code, document: document as never, at: NOW.toISOString(), actor: 'test' });

describe('the flag runner', () => {
  it('raises with the defaults, public after five working days, and stores the run', async () => {
    const run = await runner().runVillage(VILLAGE, 'manual');
    expect(run?.result.raised.map((f) => f.rule)).toEqual(['cash-over-limit']);
    // Monday 2026-12-07 + 5 working days = Monday 2026-12-14, same time of day
    expect(run?.result.raised[0]?.publicFrom).toBe('2026-12-14T02:00:00.000Z');
    expect((await store.lastFlagRun(VILLAGE))?.trigger).toBe('manual');
    expect(await runner().runVillage('430821212', 'manual')).toBeNull();
  });

  it('uses the region’s settings where the county has none, and the county’s over the region’s', async () => {
    await save('4308', { publication: { mode: 'immediate', workingDays: 0 }, rules: { 'cash-over-limit': { limit: 800_000 } } });
    expect((await runner().runVillage(VILLAGE, 'manual'))?.result.raised).toEqual([]);
    expect((await runner().settingsFor(VILLAGE)).publication.mode).toBe('immediate');
    await save('430821', { rules: { 'cash-over-limit': { limit: 500_000 } } });
    const run = await runner().runVillage(VILLAGE, 'manual');
    expect(run?.result.raised.map((f) => [f.rule, f.publicFrom])).toEqual([['cash-over-limit', '2026-12-14T02:00:00.000Z']]);
  });

  it('runs no disabled rule, and leaves what it found before it was disabled as it was', async () => {
    await runner().runVillage(VILLAGE, 'manual');
    await save('430821', { disabled: ['cash-over-limit'] });
    const run = await runner().runVillage(VILLAGE, 'nightly');
    expect(run?.result.run.rules).not.toContain('cash-over-limit');
    // a disabled rule did not run, so its flag is neither confirmed nor resolved by this run
    expect(run?.result.changed).toEqual([]);
  });

  it('reads the village’s recorded 四议两公开 matters: a payment before the resolution is flagged', async () => {
    // 二组至四组通组公路硬化工程 was resolved by the 村民代表会议 on 2026-03-18
    await store.recordDecisions([{ ...roadMatter(), village: VILLAGE }], NOW.toISOString());
    const { content } = financeLedger('2026-Q1', [{ row: 5, date: '2026-03-10', summary: '预付二组至四组通组公路硬化工程款', expense: 5_000_000 }], { openingBalance: 10_000_000 });
    await store.publish(newPublication({ village: VILLAGE, content, publishedAt: '2026-10-11T00:00:00.000Z', sample: false, source: { filename: null, format: 'json' } }));
    const run = await runner().runVillage(VILLAGE, 'manual');
    const early = run?.result.raised.find((f) => f.rule === 'paid-before-decision');
    expect(early?.title).toContain('2026-03-18');
    expect(early?.amount).toBe(5_000_000);
  });
});
