import type { Config } from '../../data/config.ts';
import type { DecisionCheckSettings } from '../../data/decisions/checks/run-decision-checks.ts';
import type { FlagSettingsDocument } from '../../data/flags/flag-settings.ts';
import { settingsFromDocuments } from '../../data/flags/settings-in-force.ts';
import { newestPerScope } from '../../data/power/catalogue-for.ts';
import { CODE_LENGTHS, levelOf, pathCodes, type Division } from '../../data/region.ts';
import { owedCutoffs, type MatterCutoffs } from '../../data/decisions/owed-cutoffs.ts';
import type { IsoDate } from '../../data/publication.ts';
import { MAX_FLAG_LIST, type FlagSettingsStore } from '../../data/store/flag-store.ts';
import type { VillageStats } from '../../data/store/store.ts';
import { complaintStatsIndex } from '../lib/complaint-stats-index.ts';
import type { SiteInfo, TreeNode } from '../lib/page-model.ts';
import { buildRegionTree, treeRootCode } from '../lib/region-tree.ts';
import { regionDivisions, type Region, type SiteStore } from './page-builder.ts';

/**
 * What the pages read of the region, in four sizes (issue 14): the whole region (a full build's
 * region pages), one county and its path (a full build's worker threads), one village's path
 * (an upload's own pages, before its 201), and the divisions the pages above some villages show,
 * with the store's per-division counters (the outbox's rebuilds). Every page built from any of
 * them is the page the whole region gives (page-builder.test.ts, partial-rebuild.test.ts).
 */
export interface RegionLoaderOptions {
  store: SiteStore;
  config: Config;
  clock: () => Date;
  /** the site's name block for a region of this name (the page builder keeps one per name) */
  siteNamed: (regionName: string) => SiteInfo;
}

export function createRegionLoaders(opts: RegionLoaderOptions) {
  const { store, config, clock } = opts;

  /** A Region around its divisions and tree: complaint figures, rounds on `roundsOf`'s path, power lists, the counties' settings. */
  const regionOf = async (o: { divisions: Division[]; tree: TreeNode; roundsOf: string; flagged: ReadonlySet<string> | null; counties: readonly string[] }): Promise<Region> => {
    const site = opts.siteNamed(o.tree.name);
    const complaints = complaintStatsIndex({
      list: (scope, limit) => store.listComplaints({ scope, limit }),
      figures: store,
      divisions: o.divisions,
      deadlines: config.complaints.deadlines,
      now: clock().toISOString(),
    });
    const powerLists = newestPerScope((await store.listCatalogues()).map((c) => c.document));
    const { checkSettings, matterCutoffs } = await checkSettingsOf(store, config.region, o.counties);
    return { divisions: o.divisions, tree: o.tree, site, complaints, rounds: await store.listRounds(o.roundsOf), flagged: o.flagged, powerLists, checkSettings, matterCutoffs };
  };


  return {
    /**
     * The divisions, the stats and the tree: one division query and one stats query. Complaint
     * figures are read later, one query per county, by the first page under it that needs them.
     */
    async loadRegion(): Promise<Region> {
      const divisions = await regionDivisions(store, config.region);
      const root = treeRootCode(divisions, config.region);
      const stats = await store.publicationStats(root);
      const publicFlags = await store.listFlags({ scope: root, publicAt: clock().toISOString(), limit: MAX_FLAG_LIST });
      const flagged = publicFlags.length < MAX_FLAG_LIST ? new Set(publicFlags.map((f) => f.village)) : null;
      return regionOf({ divisions, tree: buildRegionTree(divisions, stats, root), roundsOf: root, flagged, counties: countiesOf(divisions) });
    },

    /**
     * What one village's own pages need, read along its path (village → township → county → root)
     * and never the region: its ancestors for the breadcrumb, its county's complaint figures, the
     * rounds on its path, its county's settings; the region page's figures are not in it, so a
     * region page must not be built from it. An upload's 201 waits for this, so its cost does not
     * grow with the region (issue 14). Null when the village or the configured root is not in the
     * store (a store loaded with another region): then the whole region is read.
     */
    async loadVillageRegion(code: string): Promise<Region | null> {
      const root = config.region;
      if (!code.startsWith(root)) return null;
      const path = [root, ...pathCodes(code, root)];
      const found = await Promise.all(path.map((c) => (c === '' ? null : store.getDivision(c))));
      const divisions = found.filter((d): d is Division => d !== null);
      if (!divisions.some((d) => d.code === code) || (root !== '' && !divisions.some((d) => d.code === root))) return null;
      // flagged: null, so the village's page asks for its own flags
      return regionOf({ divisions, tree: buildRegionTree(divisions, await store.publicationStats(code), root), roundsOf: code, flagged: null, counties: countiesOf(divisions) });
    },

    /**
     * What the pages of one county's villages need: the county with everything under it and the
     * path above it, never the rest of the region. A full build's worker threads build village
     * after village of one county, so each holds one county's divisions, not the country's
     * (issue 14). Null when the county or the configured root is not in the store.
     */
    async loadCountyRegion(county: string): Promise<Region | null> {
      const root = config.region;
      if (!county.startsWith(root) || county.length !== 6) return null;
      const path = [root, ...pathCodes(county, root).slice(0, -1)];
      const above = (await Promise.all(path.map((c) => (c === '' ? null : store.getDivision(c))))).filter((d): d is Division => d !== null);
      if (root !== '' && !above.some((d) => d.code === root)) return null;
      const under = await store.listDivisions(county);
      if (under.length === 0) return null;
      const divisions = [...above, ...under];
      const publicFlags = await store.listFlags({ scope: county, publicAt: clock().toISOString(), limit: MAX_FLAG_LIST });
      const flagged = publicFlags.length < MAX_FLAG_LIST ? new Set(publicFlags.map((f) => f.village)) : null;
      return regionOf({ divisions, tree: buildRegionTree(divisions, await store.publicationStats(county), root), roundsOf: county, flagged, counties: [county] });
    },

    /**
     * What the region pages above these villages and the home page need, and no more (issue 14):
     * loadRegionPages of the divisions on their paths. Build the villages' own pages from
     * loadVillageRegion, and no region page but those on the villages' paths.
     */
    async loadRegionAbove(villages: readonly string[]): Promise<Region | null> {
      const root = config.region;
      return loadRegionPages(villages.flatMap((v) => pathCodes(v, root).slice(0, -1)));
    },

    loadRegionPages,
  };

  /**
   * What the home page and the region pages of these divisions need (issue 14): each of those
   * pages lists two levels below it (the home page three), so these are the divisions read, with
   * the store's per-division counters for their figures. The tree holds only those divisions:
   * build no region page from it but these and the home page. A full build of the country builds
   * the pages above its counties from one of these, each county's from loadCountyRegion. Null
   * when the configured root is not in the store.
   */
  async function loadRegionPages(codes: readonly string[]): Promise<Region | null> {
    const root = config.region;
    if (root !== '' && !(await store.getDivision(root))) return null;
    const lengths = [0, ...CODE_LENGTHS];
    const below = (code: string, levels: number) => lengths[Math.min(lengths.length - 1, lengths.indexOf(code.length) + levels)]!;
    const pages = new Map<string, number>([[root, below(root, 3)]]);
    for (const code of codes) if (code !== root && code.startsWith(root) && lengths.includes(code.length)) pages.set(code, below(code, 2));
    const listed = new Map<string, Division>();
    const withVillages: string[] = [];
    for (const [code, depth] of pages) {
      for (const d of await store.listDivisionsTo(code, depth)) listed.set(d.code, d);
      if (depth === 12) withVillages.push(code);
    }
    const divisions = [...listed.values()].sort((a, b) => (a.code < b.code ? -1 : 1));
    const stats = new Map<string, VillageStats>();
    for (const code of withVillages.filter((c) => !withVillages.some((o) => o !== c && c.startsWith(o)))) {
      for (const [village, s] of await store.publicationStats(code)) stats.set(village, s);
    }
    const counts = await store.divisionCounts([root, ...divisions.filter((d) => d.level !== 'village').map((d) => d.code)]);
    // the checks' thresholds of these pages' matters: every county with its own, the region's for the rest
    const ownSettings = (await store.flagSettingsCodes(root)).filter((c) => levelOf(c) === 'county');
    return regionOf({ divisions, tree: buildRegionTree(divisions, stats, root, counts), roundsOf: root, flagged: null, counties: ownSettings });
  }
}

// ——— private helpers ———

const countiesOf = (divisions: readonly Division[]): string[] => divisions.filter((d) => d.level === 'county').map((d) => d.code);

/**
 * Each county's settings document (and the region's) read once; a village is judged by its
 * county's. `matterCutoffs`: the same thresholds as the cutoff days of the matter counts
 * (MatterCountStore), for these counties by name and the region's (or the defaults) for every other.
 */
async function checkSettingsOf(
  store: Pick<FlagSettingsStore, 'getFlagSettings'>,
  region: string,
  counties: readonly string[],
): Promise<{ checkSettings: (village: string) => DecisionCheckSettings; matterCutoffs: (today: IsoDate) => MatterCutoffs }> {
  const codes = [...new Set([region, ...counties])];
  const documents = new Map<string, FlagSettingsDocument>();
  for (const code of codes) {
    const stored = await store.getFlagSettings(code);
    if (stored) documents.set(code, stored.document);
  }
  const documentOf = (c: string) => documents.get(c) ?? null;
  const byCounty = new Map<string, DecisionCheckSettings>();
  const checkSettings = (village: string) => {
    const county = village.slice(0, 6);
    let settings = byCounty.get(county);
    if (!settings) {
      settings = settingsFromDocuments(village, region, documentOf).decisionChecks;
      byCounty.set(county, settings);
    }
    return settings;
  };
  // a code no county has: the region's document, else the defaults
  const otherwise = settingsFromDocuments('', region, documentOf).decisionChecks;
  const named = [...new Set(counties)].filter((c) => documents.has(c));
  return {
    checkSettings,
    matterCutoffs: (today) => ({ otherwise: owedCutoffs(today, otherwise), byCounty: new Map(named.map((c) => [c, owedCutoffs(today, checkSettings(c))])) }),
  };
}
