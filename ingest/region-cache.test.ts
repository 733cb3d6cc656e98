import { describe, expect, it } from 'vitest';
import type { Division } from '../data/region.ts';
import { regionCache } from './region-cache.ts';

const config = { region: '430821', baseUrl: 'http://portal.test' };
const division = (name: string): Division[] => [
  { code: '430821', level: 'county', name: '慈利县', officialName: '慈利县', parent: null },
  { code: '430821211227', level: 'village', name, officialName: name, parent: '430821211' },
];

/** A store whose divisions another process may replace, counting what it is asked. */
function store() {
  const s = {
    version: 1,
    divisions: division('龙岗村'),
    versionsAsked: 0,
    reads: 0,
    failNextRead: false,
    async divisionsVersion() {
      s.versionsAsked += 1;
      return s.version;
    },
    async listDivisions(prefix: string) {
      s.reads += 1;
      if (s.failNextRead) {
        s.failNextRead = false;
        throw new Error('database gone for a moment');
      }
      return s.divisions.filter((d) => d.code.startsWith(prefix));
    },
  };
  return s;
}

describe('the divisions as pages rendered per request read them', () => {
  it('are read once and served as they are until the recheck time is up, with no question to the store meanwhile', async () => {
    const s = store();
    let t = 0;
    const load = regionCache(s, config, { recheckMs: 5_000, now: () => t });
    const first = await load();
    expect(first.byCode.get('430821211227')?.name).toBe('龙岗村');
    t = 4_999;
    expect(await load()).toBe(first);
    expect([s.versionsAsked, s.reads]).toEqual([1, 1]);
  });

  it('are asked after, and read again only when another process has replaced them', async () => {
    const s = store();
    let t = 0;
    const load = regionCache(s, config, { recheckMs: 5_000, now: () => t });
    const first = await load();
    t = 5_000;
    expect(await load()).toBe(first);
    expect([s.versionsAsked, s.reads]).toEqual([2, 1]);
    s.divisions = division('龙岗社区');
    s.version = 2;
    t = 10_000;
    const second = await load();
    expect(second).not.toBe(first);
    expect(second.byCode.get('430821211227')?.name).toBe('龙岗社区');
    expect(s.reads).toBe(2);
  });

  it('asks the store once however many requests come together', async () => {
    const s = store();
    const load = regionCache(s, config, { recheckMs: 0, now: () => 0 });
    const views = await Promise.all([load(), load(), load()]);
    expect(new Set(views).size).toBe(1);
    expect(s.versionsAsked).toBe(1);
    expect(s.reads).toBe(1);
  });

  it('keeps no failed read: the next request reads again', async () => {
    const s = store();
    const load = regionCache(s, config, { recheckMs: 60_000, now: () => 0 });
    s.failNextRead = true;
    await expect(load()).rejects.toThrow('database gone');
    expect((await load()).byCode.size).toBe(2);
  });
});
