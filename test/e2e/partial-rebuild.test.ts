import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KANGJIAPING } from '../../data/demo/kangjiaping.ts';
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
});
