import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Hono, type Context } from 'hono';
import type { Config } from '../data/config.ts';
import { COUNTY_CODE_LENGTH } from '../data/region.ts';
import type { DivisionCountStore } from '../data/store/division-counts.ts';
import type { SummaryCountStore } from '../data/store/summary-count-store.ts';
import { dataPackage, DATA_LICENCE } from '../site/lib/datapackage.ts';
import { withSummaries } from '../site/lib/summary-datapackage.ts';
import { BULK_INDEX_HREF, countyBundleHref, datapackageHref, regionHref } from '../site/lib/urls.ts';
import { attachmentDisposition } from './attachment.ts';
import { createCountyBundles, createRegionStates, placeOf, type BundleStore } from './county-bundle.ts';
import { xlsxCache } from './xlsx-cache.ts';

/**
 * Bulk data for journalists (issue 15; docs/bulk-data.md), served from the store when asked for:
 * - `/v/<village>/datapackage.json`: the Frictionless Data Package of the village's CSV twins;
 * - `/r/<county or township>/datapackage.json`: the same for every village under it that published,
 *   with the summary tables in force of it and the townships under it;
 * - `/data/<county>.zip`: the county's CSVs and its datapackage.json in one zip, made again when
 *   anything in the county changed (county-bundle.ts), with the county's fingerprint as ETag;
 * - `/data/index.json`: every county of the portal with its zip, counts and last change.
 */
export function createBulkData(store: BundleStore & DivisionCountStore & SummaryCountStore, config: Config, dir = join(config.dataDir, 'bulk')): Hono {
  const app = new Hono();
  const states = createRegionStates(store, config);
  const bundles = createCountyBundles(store, states, config, dir);
  // a county's package runs to megabytes: made once per state of the county
  const packages = xlsxCache(32 * 1024 * 1024);

  app.get('/v/:code{[0-9]{12}}/datapackage.json', async (c) => {
    const village = await store.getDivision(c.req.param('code'));
    if (!village || village.level !== 'village') return c.notFound();
    const [history, takedowns, place] = await Promise.all([store.listPublications(village.code), store.listTakedowns(), placeOf(store, village)]);
    const villages = [{ code: village.code, name: village.name, history }];
    const down = new Map(takedowns.map((t) => [t.publicationId, t]));
    const body = dataPackage(place, villages, { baseUrl: config.baseUrl, paths: 'url', takedowns: down, extraColumns: await states.extraColumns(villages, down) });
    return json(c, JSON.stringify(body, null, 2));
  });

  app.get('/r/:code{[0-9]{6}(?:[0-9]{3})?}/datapackage.json', async (c) => {
    const state = await states.of(c.req.param('code'));
    if (!state || (state.published.length === 0 && state.summaries.length === 0)) return c.notFound();
    const bytes = await packages.get(`${state.division.code}:${state.fingerprint}`, async () => {
      const villages = await states.villages(state);
      const ofVillages = dataPackage(state.place, villages, { baseUrl: config.baseUrl, paths: 'url', takedowns: state.takedowns, extraColumns: await states.extraColumns(villages, state.takedowns) });
      const body = withSummaries(ofVillages, state.summaries, { baseUrl: config.baseUrl, paths: 'url' });
      return new TextEncoder().encode(`${JSON.stringify(body, null, 2)}\n`);
    });
    c.header('ETag', `"${state.fingerprint.slice(0, 32)}"`);
    return json(c, bytes);
  });

  app.get('/data/:file{[0-9]{6}\\.zip}', async (c) => {
    const state = await states.of(c.req.param('file').slice(0, COUNTY_CODE_LENGTH));
    const bundle = state ? await bundles.get(state) : null;
    if (!state || !bundle) return c.notFound();
    const etag = `"${bundle.fingerprint}"`;
    c.header('Cache-Control', 'public, max-age=0, must-revalidate');
    c.header('ETag', etag);
    if ((c.req.header('if-none-match') ?? '').split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) return c.body(null, 304);
    const name = `${state.division.name}-村务公开数据${bundle.sample ? '（含示例数据）' : ''}.zip`;
    c.header('Content-Disposition', attachmentDisposition(`${state.division.code}.zip`, name));
    c.header('Content-Length', String(bundle.bytes));
    c.header('Content-Type', 'application/zip');
    // HEAD (a download manager asking the size) opens no file
    if (c.req.method === 'HEAD') return c.body(null, 200);
    return c.body(Readable.toWeb(createReadStream(bundle.path)) as ReadableStream, 200);
  });

  app.get(BULK_INDEX_HREF, async (c) => {
    const [divisions, takedowns] = await Promise.all([store.listDivisionsTo(config.region, COUNTY_CODE_LENGTH), states.takedownsUnder(config.region)]);
    const top = divisions.find((d) => d.code === config.region);
    const counties = divisions.filter((d) => d.level === 'county');
    const [counts, summaries] = await Promise.all([store.divisionCounts(counties.map((d) => d.code)), store.summaryCountsUnder(config.region)]);
    const body = {
      title: '阳光村务 批量数据 / Cunwu bulk data',
      description:
        '每个县一个 zip：县内每个村的公开目录和每份现行公开的 CSV，附 datapackage.json（Frictionless Data Package，字段含义见其中）；县内有变化时重新生成。 / One zip per county: every village’s index and the CSV of every current publication, with a datapackage.json (Frictionless Data Package, with the meaning of every field); made again when anything in the county changes.',
      region: top ? { code: top.code, name: top.name } : { code: config.region, name: null },
      license: DATA_LICENCE,
      counties: counties.map((d) => {
        const n = counts.get(d.code);
        const tables = summaries.get(d.code);
        // a county whose townships published their 汇总表 before any village did has a zip too
        const published = (n?.publishedVillages ?? 0) > 0 || tables !== undefined;
        let lastChange = n?.lastPublishedAt ?? null;
        if (tables && (lastChange === null || Date.parse(tables.lastPublishedAt) > Date.parse(lastChange))) lastChange = tables.lastPublishedAt;
        for (const t of takedowns.values()) if (belongsTo(t, d.code) && (lastChange === null || Date.parse(t.at) > Date.parse(lastChange))) lastChange = t.at;
        return {
          code: d.code,
          name: d.name,
          villages: n?.villages ?? 0,
          publishedVillages: n?.publishedVillages ?? 0,
          publications: n?.publications ?? 0,
          summaryTables: tables?.tables ?? 0,
          lastChange,
          page: `${config.baseUrl}${regionHref(d.code)}`,
          datapackage: published ? `${config.baseUrl}${datapackageHref(regionHref(d.code))}` : null,
          zip: published ? `${config.baseUrl}${countyBundleHref(d.code)}` : null,
        };
      }),
    };
    return json(c, JSON.stringify(body, null, 2));
  });

  /** Whether a takedown (listed under the region) is of a version of this county. */
  function belongsTo(t: { publicationId: string }, county: string): boolean {
    return states.villageOfTakedown(t.publicationId)?.startsWith(county) ?? false;
  }

  return app;
}

// ——— private helpers ———

function json(c: Context, body: string | Uint8Array<ArrayBuffer>): Response {
  c.header('Cache-Control', 'public, max-age=0, must-revalidate');
  return c.body(body, 200, { 'Content-Type': 'application/json; charset=utf-8' });
}
