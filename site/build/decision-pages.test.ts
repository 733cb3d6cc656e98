import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../data/config.ts';
import { LONGGANG, roadMatter, wastelandMatter } from '../../data/decisions/checks/test-records.ts';
import { STEP_NAME } from '../../data/decisions/decision-record.ts';
import { importPublication } from '../../data/import/import-publication.ts';
import { newPublication } from '../../data/new-publication.ts';
import { countyProjectThreshold } from '../../data/power/test-catalogues.ts';
import { openSqliteStore, type SqliteStore } from '../../data/store/sqlite-store.ts';
import { DIVISIONS } from '../lib/test-fixtures.ts';
import { createSiteBuilder, type SiteBuilder } from './site-builder.ts';

let dir: string;
let out: string;
let store: SqliteStore;
let builder: SiteBuilder;
let built: { pages: number; withheld: string[] };

const read = (path: string) => readFileSync(join(out, path), 'utf8');
const MATTER_2 = `v/${LONGGANG}/decisions/2/index.html`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cunwu-decisions-'));
  out = join(dir, 'site');
  store = await openSqliteStore(join(dir, 'portal.sqlite'));
  await store.replaceDivisions(DIVISIONS);
  // recorded on 2026-09-25, the register's date, months after the meetings
  await store.recordDecisions([wastelandMatter()], '2026-09-25T08:00:00.000Z', { sample: true });
  const parsed = parseConfig({ PORTAL_DATA_DIR: dir, PORTAL_BASE_URL: 'http://portal.test', PORTAL_REGION: '430800' }, process.cwd());
  if (!parsed.ok) throw new Error(parsed.message);
  builder = await createSiteBuilder({ store, config: parsed.config, outDir: out, clock: () => new Date('2026-10-10T02:00:00.000Z') });
  built = await builder.buildAll();
});

afterAll(async () => {
  await store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('四议两公开 matter pages in the build', () => {
  it('writes the matter’s page with its badge on top and the six steps in order', () => {
    const html = read(`v/${LONGGANG}/decisions/1/index.html`);
    expect(html).toContain('村集体荒山（老鸦坡）经营权流转');
    // Astro adds its scoped class to every element: match the class list by its start
    expect(html).toMatch(/<span class="badge old[^"]*">需说明：党员大会到会与表决人数<\/span>/);
    const at = Object.values(STEP_NAME).map((name) => html.indexOf(`>${name}</h3>`));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(html).toContain('尚未进行：实施结果公开');
    expect(html).toContain('党员大会应到31人、实到19人，不足应到人数的三分之二（21人）');
    expect(html).toContain('为什么要这样做？');
    expect(html).toContain('补录于 2026-09-25');
    expect(html).toContain('href="/power/asset-contracting/"');
    expect(html).toContain('href="/api/v1/decisions/1"');
    // sample data says so, as publication pages do
    expect(html).toContain('本页含示例数据');
    expect(html).not.toContain('<script');
    expect(built.withheld).toEqual([]);
  });

  it('lists the matter on the village page with its badge, linked to its page', () => {
    const html = read(`v/${LONGGANG}/index.html`);
    expect(html).toContain('>四议两公开事项</h2>');
    expect(html).toMatch(new RegExp(`<a href="/v/${LONGGANG}/decisions/1/"[^>]*>村集体荒山（老鸦坡）经营权流转</a>`));
    expect(html).toContain('需说明：党员大会到会与表决人数');
  });

  it('tells a village without matters so in a plain line', () => {
    const other = DIVISIONS.find((d) => d.level === 'village' && d.code !== LONGGANG)!;
    expect(read(`v/${other.code}/index.html`)).toContain('本村尚未登记四议两公开事项');
  });

  it('writes a newly recorded matter’s page and lists it when the village is rebuilt', async () => {
    expect(existsSync(join(out, MATTER_2))).toBe(false);
    await store.recordDecisions([roadMatter()], '2026-10-09T08:00:00.000Z');
    await builder.rebuildVillages([LONGGANG]);
    const html = read(MATTER_2);
    expect(html).toContain('龙岗村二组至四组通组公路硬化工程');
    expect(html).toContain('386,000.00 元');
    expect(read(`v/${LONGGANG}/index.html`)).toContain(`href="/v/${LONGGANG}/decisions/2/"`);
    // the township's and county's dashboards count the matters, none lacking a step owed by now
    for (const region of [LONGGANG.slice(0, 9), LONGGANG.slice(0, 6)]) {
      expect(read(`r/${region}/index.html`)).toMatch(/四议两公开事项缺少步骤[\s\S]{0,200}0\/2/);
    }
  });

  it('badges the projects of the list by the county’s own threshold once the county publishes its list', async () => {
    const list = await importPublication({ bytes: new Uint8Array(readFileSync(new URL('../../test/fixtures/430821211227-龙岗村-2026年工程项目公示.xlsx', import.meta.url))), format: 'xlsx', kind: 'project', idMask: { keepStart: 6, keepEnd: 4 } });
    if (!list.ok) throw new Error('the project list sample did not import');
    await store.publish(newPublication({ village: LONGGANG, content: list.content, publishedAt: '2026-10-09T09:00:00.000Z', sample: false, source: { filename: null, format: 'xlsx' } }));
    await builder.rebuildVillages([LONGGANG]);
    const badges = (html: string) => [...html.matchAll(/(缺少：四议两公开记录|无需四议两公开)/g)].map((m) => m[1]);
    // the national default: every project of 5万元 and more owes a record, the 6.55万元 路灯 too
    expect(badges(read(`v/${LONGGANG}/index.html`))).toEqual(['缺少：四议两公开记录', '缺少：四议两公开记录', '缺少：四议两公开记录', '缺少：四议两公开记录']);
    // 慈利县 draws the line at 10万元
    expect((await store.publishCatalogue(countyProjectThreshold('430821', 10), '2026-10-09T10:00:00.000Z')).kind).toBe('published');
    await builder.rebuildVillages([LONGGANG]);
    expect(badges(read(`v/${LONGGANG}/index.html`))).toEqual(['缺少：四议两公开记录', '缺少：四议两公开记录', '缺少：四议两公开记录', '无需四议两公开']);
    // the county's list gets pages of its own, and its villages link to it
    await builder.rebuildPowerLists();
    expect(read('power/430821/index.html')).toContain('href="/power/430821/project-construction-100k-plus/"');
    const item = read('power/430821/project-construction-under-100k/index.html');
    expect(item).toContain('村级工程项目建设（10万元以下）');
    expect(item).toContain('href="/power/430821/project-construction-under-100k.pdf"');
    expect(read(`v/${LONGGANG}/index.html`)).toContain('href="/power/430821/"');
    // a matter's power-list item links into the list it was judged against
    expect(read(`v/${LONGGANG}/decisions/1/index.html`)).toContain('href="/power/430821/asset-contracting/"');
    // the national default keeps its own pages
    expect(read('power/index.html')).toContain('href="/power/major-decision/"');
    expect(read('power/project-construction-100k-plus/index.html')).toContain('.pdf');
  });
});

describe('a county’s settings in the build', () => {
  it('judges the matter pages by the county’s thresholds once it saves them', async () => {
    const quorumFailed = '党员大会应到31人、实到19人，不足应到人数的三分之二（21人）';
    expect(read(`v/${LONGGANG}/decisions/1/index.html`)).toContain(quorumFailed);
    await store.saveFlagSettings({ code: '430821', document: { publication: { mode: 'after-explanation', workingDays: 5 }, calendarStart: null, disabled: [], rules: {}, decisionChecks: { 'party-meeting-quorum': { attendance: { num: 3, den: 5 } } }, departments: [] }, at: '2026-10-09T11:00:00.000Z', actor: '慈利县纪委' });
    await builder.rebuildVillages([LONGGANG]);
    const html = read(`v/${LONGGANG}/decisions/1/index.html`);
    expect(html).not.toContain(quorumFailed);
    expect(html).toContain('五分之三');
  });
});
