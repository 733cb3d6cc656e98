import type { Account } from '../../data/accounts/account.ts';
import { scopePrefix } from '../../data/accounts/role.ts';
import { periodLabel } from '../../data/period.ts';
import type { PublicationSummary } from '../../data/publication.ts';
import type { Division } from '../../data/region.ts';
import type { VillageStats } from '../../data/store/store.ts';
import { chinaDate, KIND_LABEL } from './format.ts';
import type { PageBase, SiteInfo } from './page-model.ts';
import { CONSOLE_PATHS, publicationHref, villageHref } from './urls.ts';

/**
 * 发布记录 in the console (issue 13, point 3): a village's accounts see every version it published,
 * corrections marked; wider scopes see their villages with how much each published and when last,
 * and those that published nothing, each linked to its page.
 */
export interface PublicationsPage extends PageBase {
  kind: 'console-publications';
  heading: string;
  versions: Array<{ title: string; what: string; version: number; published: string; corrected: boolean; href: string }>;
  villages: Array<{ name: string; href: string; count: number; last: string | null }>;
  back: string;
}

export function buildPublicationsView(input: {
  site: SiteInfo;
  account: Account;
  divisions: ReadonlyMap<string, Division>;
  /** the account's own village's versions, newest first (village accounts only) */
  versions: readonly PublicationSummary[];
  stats: ReadonlyMap<string, VillageStats>;
}): PublicationsPage {
  const prefix = scopePrefix(input.account.scope);
  const own = input.account.scope.length === 12;
  const villages = own
    ? []
    : [...input.divisions.values()]
        .filter((d) => d.level === 'village' && d.code.startsWith(prefix))
        .map((d) => ({ name: d.name, href: villageHref(d.code), count: input.stats.get(d.code)?.count ?? 0, last: input.stats.get(d.code) ? chinaDate(input.stats.get(d.code)!.lastPublishedAt) : null }))
        // the villages that published nothing first: they are what a township chases
        .sort((a, b) => a.count - b.count || a.name.localeCompare(b.name, 'zh-CN'));
  return {
    site: input.site,
    title: '发布记录',
    description: '工作台：已公开的材料和更正记录',
    sample: false,
    kind: 'console-publications',
    heading: `发布记录 · ${(input.divisions.get(input.account.scope) ?? input.divisions.get(prefix))?.name ?? input.account.scope}`,
    versions: input.versions.map((p) => ({
      title: p.title,
      what: `${KIND_LABEL[p.kind]} · ${periodLabel(p.period)}`,
      version: p.version,
      published: chinaDate(p.publishedAt),
      corrected: p.supersededBy !== null,
      href: publicationHref(p.village, p.id),
    })),
    villages,
    back: CONSOLE_PATHS.home,
  };
}
