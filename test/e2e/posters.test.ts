import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPortalFixture, type PortalFixture } from '../support/portal-fixture.ts';

// The posters as `npm start` serves them: beside the built village pages, on the same port.
let portal: PortalFixture;
beforeAll(async () => {
  portal = await openPortalFixture();
});
afterAll(async () => {
  await portal?.cleanup();
});

const get = (path: string) => Promise.resolve(portal.app.request(path));

describe('posters in the portal', () => {
  it('links the printable poster from the village page, and its preview as a link fetched only when asked for', async () => {
    const html = await (await get('/v/430802108214/')).text();
    expect(html).toContain('<a href="/v/430802108214/poster.pdf"');
    expect(html).toContain('打印公示栏海报');
    expect(html).toContain('<a href="/v/430802108214/poster.png">先看看海报的样子（图片）</a>');
    expect(html).not.toMatch(/<img[^>]*poster\.png/);
  });

  it('serves the preview the village page links, as a PNG in the poster’s proportions', async () => {
    const res = await get('/v/430802108214/poster.png');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
    expect([meta.width, meta.height]).toEqual([360, 509]);
  });

  it('serves the PDF for a village and a township', async () => {
    for (const path of ['/v/430802108214/poster.pdf', '/posters/430802108.pdf']) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toBe('application/pdf');
      expect(new TextDecoder().decode((await res.arrayBuffer()).slice(0, 5)), path).toBe('%PDF-');
    }
  });

  it('answers a poster for a village that does not exist with the site’s own 404 page', async () => {
    for (const path of ['/v/430802108999/poster.pdf', '/v/43080210821/poster.pdf', '/posters/430802108214.pdf']) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      const html = await res.text();
      expect(html, path).toContain('lang="zh-CN"');
      expect(html, path).toContain('页面不存在');
    }
  });
});
