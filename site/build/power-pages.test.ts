import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../data/config.ts';
import { DEFAULT_CATALOGUE } from '../../data/power/default-catalogue.ts';
import { openSqliteStore, type SqliteStore } from '../../data/store/sqlite-store.ts';
import { DIVISIONS } from '../lib/test-fixtures.ts';
import { createSiteBuilder } from './site-builder.ts';

let dir: string;
let out: string;
let store: SqliteStore;
let pages = 0;
let withheld: string[] = [];

const read = (path: string) => readFileSync(join(out, path), 'utf8');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cunwu-power-'));
  out = join(dir, 'site');
  store = await openSqliteStore(join(dir, 'portal.sqlite'));
  await store.replaceDivisions(DIVISIONS);
  const parsed = parseConfig({ PORTAL_DATA_DIR: dir, PORTAL_BASE_URL: 'http://portal.test', PORTAL_REGION: '430800' }, process.cwd());
  if (!parsed.ok) throw new Error(parsed.message);
  const builder = await createSiteBuilder({ store, config: parsed.config, outDir: out });
  ({ pages, withheld } = await builder.buildAll());
});

afterAll(async () => {
  await store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('小微权力清单 pages in the full build', () => {
  it('writes the index and one page for every item of the default list', () => {
    expect(existsSync(join(out, 'power/index.html'))).toBe(true);
    for (const item of DEFAULT_CATALOGUE.items) expect(existsSync(join(out, 'power', item.code, 'index.html')), item.code).toBe(true);
    expect(pages).toBeGreaterThan(DEFAULT_CATALOGUE.items.length);
    // the catalogue's words and source addresses hold nothing the privacy guard reads as a personal number
    expect(withheld.filter((f) => f.startsWith('power/'))).toEqual([]);
  });

  it('lists every item on the index under its category, linked to its page', () => {
    const html = read('power/index.html');
    expect(html).toContain('<h1>村级小微权力清单</h1>');
    expect(html).toContain('集体管理事项');
    expect(html).toContain('便民服务事项');
    for (const item of DEFAULT_CATALOGUE.items) expect(html).toContain(`href="/power/${item.code}/"`);
  });

  it('renders an item as a flowchart and as an ordered list of its steps, without scripts', () => {
    const html = read('power/major-decision/index.html');
    expect(html).toContain('<svg');
    expect(html).toContain('marker-end="url(#pf-arrow)"');
    const list = /<ol class="pf-steps[^"]*">([\s\S]*?)<\/ol>/.exec(html)?.[1] ?? '';
    // Astro adds its scoped class to every element: match the tags with any attributes
    const names = [...list.matchAll(/<li[^>]*>\s*<b[^>]*>([^<]*)<\/b>/g)].map((m) => m[1]);
    expect(names).toEqual(DEFAULT_CATALOGUE.items.find((i) => i.code === 'major-decision')!.steps.map((s) => s.name));
    expect(html).toContain('到会≥三分之二');
    expect(html).not.toContain('<script');
  });

  it('links each village page to the list', () => {
    const village = DIVISIONS.find((d) => d.level === 'village')!;
    const html = read(`v/${village.code}/index.html`);
    expect(html).toMatch(/<a href="\/power\/"[^>]*>本村小微权力清单<\/a>/);
  });
});
