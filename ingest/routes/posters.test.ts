import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Context } from 'hono';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig, type Config } from '../../data/config.ts';
import { openSqliteStore, type SqliteStore } from '../../data/store/sqlite-store.ts';
import { readDivisions } from '../../scripts/lib/china-division.ts';
import { createPosterService } from '../../site/poster/poster-service.ts';
import { inCI } from '../../test/support/environment.ts';
import { allGrey, decodeQr, pdfFonts, pdfInfo, pdfPagePng, pdfText, popplerAvailable, requirePoppler } from '../../test/support/poppler.ts';
import { posterRoutes } from './posters.ts';

// The real Zhangjiajie divisions: 王家坪镇 (430802108) has 13 villages, 马头溪村 among them.
const MATOUXI = '430802108214';
const WANGJIAPING = '430802108';
/** the large QR sits in the upper two thirds of the page, the complaint QR at the bottom left */
const UPPER = { left: 0, top: 0, width: 1, height: 0.66 };
const LOWER_LEFT = { left: 0, top: 0.7, width: 0.4, height: 0.3 };

let dir: string;
let store: SqliteStore;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cunwu-posters-'));
  store = await openSqliteStore(join(dir, 'portal.sqlite'));
  await store.replaceDivisions(await readDivisions('4308'));
});
afterAll(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

function configWith(env: Record<string, string> = {}): Config {
  const parsed = parseConfig({ PORTAL_DATA_DIR: dir, PORTAL_BASE_URL: 'http://portal.test', ...env }, process.cwd());
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.config;
}

function routes(config: Config = configWith(), clock = () => new Date('2026-08-01T02:00:00Z')) {
  const posters = createPosterService({ store, config, clock });
  const notFound = (c: Context) => c.html('<!doctype html><html lang="zh-CN"><title>404</title><p>页面不存在</p></html>', 404);
  const app = posterRoutes({ posters, notFound });
  const get = async (path: string) => {
    const res = await app.request(path);
    return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
  };
  return { app, posters, get };
}

describe.skipIf(!popplerAvailable && !inCI)('a village poster, read back with poppler and a QR decoder', () => {
  beforeEach(() => requirePoppler());

  it('encodes the village’s permanent URL in the large QR and prints the same URL and the village name as text', async () => {
    const { res, bytes } = await routes().get(`/v/${MATOUXI}/poster.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const url = `http://portal.test/v/${MATOUXI}/`;
    expect(await decodeQr(pdfPagePng(bytes, 1), UPPER)).toBe(url);
    const text = pdfText(bytes);
    expect(text.split('\n').map((l) => l.trim())).toContain(url);
    expect(text).toContain('马头溪村');
    expect(text).toContain('永定区 · 王家坪镇 · 马头溪村');
    expect(text).toContain(MATOUXI);
    expect(text).toContain('纪检监察举报电话');
    expect(text).toContain('12388');
    expect(text).toContain('2026年8月1日');
  });

  it('shows the same QR in the PNG preview, drawn from the same layout', async () => {
    const { res, bytes } = await routes().get(`/v/${MATOUXI}/poster.png`);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(await decodeQr(Buffer.from(bytes), UPPER)).toBe(`http://portal.test/v/${MATOUXI}/`);
  });

  it('encodes the village’s complaint page in the small QR', async () => {
    const { bytes } = await routes().get(`/v/${MATOUXI}/poster.pdf`);
    expect(await decodeQr(pdfPagePng(bytes, 1, 200), LOWER_LEFT)).toBe(`http://portal.test/v/${MATOUXI}/complaint/`);
  });

  it('embeds the Chinese font as a subset, not the whole 10 MB file', async () => {
    const { bytes } = await routes().get(`/v/${MATOUXI}/poster.pdf`);
    const fonts = pdfFonts(bytes);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) {
      expect(font).toMatchObject({ embedded: true, subset: true });
      expect(font.name).toMatch(/^[A-Z]{6}\+NotoSansSC/);
    }
    expect(bytes.byteLength).toBeLessThan(200_000);
  });

  it('changes the printed URL and the QR together when PORTAL_BASE_URL changes', async () => {
    const { bytes } = await routes(configWith({ PORTAL_BASE_URL: 'https://cunwu.zjj.example.cn/' })).get(`/v/${MATOUXI}/poster.pdf`);
    const url = `https://cunwu.zjj.example.cn/v/${MATOUXI}/`;
    expect(await decodeQr(pdfPagePng(bytes, 1), UPPER)).toBe(url);
    expect(pdfText(bytes)).toContain(url);
    expect(pdfText(bytes)).not.toContain('portal.test');
  });

  it('prints the supervision phone numbers from the configuration', async () => {
    const { bytes } = await routes(configWith({ PORTAL_SUPERVISION_PHONES: '县纪委监委:0744-8222222;乡镇纪委:0744-8333333' })).get(`/v/${MATOUXI}/poster.pdf`);
    const text = pdfText(bytes);
    expect(text).toContain('0744-8222222');
    expect(text).toContain('乡镇纪委');
    expect(text).not.toContain('12388');
  });

  it('gives an A3 page for ?size=a3 and an A4 page by default', async () => {
    const r = routes();
    expect(pdfInfo((await r.get(`/v/${MATOUXI}/poster.pdf`)).bytes)['Page size']).toBe('595.276 x 841.89 pts (A4)');
    const a3 = (await r.get(`/v/${MATOUXI}/poster.pdf?size=a3`)).bytes;
    expect(pdfInfo(a3)['Page size']).toBe('841.89 x 1190.55 pts (A3)');
    expect(await decodeQr(pdfPagePng(a3, 1, 100), UPPER)).toBe(`http://portal.test/v/${MATOUXI}/`);
  });

  it('prints only greys for ?mono=1, where the default poster has red headings', async () => {
    const r = routes();
    const mono = pdfPagePng((await r.get(`/v/${MATOUXI}/poster.pdf?mono=1`)).bytes, 1, 72);
    const colour = pdfPagePng((await r.get(`/v/${MATOUXI}/poster.pdf`)).bytes, 1, 72);
    expect(await allGrey(mono)).toBe(true);
    expect(await allGrey(colour)).toBe(false);
  });
});

describe.skipIf(!popplerAvailable && !inCI)('a batch of posters for a township', () => {
  beforeEach(() => requirePoppler());

  it('has one page per village in code order, each page’s QR leading to its own village', async () => {
    const villages = (await store.listDivisions(WANGJIAPING)).filter((d) => d.level === 'village');
    expect(villages.length).toBe(13);
    const { res, bytes } = await routes().get(`/posters/${WANGJIAPING}.pdf`);
    expect(res.status).toBe(200);
    expect(pdfInfo(bytes).Pages).toBe(String(villages.length));
    const pages = pdfText(bytes).split('\f').filter((p) => p.trim() !== '');
    expect(pages.length).toBe(villages.length);
    villages.forEach((v, i) => expect(pages[i], v.code).toContain(`http://portal.test/v/${v.code}/`));
    for (const page of [1, villages.length]) {
      const village = villages[page - 1]!;
      expect(await decodeQr(pdfPagePng(bytes, page, 100), UPPER)).toBe(`http://portal.test/v/${village.code}/`);
      expect(pages[page - 1]).toContain(village.name);
    }
    const fonts = pdfFonts(bytes);
    expect(fonts.every((f) => f.embedded && f.subset)).toBe(true);
    // One subset for the whole batch, not one per page.
    expect(fonts.length).toBe(1);
  });
});

describe('poster addresses that are not a poster', () => {
  it('answers an unknown village code with the site’s 404 page, not an empty poster', async () => {
    const r = routes();
    for (const path of ['/v/430802108999/poster.pdf', '/v/430802108999/poster.png', '/v/430802108/poster.pdf', '/v/abc/poster.pdf']) {
      const { res, bytes } = await r.get(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type'), path).toContain('text/html');
      expect(new TextDecoder().decode(bytes), path).toContain('页面不存在');
    }
    expect(r.posters.renders).toBe(0);
  });

  it('answers a batch for a village, a prefecture or an unknown township with the 404 page', async () => {
    const r = routes();
    for (const path of [`/posters/${MATOUXI}.pdf`, '/posters/4308.pdf', '/posters/430802999.pdf', '/posters/430899.pdf', '/posters/wangjiaping.pdf']) {
      const { res } = await r.get(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type'), path).toContain('text/html');
    }
  });

  it('refuses a paper size it does not print, saying which sizes it does', async () => {
    const { res, bytes } = await routes().get(`/v/${MATOUXI}/poster.pdf?size=a5`);
    expect(res.status).toBe(400);
    expect(new TextDecoder().decode(bytes)).toContain('size 只能是 a4 或 a3 / size must be a4 or a3');
  });
});

describe('poster caching over HTTP', () => {
  it('serves a repeated request from the cache and answers a matching If-None-Match with 304', async () => {
    const r = routes();
    const first = await r.get(`/v/${MATOUXI}/poster.png`);
    expect(first.res.status).toBe(200);
    expect(first.res.headers.get('content-type')).toBe('image/png');
    const etag = first.res.headers.get('etag')!;
    const again = await r.get(`/v/${MATOUXI}/poster.png`);
    expect(again.bytes).toEqual(first.bytes);
    const revalidated = await r.app.request(`/v/${MATOUXI}/poster.png`, { headers: { 'If-None-Match': etag } });
    expect(revalidated.status).toBe(304);
    expect(r.posters.renders).toBe(1);
  });
});
