import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KANGJIAPING } from '../../data/demo/kangjiaping.ts';
import { csvGrid } from '../../data/import/csv-grid.ts';
import { cellText } from '../../data/import/grid.ts';
import { csvCellOf } from '../../site/lib/charts/chart-csv.ts';
import { openBrowserPortal, type BrowserPortal } from '../support/browser.ts';
import { chromiumPath, inCI } from '../support/environment.ts';

/**
 * A county's dashboard and a village's charts on a 360×640 phone with JavaScript off, from the
 * demo as `npm start` loads it: every chart is drawn inside the screen, its numbers are in a table
 * under it, and the CSV it links to holds exactly those numbers.
 */
describe.skipIf(!chromiumPath && !inCI)('charts on a 360 px phone, JavaScript off (Chromium)', () => {
  let b: BrowserPortal;

  beforeAll(async () => {
    b = await openBrowserPortal({ demo: true, clock: () => new Date('2026-12-06T02:00:00Z') });
  }, 180_000);

  afterAll(async () => {
    await b?.close();
  });

  interface ChartOnPage {
    id: string;
    svgWidth: number;
    svgVisible: boolean;
    columns: string[];
    numeric: boolean[];
    rows: string[][];
    csv: string | null;
  }

  const readCharts = `[...document.querySelectorAll('figure.ch')].map((f) => {
    const svg = f.querySelector('svg');
    const box = svg ? svg.getBoundingClientRect() : null;
    const heads = [...f.querySelectorAll('table thead th')];
    return {
      id: f.id,
      svgWidth: box ? box.right : 0,
      svgVisible: !!box && box.width > 0 && box.height > 0,
      columns: heads.map((h) => h.textContent.trim()),
      numeric: heads.map((h) => h.classList.contains('n')),
      rows: [...f.querySelectorAll('table tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent.trim())),
      csv: f.querySelector('a[href$=".csv"]')?.getAttribute('href') ?? null,
    };
  })`;

  for (const [what, path, expected] of [
    ['the county dashboard', '/r/430821/', ['monthly-trend', 'flags-by-status', 'disclosure-on-time', 'rectification-progress']],
    ['the village charts', `/v/${KANGJIAPING}/`, ['finance-by-period', 'finance-by-account']],
  ] as const) {
    it(`draws ${what} inside the screen, with a table and a CSV that says the same`, async () => {
      const context = await b.phone({ javaScriptEnabled: false });
      const tab = await context.newPage();
      expect((await tab.goto(`${b.origin}${path}`))?.status()).toBe(200);
      const widths = (await tab.evaluate('({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })')) as { scroll: number; client: number };
      expect(widths.scroll).toBeLessThanOrEqual(widths.client);
      const charts = (await tab.evaluate(readCharts)) as ChartOnPage[];
      for (const id of expected) expect(charts.map((c) => c.id)).toContain(id);
      for (const chart of charts) {
        expect(chart.svgVisible, chart.id).toBe(true);
        expect(chart.svgWidth, chart.id).toBeLessThanOrEqual(360);
        expect(chart.rows.length, chart.id).toBeGreaterThan(0);
        expect(chart.csv, chart.id).not.toBeNull();
        const res = await tab.request.get(`${b.origin}${chart.csv}`);
        expect(res.status(), chart.csv ?? '').toBe(200);
        const csv = csvGrid(await res.text()).rows.map((r) => r.cells.map((c) => cellText(c)));
        expect(csv[0], chart.id).toEqual(chart.columns.map((c) => csvCellOf(c, false)));
        expect(csv.slice(1), chart.id).toEqual(chart.rows.map((row) => row.map((cell, i) => csvCellOf(cell, chart.numeric[i] ?? false))));
      }
      await context.close();
    });
  }
});
