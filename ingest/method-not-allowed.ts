import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { TrieRouter } from 'hono/router/trie-router';

/**
 * 405 with `Allow` (RFC 9110 §15.5.5) instead of 404 when the path exists but not for the method:
 * `DELETE /api/v1/publications/<id>` is a known resource that cannot be deleted, which a client
 * should be told apart from a mistyped path.
 *
 * It looks only at answers that are already 404, after every handler had its turn, and asks the
 * app's own route table which methods the path answers; so a route's own 404 (no such
 * publication, for a method it does answer) is left alone. Middleware (`use`, `all`) is not a
 * route. GET routes answer HEAD too. `staticFile` adds the built site's files, which answer GET
 * and HEAD only.
 */
export interface MethodNotAllowedOptions {
  /** whether the built site has a file at the path (siteFileAt) */
  staticFile?: (path: string) => boolean;
  /** path prefixes left as they are: an API with its own error set (Open311 answers the spec's 404) */
  except?: string[];
}

export function methodNotAllowed(app: Hono, answer: (c: Context, allow: string[]) => Response, options: MethodNotAllowedOptions = {}): MiddlewareHandler {
  let router: TrieRouter<string> | null = null;
  const allowed = (path: string): string[] => {
    if (!router) {
      // Built on the first 404: by then every route of the app is registered.
      router = new TrieRouter<string>();
      for (const route of app.routes) if (route.method !== 'ALL') router.add('ALL', route.path, route.method.toUpperCase());
    }
    const methods = new Set(router.match('GET', path)[0].map(([method]) => method));
    if (methods.size === 0 && options.staticFile?.(path)) methods.add('GET');
    if (methods.has('GET')) methods.add('HEAD');
    return ORDER.filter((m) => methods.has(m)).concat([...methods].filter((m) => !ORDER.includes(m)).sort());
  };
  return async (c, next) => {
    await next();
    if (c.res.status !== 404 || options.except?.some((prefix) => c.req.path.startsWith(prefix))) return;
    const allow = allowed(c.req.path);
    if (allow.length === 0 || allow.includes(c.req.method)) return;
    // Unset first, or the 404's headers would be copied onto the new answer.
    c.res = undefined;
    c.res = answer(c, allow);
  };
}

/** Whether the built site has a page or file at this URL path, as the static handler would serve it. */
export function siteFileAt(siteDir: string): (path: string) => boolean {
  const root = siteDir.endsWith('/') ? siteDir : `${siteDir}/`;
  return (path) => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      return false;
    }
    const file = join(siteDir, decoded);
    if (!file.startsWith(root) || decoded.includes('\0')) return false;
    try {
      const stat = statSync(file);
      return stat.isFile() || (stat.isDirectory() && existsSync(join(file, 'index.html')));
    } catch {
      return false;
    }
  };
}

const ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];
