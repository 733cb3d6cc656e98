import { CODE_LENGTHS, type Division } from '../../data/region.ts';
import type { DivisionCountStore } from '../../data/store/division-counts.ts';
import type { TreeNode } from '../lib/page-model.ts';
import { findNode, regionNodes } from '../lib/region-tree.ts';
import type { Region } from './page-builder.ts';

/**
 * How a full build reads a province's or the country's divisions (issue 14): never all at once.
 * The home page and the region pages above the counties come from one partial tree (what they
 * list, with the store's counters: loadRegionPages), each county's page, its townships' and its
 * villages' from that county alone (loadCountyRegion), one county after the other; worker threads
 * are handed village codes county by county. A full build then holds a county's divisions and the
 * few thousand above them, not 662,706 (goal ≤ 1 GB). Every page is the one the whole region
 * gives (site-builder.test.ts builds the demo both ways and compares every file).
 */
export interface FullBuildPlan {
  /** the home page's region; the pages of `above` are built from it, no other region page */
  top: Region;
  /** the region pages above the counties (provinces, prefectures) */
  above: TreeNode[];
  /** the counties of the region, in code order */
  counties: string[];
  /** how many villages and region pages the build will write, for its progress */
  villages: number;
  regionPages: number;
}

interface PlanLoaders {
  loadRegionPages(codes: readonly string[]): Promise<Region | null>;
}

/**
 * The plan for the configured root; null when the region is better read whole: a root that is a
 * county or below (one county is small), or a root not in the store (then the whole store is the
 * region, as regionDivisions decides).
 */
export async function planFullBuild(store: Pick<DivisionCountStore, 'listDivisionsTo' | 'divisionCounts'>, pages: PlanLoaders, root: string): Promise<FullBuildPlan | null> {
  if (root.length >= COUNTY) return null;
  const nodes = (await store.listDivisionsTo(root, TOWNSHIP)).filter((d) => d.code !== root && d.level !== 'village');
  const upper = nodes.filter((d) => d.code.length < COUNTY);
  const top = await pages.loadRegionPages(upper.map((d) => d.code));
  if (!top) return null;
  const above = upper.map((d) => findNode(top.tree, d.code)).filter((n): n is TreeNode => n !== null && n.code !== top.tree.code);
  const counties = nodes.filter((d) => d.code.length === COUNTY).map((d) => d.code);
  const villages = (await store.divisionCounts([root])).get(root)?.villages ?? 0;
  return { top, above, counties, villages, regionPages: nodes.length };
}

/** A county's own region page and its townships', from that county's region. */
export function countyPages(region: Region, county: string): TreeNode[] {
  const node = findNode(region.tree, county);
  return node ? [node, ...regionNodes(node)] : [];
}

/** A county's share of a full build: its own region pages (countyPages) and its villages. */
export interface CountyWork {
  /** the county whose region pages are built with these villages; absent: villages only */
  county?: string;
  villages: readonly string[];
}

/** Each of these counties' work, county by county, its villages read as they are asked for. */
export async function* villagesByCounty(store: Pick<DivisionCountStore, 'listDivisionsTo'>, counties: readonly string[]): AsyncGenerator<CountyWork> {
  for (const county of counties) {
    const villages = (await store.listDivisionsTo(county, VILLAGE)).filter((d: Division) => d.level === 'village').map((d) => d.code);
    yield { county, villages };
  }
}

// ——— private helpers ———

const [, , COUNTY, TOWNSHIP, VILLAGE] = CODE_LENGTHS as [number, number, number, number, number];
