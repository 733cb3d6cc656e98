import type { Division } from '../../data/region.ts';
import type { DivisionCounts } from '../../data/store/division-counts.ts';
import type { VillageStats } from '../../data/store/store.ts';
import { chinaDate } from './format.ts';
import type { Crumb, TreeNode } from './page-model.ts';
import { regionHref, villageHref } from './urls.ts';

/**
 * The region tree (prefecture → county → township → village) with publication counts rolled up,
 * built from one division list and one `publicationStats` map, never a query per node. With
 * `counts` (the store's per-division counters), a division's figures are its counters, so a
 * partial list — the divisions a few pages show — still carries the whole region's figures.
 */
export function buildRegionTree(divisions: readonly Division[], stats: ReadonlyMap<string, VillageStats>, rootCode: string, counts?: ReadonlyMap<string, DivisionCounts>): TreeNode {
  const known = new Set(divisions.map((d) => d.code));
  const byParent = new Map<string, Division[]>();
  for (const d of divisions) {
    if (d.code === rootCode || !d.code.startsWith(rootCode)) continue;
    // A division whose parent is not in the list (a partial list) hangs directly under the root.
    const parent = d.parent !== null && known.has(d.parent) ? d.parent : rootCode;
    const list = byParent.get(parent);
    if (list) list.push(d);
    else byParent.set(parent, [d]);
  }
  const rootDivision = divisions.find((d) => d.code === rootCode);
  // The national root ('') is no division of the statistics: it is named here.
  const rootName = rootCode === '' ? NATIONAL_NAME : rootCode;
  const root: Division = rootDivision ?? { code: rootCode, level: levelFor(rootCode), name: rootName, officialName: rootName, parent: null };
  return toNode(root, byParent, stats, counts);
}

/**
 * The code the tree is rooted at: the configured region when the store holds it, else the
 * longest code every division starts with (a store loaded with another region still builds).
 */
export function treeRootCode(divisions: readonly Division[], configured: string): string {
  if (divisions.some((d) => d.code === configured)) return configured;
  const first = divisions[0]?.code ?? configured;
  let prefix = first;
  for (const d of divisions) while (!d.code.startsWith(prefix)) prefix = prefix.slice(0, -1);
  // Division codes are 2, 4, 6, 9 or 12 digits long: root at an existing division if one covers all.
  const lengths = [12, 9, 6, 4, 2].filter((n) => n <= prefix.length);
  const existing = lengths.find((n) => divisions.some((d) => d.code === prefix.slice(0, n)));
  return prefix.slice(0, existing ?? lengths[0] ?? 0);
}

/** The node with this code, anywhere under `root`. */
export function findNode(root: TreeNode, code: string): TreeNode | null {
  if (root.code === code) return root;
  for (const child of root.children) {
    if (code.startsWith(child.code)) return findNode(child, code);
  }
  return null;
}

/** Breadcrumb from the region's home page down to (and including) `code`. */
export function crumbsTo(root: TreeNode, code: string): Crumb[] {
  const crumbs: Crumb[] = [{ name: root.name, href: '/' }];
  let node = root;
  while (node.code !== code) {
    const next = node.children.find((c) => code.startsWith(c.code));
    if (!next) break;
    crumbs.push({ name: next.name, href: next.href });
    node = next;
  }
  return crumbs;
}

/** Every non-village node below the root: the pages under /r/. */
export function regionNodes(root: TreeNode): TreeNode[] {
  const out: TreeNode[] = [];
  const walk = (n: TreeNode) => {
    for (const c of n.children) {
      if (c.level === 'village') continue;
      out.push(c);
      walk(c);
    }
  };
  walk(root);
  return out;
}

// ——— private helpers ———

function toNode(d: Division, byParent: ReadonlyMap<string, Division[]>, stats: ReadonlyMap<string, VillageStats>, counts?: ReadonlyMap<string, DivisionCounts>): TreeNode {
  if (d.level === 'village') {
    const s = stats.get(d.code);
    return {
      code: d.code,
      name: d.name,
      level: 'village',
      href: villageHref(d.code),
      villages: 1,
      publishedVillages: s && s.count > 0 ? 1 : 0,
      count: s?.count ?? 0,
      lastPublishedAt: s?.lastPublishedAt ?? null,
      lastUpdated: s ? chinaDate(s.lastPublishedAt) : null,
      children: [],
    };
  }
  const children = [...(byParent.get(d.code) ?? [])].sort((a, b) => a.code.localeCompare(b.code)).map((c) => toNode(c, byParent, stats, counts));
  const counted = counts?.get(d.code);
  if (counted) {
    return {
      code: d.code,
      name: d.name,
      level: d.level,
      href: regionHref(d.code),
      villages: counted.villages,
      publishedVillages: counted.publishedVillages,
      count: counted.publications,
      lastPublishedAt: counted.lastPublishedAt,
      lastUpdated: counted.lastPublishedAt === null ? null : chinaDate(counted.lastPublishedAt),
      children,
    };
  }
  let last: string | null = null;
  for (const c of children) {
    if (c.lastPublishedAt !== null && (last === null || c.lastPublishedAt > last)) last = c.lastPublishedAt;
  }
  return {
    code: d.code,
    name: d.name,
    level: d.level,
    href: regionHref(d.code),
    villages: sum(children, (c) => c.villages),
    publishedVillages: sum(children, (c) => c.publishedVillages),
    count: sum(children, (c) => c.count),
    lastPublishedAt: last,
    lastUpdated: last === null ? null : chinaDate(last),
    children,
  };
}

const NATIONAL_NAME = '全国';

function sum(nodes: readonly TreeNode[], f: (n: TreeNode) => number): number {
  return nodes.reduce((acc, n) => acc + f(n), 0);
}

function levelFor(code: string): TreeNode['level'] {
  return code.length <= 2 ? 'province' : code.length <= 4 ? 'prefecture' : code.length <= 6 ? 'county' : 'township';
}
