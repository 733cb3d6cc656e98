import type { ComplaintStatsView, DashboardView, HomePage, NotFoundPage, RegionPage, SiteInfo, TreeNode, UploadPage } from './page-model.ts';
import { crumbsTo, findNode } from './region-tree.ts';
import type { SummaryListItem } from './summary-page-view.ts';

/** The home page: the whole region tree, collapsible without JavaScript. */
export function buildHomeView(site: SiteInfo, tree: TreeNode, complaints: ComplaintStatsView | null = null, dashboard: DashboardView | null = null, summaries: SummaryListItem[] = []): HomePage {
  return {
    kind: 'home',
    site,
    title: `${tree.name}村务公开`,
    description: `${tree.name}各村财务收支、补贴发放、工程项目公开。按县、乡镇查找本村。`,
    sample: dashboard?.sample ?? false,
    tree,
    complaints,
    dashboard,
    summaries,
  };
}

/** A county or township page; null when the code is not in the region. */
export function buildRegionView(site: SiteInfo, tree: TreeNode, code: string, complaints: ComplaintStatsView | null = null, dashboard: DashboardView | null = null, summaries: SummaryListItem[] = []): RegionPage | null {
  const node = findNode(tree, code);
  if (!node || node.level === 'village' || node.code === tree.code) return null;
  return {
    kind: 'region',
    site,
    title: `${node.name}村务公开`,
    description: `${node.name}下辖${node.villages}个村（社区），其中${node.publishedVillages}个已公开村务。`,
    sample: dashboard?.sample ?? false,
    crumbs: crumbsTo(tree, code).map((c, i, all) => (i === all.length - 1 ? { ...c, href: null } : c)),
    node,
    complaints,
    dashboard,
    summaries,
  };
}

export function buildUploadView(site: SiteInfo): UploadPage {
  return {
    kind: 'upload',
    site,
    title: '上传公开材料',
    description: '村干部上传财务收支、补贴发放、工程项目表格，预览核对后发布。',
    sample: false,
    apiBase: '/api/v1',
  };
}

export function buildNotFoundView(site: SiteInfo): NotFoundPage {
  return { kind: 'not-found', site, title: '页面不存在', description: '页面不存在', sample: false };
}
