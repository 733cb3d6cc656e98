import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig, type Config } from '../../data/config.ts';
import type { Division } from '../../data/region.ts';
import { openSqliteStore, type SqliteStore } from '../../data/store/sqlite-store.ts';
import { fixtureSubsidy, fixtureVersion } from '../../data/store/contract-fixtures.ts';
import { createPosterService } from './poster-service.ts';

const d = (code: string, level: Division['level'], name: string, parent: string | null): Division => ({ code, level, name, officialName: name, parent });
const DIVISIONS: Division[] = [
  d('4308', 'prefecture', '张家界市', '43'),
  d('430802', 'county', '永定区', '4308'),
  d('430802108', 'township', '王家坪镇', '430802'),
  d('430802108201', 'village', '王家坪村', '430802108'),
  d('430802108214', 'village', '马头溪村', '430802108'),
];
const MATOUXI = '430802108214';
const A4 = { size: 'a4', mono: false } as const;

let dir: string;
let store: SqliteStore;
let config: Config;
let now: Date;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cunwu-poster-service-'));
  store = await openSqliteStore(join(dir, 'portal.sqlite'));
  await store.replaceDivisions(DIVISIONS);
  const parsed = parseConfig({ PORTAL_DATA_DIR: dir, PORTAL_BASE_URL: 'http://portal.test' }, process.cwd());
  if (!parsed.ok) throw new Error(parsed.message);
  config = parsed.config;
  now = new Date('2026-08-01T02:00:00Z'); // 10:00 in China
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const service = (cacheBytes?: number) => createPosterService({ store, config, clock: () => now, cacheBytes });

describe('the poster cache', () => {
  it('renders a poster once and serves it again from memory', async () => {
    const posters = service();
    const first = await posters.village(MATOUXI, A4, 'pdf');
    const second = await posters.village(MATOUXI, A4, 'pdf');
    expect(first.ok && second.ok && second.value.bytes).toBe(first.ok && first.value.bytes);
    expect(posters.renders).toBe(1);
  });

  it('renders once for requests that arrive together', async () => {
    const posters = service();
    await Promise.all([1, 2, 3].map(() => posters.village(MATOUXI, A4, 'pdf')));
    expect(posters.renders).toBe(1);
  });

  it('renders again when the village is renamed', async () => {
    const posters = service();
    await posters.village(MATOUXI, A4, 'pdf');
    await store.replaceDivisions(DIVISIONS.map((x) => (x.code === MATOUXI ? { ...x, name: '马头溪社区' } : x)));
    await posters.village(MATOUXI, A4, 'pdf');
    expect(posters.renders).toBe(2);
  });

  it('renders again when the township above the village is renamed', async () => {
    const posters = service();
    await posters.village(MATOUXI, A4, 'pdf');
    await store.replaceDivisions(DIVISIONS.map((x) => (x.code === '430802108' ? { ...x, name: '王家坪街道' } : x)));
    await posters.village(MATOUXI, A4, 'pdf');
    expect(posters.renders).toBe(2);
  });

  it('renders again when the base URL or the supervision phones change', async () => {
    const posters = service();
    await posters.village(MATOUXI, A4, 'pdf');
    config.baseUrl = 'https://cunwu.example.cn';
    await posters.village(MATOUXI, A4, 'pdf');
    config.supervisionPhones = [{ label: '县纪委监委', number: '0744-8888888' }];
    await posters.village(MATOUXI, A4, 'pdf');
    expect(posters.renders).toBe(3);
  });

  it('renders again on the next day in China, for the printed date, but not later the same day', async () => {
    const posters = service();
    await posters.village(MATOUXI, A4, 'pdf');
    now = new Date('2026-08-01T15:59:00Z'); // 23:59 in China
    await posters.village(MATOUXI, A4, 'pdf');
    expect(posters.renders).toBe(1);
    now = new Date('2026-08-01T16:00:00Z'); // midnight in China: 8月2日
    await posters.village(MATOUXI, A4, 'pdf');
    expect(posters.renders).toBe(2);
  });

  it('keeps paper sizes, colours and formats apart', async () => {
    const posters = service();
    await posters.village(MATOUXI, A4, 'pdf');
    await posters.village(MATOUXI, { size: 'a3', mono: false }, 'pdf');
    await posters.village(MATOUXI, { size: 'a4', mono: true }, 'pdf');
    await posters.village(MATOUXI, A4, 'png');
    await posters.village(MATOUXI, A4, 'pdf');
    expect(posters.renders).toBe(4);
  });

  it('renders every time with no memory to keep posters in (the command line)', async () => {
    const posters = service(0);
    await posters.village(MATOUXI, A4, 'pdf');
    await posters.village(MATOUXI, A4, 'pdf');
    expect(posters.renders).toBe(2);
  });

  it('renders a batch again when one of its villages changes', async () => {
    const posters = service();
    const pages: number[] = [];
    await posters.batch('430802108', A4, (done) => pages.push(done));
    expect(pages).toEqual([1, 2]);
    await posters.batch('430802108', A4);
    expect(posters.renders).toBe(1);
    await store.replaceDivisions(DIVISIONS.map((x) => (x.code === '430802108201' ? { ...x, name: '王家坪社区' } : x)));
    await posters.batch('430802108', A4);
    expect(posters.renders).toBe(2);
  });
});

describe('posters for codes that are not villages', () => {
  it('say the village was not found, for a missing village or a township code', async () => {
    const posters = service();
    expect(await posters.village('430802108999', A4, 'pdf')).toEqual({ ok: false, failure: { kind: 'village-not-found', code: '430802108999' } });
    expect(await posters.village('430802108', A4, 'pdf')).toMatchObject({ ok: false, failure: { kind: 'village-not-found' } });
  });

  it('say a batch scope was not found for a village, a prefecture or a missing township', async () => {
    const posters = service();
    for (const scope of [MATOUXI, '4308', '430802999']) {
      expect(await posters.batch(scope, A4)).toEqual({ ok: false, failure: { kind: 'scope-not-found', code: scope } });
    }
    expect(posters.renders).toBe(0);
  });
});

describe('what a poster prints', () => {
  it('prints nothing of the village’s publications, so nothing of one taken down: the same bytes before, during and after', async () => {
    const posters = service(0);
    const png = async () => {
      const r = await posters.village(MATOUXI, A4, 'png');
      if (!r.ok) throw new Error(r.failure.kind);
      return Buffer.from(r.value.bytes);
    };
    const empty = await png();
    await store.publish(fixtureVersion('pub-s1', fixtureSubsidy()));
    expect((await png()).equals(empty)).toBe(true);
    await store.tombstone('pub-s1', '误公开了村民的银行卡号', '2026-08-01T03:00:00.000Z');
    expect((await png()).equals(empty)).toBe(true);
    expect(posters.renders).toBe(3);
    // what the poster does print changes its bytes: the comparison above can fail
    await store.replaceDivisions(DIVISIONS.map((x) => (x.code === MATOUXI ? { ...x, name: '马头溪社区' } : x)));
    expect((await png()).equals(empty)).toBe(false);
  });
});
