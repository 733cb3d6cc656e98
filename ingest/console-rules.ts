import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Account } from '../data/accounts/account.ts';
import { allows } from '../data/accounts/permissions.ts';
import { scopePrefix } from '../data/accounts/role.ts';
import { missRates } from '../data/complaints/classify.ts';
import { parseClassifyRules } from '../data/complaints/classify-rules.ts';
import { DEFAULT_CLASSIFY_RULES } from '../data/complaints/default-classify-rules.ts';
import { countyOf } from '../data/complaints/intake-draft.ts';
import { covers } from '../data/region.ts';
import type { CatalogueStore } from '../data/store/catalogue-store.ts';
import type { ClassifyRuleSets } from '../data/store/classify-rule-sets.ts';
import { MAX_CORRECTIONS_LISTED, type IntakeCorrections } from '../data/store/intake-corrections.ts';
import type { SignInLog } from '../data/store/sign-in-log.ts';
import { buildRulesView, RULES_FIELDS, RULES_PATHS } from '../site/lib/console-rules-view.ts';
import { CONSOLE_PATHS } from '../site/lib/urls.ts';
import { consoleCommon, uploadForm, type ConsoleContext } from './console-common.ts';
import { rulesReadTarget } from './classify-rules-source.ts';
import { villageCatalogue } from './village-catalogue.ts';

export interface ConsoleRulesDeps extends ConsoleContext {
  store: ConsoleContext['store'] & SignInLog & ClassifyRuleSets & Pick<IntakeCorrections, 'listCorrections'> & Pick<CatalogueStore, 'listCatalogues'>;
}

/** A rule set is a few dozen KB (the defaults about 12 KB); the API takes as much. */
const RULES_UPLOAD_LIMIT = 256 * 1024;

/**
 * 分类派发规则 in the console (issue 17, item 3): what the API's /staff/classification routes do,
 * for a county's staff signed in — the rules in force, where they miss, the JSON to start from,
 * and a new version saved from a file (county discipline or the city: action `set-classify-rules`).
 * Those who record complaints in the county may look.
 */
export function consoleRulesRoutes(deps: ConsoleRulesDeps): Hono {
  const routes = new Hono();
  const siteOrigins = [new URL(deps.config.baseUrl).origin];
  const common = consoleCommon(deps);
  const limitBody = bodyLimit({ maxSize: RULES_UPLOAD_LIMIT, onError: (c) => c.text('规则文件超过 256 KB 上限 / the file is over 256 KB', 413) });

  /** The county asked for (or the account's own), if the account records complaints there. */
  const countyFor = async (c: Context, account: Account): Promise<{ code: string; name: string } | null> => {
    const scope = scopePrefix(account.scope);
    const { byCode } = await common.loadRegion();
    // a city's staff start at the first county of the city, and pick another from the page
    const first = () => [...byCode.values()].filter((d) => d.level === 'county' && covers(scope, d.code)).map((d) => d.code).sort()[0];
    const code = c.req.query(RULES_FIELDS.county) ?? countyOf(scope) ?? first() ?? '';
    const county = byCode.get(code);
    if (county?.level !== 'county') return null;
    return allows(account, 'record-complaint', rulesReadTarget(scope, code)).ok ? { code, name: county.name } : null;
  };

  const page = async (c: Context, account: Account, county: { code: string; name: string }, extra: { notice?: string; problems?: string[] } = {}, status: 200 | 422 = 200) => {
    const { site, byCode } = await common.loadRegion();
    const scope = scopePrefix(account.scope);
    const counties = [...byCode.values()].filter((d) => d.level === 'county' && covers(scope, d.code)).sort((a, b) => a.code.localeCompare(b.code));
    const [current, versions, corrections, catalogue] = await Promise.all([
      deps.store.currentRuleSet(county.code),
      deps.store.listRuleSetVersions(county.code),
      deps.store.listCorrections(county.code),
      villageCatalogue(deps.store, county.code),
    ]);
    return common.html(
      c,
      buildRulesView({
        site,
        csrf: common.csrf(c),
        county,
        counties,
        current,
        rules: current?.rules ?? DEFAULT_CLASSIFY_RULES,
        versions,
        rates: missRates(corrections),
        corrections: corrections.length,
        capped: corrections.length >= MAX_CORRECTIONS_LISTED,
        mayUpload: allows(account, 'set-classify-rules', county.code).ok,
        powerItemName: (code) => catalogue.items.find((i) => i.code === code)?.name ?? null,
        ...extra,
      }),
      status,
    );
  };

  const reader = async (c: Context): Promise<Response | { account: Account; county: { code: string; name: string } }> => {
    const me = await common.signedIn(c);
    if (!me) return c.redirect(CONSOLE_PATHS.home, 303);
    const county = await countyFor(c, me.account);
    if (!county) return c.text('没有这个县，或您不在这个县登记群众反映。', 404);
    return { account: me.account, county };
  };

  routes.get(RULES_PATHS.page, async (c) => {
    const who = await reader(c);
    if (who instanceof Response) return who;
    return page(c, who.account, who.county);
  });

  routes.get(RULES_PATHS.download, async (c) => {
    const who = await reader(c);
    if (who instanceof Response) return who;
    const current = await deps.store.currentRuleSet(who.county.code);
    return c.body(`${JSON.stringify(current?.rules ?? DEFAULT_CLASSIFY_RULES, null, 2)}\n`, 200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="classify-rules-${who.county.code}.json"`,
      'Cache-Control': 'private, no-store',
    });
  });

  routes.post(RULES_PATHS.upload, limitBody, async (c) => {
    const who = await reader(c);
    if (who instanceof Response) return who;
    if (!allows(who.account, 'set-classify-rules', who.county.code).ok) return c.text('只有县级纪委（或市级）账号可以修改本县的规则。', 403);
    const read = await uploadForm(c, siteOrigins);
    if (!read.ok) return c.text(read.problem, read.status);
    const file = read.form.get(RULES_FIELDS.file);
    if (!(file instanceof File) || file.size === 0) return page(c, who.account, who.county, { problems: ['请选择规则文件（JSON）。'] }, 422);
    let document: unknown;
    try {
      document = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer()));
    } catch {
      return page(c, who.account, who.county, { problems: ['文件不是 UTF-8 编码的 JSON：请从“下载正在使用的规则”得到的文件改起。'] }, 422);
    }
    const parsed = parseClassifyRules(document);
    if (parsed.kind === 'invalid') return page(c, who.account, who.county, { problems: parsed.issues.slice(0, 50).map((i) => `${i.path || '整份规则'}：${i.message.split(' / ')[0]}`) }, 422);
    const at = deps.clock().toISOString();
    const saved = await deps.store.saveRuleSet(who.county.code, parsed.rules, who.account.office, at);
    await deps.store.recordEvent({ accountId: who.account.id, at, type: 'classify-rules-saved', detail: `${who.county.name} 第 ${saved.version} 版` });
    return page(c, who.account, who.county, { notice: `已保存为第 ${saved.version} 版，下次“识别”起按它建议。` });
  });

  return routes;
}
