import { describe, expect, it } from 'vitest';
import type { VillageStats } from '../../data/store/store.ts';
import { buildRegionTree, crumbsTo, findNode, regionNodes, treeRootCode } from './region-tree.ts';
import { DIVISIONS } from './test-fixtures.ts';

const stats = new Map<string, VillageStats>([
  ['430802108214', { count: 3, lastPublishedAt: '2026-10-08T02:00:00.000Z' }],
  ['430821211227', { count: 1, lastPublishedAt: '2026-10-09T17:30:00.000Z' }],
]);

describe('region tree', () => {
  it('rolls village counts and last-updated dates up to township, county and region', () => {
    const tree = buildRegionTree(DIVISIONS, stats, '4308');
    expect(tree.name).toBe('张家界市');
    expect(tree.children.map((c) => c.name)).toEqual(['永定区', '慈利县']);
    expect([tree.villages, tree.publishedVillages, tree.count]).toEqual([3, 2, 4]);
    // 17:30 UTC on the 9th is already the 10th in China
    expect(tree.lastUpdated).toBe('2026-10-10');
    const town = findNode(tree, '430802108');
    expect([town?.villages, town?.publishedVillages, town?.count, town?.lastUpdated]).toEqual([2, 1, 3, '2026-10-08']);
    expect(findNode(tree, '430802108215')?.lastUpdated).toBeNull();
  });

  it('lists county and township pages, not villages', () => {
    const tree = buildRegionTree(DIVISIONS, stats, '4308');
    expect(regionNodes(tree).map((n) => n.href)).toEqual(['/r/430802/', '/r/430802108/', '/r/430821/', '/r/430821211/']);
  });

  it('builds breadcrumbs from the region home down to a village', () => {
    const tree = buildRegionTree(DIVISIONS, stats, '4308');
    expect(crumbsTo(tree, '430821211227')).toEqual([
      { name: '张家界市', href: '/' },
      { name: '慈利县', href: '/r/430821/' },
      { name: '龙潭河镇', href: '/r/430821211/' },
      { name: '龙岗村', href: '/v/430821211227/' },
    ]);
  });

  it('roots the tree at the region the store holds when the configured one is absent', () => {
    const other = DIVISIONS.filter((d) => d.code.startsWith('430802'));
    expect(treeRootCode(DIVISIONS, '4308')).toBe('4308');
    expect(treeRootCode(other, '4308')).toBe('430802');
    const tree = buildRegionTree(other, stats, treeRootCode(other, '4308'));
    expect(tree.name).toBe('永定区');
    expect(tree.villages).toBe(2);
  });
});
