import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attachmentDisposition } from '../../ingest/attachment.ts';
import { createStaticSite } from '../../ingest/static-site.ts';
import { parseConfig } from '../../data/config.ts';
import { rootFingerprint } from '../../data/log/checkpoint.ts';
import { newPublication } from '../../data/new-publication.ts';
import type { Publication, PublicationContent } from '../../data/publication.ts';
import { openSqliteStore, type SqliteStore } from '../../data/store/sqlite-store.ts';
import { SERVER_ENTRY } from '../../scripts/lib/astro-bundle.ts';
import { DIVISIONS, financeContent, projectContent } from '../lib/test-fixtures.ts';
import { INDEX_FILE } from '../lib/village-index.ts';
import { findPersonalNumbers } from '../../data/privacy/personal-number-scan.ts';
import { buildVillageView } from '../lib/village-view.ts';
import { createPageBuilder, loadRenderer } from './page-builder.ts';
import { findNode } from '../lib/region-tree.ts';
import { newComplaint } from '../../data/complaints/complaint-workflow.ts';
import { roadMatter, withoutStep } from '../../data/decisions/checks/test-records.ts';
import { FlagSettingsDocument } from '../../data/flags/flag-settings.ts';
import { trackingCodeFrom } from '../../data/complaints/tracking-code.ts';

// What the page builder adds for the transparency log: each page's log stamp, and a takedown
// that takes the content (and the photos nobody else shows) off the site.

const VILLAGE = '430802108214';
const PHOTO = projectContent().projects[0]!.photos[0]!.id;
let dir: string;
let out: string;
let store: SqliteStore;
let seq = 0;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cunwu-pages-'));
  out = join(dir, 'site');
  store = await openSqliteStore(join(dir, 'portal.sqlite'));
  await store.replaceDivisions(DIVISIONS);
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function builder() {
  const parsed = parseConfig({ PORTAL_DATA_DIR: dir, PORTAL_REGION: '430800', PORTAL_BASE_URL: 'http://portal.test' }, '/');
  if (!parsed.ok) throw new Error(parsed.message);
  const pages = createPageBuilder({ store, config: parsed.config, outDir: out, render: await loadRenderer(SERVER_ENTRY) });
  return { pages, region: await pages.loadRegion(), village: DIVISIONS.find((d) => d.code === VILLAGE)! };
}

async function publish(content: PublicationContent, withPhoto = false): Promise<Publication> {
  seq += 1;
  const photos = withPhoto ? [{ id: PHOTO, large: new Uint8Array([1, 2, 3]), small: new Uint8Array([4, 5]) }] : [];
  const input = newPublication({ id: `pub${seq}`, village: VILLAGE, content, publishedAt: new Date(Date.UTC(2026, 9, 10, 2, seq)).toISOString(), sample: false, source: { filename: null, format: 'json' }, photos });
  return (await store.publish(input)).publication;
}

const read = (path: string) => readFileSync(join(out, path), 'utf8');
const photoFiles = () => [1200, 320].map((w) => existsSync(join(out, 'media', `${PHOTO}-${w}.webp`)));

describe('page builder and the transparency log', () => {
  it('stamps a publication page with its leaf and the village page with the tree it was built from', async () => {
    const ledger = await publish(financeContent('2026-Q3', [{ summary: '办公用品', expense: 5_000 }]));
    await publish(financeContent('2026-Q2', [{ summary: '保洁', expense: 3_000 }]));
    const root = await store.logRoot(2);
    const fingerprint = root.kind === 'root' ? rootFingerprint(root.root) : '';
    const { pages, region, village } = await builder();
    await pages.buildVillageWithHistory(region, village, true);
    expect(read(`v/${VILLAGE}/p/${ledger.id}/index.html`)).toContain('本记录已写入公开日志，第 0 号');
    const html = read(`v/${VILLAGE}/index.html`);
    expect(html).toContain(`共 2 条记录，日志指纹 <span class="hash">${fingerprint.split(' ').map((g) => `<span>${g}</span>`).join(' ')}</span>`);
    expect(html).toContain('href="/log/checkpoint"');
  });

  it('takes a project’s photos off the site with it, but keeps a photo a later version still shows', async () => {
    const first = await publish(projectContent(), true);
    const { pages, region, village } = await builder();
    await pages.buildVillageWithHistory(region, village, true);
    expect(photoFiles()).toEqual([true, true]);

    const corrected = await publish({ ...projectContent(), notes: ['更正：合同金额'] }, true);
    await store.tombstone(first.id, '照片中有村民身份证', '2026-10-11T00:00:00.000Z');
    const history = await store.listPublications(VILLAGE);
    await pages.buildPublication(region, village, first, history);
    expect(photoFiles()).toEqual([true, true]);
    expect(read(`v/${VILLAGE}/p/${first.id}/index.html`)).toContain('照片中有村民身份证');

    await store.tombstone(corrected.id, '照片中有村民身份证', '2026-10-11T00:00:00.000Z');
    await pages.buildPublication(region, village, corrected, history);
    expect(photoFiles()).toEqual([false, false]);
    const page = read(`v/${VILLAGE}/p/${corrected.id}/index.html`);
    expect(page).toContain('已撤下');
    expect(page).not.toContain('路基完成');
  });

  it('drops the village search index once nothing searchable is left', async () => {
    const ledger = await publish(financeContent('2026-Q3', [{ summary: '办公用品', expense: 5_000 }]));
    const { pages, region, village } = await builder();
    const index = join(out, 'v', VILLAGE, INDEX_FILE);
    await pages.buildVillage(region, village, true);
    expect(readFileSync(index, 'utf8')).toContain('办公用品');
    await store.tombstone(ledger.id, '误公开', '2026-10-11T00:00:00.000Z');
    await pages.buildVillage(region, village, true);
    expect(existsSync(index)).toBe(false);
    expect(read(`v/${VILLAGE}/index.html`)).not.toContain('办公用品');
  });
});

describe('page builder and the charts’ numbers', () => {
  it('writes each dashboard chart’s CSV beside the county page, and removes the files of charts the page no longer has', async () => {
    await publish(financeContent('2026-Q3', [{ summary: '收到流转费', income: 20_000, account: '经营收入' }]));
    const { pages, region } = await builder();
    const county = region.tree.children.find((c) => c.code === '430802')!;
    const charts = join(out, 'r', '430802', 'charts');
    mkdirSync(charts, { recursive: true });
    writeFileSync(join(charts, 'old-chart.csv'), '旧数据\r\n');
    await pages.buildRegionPage(region, county);
    expect(readdirSync(charts).sort()).toEqual(['disclosure-on-time.csv', 'names.json']);
    expect(read('r/430802/charts/disclosure-on-time.csv')).toBe('\uFEFF乡镇,按时公开(%)\r\n沅古坪镇,100.0\r\n');
    expect(read('r/430802/index.html')).toContain('href="/r/430802/charts/disclosure-on-time.csv"');
    // the Chinese name the portal gives the download (ingest/static-site.ts)
    expect(JSON.parse(read('r/430802/charts/names.json'))).toEqual({ 'disclosure-on-time.csv': '按时公开的村所占比例.csv' });
    const site = createStaticSite(out);
    const res = await site.request('/r/430802/charts/disclosure-on-time.csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(attachmentDisposition('disclosure-on-time.csv', '按时公开的村所占比例.csv'));
    expect((await site.request('/r/430802/index.html')).headers.get('content-disposition')).toBeNull();
  });
});

describe('page builder and the privacy guard', () => {
  it('prints a log fingerprint that happens to read like a bank card without the guard refusing the page', async () => {
    await publish(financeContent('2026-Q3', [{ summary: '办公用品', expense: 5_000 }]));
    const { pages, region, village } = await builder();
    const current = await store.currentPublications(VILLAGE);
    // 4111 1111 1111 1111 passes Luhn and starts like a card: in groups of four it would be one
    const log = { size: 1, fingerprint: '4111 1111 1111 1111', checkpointHref: '/log/checkpoint' };
    const view = buildVillageView({ site: region.site, village, crumbs: [], current, history: [], log });
    await pages.renderPage(`/v/${VILLAGE}/`, view);
    expect(findPersonalNumbers(read(`v/${VILLAGE}/index.html`))).toEqual([]);
    expect(findPersonalNumbers('日志指纹 4111 1111 1111 1111')).toHaveLength(1);
  });
});

describe('page builder and the path of one village', () => {
  it('builds a village’s pages from its path alone exactly as from the whole region, and reads no other village', async () => {
    const ledger = await publish(financeContent('2026-Q3', [{ summary: '办公用品', expense: 5_000 }]));
    await publish(financeContent('2026-Q2', [{ summary: '保洁', expense: 3_000 }]));
    const parsed = parseConfig({ PORTAL_DATA_DIR: dir, PORTAL_REGION: '430800', PORTAL_BASE_URL: 'http://portal.test' }, '/');
    if (!parsed.ok) throw new Error(parsed.message);
    const asOf = new Date('2026-12-06T08:00:00.000Z');
    const pages = createPageBuilder({ store, config: parsed.config, outDir: out, render: await loadRenderer(SERVER_ENTRY), clock: () => asOf });
    const village = DIVISIONS.find((d) => d.code === VILLAGE)!;
    const built = async (region: Awaited<ReturnType<typeof pages.loadRegion>>) => {
      const { history } = await pages.buildVillage(region, village, true);
      await pages.buildPublication(region, village, ledger, history);
      return [read(`v/${VILLAGE}/index.html`), read(`v/${VILLAGE}/p/${ledger.id}/index.html`)];
    };
    const whole = await built(await pages.loadRegion());
    const path = await pages.loadVillageRegion(VILLAGE);
    expect(path).not.toBeNull();
    // the village's ancestors and itself: no sibling, no other township or county
    expect(path!.divisions.map((d) => d.code).sort()).toEqual(['4308', '430802', '430802108', VILLAGE]);
    expect(await built(path!)).toEqual(whole);
    expect(await built((await pages.loadCountyRegion(VILLAGE.slice(0, 6)))!)).toEqual(whole);
    expect(whole[0]).toContain('马头溪村');
    // outside the region, or not stored: the caller reads the whole region instead
    expect(await pages.loadVillageRegion('110101001001')).toBeNull();
    expect(await pages.loadVillageRegion('430802108299')).toBeNull();
  });

  it('builds the region pages above a village and the home page from the divisions they show and the counters, exactly as from the whole region', async () => {
    await publish(financeContent('2026-Q3', [{ summary: '办公用品', expense: 5_000 }]));
    const other = newPublication({ id: 'far', village: '430821211227', content: financeContent('2026-Q3', [{ summary: '修路', expense: 9_000 }]), publishedAt: '2026-11-02T02:00:00.000Z', sample: false, source: { filename: null, format: 'json' } });
    await store.publish(other);
    const parsed = parseConfig({ PORTAL_DATA_DIR: dir, PORTAL_REGION: '430800', PORTAL_BASE_URL: 'http://portal.test' }, '/');
    if (!parsed.ok) throw new Error(parsed.message);
    const asOf = new Date('2026-12-06T08:00:00.000Z');
    const pages = createPageBuilder({ store, config: parsed.config, outDir: out, render: await loadRenderer(SERVER_ENTRY), clock: () => asOf });
    const files = ['index.html', 'r/430802/index.html', 'r/430802108/index.html'];
    const built = async (region: Awaited<ReturnType<typeof pages.loadRegion>>) => {
      for (const code of ['430802', '430802108']) await pages.buildRegionPage(region, findNode(region.tree, code)!);
      await pages.buildHome(region);
      return files.map(read);
    };
    const whole = await pages.loadRegion();
    const expected = await built(whole);
    const above = await pages.loadRegionAbove([VILLAGE]);
    expect(above).not.toBeNull();
    // fewer divisions than the region when the region is larger than what the pages show
    expect(above!.divisions.length).toBeLessThanOrEqual(whole.divisions.length);
    expect(await built(above!)).toEqual(expected);
    expect(expected[0]).toContain('共 2 份公开材料');
  });

  it('reads, for a province, only the divisions the pages above a village show, with the province’s figures from the counters', async () => {
    await store.replaceDivisions([{ code: '43', level: 'province', name: '湖南省', officialName: '湖南省', parent: null }, ...DIVISIONS.map((d) => (d.code === '4308' ? { ...d, parent: '43' } : d))]);
    await publish(financeContent('2026-Q3', [{ summary: '办公用品', expense: 5_000 }]));
    await store.publish(newPublication({ id: 'far', village: '430821211227', content: financeContent('2026-Q3', [{ summary: '修路', expense: 9_000 }]), publishedAt: '2026-11-02T02:00:00.000Z', sample: false, source: { filename: null, format: 'json' } }));
    // 龙岗村's road, finished on 2026-09-10 without its 实施结果公开: owed after 30 days by default,
    // after a year by its county's settings — so nothing is owed yet on the pages' day
    await store.recordDecisions([withoutStep(roadMatter(), 'result-disclosure')], '2026-11-01T00:00:00.000Z');
    await store.saveFlagSettings({ code: '430821', document: FlagSettingsDocument.parse({ decisionChecks: { 'steps-complete': { resultDueDays: 365 } } }), at: '2026-11-01T00:00:00.000Z', actor: '县纪委' });
    // 龙岗村 (on no page above 马头溪村) is late with a disclosure though it has published
    await store.applyFlagRun({
      id: 'run-late',
      village: '430821211227',
      at: '2026-11-03T00:00:00.000Z',
      trigger: 'nightly',
      rules: ['late-disclosure'],
      findings: [{ finding: { rule: 'late-disclosure', village: '430821211227', key: '2026-Q3', title: '2026年第三季度财务未按时公开', detail: '应于10月15日前公开。', amount: null, evidence: [], sample: false }, publicFrom: '2026-11-03T00:00:00.000Z' }],
    });
    for (const [n, village] of [[1, '430821211227'], [2, VILLAGE]] as const) {
      await store.fileComplaint(newComplaint({ village, category: '财务公开', text: `第${n}件：账目看不明白，请解释。`, anonymous: true }, trackingCodeFrom(Uint8Array.from([n, 2, 3, 4, 5, 6, 7])), '2026-11-20T02:00:00.000Z'));
    }
    const parsed = parseConfig({ PORTAL_DATA_DIR: dir, PORTAL_REGION: '430000', PORTAL_BASE_URL: 'http://portal.test' }, '/');
    if (!parsed.ok) throw new Error(parsed.message);
    const asOf = new Date('2026-12-06T08:00:00.000Z');
    const pages = createPageBuilder({ store, config: parsed.config, outDir: out, render: await loadRenderer(SERVER_ENTRY), clock: () => asOf });
    const built = async (region: Awaited<ReturnType<typeof pages.loadRegion>>) => {
      for (const code of ['4308', '430802', '430802108']) await pages.buildRegionPage(region, findNode(region.tree, code)!);
      await pages.buildHome(region);
      return ['index.html', 'r/4308/index.html', 'r/430802/index.html', 'r/430802108/index.html'].map(read);
    };
    const expected = await built(await pages.loadRegion());
    const above = await pages.loadRegionAbove([VILLAGE]);
    // 龙岗村 is on no page above 马头溪村: not read, yet counted in its township's, county's and the province's figures
    expect(above!.divisions.map((d) => d.code)).not.toContain('430821211227');
    expect(await built(above!)).toEqual(expected);
    expect(expected[0]).toContain('共 2 份公开材料');
    expect(expected[0]).toMatch(/受理[^<]*<\/span><b>2</);
    expect(expected[0]).toMatch(/四议两公开事项缺少步骤<\/span><b>0\/1</);
    // both villages published, one of them late
    expect(expected[0]).toContain('<b>50.0%<small> 1/2 村</small></b>');
  });
});
