import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPortalFixture, type PortalFixture } from '../support/portal-fixture.ts';

// 改了什么 (issue 16): a corrected version's changes, linked from its 已更正 marker on the village page.
const MATOUXI = '430802108214';

let portal: PortalFixture;
let first = '';
let second = '';
beforeAll(async () => {
  portal = await openPortalFixture();
  first = (await portal.publishLedger()).publication.id;
  second = (await portal.publishLedger()).publication.id; // a correction: one summary changed (test/support/ledger-versions.ts)
});
afterAll(async () => {
  await portal?.cleanup();
});

describe('what a correction changed', () => {
  it('says it in plain words, linking both versions, from the 已更正 marker of the village page', async () => {
    const village = await (await portal.app.request(`/v/${MATOUXI}/`)).text();
    expect(village).toContain(`<a class="sm" href="/v/${MATOUXI}/p/${first}/changes/">改了什么</a>`);
    const res = await portal.app.request(`/v/${MATOUXI}/p/${first}/changes/`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('第2版改了什么');
    expect(html).toContain('与第 1 版相比：新增 0 行，删除 0 行，修改 1 行');
    expect(html).toMatch(/修改 第\d+行 .*村部电费（第2版更正）.*（摘要）/);
    expect(html).toContain(`href="/v/${MATOUXI}/p/${second}/"`);
  });

  it('has no such page for a version nobody corrected, or under another village', async () => {
    expect((await portal.app.request(`/v/${MATOUXI}/p/${second}/changes/`)).status).toBe(404);
    expect((await portal.app.request(`/v/430821211227/p/${first}/changes/`)).status).toBe(404);
  });
});
