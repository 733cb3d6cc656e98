import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig, type Config } from '../../data/config.ts';
import { newPublication } from '../../data/new-publication.ts';
import type { PublicationContent } from '../../data/publication.ts';
import { openSqliteStore, type SqliteStore } from '../../data/store/sqlite-store.ts';
import { DIVISIONS, financeContent, subsidyContent } from '../lib/test-fixtures.ts';
import { privacyFindingsPath, readPrivacyFindings } from './privacy-findings.ts';
import { createSiteBuilder } from './site-builder.ts';

// A full build writes a complete new site beside the live one and swaps it in with one rename;
// with worker threads it must write exactly what one thread writes.
let dir: string;
let storeFile: string;
let store: SqliteStore;
let config: Config;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cunwu-full-'));
  storeFile = join(dir, 'portal.sqlite');
  store = await openSqliteStore(storeFile);
  await store.replaceDivisions(DIVISIONS);
  let n = 0;
  const publish = async (village: string, content: PublicationContent) => {
    n += 1;
    const publishedAt = new Date(Date.UTC(2026, 9, 1, 0, n)).toISOString();
    await store.publish(newPublication({ id: `full${n}`, village, content, publishedAt, sample: false, source: { filename: null, format: 'json' } }));
  };
  await publish('430802108214', financeContent('2026-Q3', [{ summary: '收到租金', income: 500_000 }]));
  await publish('430802108214', financeContent('2026-Q3', [{ summary: '收到租金', income: 600_000 }]));
  await publish('430802108215', subsidyContent('耕地地力保护补贴', [{ name: '张三', amount: 12_345 }]));
  const parsed = parseConfig({ PORTAL_DATA_DIR: dir, PORTAL_BASE_URL: 'http://portal.test' }, process.cwd());
  if (!parsed.ok) throw new Error(parsed.message);
  config = parsed.config;
});

afterAll(async () => {
  await store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a full build', () => {
  it('replaces a site folder from before builds were swapped, keeping nothing half-built', async () => {
    const out = join(dir, 'legacy-site');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'stale.html'), 'old');
    const builder = await createSiteBuilder({ store, config, outDir: out });
    await builder.buildAll();
    expect(lstatSync(out).isSymbolicLink()).toBe(true);
    expect(existsSync(join(out, 'v/430802108214/index.html'))).toBe(true);
    expect(existsSync(join(out, 'stale.html'))).toBe(false);
  });

  it('swaps the new build in whole and removes the one it replaced', async () => {
    const out = join(dir, 'site');
    const builder = await createSiteBuilder({ store, config, outDir: out });
    await builder.buildAll();
    const first = readlinkSync(out);
    await builder.buildAll();
    const second = readlinkSync(out);
    expect(second).not.toBe(first);
    await expect.poll(() => existsSync(join(dir, first)), { timeout: 10_000 }).toBe(false);
    expect(readFileSync(join(out, 'v/430802108214/index.html'), 'utf8')).toContain('6,000.00');
  });

  it('writes the same files with two worker threads as with one thread', async () => {
    const one = join(dir, 'one');
    const two = join(dir, 'two');
    // one clock for both: pages say when their figures were counted, and two builds may straddle a minute
    const clock = () => new Date('2026-12-06T02:00:00.000Z');
    const single = await createSiteBuilder({ store, config, outDir: one, clock });
    const parallel = await createSiteBuilder({ store, config, outDir: two, clock, workers: { count: 2, store: { kind: 'sqlite', file: storeFile } } });
    const a = await single.buildAll();
    const b = await parallel.buildAll();
    expect(b.pages).toBe(a.pages);
    expect(b.files).toBe(a.files);
    const filesOne = tree(one);
    expect(tree(two)).toEqual(filesOne);
    for (const file of filesOne) expect(readFileSync(join(two, file)).equals(readFileSync(join(one, file))), file).toBe(true);
  });
});

describe('a full build of a province', () => {
  it('writes, county by county and in worker threads, every file it writes reading the whole province', async () => {
    const pdir = mkdtempSync(join(tmpdir(), 'cunwu-full-province-'));
    const pfile = join(pdir, 'portal.sqlite');
    const pstore = await openSqliteStore(pfile);
    try {
      await pstore.replaceDivisions([
        { code: '43', level: 'province', name: '湖南省', officialName: '湖南省', parent: null },
        ...DIVISIONS.map((d) => (d.code === '4308' ? { ...d, parent: '43' } : d)),
        // a county with a township and no village yet: its pages are built all the same
        { code: '430811', level: 'county', name: '武陵源区', officialName: '武陵源区', parent: '4308' },
        { code: '430811001', level: 'township', name: '军地坪街道', officialName: '军地坪街道', parent: '430811' },
      ]);
      const at = (m: number) => new Date(Date.UTC(2026, 9, 1, 0, m)).toISOString();
      await pstore.publish(newPublication({ id: 'p1', village: '430802108214', content: financeContent('2026-Q3', [{ summary: '收到租金', income: 500_000 }]), publishedAt: at(1), sample: false, source: { filename: null, format: 'json' } }));
      await pstore.publish(newPublication({ id: 'p2', village: '430821211227', content: subsidyContent('耕地地力保护补贴', [{ name: '李四', amount: 8_800 }]), publishedAt: at(2), sample: false, source: { filename: null, format: 'json' } }));
      const parsed = parseConfig({ PORTAL_DATA_DIR: pdir, PORTAL_REGION: '430000', PORTAL_BASE_URL: 'http://portal.test' }, process.cwd());
      if (!parsed.ok) throw new Error(parsed.message);
      const clock = () => new Date('2026-12-06T02:00:00.000Z');
      const build = async (name: string, extra: { wholeRegion?: boolean; workers?: { count: number; store: { kind: 'sqlite'; file: string } } }) => {
        const outDir = join(pdir, name);
        const result = await (await createSiteBuilder({ store: pstore, config: parsed.config, outDir, clock, ...extra })).buildAll();
        return { result, outDir, files: tree(outDir) };
      };
      const whole = await build('whole', { wholeRegion: true });
      expect(whole.files).toContain('r/4308/index.html');
      expect(whole.files).toEqual(expect.arrayContaining(['r/430811/index.html', 'r/430811001/index.html']));
      for (const other of [await build('by-county', {}), await build('by-county-threads', { workers: { count: 2, store: { kind: 'sqlite', file: pfile } } })]) {
        expect(other.files).toEqual(whole.files);
        expect(other.result.pages).toBe(whole.result.pages);
        for (const file of whole.files) expect(readFileSync(join(other.outDir, file)).equals(readFileSync(join(whole.outDir, file))), file).toBe(true);
      }
    } finally {
      await pstore.close();
      rmSync(pdir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('a full build in worker threads over a publication with an unmasked number', () => {
  const RAW_ID = '430802196401241328';
  let gdir: string;
  let gfile: string;
  let gstore: SqliteStore;
  let gconfig: Config;
  let leakId: string;

  beforeAll(async () => {
    gdir = mkdtempSync(join(tmpdir(), 'cunwu-full-guard-'));
    gfile = join(gdir, 'portal.sqlite');
    gstore = await openSqliteStore(gfile);
    await gstore.replaceDivisions(DIVISIONS);
    const at = (m: number) => new Date(Date.UTC(2026, 9, 1, 0, m)).toISOString();
    const leak = await gstore.publish(
      newPublication({ id: 'leak1', village: '430802108215', content: financeContent('2026-Q3', [{ summary: `退还押金 经办人身份证 ${RAW_ID}`, expense: 50_000 }]), publishedAt: at(1), sample: false, source: { filename: null, format: 'json' } }),
    );
    leakId = leak.publication.id;
    await gstore.publish(newPublication({ id: 'ok1', village: '430802108214', content: financeContent('2026-Q3', [{ summary: '收到租金', income: 500_000 }]), publishedAt: at(2), sample: false, source: { filename: null, format: 'json' } }));
    const parsed = parseConfig({ PORTAL_DATA_DIR: gdir, PORTAL_BASE_URL: 'http://portal.test' }, process.cwd());
    if (!parsed.ok) throw new Error(parsed.message);
    gconfig = parsed.config;
  });
  afterAll(async () => {
    await gstore?.close();
    if (gdir) rmSync(gdir, { recursive: true, force: true });
  });

  it('withholds the same files with two worker threads as with one thread, writes the same notices, and lists them', async () => {
    const one = join(gdir, 'one');
    const two = join(gdir, 'two');
    const quiet = () => {};
    // one clock for both: pages say when their figures were counted, and two builds may straddle a minute
    const clock = () => new Date('2026-12-06T02:00:00.000Z');
    const single = await createSiteBuilder({ store: gstore, config: gconfig, outDir: one, log: quiet, clock });
    const parallel = await createSiteBuilder({ store: gstore, config: gconfig, outDir: two, log: quiet, clock, workers: { count: 2, store: { kind: 'sqlite', file: gfile } } });
    const withheld = ['v/430802108215/index.html', `v/430802108215/p/${leakId}/index.html`, 'v/430802108215/search-index.json'];
    const a = await single.buildAll();
    expect(a.withheld).toEqual(withheld);
    const b = await parallel.buildAll();
    expect(b.withheld).toEqual(withheld);
    expect(b.pages).toBe(a.pages);
    const filesOne = tree(one);
    expect(tree(two)).toEqual(filesOne);
    for (const file of filesOne) {
      expect(readFileSync(join(two, file)).equals(readFileSync(join(one, file))), file).toBe(true);
      expect(readFileSync(join(two, file), 'utf8'), file).not.toContain(RAW_ID);
    }
    expect(readFileSync(join(two, 'v/430802108215/index.html'), 'utf8')).toContain('<h1>内容待核查</h1>');
    expect(readFileSync(join(two, `v/430802108215/p/${leakId}/index.html`), 'utf8')).toContain('<h1>内容待核查</h1>');
    expect(readFileSync(join(two, 'v/430802108214/index.html'), 'utf8')).toContain('5,000.00');
    const read = readPrivacyFindings(privacyFindingsPath(gdir));
    expect(read.kind === 'ok' && read.document.findings.map((f) => [f.file, f.shown])).toEqual(withheld.map((f) => [f, '430802********1328']));
  });
});

function tree(root: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(root, path));
    }
  };
  walk(root);
  return out.sort();
}
