import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLeaf, regionSummaryDigest } from '../../data/log/log-leaf.ts';
import { layoutFixture } from '../../test/support/layout-fixtures.ts';
import { bearer, json, MATOUXI, testApp, type TestApp } from '../test-support.ts';

// Issue 15: a township, county or city publishes its own summary table (补贴资金汇总表) for its
// region; a row naming a village under it links there; a second upload of one title and period
// is its correction; each version is a leaf in the log, read back by anyone.

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.cleanup();
});

const TOWNSHIP = '430802108';
const upload = (scope: string, token: string, body: Uint8Array, query = '') =>
  t.app.request(`/api/v1/regions/${scope}/summaries${query}`, { method: 'POST', body: new Uint8Array(body), headers: { ...bearer(token), 'content-type': 'text/csv' } });
const byVillage = () => layoutFixture('summary-township-by-village.csv');

describe('a region’s summary table through the API', () => {
  it('shows how a file was read in a dry run, the village rows placed, and publishes nothing', async () => {
    const res = await upload(TOWNSHIP, t.tokens.township, byVillage(), '?dryRun=1');
    expect(res.status, await res.clone().text()).toBe(200);
    const body = await json(res);
    expect(body.dryRun).toBe(true);
    expect(body.summary.total).toBe(40_198_241);
    // the test region has 马头溪村 and 王家坪村 only: the other villages are published unlinked, with a warning each
    expect(body.summary.rows.find((r: { label: string }) => r.label === '马头溪村').place).toBe(MATOUXI);
    expect(body.summary.rows.filter((r: { place: string | null }) => r.place === null)).toHaveLength(4);
    expect(body.warnings.length).toBeGreaterThanOrEqual(4);
    expect(body.columns.length).toBeGreaterThan(0);
    expect((await json(await t.app.request(`/api/v1/regions/${TOWNSHIP}/summaries`))).summaries).toEqual([]);
    expect(t.summaryChanges).toEqual([]);
  });

  it('lets only a token of the region or above publish, never a village’s or another township’s', async () => {
    expect((await upload(TOWNSHIP, t.tokens.matouxi, byVillage())).status).toBe(403);
    expect((await upload(TOWNSHIP, t.tokens.county, byVillage())).status).toBe(403);
    expect((await upload('430821211', t.tokens.township, byVillage())).status).toBe(403);
    expect((await upload('430899999', t.tokens.region, byVillage())).status).toBe(404);
    expect((await upload(MATOUXI, t.tokens.region, byVillage())).status).toBe(404);
  });

  it('refuses a file whose 合计 does not add up, naming the row and column, and publishes nothing', async () => {
    const size = await t.store.logSize();
    const res = await upload(TOWNSHIP, t.tokens.township, layoutFixture('summary-wrong-total.csv'));
    expect(res.status).toBe(422);
    const body = await json(res);
    expect(body.errors[0]).toMatchObject({ row: expect.any(Number), column: expect.stringMatching(/^[A-Z]+$/) });
    expect(await t.store.logSize()).toBe(size);
  });

  it('refuses a JSON body: a summary is uploaded as the sheet it is kept in', async () => {
    const res = await t.app.request(`/api/v1/regions/${TOWNSHIP}/summaries`, { method: 'POST', body: '{}', headers: { ...bearer(t.tokens.township), 'content-type': 'application/json' } });
    expect(res.status).toBe(415);
  });

  it('publishes a version with its leaf, numbers a correction as its next version, and serves both with their documents', async () => {
    const size = await t.store.logSize();
    const first = await upload(TOWNSHIP, t.tokens.township, byVillage());
    expect(first.status, await first.clone().text()).toBe(201);
    const { summary } = await json(first);
    expect(summary).toMatchObject({ scope: TOWNSHIP, seq: 1, version: 1, supersedes: null, href: `/r/${TOWNSHIP}/summary/1/` });
    expect(summary.publishedAtBeijing).toMatch(/\+08:00$/);
    const [leaf] = await t.store.logLeaves(size, size + 1);
    const parsed = parseLeaf(leaf!.leaf);
    expect(parsed).toMatchObject({ ok: true, leaf: { type: 'region-summary', scope: TOWNSHIP, seq: 1, version: 1, supersedes: null, sha256: regionSummaryDigest(summary.document) } });
    expect(t.summaryChanges).toEqual([TOWNSHIP]);

    const corrected = new TextDecoder().decode(byVillage()).replace('62122.20', '62122.30').replace('401982.41', '401982.51');
    const second = await upload(TOWNSHIP, t.tokens.region, new TextEncoder().encode(corrected));
    expect(second.status, await second.clone().text()).toBe(201);
    expect((await json(second)).summary).toMatchObject({ seq: 2, version: 2, supersedes: 1 });

    const listed = (await json(await t.app.request(`/api/v1/regions/${TOWNSHIP}/summaries`))).summaries;
    expect(listed.map((s: { seq: number; correctedBy: number | null }) => [s.seq, s.correctedBy])).toEqual([
      [1, 2],
      [2, null],
    ]);
    expect(listed[1].document.total).toBe(40_198_251);
    const one = await json(await t.app.request(`/api/v1/regions/${TOWNSHIP}/summaries/1`));
    expect(one.summary.sha256).toBe(regionSummaryDigest(summary.document));
    expect((await t.app.request(`/api/v1/regions/${TOWNSHIP}/summaries/9`)).status).toBe(404);
  });
});
