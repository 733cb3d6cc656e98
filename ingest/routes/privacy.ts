import { tokenAllows } from '../../data/accounts/token-permissions.ts';
import { Hono } from 'hono';
import { covers } from '../../data/region.ts';
import { privacyFindingsPath, readPrivacyFindings, type FindingRecord } from '../../site/build/privacy-findings.ts';
import type { AppDeps } from '../app.ts';
import { authenticate } from '../auth.ts';
import { success } from '../envelope.ts';
import { respond } from '../http-errors.ts';

/**
 * The files the privacy guard withheld at the latest build and rebuilds (issue 10): each shows a
 * 内容待核查 notice instead of its content until the publication is corrected or taken down.
 *
 *     GET /api/v1/privacy/findings    township, county or wider tokens; a village token gets 403
 *
 * A token sees the findings of pages under its scope and of the pages shared by everyone (the
 * home page, rectification notices). Numbers are masked as the server log prints them. The list
 * is the one the site builder keeps in the data folder (site/build/privacy-findings.ts).
 */
export function privacyRoutes(deps: Pick<AppDeps, 'store' | 'config'>): Hono {
  const routes = new Hono();

  routes.get('/privacy/findings', async (c) => {
    const auth = await authenticate(deps.store, c.req.header('authorization'));
    if (!auth.ok) return respond(c, auth.failure);
    const scope = auth.token.scope;
    // Checking withheld pages is staff work, like handling complaints: a village's own token is not staff.
    if (!tokenAllows(auth.token, 'read-privacy-findings', scope).ok) return respond(c, { kind: 'not-staff', scope });
    const read = readPrivacyFindings(privacyFindingsPath(deps.config.dataDir));
    if (read.kind === 'unreadable') {
      console.error(`[privacy] ${read.message}`);
      return respond(c, { kind: 'internal' });
    }
    const findings = read.document.findings.filter((f) => f.scope === null || covers(scope, f.scope)).sort(byPlace);
    return c.json(success({ updatedAt: read.document.updatedAt, count: findings.length, findings }), 200, { 'Cache-Control': 'no-store' });
  });

  return routes;
}

// ——— private helpers ———

function byPlace(a: FindingRecord, b: FindingRecord): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return (a.line ?? 0) - (b.line ?? 0);
}
