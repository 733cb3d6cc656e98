import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PageViewCount } from '../data/store/page-views.ts';
import { openSqliteOnFile } from '../data/store/sqlite-on-file.ts';
import type { SqliteStore } from '../data/store/sqlite-store.ts';
import { createPageViewCounter, type PageViewCounter } from './page-view-counter.ts';
import { createStaticSite } from './static-site.ts';

const [MATOUXI, SHIYANPING] = ['430802108214', '430802108215'];
const BROWSER = 'Mozilla/5.0 (Linux; Android 13; V2219A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/116.0 Mobile Safari/537.36 MicroMessenger/8.0.47';
// 2026-12-06 23:50 in Beijing
const LATE_EVENING = new Date('2026-12-06T15:50:00.000Z');

describe('page view counter', () => {
  let siteDir: string;
  let now: Date;
  const clock = () => now;
  let counters: PageViewCounter[];

  beforeEach(() => {
    siteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cunwu-page-views-site-'));
    for (const file of [`v/${MATOUXI}/index.html`, `v/${MATOUXI}/p/pub-1/index.html`, `v/${SHIYANPING}/index.html`, 'r/430802/index.html']) write(file, '<!doctype html><html lang="zh-CN"><title>村务公开</title></html>');
    write(`v/${MATOUXI}/index.json`, '{}');
    write(`v/${MATOUXI}/charts/monthly.csv`, 'a,b\n');
    now = LATE_EVENING;
    counters = [];
  });
  afterEach(async () => {
    for (const counter of counters.splice(0)) await counter.close();
    fs.rmSync(siteDir, { recursive: true, force: true });
  });

  /** The built site behind the counter, as the portal would mount it. */
  const siteWith = (store: { addPageViews(counts: readonly PageViewCount[]): Promise<void> }, onError?: (error: unknown) => void) => {
    const counter = createPageViewCounter({ store, clock, onError });
    counters.push(counter);
    const app = new Hono();
    app.use('/v/*', counter.middleware);
    app.route('/', createStaticSite(siteDir));
    return { app, counter };
  };
  const get = (app: Hono, url: string, headers: Record<string, string> = {}) => app.request(url, { headers: { 'User-Agent': BROWSER, ...headers } });

  describe('on SQLite', () => {
    let opened: Awaited<ReturnType<typeof openSqliteOnFile>>;
    let store: SqliteStore;
    beforeEach(async () => {
      opened = await openSqliteOnFile('cunwu-page-views-');
      store = opened.store;
    });
    afterEach(async () => {
      for (const counter of counters.splice(0)) await counter.close();
      await opened.cleanup();
    });

    it('counts each GET of a village’s pages under the village and the China day, across midnight in Beijing', async () => {
      const { app, counter } = siteWith(store);
      for (const url of [`/v/${MATOUXI}/`, `/v/${MATOUXI}/`, `/v/${MATOUXI}/p/pub-1/`, `/v/${SHIYANPING}/?from=qr`]) expect((await get(app, url)).status).toBe(200);
      now = new Date(LATE_EVENING.getTime() + 20 * 60_000); // 00:10 on the 7th in Beijing, still the 6th in UTC
      expect((await get(app, `/v/${MATOUXI}/p/pub-1/index.html`)).status).toBe(200);
      await counter.flush();

      expect(await store.villagePageViews('430802108', '2026-12-07')).toEqual(
        new Map([
          [MATOUXI, { total: 4, recent: 4 }],
          [SHIYANPING, { total: 1, recent: 1 }],
        ]),
      );
      expect(await store.pageViewTotals(MATOUXI, '2026-12-06')).toMatchObject({ total: 4, recent: 3, since: '2026-12-06' });
      expect((await store.pageViewTotals('', '2026-12-07')).total).toBe(5);
    });

    it('counts no file beside the pages, no redirect, no missing page, no HEAD, no region page', async () => {
      const { app, counter } = siteWith(store);
      const answers = [
        await get(app, `/v/${MATOUXI}/index.json`),
        await get(app, `/v/${MATOUXI}/charts/monthly.csv`),
        await get(app, `/v/${MATOUXI}`),
        await get(app, `/v/${MATOUXI}/p/no-such/`),
        await get(app, '/v/430802108299/'),
        await app.request(`/v/${MATOUXI}/`, { method: 'HEAD', headers: { 'User-Agent': BROWSER } }),
        await get(app, '/r/430802/'),
      ];
      expect(answers.map((r) => r.status)).toEqual([200, 200, 301, 404, 404, 200, 200]);
      await counter.flush();
      expect((await store.pageViewTotals('', '2026-12-06')).total).toBe(0);
    });

    it('skips robots and prefetches by their request headers, and sets no cookie', async () => {
      const { app, counter } = siteWith(store);
      const robots = [
        'Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)',
        'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
        'Mozilla/5.0 (Linux; Android 5.0) AppleWebKit/537.36 (KHTML, like Gecko) Mobile Safari/537.36 (compatible; Bytespider; spider-feedback@bytedance.com)',
        'Sogou web spider/4.0(+http://www.sogou.com/docs/help/webmasters.htm#07)',
        'curl/8.5.0',
        'python-requests/2.32.3',
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.0.0 Safari/537.36',
      ];
      for (const agent of robots) expect((await get(app, `/v/${MATOUXI}/`, { 'User-Agent': agent })).status).toBe(200);
      expect((await app.request(`/v/${MATOUXI}/`)).status).toBe(200); // no user agent at all
      await get(app, `/v/${MATOUXI}/`, { 'Sec-Purpose': 'prefetch;prerender' });
      await get(app, `/v/${MATOUXI}/`, { Purpose: 'prefetch' });
      // readers: a browser in WeChat, and a phone whose brand ends in "bot"
      const reader = await get(app, `/v/${MATOUXI}/`);
      await get(app, `/v/${MATOUXI}/`, { 'User-Agent': 'Mozilla/5.0 (Linux; Android 9; CUBOT X19) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36' });
      expect(reader.headers.get('Set-Cookie')).toBeNull();
      await counter.flush();
      expect((await store.pageViewTotals(MATOUXI, '2026-12-06')).total).toBe(2);
    });
  });

  describe('buffering', () => {
    /** A store that records each batch, and fails while `failing` is set. */
    const recording = () => {
      const batches: PageViewCount[][] = [];
      const fake = {
        failing: false,
        batches,
        async addPageViews(counts: readonly PageViewCount[]) {
          if (fake.failing) throw new Error('database is locked');
          batches.push([...counts]);
        },
      };
      return fake;
    };

    it('holds the counts in memory and sends them as one batch of village, day and views — nothing else', async () => {
      const store = recording();
      const { app, counter } = siteWith(store);
      for (const url of [`/v/${MATOUXI}/`, `/v/${MATOUXI}/p/pub-1/`, `/v/${SHIYANPING}/`]) await get(app, url);
      expect(store.batches).toEqual([]);
      await counter.flush();
      expect(store.batches).toEqual([
        [
          { village: MATOUXI, day: '2026-12-06', views: 2 },
          { village: SHIYANPING, day: '2026-12-06', views: 1 },
        ],
      ]);
      await counter.flush();
      expect(store.batches).toHaveLength(1);
    });

    it('keeps a batch the store refused and sends it with the next', async () => {
      const store = recording();
      const errors: unknown[] = [];
      const { app, counter } = siteWith(store, (error) => errors.push(error));
      await get(app, `/v/${MATOUXI}/`);
      store.failing = true;
      await counter.flush();
      expect(errors).toHaveLength(1);
      store.failing = false;
      await get(app, `/v/${MATOUXI}/`);
      await counter.flush();
      expect(store.batches).toEqual([[{ village: MATOUXI, day: '2026-12-06', views: 2 }]]);
    });

    it('counts a 304 answer to a GET of a page as a view once more', async () => {
      const store = recording();
      const counter = createPageViewCounter({ store, clock });
      counters.push(counter);
      const app = new Hono();
      app.use('/v/*', counter.middleware);
      app.get('/v/:code/', (c) => c.body(null, 304));
      expect((await get(app, `/v/${MATOUXI}/`)).status).toBe(304);
      await counter.flush();
      expect(store.batches).toEqual([[{ village: MATOUXI, day: '2026-12-06', views: 1 }]]);
    });

    it('sends the counts every interval and on close, and counts nothing after close', async () => {
      vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
      try {
        const store = recording();
        const counter = createPageViewCounter({ store, clock, flushEveryMs: 1_000 });
        const app = new Hono();
        app.use('/v/*', counter.middleware);
        app.route('/', createStaticSite(siteDir));
        await get(app, `/v/${MATOUXI}/`);
        await vi.advanceTimersByTimeAsync(1_000);
        expect(store.batches).toEqual([[{ village: MATOUXI, day: '2026-12-06', views: 1 }]]);
        await get(app, `/v/${SHIYANPING}/`);
        await counter.close();
        await get(app, `/v/${MATOUXI}/`);
        await vi.advanceTimersByTimeAsync(5_000);
        await counter.flush();
        expect(store.batches).toEqual([[{ village: MATOUXI, day: '2026-12-06', views: 1 }], [{ village: SHIYANPING, day: '2026-12-06', views: 1 }]]);
      } finally {
        vi.useRealTimers();
      }
    });
  });

  function write(file: string, text: string): void {
    const target = path.join(siteDir, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
  }
});
