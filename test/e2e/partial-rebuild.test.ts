import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KANGJIAPING } from '../../data/demo/kangjiaping.ts';
import { createSiteBuilder } from '../../site/build/site-builder.ts';
import { openPortalFixture, type PortalFixture } from '../support/portal-fixture.ts';

// Issue 14: a rebuild after an upload or a complaint reads a village's path and the divisions the
// pages above it show, with the store's counters, not the region. With the demo's data (flags, a
// round, 四议两公开 matters with a county's settings, complaints, a contract ledger), what it writes
// must be byte for byte what the full build wrote from the whole region.

const MATOUXI = '430802108214';
const PAGES = (village: string) => ['index.html', `r/${village.slice(0, 6)}/index.html`, `r/${village.slice(0, 9)}/index.html`, `v/${village}/index.html`];

describe('rebuilding the pages of a village and those above it', () => {
  let portal: PortalFixture;
  const asOf = new Date('2026-12-06T08:00:00.000Z');
  beforeAll(async () => {
    portal = await openPortalFixture({}, { demo: true, clock: () => asOf });
  }, 120_000);
  afterAll(async () => {
    await portal?.cleanup();
  });

  it('writes what the full build wrote, for villages with flags, a round, matters and complaints', async () => {
    const read = (file: string) => readFileSync(join(portal.siteDir, file), 'utf8');
    for (const village of [KANGJIAPING, MATOUXI]) {
      const full = PAGES(village).map(read);
      const rebuilt = await portal.builder.rebuildVillages([village]);
      expect(rebuilt.villages).toBe(1);
      expect(PAGES(village).map(read)).toEqual(full);
    }
    // the pages name what they count: a county page with its villages, the home page with its counties
    expect(read(`r/${KANGJIAPING.slice(0, 6)}/index.html`)).toContain('康家坪村');
  });

  it('writes every file of a full build county by county as it writes them reading the whole region', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cunwu-by-county-'));
    try {
      const build = async (name: string, wholeRegion: boolean) => {
        const outDir = join(dir, name);
        const builder = await createSiteBuilder({ store: portal.store, config: portal.config, outDir, clock: () => asOf, wholeRegion, log: () => {}, findingsFile: join(dir, `${name}.json`) });
        const result = await builder.buildAll();
        return { result, outDir, files: files(outDir) };
      };
      const whole = await build('whole', true);
      const byCounty = await build('by-county', false);
      expect(byCounty.files).toEqual(whole.files);
      expect(byCounty.result.pages).toBe(whole.result.pages);
      expect(whole.files).toContain('r/430821/index.html');
      expect(whole.files.some((f) => f.startsWith('rectification/'))).toBe(true);
      for (const file of whole.files) expect(readFileSync(join(byCounty.outDir, file)).equals(readFileSync(join(whole.outDir, file))), file).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

function files(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(root, join(e.parentPath, e.name)))
    .sort();
}
