import type { FinanceContent } from '../../data/publication.ts';
import { noChannels } from '../../data/complaints/complaint-facts.ts';
import { describe, expect, it } from 'vitest';
import { formatFen } from '../../data/money.ts';
import type { SiteInfo } from './page-model.ts';
import { buildRegionTree, crumbsTo } from './region-tree.ts';
import { DIVISIONS, financeContent, projectContent, publication, subsidyContent, summaryOf } from './test-fixtures.ts';
import { complaintStatsView } from './complaint-stats-view.ts';
import { logStamp } from './publication-view.ts';
import { buildVillageView, financeSentence, financeWords } from './village-view.ts';

const site: SiteInfo = { name: '阳光村务', regionName: '张家界市', baseUrl: 'http://x.test' };
const village = DIVISIONS.find((d) => d.code === '430802108214')!;
const crumbs = crumbsTo(buildRegionTree(DIVISIONS, new Map(), '4308'), village.code);

const q2 = publication(financeContent('2026-Q2', [{ summary: '二季度', income: 50_000 }]), { id: 'q2', publishedAt: '2026-07-05T00:00:00Z' });
const q3v1 = publication(financeContent('2026-Q3', [{ summary: '三季度', income: 70_000 }]), { id: 'q3a', supersededBy: 'q3b', publishedAt: '2026-10-05T00:00:00Z' });
const q3v2 = publication(financeContent('2026-Q3', [{ summary: '三季度', income: 80_000 }]), { id: 'q3b', version: 2, supersedes: 'q3a', publishedAt: '2026-10-08T00:00:00Z' });

describe('village page view', () => {
  it('puts the latest finance period first, with its income, expense and closing balance', () => {
    const view = buildVillageView({ site, village, crumbs, current: [q2, q3v2], history: [q3v2, q3v1, q2].map(summaryOf) });
    expect(view.finance?.periodLabel).toBe('2026年第三季度');
    expect(view.finance?.figures.slice(0, 3).map((f) => `${f.label} ${f.value} ${f.unit}`)).toEqual([
      `本期收入 ${formatFen(80_000)} 元`,
      `本期支出 ${formatFen(0)} 元`,
      `期末余额 ${formatFen(100_000 + 80_000)} 元`,
    ]);
    expect(view.olderFinance.map((f) => f.periodLabel)).toEqual(['2026年第二季度']);
  });

  it('marks a corrected version 已更正 in the history and links it to its replacement', () => {
    const view = buildVillageView({ site, village, crumbs, current: [q3v2], history: [q3v2, q3v1].map(summaryOf) });
    const old = view.history.find((h) => h.version === 1);
    const current = view.history.find((h) => h.version === 2);
    expect(old?.supersededBy).toEqual({ href: '/v/430802108214/p/q3b/', version: 2, changesHref: '/v/430802108214/p/q3a/changes/' });
    expect(current?.supersededBy).toBeNull();
    expect(view.history.map((h) => h.version)).toEqual([2, 1]);
  });

  it('offers a search form limited to this village', () => {
    const view = buildVillageView({ site, village, crumbs, current: [], history: [] });
    expect(view.search).toEqual({ action: '/search/', village: '430802108214', label: '在本村公开材料中搜索' });
  });

  it('flags sample data so the page shows the banner and badges', () => {
    const sample = publication(subsidyContent('耕地地力保护补贴', [{ name: '张三', amount: 100 }]), { id: 's', sample: true });
    const view = buildVillageView({ site, village, crumbs, current: [sample, q2], history: [sample, q2].map(summaryOf) });
    expect(view.sample).toBe(true);
    expect(view.subsidies[0]?.sample).toBe(true);
    expect(view.finance?.sample).toBe(false);
    expect(view.history.find((h) => h.href.includes('/p/s/'))?.sample).toBe(true);

    const real = buildVillageView({ site, village, crumbs, current: [q2], history: [q2].map(summaryOf) });
    expect(real.sample).toBe(false);
  });

  it('links the printable notice-board poster, its A3 and black-and-white versions, and its preview', () => {
    const view = buildVillageView({ site, village, crumbs, current: [], history: [] });
    expect(view.poster).toEqual({
      pdf: '/v/430802108214/poster.pdf',
      a3: '/v/430802108214/poster.pdf?size=a3',
      mono: '/v/430802108214/poster.pdf?mono=1',
      preview: '/v/430802108214/poster.png',
    });
  });

  it('says a village with no publications has published nothing yet', () => {
    const view = buildVillageView({ site, village, crumbs, current: [], history: [] });
    expect(view.empty).toBe(true);
    expect(view.finance).toBeNull();
    expect(view.twins).toEqual({ json: '/v/430802108214/index.json', csv: '/v/430802108214/index.csv', xlsx: '/v/430802108214/index.xlsx' });
  });

  it('shows the first 50 ledger rows and links to the rest', () => {
    const long = publication(financeContent('2026-Q3', Array.from({ length: 300 }, (_, i) => ({ summary: `第${i}笔`, expense: 10 }))), { id: 'long' });
    const view = buildVillageView({ site, village, crumbs, current: [long], history: [summaryOf(long)] });
    expect(view.finance?.table.rows).toHaveLength(50);
    expect(view.finance?.table.totalRows).toBe(300);
    expect(view.finance?.href).toBe('/v/430802108214/p/long/');
  });

  it('sizes project photos as the 320 px variant and links the 1200 px one', () => {
    const works = publication(projectContent(), { id: 'pj' });
    const view = buildVillageView({ site, village, crumbs, current: [works], history: [summaryOf(works)] });
    const item = view.projects[0]?.items[0];
    expect(item?.percent).toBe(60);
    expect(item?.photos[0]).toEqual({
      small: '/media/abcdef0123456789abcdef01-320.webp',
      large: '/media/abcdef0123456789abcdef01-1200.webp',
      width: 320,
      height: 240,
      alt: '八组道路硬化现场照片',
    });
  });

  it('gives the breadcrumb down from the region through county and township', () => {
    const view = buildVillageView({ site, village, crumbs, current: [], history: [] });
    expect(view.crumbs.map((c) => c.name)).toEqual(['张家界市', '永定区', '沅古坪镇', '马头溪村']);
  });

  it('links the village complaint page and carries the village’s complaint figures', () => {
    const complaints = complaintStatsView({ received: 3, closed: 1, overdue: 1, medianDaysToAnswer: 2, satisfaction: 1, feedbacks: 1, byChannel: { ...noChannels(), portal: 3 } }, '2026-08-01T00:00:00Z');
    const view = buildVillageView({ site, village, crumbs, current: [], history: [], complaints });
    expect(view.complaintHref).toBe('/v/430802108214/complaint/');
    expect(view.complaints?.figures[0]).toEqual({ label: '受理', value: '3', unit: '件' });
    // a builder that loaded no figures shows no figures section, rather than claiming 暂无投诉
    expect(buildVillageView({ site, village, crumbs, current: [], history: [] }).complaints).toBeNull();
  });

  it('leaves a taken-down list out of the sections and names it 已撤下 with the reason, in the list and the history', () => {
    const list = publication(subsidyContent('耕地地力保护补贴', [{ name: '李四', amount: 100 }]), { id: 's' });
    const takedowns = new Map([['s', { publicationId: 's', reason: '误公开了银行卡号', at: '2026-10-11T00:00:00.000Z', logIndex: 9 }]]);
    const view = buildVillageView({ site, village, crumbs, current: [list, q2], history: [list, q2].map(summaryOf), takedowns });
    expect(view.subsidies).toEqual([]);
    expect(view.finance?.periodLabel).toBe('2026年第二季度');
    expect(view.takenDown).toEqual([
      { href: '/v/430802108214/p/s/', title: '补贴发放 2026年 第1版', kindLabel: '补贴发放', periodLabel: '2026年', reason: '误公开了银行卡号', at: '2026-10-11 08:00', iso: '2026-10-11T00:00:00.000Z', logIndex: 9 },
    ]);
    expect(view.history.map((h) => h.takenDown)).toEqual([true, false]);
    expect(view.history.map((h) => h.title)).toEqual(['补贴发放 2026年 第1版', q2.content.title]);
    const json = JSON.stringify(view);
    expect(json).not.toContain('李四');
    // the title and the programme named in it leave every part of the page, list and history
    expect(list.content.title).toContain('耕地地力保护补贴');
    expect(json).not.toContain('耕地地力保护补贴');
  });

  it('carries the size and fingerprint of the log it was built from', () => {
    const view = buildVillageView({ site, village, crumbs, current: [q2], history: [q2].map(summaryOf), log: logStamp(12, 'ab12 cd34 ef56 7890') });
    expect(view.log).toEqual({ size: 12, fingerprint: 'ab12 cd34 ef56 7890', checkpointHref: '/log/checkpoint' });
    expect(buildVillageView({ site, village, crumbs, current: [], history: [] }).log).toBeNull();
  });
});

describe('the village page’s one sentence', () => {
  it('says the latest period’s income, expense and closing balance in words a villager reads', () => {
    const content: FinanceContent = { kind: 'finance', title: '', period: '2026-Q3', openingBalance: 1_200_000, entries: [], totals: { income: 2_500_000, expense: 212_050, closingBalance: 3_487_950 }, notes: [] };
    expect(financeSentence(content, '2026年第三季度')).toBe('2026年第三季度，本村收入 25,000.00 元，支出 2,120.50 元，期末结余 34,879.50 元。');
    expect(financeSentence({ ...content, totals: { ...content.totals, closingBalance: null } }, '2026年7月')).toBe('2026年7月，本村收入 25,000.00 元，支出 2,120.50 元。');
  });

  it('says the same amounts as written on a receipt (大写金额)', () => {
    const content: FinanceContent = { kind: 'finance', title: '', period: '2026-Q3', openingBalance: 1_200_000, entries: [], totals: { income: 2_500_000, expense: 212_050, closingBalance: 3_487_950 }, notes: [] };
    expect(financeWords(content)).toBe('大写：收入贰万伍仟元整，支出贰仟壹佰贰拾元伍角整，期末结余叁万肆仟捌佰柒拾玖元伍角整。');
    expect(financeWords({ ...content, totals: { ...content.totals, closingBalance: -5 } })).toBe('大写：收入贰万伍仟元整，支出贰仟壹佰贰拾元伍角整，期末结余负伍分。');
  });
});
