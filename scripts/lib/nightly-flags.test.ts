import { afterEach, describe, expect, it } from 'vitest';
import type { FlagRunner, FlagTrigger, VillageRun } from '../../data/flags/flag-runner.ts';
import { resolveFlagSettings, type ResolvedFlagSettings } from '../../data/flags/flag-settings.ts';
import type { Flag, FlagStatus } from '../../data/flags/flag.ts';
import type { Division } from '../../data/region.ts';
import type { FlagFilter } from '../../data/store/flag-store.ts';
import type { VillageStats } from '../../data/store/store.ts';
import { roadMatter, wastelandMatter } from '../../data/decisions/checks/test-records.ts';
import { storedMatter } from '../../data/decisions/test-matters.ts';
import { createNightlyFlags, nextRunAt, type NightlyFlags, type NightlyFlagsOptions } from './nightly-flags.ts';

describe('nextRunAt', () => {
  const at = (iso: string, hour = 2) => nextRunAt(new Date(iso), hour).toISOString();

  it('is 02:00 China time (18:00 UTC the day before) later the same China day when that is still ahead', () => {
    // 01:00 on 6 December in China
    expect(at('2026-12-05T17:00:00.000Z')).toBe('2026-12-05T18:00:00.000Z');
    // 23:59 on 5 December in China: the China day turns before the run
    expect(at('2026-12-05T15:59:00.000Z')).toBe('2026-12-05T18:00:00.000Z');
  });

  it('is the next China day once 02:00 has come', () => {
    expect(at('2026-12-05T18:00:00.000Z')).toBe('2026-12-06T18:00:00.000Z');
    expect(at('2026-12-05T19:00:00.000Z')).toBe('2026-12-06T18:00:00.000Z');
    // 09:00 on 6 December in China, still 5 December in UTC
    expect(at('2026-12-06T01:00:00.000Z')).toBe('2026-12-06T18:00:00.000Z');
  });

  it('crosses month and year ends', () => {
    // 01:30 on 1 January 2027 in China, still 2026 in UTC
    expect(at('2026-12-31T17:30:00.000Z')).toBe('2026-12-31T18:00:00.000Z');
    // 04:00 on 1 January 2027 in China
    expect(at('2026-12-31T20:00:00.000Z')).toBe('2027-01-01T18:00:00.000Z');
    expect(at('2026-02-28T19:00:00.000Z')).toBe('2026-03-01T18:00:00.000Z');
  });

  it('takes another hour', () => {
    expect(at('2026-12-05T16:00:00.000Z', 0)).toBe('2026-12-06T16:00:00.000Z');
    expect(at('2026-12-05T15:00:00.000Z', 0)).toBe('2026-12-05T16:00:00.000Z');
    expect(at('2026-12-05T15:00:00.000Z', 23)).toBe('2026-12-06T15:00:00.000Z');
  });
});

// ——— fakes ———

const V1 = '430821212212';
const V2 = '430821212213';
const V3 = '430821211227';
const V4 = '430821211228';
const V5 = '430802108214';

const DIVISIONS: Division[] = [
  div('4308', 'prefecture', null),
  div('430821', 'county', '4308'),
  div('430821212', 'township', '430821'),
  div(V1, 'village', '430821212'),
  div(V2, 'village', '430821212'),
  div('430821211', 'township', '430821'),
  div(V3, 'village', '430821211'),
  div(V4, 'village', '430821211'),
  div('430802', 'county', '4308'),
  div('430802108', 'township', '430802'),
  div(V5, 'village', '430802108'),
];

function div(code: string, level: Division['level'], parent: string | null): Division {
  return { code, level, name: code, officialName: code, parent };
}

function settings(calendarStart: string | null): ResolvedFlagSettings {
  const r = resolveFlagSettings({ calendarStart }, []);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.settings;
}

function flag(id: string, village: string, status: FlagStatus, publicFrom: string): Flag {
  return {
    id,
    village,
    rule: 'receivable-overdue',
    key: `k${id}`,
    title: 't',
    detail: 'd',
    amount: null,
    evidence: [],
    sample: false,
    status,
    raisedAt: '2026-11-01T00:00:00.000Z',
    publicFrom,
    updatedAt: '2026-11-01T00:00:00.000Z',
    events: [],
  };
}

interface World {
  /** villages with publications */
  published: string[];
  /** counties whose settings set a calendar start */
  calendarCounties: string[];
  /** what each village's run raised and changed (by count) */
  outcomes: Record<string, { raised: number; changed: number }>;
  flags: Flag[];
  /** villages with a 四议两公开 matter, and whether its result is disclosed */
  matters?: Array<{ village: string; closed: boolean }>;
}

const ACTIVE: readonly FlagStatus[] = ['open', 'explained', 'confirmed'];

function fakes(world: World, clock: { now: Date }) {
  const runs: Array<[string, FlagTrigger]> = [];
  const changedCalls: string[][] = [];
  const runner: FlagRunner = {
    async runVillage(village, trigger) {
      runs.push([village, trigger]);
      const d = DIVISIONS.find((x) => x.code === village);
      if (!d || d.level !== 'village') return null;
      const o = world.outcomes[village] ?? { raised: 0, changed: 0 };
      const made = (n: number, s: string) => Array.from({ length: n }, (_, i) => flag(`${village}${s}${i}`, village, 'open', clock.now.toISOString()));
      const run: VillageRun = {
        village,
        result: { run: { id: 'r', village, at: clock.now.toISOString(), trigger, rules: [], findings: o.raised }, raised: made(o.raised, 'r'), changed: made(o.changed, 'c') },
        alsoAffected: [],
      };
      return run;
    },
    async afterPublication() {
      throw new Error('not used by the nightly run');
    },
    async settingsFor(code) {
      return settings(world.calendarCounties.includes(code.slice(0, 6)) ? '2026-01-01' : null);
    },
  };
  const store: NightlyFlagsOptions['store'] = {
    async publicationStats(prefix) {
      return new Map<string, VillageStats>(world.published.filter((v) => v.startsWith(prefix)).map((v) => [v, { count: 1, lastPublishedAt: '2026-10-10T00:00:00.000Z' }]));
    },
    async listDivisions(prefix) {
      return DIVISIONS.filter((d) => d.code.startsWith(prefix));
    },
    async listDecisionMatters(prefix) {
      return (world.matters ?? [])
        .filter((m) => m.village.startsWith(prefix))
        .map((m, i) => storedMatter({ ...wastelandMatter(), village: m.village, steps: m.closed ? roadMatter().steps : wastelandMatter().steps }, { id: String(i + 1) }));
    },
    // honours the filter as the SQLite store does: scope prefix, status, public by publicAt, public after publicAfter
    async listFlags(filter: FlagFilter) {
      return world.flags.filter(
        (f) =>
          f.village.startsWith(filter.scope) &&
          (filter.status === undefined || (filter.status === 'active' ? ACTIVE.includes(f.status) : f.status === filter.status)) &&
          (filter.publicAt === undefined || Date.parse(f.publicFrom) <= Date.parse(filter.publicAt)) &&
          (filter.publicAfter === undefined || Date.parse(f.publicFrom) > Date.parse(filter.publicAfter)),
      );
    },
  };
  return { runner, store, runs, changedCalls, onChanged: (v: string[]) => changedCalls.push(v) };
}

let nightly: NightlyFlags | null = null;
afterEach(() => {
  nightly?.close();
  nightly = null;
});

function setUp(world: World, startAt = '2026-12-05T18:00:00.000Z') {
  const clock = { now: new Date(startAt) };
  const f = fakes(world, clock);
  nightly = createNightlyFlags({ runner: f.runner, store: f.store, clock: () => clock.now, region: '4308', onChanged: f.onChanged });
  return { ...f, clock, nightly };
}

const EMPTY: World = { published: [], calendarCounties: [], outcomes: {}, flags: [] };

describe('createNightlyFlags', () => {
  it('schedules its first run for the next 02:00 China time, and forgets it when closed', () => {
    const { nightly: n } = setUp(EMPTY, '2026-12-05T19:00:00.000Z');
    expect(n.next).toBe('2026-12-06T18:00:00.000Z');
    n.close();
    expect(n.next).toBeNull();
  });

  it('runs every village with publications, nightly', async () => {
    const { nightly: n, runs } = setUp({ ...EMPTY, published: [V2, V1, V5] });
    const summary = await n.runNow();
    expect(runs).toEqual([
      [V5, 'nightly'],
      [V1, 'nightly'],
      [V2, 'nightly'],
    ]);
    expect(summary).toMatchObject({ villages: 3, raised: 0, changed: 0, rebuilt: 0 });
  });

  it('adds every village of a county whose settings set a calendar start, and only those', async () => {
    const { nightly: n, runs } = setUp({ ...EMPTY, published: [V1], calendarCounties: ['430821'] });
    await n.runNow();
    expect(runs.map(([v]) => v)).toEqual([V3, V4, V1, V2]);
  });

  it('asks to rebuild the villages whose run raised or changed flags', async () => {
    const { nightly: n, changedCalls } = setUp({ ...EMPTY, published: [V1, V2, V3, V5], outcomes: { [V1]: { raised: 2, changed: 0 }, [V3]: { raised: 0, changed: 1 } } });
    const summary = await n.runNow();
    expect(changedCalls.map((c) => [...c].sort())).toEqual([[V3, V1].sort()]);
    expect(summary).toMatchObject({ villages: 4, raised: 2, changed: 1, rebuilt: 2 });
  });

  it('asks to rebuild the villages with a 四议两公开 matter still open, whose owed steps move with the date', async () => {
    const { nightly: n, changedCalls } = setUp({ ...EMPTY, published: [V1], matters: [{ village: V2, closed: false }, { village: V3, closed: true }] });
    const summary = await n.runNow();
    expect(changedCalls).toEqual([[V2]]);
    expect(summary.rebuilt).toBe(1);
  });

  it('does not call onChanged when nothing changed', async () => {
    const { nightly: n, changedCalls } = setUp({ ...EMPTY, published: [V1] });
    await n.runNow();
    expect(changedCalls).toEqual([]);
  });

  it('asks to rebuild the villages whose flags turned public since the previous run, once', async () => {
    const created = '2026-12-05T18:00:00.000Z';
    const world: World = {
      ...EMPTY,
      published: [V1],
      flags: [
        flag('1', V2, 'open', '2026-12-06T01:00:00.000Z'), // turns public between the runs
        flag('2', V3, 'explained', created), // already public at the previous run (creation)
        flag('3', V4, 'open', '2026-12-10T00:00:00.000Z'), // not public yet
        flag('4', V5, 'confirmed', '2026-12-06T18:00:00.000Z'), // turns public exactly now
        flag('5', '430102001001', 'open', '2026-12-06T01:00:00.000Z'), // outside the region
      ],
    };
    const { nightly: n, clock, changedCalls } = setUp(world, created);
    clock.now = new Date('2026-12-06T18:00:00.000Z');
    const summary = await n.runNow();
    expect(changedCalls.map((c) => [...c].sort())).toEqual([[V2, V5].sort()]);
    expect(summary.rebuilt).toBe(2);

    // the next night the same flags are not news
    clock.now = new Date('2026-12-07T18:00:00.000Z');
    await n.runNow();
    expect(changedCalls).toHaveLength(1);

    // and a flag turning public before the night after is
    clock.now = new Date('2026-12-10T18:00:00.000Z');
    await n.runNow();
    expect(changedCalls.at(-1)).toEqual([V4]);
  });

  it('joins the villages of changed runs and of flags turned public in one call', async () => {
    const world: World = { ...EMPTY, published: [V1], outcomes: { [V1]: { raised: 1, changed: 0 } }, flags: [flag('1', V1, 'open', '2026-12-06T01:00:00.000Z'), flag('2', V2, 'open', '2026-12-06T01:00:00.000Z')] };
    const { nightly: n, clock, changedCalls } = setUp(world);
    clock.now = new Date('2026-12-06T18:00:00.000Z');
    expect((await n.runNow()).rebuilt).toBe(2);
    expect(changedCalls.map((c) => [...c].sort())).toEqual([[V1, V2]]);
  });

  // The village page shows every public flag, settled or not (site/lib/flag-view.ts), so a flag
  // dismissed or resolved before its publicFrom appears on the page when it turns public.
  it('asks to rebuild a village whose flag turned public after being settled', async () => {
    const world: World = { ...EMPTY, flags: [flag('1', V2, 'dismissed', '2026-12-06T01:00:00.000Z'), flag('2', V3, 'resolved', '2026-12-06T01:00:00.000Z')] };
    const { nightly: n, clock, changedCalls } = setUp(world);
    clock.now = new Date('2026-12-06T18:00:00.000Z');
    await n.runNow();
    expect(changedCalls.map((c) => [...c].sort())).toEqual([[V3, V2].sort()]);
  });
});
