import type { Context } from 'hono';
import { beforeEach, describe, expect, it } from 'vitest';
import { layoutPowerSheet, MIN_STEP_NAME_PT } from '../../data/poster/power-sheet-layout.ts';
import { DEFAULT_CATALOGUE } from '../../data/power/default-catalogue.ts';
import { countyProjectThreshold } from '../../data/power/test-catalogues.ts';
import { posterFonts } from '../../site/poster/poster-fonts.ts';
import { powerSheetContent } from '../../site/poster/power-sheet-content.ts';
import { createPowerSheetService } from '../../site/poster/power-sheet-service.ts';
import { inCI } from '../../test/support/environment.ts';
import { pdfFonts, pdfInfo, pdfText, popplerAvailable, requirePoppler } from '../../test/support/poppler.ts';
import { powerPdfRoutes } from './power-pdf.ts';

// The 四议两公开 item itself: its steps go through both the 党员大会 and the 村民代表会议.
const FOUR_TWO = DEFAULT_CATALOGUE.items.find(
  (i) => i.name.includes('四议两公开') && i.steps.some((s) => s.actor === 'party-members-meeting') && i.steps.some((s) => s.actor === 'representatives-meeting'),
)!;

/** 慈利县's own list: projects go through 四议两公开 only from 10万元. */
const COUNTY = countyProjectThreshold('430821', 10);

function routes() {
  const sheets = createPowerSheetService({ config: { baseUrl: 'http://portal.test' } });
  const notFound = (c: Context) => c.html('<!doctype html><html lang="zh-CN"><title>404</title><p>页面不存在</p></html>', 404);
  const app = powerPdfRoutes({ sheets, notFound, catalogues: async () => [COUNTY] });
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const res = await app.request(path, { headers });
    return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
  };
  return { sheets, get };
}

/** pdftotext's lines with the spaces it puts between widely set glyphs taken out. */
const compact = (text: string) => text.replace(/[ \t\u3000]/g, '');

describe.skipIf(!popplerAvailable && !inCI)('the printable notice of a power-list item, read back with poppler', () => {
  beforeEach(() => requirePoppler());

  it('prints an item of a county’s own list under its code, and nothing under a code without a list', async () => {
    const code = 'project-construction-under-100k';
    const { res, bytes } = await routes().get(`/power/430821/${code}.pdf`);
    expect(res.status).toBe(200);
    expect(compact(pdfText(bytes))).toContain('村级工程项目建设（10万元以下）');
    expect((await routes().get(`/power/430822/${code}.pdf`)).res.status).toBe(404);
    expect((await routes().get(`/power/${code}.pdf`)).res.status).toBe(404);
  });

  it('prints the 四议两公开 item on one A4 page with its name and every step name in order', async () => {
    expect(FOUR_TWO).toBeDefined();
    const { res, bytes } = await routes().get(`/power/${FOUR_TWO.code}.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const info = pdfInfo(bytes);
    expect(info.Pages).toBe('1');
    expect(info['Page size']).toBe('595.276 x 841.89 pts (A4)');
    const text = compact(pdfText(bytes));
    expect(text).toContain(compact(FOUR_TWO.name));
    let from = 0;
    for (const step of FOUR_TWO.steps) {
      const at = text.indexOf(compact(`${step.seq}. ${step.name}`), from);
      expect(at, step.name).toBeGreaterThanOrEqual(from);
      from = at + 1;
    }
    expect(text).toContain('以本村所属县公布的清单为准');
    expect(text).toContain('阳光村务');
    expect(text).toContain('《村民委员会组织法》第二十二条');
  });

  it('embeds the Chinese font as a subset, not the whole 10 MB file', async () => {
    const { bytes } = await routes().get(`/power/${FOUR_TWO.code}.pdf`);
    const fonts = pdfFonts(bytes);
    expect(fonts.length).toBe(1);
    expect(fonts[0]).toMatchObject({ embedded: true, subset: true });
    expect(bytes.byteLength).toBeLessThan(200_000);
  });

  it('prints every item of the default list on a single A4 page', async () => {
    const { get } = routes();
    for (const item of DEFAULT_CATALOGUE.items) {
      const { res, bytes } = await get(`/power/${item.code}.pdf`);
      expect(res.status, item.code).toBe(200);
      const info = pdfInfo(bytes);
      expect(info.Pages, item.code).toBe('1');
      expect(info['Page size'], item.code).toBe('595.276 x 841.89 pts (A4)');
    }
  });
});

describe('the printable notice without poppler', () => {
  it('sets every default item on one page with step names of at least 14 pt, boxes inside the sheet', () => {
    for (const item of DEFAULT_CATALOGUE.items) {
      const layout = layoutPowerSheet(powerSheetContent(item, DEFAULT_CATALOGUE, { siteName: '阳光村务', baseUrl: 'http://portal.test' }), posterFonts().measure);
      expect(layout.pages.length, item.code).toBe(1);
      expect(layout.fit.nameSize).toBeGreaterThanOrEqual(MIN_STEP_NAME_PT);
      expect(layout.boxes.map((b) => b.seq)).toEqual(item.steps.map((s) => s.seq));
      for (const b of layout.boxes) {
        expect(b.x).toBeGreaterThanOrEqual(10);
        expect(b.x + b.width).toBeLessThanOrEqual(200);
        expect(b.y + b.height, `${item.code} ${b.seq}`).toBeLessThanOrEqual(297 - 10);
      }
    }
  });

  it('answers an unknown or malformed item code with the site’s 404 page, rendering nothing', async () => {
    const r = routes();
    for (const path of ['/power/no-such-item.pdf', '/power/MAJOR-DECISION.pdf', '/power/..%2Fx.pdf', '/power/a_b.pdf']) {
      const { res, bytes } = await r.get(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type'), path).toContain('text/html');
      expect(new TextDecoder().decode(bytes), path).toContain('页面不存在');
    }
    expect(r.sheets.renders).toBe(0);
  });

  it('renders a notice once, then answers a matching If-None-Match with 304', async () => {
    const r = routes();
    const first = await r.get('/power/seal-major.pdf');
    const etag = first.res.headers.get('etag')!;
    expect((await r.get('/power/seal-major.pdf')).bytes).toEqual(first.bytes);
    expect((await r.get('/power/seal-major.pdf', { 'If-None-Match': etag })).res.status).toBe(304);
    expect(r.sheets.renders).toBe(1);
  });
});
