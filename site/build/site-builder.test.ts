import { mkdtempSync, readdirSync, readFileSync, rmSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig, type Config } from '../../data/config.ts';
import { formatFen } from '../../data/money.ts';
import { newPublication } from '../../data/new-publication.ts';
import { DEFAULT_CATALOGUE } from '../../data/power/default-catalogue.ts';
import { publicationDigest } from '../../data/publication-digest.ts';
import { Publication, type PublicationContent } from '../../data/publication.ts';
import { openSqliteStore, type SqliteStore } from '../../data/store/sqlite-store.ts';
import type { NewPhoto } from '../../data/store/store.ts';
import { DIVISIONS, financeContent, projectContent, subsidyContent } from '../lib/test-fixtures.ts';
import { readPrivacyFindings, privacyFindingsPath } from './privacy-findings.ts';
import { createSiteBuilder, type SiteBuilder } from './site-builder.ts';

const VILLAGE = '430802108214';
let dir: string;
let out: string;
let store: SqliteStore;
let builder: SiteBuilder;
let config: Config;
let seq = 0;

async function publish(content: PublicationContent, options: { village?: string; sample?: boolean; photos?: NewPhoto[] } = {}): Promise<Publication> {
  const village = options.village ?? VILLAGE;
  seq += 1;
  const outcome = await store.publish(
    newPublication({
      id: `pub${String(seq).padStart(4, '0')}`,
      village,
      content,
      publishedAt: new Date(Date.UTC(2026, 9, 10, 2, seq)).toISOString(),
      sample: options.sample ?? false,
      source: { filename: 'ledger.csv', format: 'csv' },
      photos: options.photos ?? [],
    }),
  );
  return outcome.publication;
}

const POWER_PAGES = DEFAULT_CATALOGUE.items.length + 1;
const read = (path: string) => readFileSync(join(out, path), 'utf8');

const ledgerV1 = financeContent('2026-Q3', [
  { summary: '收到上级转移支付', income: 3_300_000, account: '补助收入' },
  { summary: '支付保洁员工资', expense: 210_000, account: '公益支出' },
  { summary: '=HYPERLINK("x")', expense: 1_500 },
]);
const ledgerV2 = financeContent('2026-Q3', [
  { summary: '收到上级转移支付', income: 3_300_000, account: '补助收入' },
  { summary: '支付保洁员工资', expense: 250_000, account: '公益支出' },
]);

let v1: Publication;
let subsidy: Publication;
let works: Publication;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cunwu-site-'));
  out = join(dir, 'site');
  store = await openSqliteStore(join(dir, 'portal.sqlite'));
  await store.replaceDivisions(DIVISIONS);
  v1 = await publish(ledgerV1);
  subsidy = await publish(subsidyContent('耕地地力保护补贴', [{ name: '张三', amount: 12_345 }, { name: '李四', amount: 67_800 }]), { sample: true });
  const photo = projectContent().projects[0]!.photos[0]!;
  works = await publish(projectContent(), {
    village: '430821211227',
    photos: [{ id: photo.id, large: new Uint8Array([1, 2, 3]), small: new Uint8Array([4, 5]) }],
  });
  const parsed = parseConfig({ PORTAL_DATA_DIR: dir, PORTAL_BASE_URL: 'http://portal.test', PORTAL_REGION: '430800' }, process.cwd());
  if (!parsed.ok) throw new Error(parsed.message);
  config = parsed.config;
  builder = await createSiteBuilder({ store, config, outDir: out });
});

afterAll(async () => {
  await store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('site builder', () => {
  it('builds the home, region, upload, every village and every publication page', async () => {
    const progress: number[] = [];
    const result = await builder.buildAll((done, total) => progress.push(total - done));
    // home, upload, 404; 2 counties + 2 townships; 3 villages; 3 publications; the 小微权力清单 and its items
    expect(result.pages).toBe(3 + 4 + 3 + 3 + POWER_PAGES);
    expect(progress.at(-1)).toBe(0);
    for (const path of [
      'index.html', '404.html', 'upload/index.html', 'r/430802/index.html', 'r/430802108/index.html',
      `v/${VILLAGE}/index.html`, 'v/430802108215/index.html', `v/${VILLAGE}/p/${v1.id}/index.html`,
      `media/${works.content.kind === 'project' ? works.content.projects[0]!.photos[0]!.id : ''}-1200.webp`,
    ]) {
      expect(existsSync(join(out, path)), path).toBe(true);
    }
    // the upload token never goes into a URL, JavaScript off included: the form posts
    expect(readFileSync(join(out, 'upload/index.html'), 'utf8')).toMatch(/<form id="up"[^>]* method="post"/);
    const small = readFileSync(join(out, 'media/abcdef0123456789abcdef01-320.webp'));
    expect([...small]).toEqual([4, 5]);
  });

  it('renders the village page with the ledger totals, the sample badge and Chinese markup', () => {
    const html = read(`v/${VILLAGE}/index.html`);
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('name="viewport"');
    expect(html).toContain(formatFen(ledgerV1.totals.income));
    expect(html).toContain(formatFen(ledgerV1.totals.expense));
    expect(html).toContain(formatFen(ledgerV1.totals.closingBalance!));
    expect(html).toContain('示例数据');
    // user text is escaped, never markup
    expect(html).toContain('=HYPERLINK(&quot;x&quot;)');
    // the two scripts are the search box's loader (VillageSearch.astro) and 朗读 (ReadAloud.astro); user text adds none
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html).toContain("document.querySelector('form[data-worker]')");
    expect(html).toContain("document.getElementById('read-aloud')");
  });

  it('tells villagers when their village has published nothing yet', () => {
    const html = read('v/430802108215/index.html');
    expect(html).toContain('尚未公开');
    expect(html).not.toContain('示例数据');
  });

  it('renders every row of a publication with its anchor and the totals row', () => {
    const html = read(`v/${VILLAGE}/p/${v1.id}/index.html`);
    for (const e of ledgerV1.entries) expect(html).toContain(`id="r${e.row}"`);
    expect(html).toContain(v1.sha256);
    expect(html).toContain('2026年第三季度');
    expect(html).toMatch(/合计/);
    // the hash is there for whoever checks it, behind a plain-words explanation a villager can skip
    expect(html).toMatch(/<details[^>]*>\s*<summary>核对数据没有被改过（这是什么？）<\/summary>[\s\S]*SHA-256 <span class="hash">/);
    // and the downloads say what to do in WeChat, which does not download files
    expect(html).toContain('在微信里打开时不能直接下载');
  });

  it('after a correction, rebuilds the village page and marks the old version superseded', async () => {
    const v2 = await publish(ledgerV2);
    expect(v2.supersedes).toBe(v1.id);
    const result = await builder.rebuildForPublication(v2);
    expect(result.files).toBeGreaterThan(0);

    const village = read(`v/${VILLAGE}/index.html`);
    expect(village).toContain(formatFen(ledgerV2.totals.expense));
    expect(village).not.toContain(formatFen(ledgerV1.totals.expense));
    expect(village).toContain('已更正');

    const old = read(`v/${VILLAGE}/p/${v1.id}/index.html`);
    expect(old).toContain('此版本已被更正');
    expect(old).toContain(`/v/${VILLAGE}/p/${v2.id}/`);

    const next = read(`v/${VILLAGE}/p/${v2.id}/index.html`);
    expect(next).toContain('第2版');
    expect(next).toContain(`/v/${VILLAGE}/p/${v1.id}/`);
    expect(next).not.toContain('此版本已被更正');

  });

  it('updates the counts on the township, county and home pages after a new publication', async () => {
    const before = read('r/430802108/index.html');
    expect(before).toMatch(/三岔溪村<\/a><\/td><td class="n">尚未公开/);
    const p = await publish(financeContent('2026-Q3', [{ summary: '收到租金', income: 5_000 }]), { village: '430802108215' });
    await builder.rebuildForPublication(p);
    expect(read('r/430802108/index.html')).toMatch(/三岔溪村<\/a><\/td><td class="n">1 份/);
    expect(read('r/430802/index.html')).toMatch(/三岔溪村<\/a><\/td><td class="n">1 份/);
    expect(read('index.html')).toContain('已有 <b>3</b> 个公开了村务');
    expect(read('v/430802108215/index.html')).toContain(formatFen(5_000));
  });
});

describe('site builder and the outbox of stale pages', () => {
  const claimAll = async (owner: string) => {
    const now = new Date();
    return store.claimStale({ owner, limit: 1_000, now: now.toISOString(), leaseUntil: new Date(now.getTime() + 60_000).toISOString() });
  };

  it('marks again, after a full build replaced the site, what another builder built while it read the store', async () => {
    // what earlier uploads left is built before this build starts
    await store.finishStale('earlier', (await claimAll('earlier')).map((c) => c.id), new Date().toISOString());
    const busy: SqliteStore = {
      ...store,
      // while the full build reads the region, another process's builder builds a village into the live site
      async publicationStats(prefix) {
        await store.markStale([{ target: 'village', key: VILLAGE }], new Date().toISOString());
        await store.finishStale('other', (await claimAll('other')).map((c) => c.id), new Date().toISOString());
        return store.publicationStats(prefix);
      },
    };
    const full = await createSiteBuilder({ store: busy, config, outDir: out, outbox: store });
    await full.buildAll();
    const again = await claimAll('next');
    expect(again.map((c) => [c.target, c.key])).toEqual([['village', VILLAGE]]);
    await store.finishStale('next', again.map((c) => c.id), new Date().toISOString());
  });
});

describe('site builder and a publication with an unmasked number', () => {
  // Stored behind the importer's back (the importer would have masked it): the guard withholds its
  // pages and files, writes a 内容待核查 notice in their place, builds everything else, and lists it.
  const RAW_ID = '430802196401241328';
  const MASKED_ID = '430802********1328';
  const OTHER = '430821211227';
  const QUIET = '430802108215';
  let gdir: string;
  let gout: string;
  let gstore: SqliteStore;
  let guarded: SiteBuilder;
  let lines: string[];
  let n = 0;
  let leak: Publication;
  let clean: Publication;

  const put = async (content: PublicationContent, village: string): Promise<Publication> => {
    n += 1;
    const at = new Date(Date.UTC(2026, 9, 11, 2, n)).toISOString();
    const outcome = await gstore.publish(newPublication({ id: `g${n}`, village, content, publishedAt: at, sample: false, source: { filename: null, format: 'json' } }));
    return outcome.publication;
  };
  const page = (path: string) => readFileSync(join(gout, path), 'utf8');
  const listed = () => {
    const read = readPrivacyFindings(privacyFindingsPath(gdir));
    if (read.kind !== 'ok') throw new Error(read.message);
    return read.document.findings.map((f) => [f.file, f.kind, f.shown]);
  };
  const everyFile = (root: string): string[] =>
    readdirSync(root).flatMap((name) => (statSync(join(root, name)).isDirectory() ? everyFile(join(root, name)).map((f) => `${name}/${f}`) : [name]));

  beforeAll(async () => {
    gdir = mkdtempSync(join(tmpdir(), 'cunwu-guard-'));
    gout = join(gdir, 'site');
    gstore = await openSqliteStore(join(gdir, 'portal.sqlite'));
    await gstore.replaceDivisions(DIVISIONS);
    leak = await put(financeContent('2026-Q3', [{ summary: `退还押金 经办人身份证 ${RAW_ID}`, expense: 50_000 }]), VILLAGE);
    clean = await put(financeContent('2026-Q3', [{ summary: '收到流转费', income: 80_000 }]), OTHER);
    const parsed = parseConfig({ PORTAL_DATA_DIR: gdir, PORTAL_BASE_URL: 'http://portal.test', PORTAL_REGION: '430800' }, process.cwd());
    if (!parsed.ok) throw new Error(parsed.message);
    lines = [];
    guarded = await createSiteBuilder({ store: gstore, config: parsed.config, outDir: gout, log: (line) => lines.push(line) });
  });
  afterAll(async () => {
    await gstore?.close();
    if (gdir) rmSync(gdir, { recursive: true, force: true });
  });

  it('completes a full build, writing every other page, with notices in place of the leaking village’s page, publication page and search index', async () => {
    const result = await guarded.buildAll();
    const withheld = [`v/${VILLAGE}/index.html`, `v/${VILLAGE}/p/${leak.id}/index.html`, `v/${VILLAGE}/search-index.json`];
    expect(result.withheld).toEqual([...withheld].sort());
    expect(result.pages).toBe(3 + 4 + 3 + 2 + POWER_PAGES);
    for (const path of [`v/${VILLAGE}/index.html`, `v/${VILLAGE}/p/${leak.id}/index.html`]) {
      const html = page(path);
      expect(html, path).toContain('<h1>内容待核查</h1>');
      expect(html, path).toContain('本页内容正在核查，核查完成后恢复公开。');
      expect(html, path).not.toContain('退还押金');
    }
    expect(JSON.parse(page(`v/${VILLAGE}/search-index.json`))).toMatchObject({ withheld: true });
    // everything else as usual
    expect(page(`v/${OTHER}/index.html`)).toContain(formatFen(80_000));
    expect(page(`v/${OTHER}/p/${clean.id}/index.html`)).toContain('收到流转费');
    expect(page(`v/${QUIET}/index.html`)).toContain('尚未公开');
    for (const path of ['index.html', '404.html', 'upload/index.html', 'r/430802/index.html', 'r/430802108/index.html', 'r/430821/index.html']) {
      expect(page(path), path).not.toContain('内容待核查');
    }
    // nowhere in the site, and masked in the list and the log
    for (const file of everyFile(gout)) expect(readFileSync(join(gout, file), 'utf8'), file).not.toContain(RAW_ID);
    expect(listed()).toEqual(withheld.sort().map((file) => [file, 'id-number', MASKED_ID]));
    for (const file of withheld) expect(lines.some((l) => l.startsWith(`${file}:`) && l.endsWith(` 身份证号 / ID number ${MASKED_ID}`)), file).toBe(true);
    expect(lines.join('\n')).not.toContain(RAW_ID);
  });

  it('rebuilds the village page normally from a clean correction, and drops its findings from the list', async () => {
    const corrected = await put(financeContent('2026-Q3', [{ summary: '退还押金 经办人身份证 430802********1328', expense: 50_000 }]), VILLAGE);
    expect(corrected.supersedes).toBe(leak.id);
    const result = await guarded.rebuildForPublication(corrected);
    // the superseded version still carries the number: its page stays withheld until it is taken down
    expect(result.withheld).toEqual([`v/${VILLAGE}/p/${leak.id}/index.html`]);
    const village = page(`v/${VILLAGE}/index.html`);
    expect(village).toContain('退还押金');
    expect(village).not.toContain('内容待核查');
    expect(page(`v/${VILLAGE}/p/${corrected.id}/index.html`)).toContain(MASKED_ID);
    expect(page(`v/${VILLAGE}/search-index.json`)).toContain('退还押金');
    expect(listed()).toEqual([[`v/${VILLAGE}/p/${leak.id}/index.html`, 'id-number', MASKED_ID]]);
  });

  it('writes the notice where a new publication’s 201 links, not a stale page or nothing, when a rebuild withholds it', async () => {
    expect(page(`v/${QUIET}/index.html`)).toContain('尚未公开');
    const fresh = await put(financeContent('2026-Q3', [{ summary: `垫付款 收款人银行卡 6222021234567894`, expense: 9_000 }]), QUIET);
    const result = await guarded.rebuildForPublication(fresh);
    expect(result.withheld).toEqual([`v/${QUIET}/index.html`, `v/${QUIET}/search-index.json`, `v/${QUIET}/p/${fresh.id}/index.html`]);
    for (const path of [`v/${QUIET}/index.html`, `v/${QUIET}/p/${fresh.id}/index.html`]) {
      expect(page(path), path).toContain('<h1>内容待核查</h1>');
      expect(page(path), path).not.toContain('6222021234567894');
    }
    // the pages above it still follow the new publication
    expect(page('r/430802108/index.html')).toMatch(/三岔溪村<\/a><\/td><td class="n">1 份/);
    expect(listed()).toEqual([
      [`v/${VILLAGE}/p/${leak.id}/index.html`, 'id-number', MASKED_ID],
      [`v/${QUIET}/index.html`, 'bank-card', '6222********7894'],
      [`v/${QUIET}/search-index.json`, 'bank-card', '6222********7894'],
      [`v/${QUIET}/p/${fresh.id}/index.html`, 'bank-card', '6222********7894'],
    ]);
  });
});
