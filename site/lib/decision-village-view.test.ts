import { describe, expect, it } from 'vitest';
import { LONGGANG, roadMatter, wastelandMatter, withoutStep } from '../../data/decisions/checks/test-records.ts';
import type { ProjectContent, ProjectItem } from '../../data/publication.ts';
import { judgeVillageDecisions } from '../../data/decisions/village-decisions.ts';
import { storedMatter } from '../../data/decisions/test-matters.ts';
import type { SiteInfo } from './page-model.ts';
import { buildRegionTree, crumbsTo } from './region-tree.ts';
import { DIVISIONS, financeContent, projectContent, publication } from './test-fixtures.ts';
import { buildVillageView } from './village-view.ts';

const site: SiteInfo = { name: '阳光村务', regionName: '张家界市', baseUrl: 'http://x.test' };
const village = DIVISIONS.find((d) => d.code === LONGGANG)!;
const crumbs = crumbsTo(buildRegionTree(DIVISIONS, new Map(), '4308'), village.code);
const TODAY = '2026-10-10';

function project(row: number, name: string, budget: number, actualCompletion: string | null = null): ProjectItem {
  const base = projectContent().projects[0]!;
  return { ...base, row, name, budget, contractAmount: null, actualCompletion, photos: [] };
}

const projects: ProjectContent = {
  ...projectContent(),
  projects: [
    project(3, '龙岗村二组至四组通组公路硬化工程', 38_600_000, '2026-09-10'),
    project(4, '五组水渠维修', 30_000_000),
    project(5, '村部门窗更换', 2_000_000),
  ],
};
const list = publication(projects, { id: 'pl', village: LONGGANG });
const ledger = publication(financeContent('2026-Q2', [{ summary: '龙岗村二组至四组通组公路硬化工程进度款', expense: 10_000_000 }]), { id: 'q2', village: LONGGANG });

function villageView(matters = [storedMatter(roadMatter(), { id: '1' }), storedMatter(wastelandMatter(), { id: '2' })], current = [list, ledger]) {
  const decisions = judgeVillageDecisions({ matters, publications: current, today: TODAY });
  return buildVillageView({ site, village, crumbs, current, history: [], decisions });
}

describe('四议两公开 on the village page', () => {
  it('lists the village’s matters with their badges, linked to their pages', () => {
    const view = villageView();
    expect(view.decisions?.empty).toBeNull();
    expect(view.decisions?.items.map((d) => [d.subject, d.href, d.badge.text, d.badge.attention, d.lastStep])).toEqual([
      ['龙岗村二组至四组通组公路硬化工程', `/v/${LONGGANG}/decisions/1/`, expect.not.stringMatching(/^(缺少|需说明)/), false, '2026-09-20'],
      ['村集体荒山（老鸦坡）经营权流转', `/v/${LONGGANG}/decisions/2/`, '需说明：党员大会到会与表决人数', true, '2026-05-23'],
    ]);
  });

  it('says so in a plain line when the village has no matters', () => {
    const view = villageView([]);
    expect(view.decisions).toEqual({ items: [], empty: '本村尚未登记四议两公开事项' });
  });

  it('puts a badge on each project of the current project list, linking to the matter that decided it', () => {
    const items = villageView().projects[0]!.items;
    expect(items.map((i) => [i.name, i.decision?.href ?? null])).toEqual([
      ['龙岗村二组至四组通组公路硬化工程', `/v/${LONGGANG}/decisions/1/`],
      ['五组水渠维修', null],
      ['村部门窗更换', null],
    ]);
    expect(items[1]!.decision).toEqual({ text: '缺少：四议两公开记录', attention: true, href: null });
    expect(items[2]!.decision).toEqual({ text: '无需四议两公开', attention: false, href: null });
  });

  it('names the missing step on the project when its matter lacks one', () => {
    const view = villageView([storedMatter(withoutStep(roadMatter(), 'party-members-meeting'), { id: '1' })]);
    expect(view.projects[0]!.items[0]!.decision).toEqual({ text: '缺少：党员大会审议', attention: true, href: `/v/${LONGGANG}/decisions/1/` });
  });

  it('finds a project’s first payment in the village’s finance ledgers', () => {
    // paid before the 村民代表会议 decided: the same matter reads differently once the ledger says so
    const q1 = financeContent('2026-Q1', [{ summary: '龙岗村二组至四组通组公路硬化工程预付款', expense: 5_000_000 }]);
    const early = publication({ ...q1, entries: q1.entries.map((e) => ({ ...e, date: '2026-03-10' })) }, { id: 'q1', village: LONGGANG });
    const withEarly = villageView(undefined, [list, early]);
    expect(withEarly.projects[0]!.items[0]!.decision).toMatchObject({ text: '需说明：先决议、再签合同、再付款', attention: true });
    expect(villageView().projects[0]!.items[0]!.decision?.attention).toBe(false);
  });

  it('labels the page sample data when a matter is', () => {
    expect(villageView([storedMatter(wastelandMatter(), { sample: true })], []).sample).toBe(true);
    expect(villageView([storedMatter(wastelandMatter())], []).sample).toBe(false);
  });

  it('leaves the section and the badges out when the builder did not read the matters', () => {
    const view = buildVillageView({ site, village, crumbs, current: [list], history: [] });
    expect(view.decisions).toBeNull();
    expect(view.projects[0]!.items.every((i) => i.decision === null)).toBe(true);
  });
});
