import type { DivisionsVersion } from '../data/store/divisions-version.ts';
import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Account } from '../data/accounts/account.ts';
import { secretHash } from '../data/accounts/sign-in.ts';
import type { Config } from '../data/config.ts';
import type { AccountStore } from '../data/store/account-store.ts';
import type { SessionStore } from '../data/store/session-store.ts';
import type { Store } from '../data/store/store.ts';
import type { RenderFn } from '../site/build/page-builder.ts';
import type { PageModel } from '../site/lib/page-model.ts';
import { CONSOLE_HREF, CONSOLE_PATHS } from '../site/lib/urls.ts';
import { CSRF_FIELD, csrfToken, csrfValid } from './csrf.ts';
import { renderPage } from './render-page.ts';
import { regionCache, type RegionView } from './region-cache.ts';

/**
 * What the console's route files share (issue 13): the session cookie — HttpOnly, SameSite=Lax,
 * Secure behind HTTPS, sent only to /console/ — the signed-in account it names, the region's
 * divisions, and rendering a console page uncached and unindexed.
 */
export const SESSION_COOKIE = 'cw_session';

export interface ConsoleContext {
  config: Config;
  clock: () => Date;
  render: RenderFn;
  store: AccountStore & SessionStore & Pick<Store, 'listDivisions'> & DivisionsVersion;
  /** the region's divisions, shared by every console route file (regionCache); one of its own when not given */
  loadRegion?: () => Promise<RegionView>;
}

export function consoleCommon(deps: ConsoleContext) {
  const secure = deps.config.baseUrl.startsWith('https:');
  return {
    loadRegion: deps.loadRegion ?? regionCache(deps.store, deps.config),

    async html(c: Context, page: PageModel, status: 200 | 400 | 401 | 403 | 404 | 409 | 410 | 413 | 422 | 429 | 503 = 200): Promise<Response> {
      const path = CONSOLE_TEMPLATE[page.kind as keyof typeof CONSOLE_TEMPLATE] ?? '/console/';
      return renderPage(c, deps.render, path, page, status, { 'Cache-Control': 'private, no-store', 'X-Robots-Tag': 'noindex', 'Referrer-Policy': 'same-origin' });
    },

    csrf: (c: Context) => ({ name: CSRF_FIELD, value: csrfToken(c) }),

    setSession(c: Context, secret: string, expiresAt: string): void {
      setCookie(c, SESSION_COOKIE, secret, { path: CONSOLE_HREF, httpOnly: true, sameSite: 'Lax', secure, expires: new Date(expiresAt) });
    },

    clearSession(c: Context): void {
      deleteCookie(c, SESSION_COOKIE, { path: CONSOLE_HREF, secure });
    },

    /** The active account the request's cookie names through a live session, or null. */
    async signedIn(c: Context): Promise<{ account: Account; session: string } | null> {
      const secret = getCookie(c, SESSION_COOKIE);
      if (!secret || !/^[A-Za-z0-9_-]{43}$/.test(secret)) return null;
      const hash = secretHash(secret);
      const session = await deps.store.getSession(hash, deps.clock().toISOString());
      const account = session ? await deps.store.getAccount(session.accountId) : null;
      return account && account.status === 'active' ? { account, session: hash } : null;
    },
  };
}

/** A text field of a posted multipart form, trimmed; '' when absent or a file. */
export function formText(form: FormData, name: string): string {
  const v = form.get(name);
  return typeof v === 'string' ? v.trim() : '';
}

/**
 * A console form posted as multipart/form-data (a file upload) with its CSRF field; what went
 * wrong in the official's words otherwise.
 */
export async function uploadForm(c: Context, siteOrigins: readonly string[]): Promise<{ ok: true; form: FormData } | { ok: false; problem: string; status: 400 | 403 }> {
  let form: FormData;
  try {
    form = await c.req.formData();
  } catch {
    return { ok: false, problem: '无法读取上传的表单，请重新选择文件后提交。', status: 400 };
  }
  const field = form.get(CSRF_FIELD);
  if (!csrfValid(c, typeof field === 'string' ? field : undefined, siteOrigins)) return { ok: false, problem: '页面已过期，请重新提交。', status: 403 };
  return { ok: true, form };
}

/**
 * The routes of a console page whose form posts a file (上传, 上传汇总表): its address without the
 * final slash redirected; the page to a signed-in official, the sign-in page to anyone else; a post
 * over `limitBytes` (and the form's other fields and multipart framing on top) answered 413 before
 * it is read; the form read and its CSRF field checked, a refusal shown on the page, before `post`
 * gets it.
 */
export function fileFormRoutes(
  routes: Hono,
  common: ReturnType<typeof consoleCommon>,
  options: {
    path: string;
    limitBytes: number;
    siteOrigins: readonly string[];
    page: (c: Context, account: Account) => Promise<Response>;
    refused: (c: Context, account: Account, problem: string, status: 400 | 403) => Promise<Response>;
    post: (c: Context, account: Account, form: FormData) => Promise<Response>;
  },
): void {
  const { path, limitBytes } = options;
  routes.get(path.replace(/\/$/, ''), (c) => c.redirect(path, 301));
  routes.get(path, async (c) => {
    const me = await common.signedIn(c);
    return me ? options.page(c, me.account) : c.redirect(CONSOLE_PATHS.home, 303);
  });
  routes.post(
    path,
    bodyLimit({ maxSize: limitBytes + 64 * 1024, onError: (c) => c.text(`文件超过 ${Math.round(limitBytes / 1024 / 1024)} MB 上限 / the file is over the limit`, 413) }),
    async (c) => {
      const me = await common.signedIn(c);
      if (!me) return c.redirect(CONSOLE_PATHS.home, 303);
      const read = await uploadForm(c, options.siteOrigins);
      if (!read.ok) return options.refused(c, me.account, read.problem, read.status);
      return options.post(c, me.account, read.form);
    },
  );
}

/** The Astro page each console page kind is rendered by (site/pages/console/…). */
const CONSOLE_TEMPLATE = { 'console-work': '/console/work/', 'console-upload': '/console/upload/', 'console-summary-upload': '/console/summary-upload/', 'console-publications': '/console/publications/', 'console-decisions': '/console/decisions/', 'console-task': '/console/task/', 'console-rounds': '/console/rounds/', 'console-round': '/console/round/', 'console-complaints': '/console/complaints/', 'console-intake': '/console/complaints/new/', 'console-slip': '/console/complaints/slip/', 'console-rules': '/console/classification/' } as const;

/** A posted form's fields (urlencoded, as the console's forms send them), at most `limit` bytes. */
export async function formOf(c: Context, limit = 8 * 1024): Promise<URLSearchParams> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') return new URLSearchParams();
  const bytes = await c.req.arrayBuffer();
  if (bytes.byteLength > limit) return new URLSearchParams();
  return new URLSearchParams(new TextDecoder().decode(bytes));
}
