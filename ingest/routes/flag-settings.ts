import { tokenAllows } from '../../data/accounts/token-permissions.ts';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { resolveFlagSettings } from '../../data/flags/flag-settings.ts';
import { ALL_RULES } from '../../data/flags/rules/index.ts';
import { covers } from '../../data/region.ts';
import type { StoredFlagSettings } from '../../data/store/flag-store.ts';
import type { AppDeps } from '../app.ts';
import { authenticate } from '../auth.ts';
import { readSmallBody } from '../complaint-body.ts';
import { bilingual, success, type ApiIssue } from '../envelope.ts';
import { respond } from '../http-errors.ts';

/**
 * A county's red-flag settings (issue 12): thresholds differ by county, so each county (or the
 * region as a whole) publishes its own, with a county or wider token. Versions are append-only and
 * each is a leaf in the transparency log; anyone can read them, with every version's history,
 * because a flag is only as fair as the thresholds behind it.
 */
export function flagSettingsRoutes(deps: AppDeps): Hono {
  const routes = new Hono();
  const limitBody = bodyLimit({ maxSize: SETTINGS_BODY_LIMIT, onError: (c) => respond(c, { kind: 'payload-too-large', limitBytes: SETTINGS_BODY_LIMIT }) });

  routes.get('/flag-settings/:code', async (c) => {
    const code = c.req.param('code');
    if (!(await knownSettingsCode(deps, code))) return respond(c, { kind: 'division-not-found', code: code.slice(0, 20) });
    const versions = await deps.store.listFlagSettings(code);
    const latest = versions[0] ?? null;
    const resolved = resolveFlagSettings(latest?.document ?? {}, ALL_RULES);
    return c.json(
      success({
        code,
        /** null: the county has published none; the region's or the defaults apply */
        latest: latest && settingsView(latest),
        /** what applies when only this document counts: every threshold, defaults filled in */
        effective: resolved.ok ? resolved.settings : null,
        versions: versions.map(settingsView),
      }),
    );
  });

  routes.put('/flag-settings/:code', limitBody, async (c) => {
    const auth = await authenticate(deps.store, c.req.header('authorization'));
    if (!auth.ok) return respond(c, auth.failure);
    const code = c.req.param('code');
    if (!(await knownSettingsCode(deps, code))) return respond(c, { kind: 'division-not-found', code: code.slice(0, 20) });
    // Thresholds are a county decision: a township or village token may not move them.
    if (!tokenAllows(auth.token, 'set-settings', code).ok) return respond(c, { kind: 'action-forbidden', scope: auth.token.scope, need: 'county' });
    const read = await readSmallBody(c, ['json']);
    if (!read.ok) return respond(c, read.failure);
    const body = read.body.kind === 'json' ? read.body.value : undefined;
    const resolved = resolveFlagSettings(body, ALL_RULES);
    if (!resolved.ok) {
      const issues: ApiIssue[] = resolved.issues.map((i) => ({
        code: 'invalid-setting',
        row: null,
        column: null,
        field: i.path,
        message: bilingual(`设置项 ${i.path || '（整份设置）'} 不对：${i.message}`, `Setting ${i.path || '(the document)'} is invalid: ${i.message}`),
      }));
      return respond(c, { kind: 'invalid-settings', issues });
    }
    const saved = await deps.store.saveFlagSettings({ code, document: resolved.document, at: deps.clock().toISOString(), actor: auth.token.name });
    try {
      deps.afterSettings?.(code);
    } catch (error) {
      console.error('[ingest] afterSettings failed:', error);
    }
    return c.json(success({ settings: settingsView(saved), effective: resolved.settings }), 201);
  });

  return routes;
}

// ——— private helpers ———

const SETTINGS_BODY_LIMIT = 64 * 1024;

/** A county of the region, or the region's own code (its settings apply where a county has none). */
async function knownSettingsCode(deps: AppDeps, code: string): Promise<boolean> {
  if (code === deps.config.region) return true;
  if (!/^\d{6}$/.test(code)) return false;
  const division = await deps.store.getDivision(code);
  return division?.level === 'county';
}

function settingsView(s: StoredFlagSettings) {
  return { code: s.code, version: s.version, document: s.document, at: s.at, actor: s.actor, sha256: s.sha256 };
}
