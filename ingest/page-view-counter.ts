import type { Context, MiddlewareHandler } from 'hono';
import type { PageViewCount, PageViewStore } from '../data/store/page-views.ts';
import { chinaDate } from '../data/working-days.ts';

/**
 * Counts the views of village pages on the server (issue 17's public statistics), for the region
 * dashboards' "累计浏览 … 人次". Nothing identifies a reader: no cookie is read or set, and the
 * address and user agent are never stored or logged — the user agent is only looked at, in memory,
 * to skip obvious robots. So a count is of page views (人次), not of people, and one reader who
 * reloads is counted each time.
 *
 * What counts: a GET of an HTML page of a village (`/v/<12-digit code>/…/`: its home, its
 * publications, its complaint form) answered 200, or 304 — every page is served with max-age=0,
 * must-revalidate, so a browser showing a page again asks for it again, and a 304 (from a cache
 * or ETag support in front of the site) is a reader looking once more. Not counted: HEAD (link
 * checkers and monitors, never a reader), redirects, errors, the twins, charts' CSV and media,
 * browser prefetches (the page may never be shown), and robots by user agent.
 *
 * Counts wait in memory, per village and China day (the clock's, so a view at 00:30 in Beijing
 * is that day's), and go to the store in one batch every few seconds and on close. A crash loses
 * at most the counts of one interval: they are statistics, not records, and a disk write per page
 * view is not worth it. A failed batch is kept and tried again with the next one (a batch that
 * failed after the database committed it is then counted twice; rare, and only a statistic).
 */
export interface PageViewCounterOptions {
  store: Pick<PageViewStore, 'addPageViews'>;
  clock: () => Date;
  /** how often the counts go to the store; FLUSH_EVERY_MS unless a test wants otherwise */
  flushEveryMs?: number;
  /** a batch the store refused (kept for the next flush); console.error by default */
  onError?: (error: unknown) => void;
}

export interface PageViewCounter {
  /** for the built site's routes: counts after the answer is made, never changes it */
  middleware: MiddlewareHandler;
  /** sends what is counted so far to the store, after any flush in flight */
  flush(): Promise<void>;
  /** stops the timer, stops counting and sends what is left: before the store closes */
  close(): Promise<void>;
}

export const FLUSH_EVERY_MS = 5_000;

export function createPageViewCounter(options: PageViewCounterOptions): PageViewCounter {
  const onError = options.onError ?? ((error: unknown) => console.error('[page views] adding the counts failed, kept for the next try:', error));
  let pending = new Map<string, number>();
  let closed = false;
  let flushing: Promise<void> = Promise.resolve();

  const add = (key: string, views: number) => pending.set(key, (pending.get(key) ?? 0) + views);

  const flush = (): Promise<void> => {
    flushing = flushing.then(async () => {
      if (pending.size === 0) return;
      const batch = pending;
      pending = new Map();
      try {
        await options.store.addPageViews([...batch].map(([key, views]): PageViewCount => ({ village: key.slice(0, 12), day: key.slice(13), views })));
      } catch (error) {
        for (const [key, views] of batch) add(key, views);
        onError(error);
      }
    });
    return flushing;
  };

  const timer = setInterval(() => void flush(), options.flushEveryMs ?? FLUSH_EVERY_MS);
  // counting never keeps the process alive: close() sends what is left
  timer.unref();

  return {
    middleware: async (c, next) => {
      await next();
      if (closed) return;
      const village = viewedVillage(c);
      if (village) add(`${village}|${chinaDate(options.clock())}`, 1);
    },
    flush,
    async close() {
      closed = true;
      clearInterval(timer);
      await flush();
    },
  };
}

// ——— private helpers ———

/** A village's page: its directory URLs (and their index.html), never a file beside them. */
const VILLAGE_PAGE = /^\/v\/(\d{12})\/(?:.*\/)?(?:index\.html)?$/;

/**
 * Robots by user agent: crawlers name themselves (…bot, …spider, a URL to read about them), and
 * scripts and monitors by their library. "cubot" is a phone brand, not a robot. A request without
 * a user agent is no browser.
 */
const ROBOT = /(?<!cu)bot|spider|crawl|slurp|https?:\/\/|curl|wget|python|java\/|go-http-client|okhttp|axios|node-fetch|undici|headless|phantomjs|lighthouse|pingdom|uptime|scrapy|httpclient|libwww|facebookexternalhit/i;

function viewedVillage(c: Context): string | null {
  if (c.req.method !== 'GET') return null;
  const village = VILLAGE_PAGE.exec(c.req.path)?.[1];
  if (!village) return null;
  const { status, headers } = c.res;
  const html = (headers.get('Content-Type') ?? '').startsWith('text/html');
  if (!((status === 200 && html) || status === 304)) return null;
  const agent = c.req.header('User-Agent');
  if (!agent || ROBOT.test(agent)) return null;
  if (isPrefetch(c)) return null;
  return village;
}

/** Chrome's speculation rules and link prefetch, Firefox's and Safari's: asked for, maybe never shown. */
function isPrefetch(c: Context): boolean {
  const purpose = `${c.req.header('Sec-Purpose') ?? ''} ${c.req.header('Purpose') ?? ''} ${c.req.header('X-Moz') ?? ''} ${c.req.header('X-Purpose') ?? ''}`.toLowerCase();
  return purpose.includes('prefetch') || purpose.includes('prerender') || purpose.includes('preview');
}
