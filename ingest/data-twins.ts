import { Hono, type Context } from 'hono';
import { beijingTime } from '../data/beijing-time.ts';
import { complaintStats } from '../data/complaints/complaint-stats.ts';
import type { Config } from '../data/config.ts';
import type { Publication, PublicationSummary } from '../data/publication.ts';
import type { Division } from '../data/region.ts';
import type { Store, Takedown } from '../data/store/store.ts';
import type { SummaryStore } from '../data/store/summary-store.ts';
import { scopePrefix } from '../data/accounts/role.ts';
import { summaryJson, summaryTwinTable } from '../site/lib/summary-page-view.ts';
import { summaryPackage } from '../site/lib/summary-datapackage.ts';
import { tableCsv } from '../site/lib/csv-export.ts';
import { KIND_LABEL } from '../site/lib/format.ts';
import { publicationTable, villageTable, type TwinTable } from '../site/lib/twin-tables.ts';
import { XLSX_TYPE } from '../site/lib/xlsx-export.ts';
import { xlsxThread, type XlsxThread } from './xlsx-thread.ts';
import { attachmentDisposition } from './attachment.ts';
import { xlsxCache } from './xlsx-cache.ts';
import { COMPLAINT_LIST_LIMIT } from '../site/lib/complaint-stats-index.ts';
import { historyEntry, publicationJson, takenDownPublication, villageComplaintFigures, villageJson, type TakenDownPublication, type VillageComplaintFigures } from '../site/lib/json-export.ts';
import { chartCsv } from '../site/lib/charts/chart-csv.ts';
import { villageCharts } from '../site/lib/village-charts.ts';
import { publicationUrl, publicationView, summaryView } from './views.ts';

/**
 * The data twins of the village and publication pages, `index.json`, `index.csv` and `index.xlsx`
 * beside each `index.html`, and the CSV of each chart on a village page, served from the store as they are
 * asked for: always what the store holds, and nothing for a full build to write. JSON carries each version exactly as stored, so its
 * SHA-256 can be recomputed, with the times also in Beijing time (json-export.ts); the village's JSON
 * adds each version's state and the village's complaint figures, counted as its page counts them.
 * CSV is UTF-8 with a BOM so Excel opens it; CSV and XLSX are sent as downloads named in Chinese
 * (马头溪村-公开目录.csv, <title>-第2版.xlsx), with an ASCII name for old clients.
 *
 * A version taken down (personal data published by mistake) is served in its takedown form
 * (site/lib/json-export.ts takenDownPublication): no content, title, subject or file name,
 * `takenDown: true`, and `takedown` says why, when, and which log leaf records it; the village's
 * history marks it the same way in JSON and as 已撤下 in CSV. Its `sha256` stays, so the log's leaf
 * can still be matched against it.
 */
export function createDataTwins(store: Store & Pick<SummaryStore, 'listSummaries'>, config: Config, clock: () => Date = () => new Date(), xlsx: XlsxThread = sharedXlsxThread()): Hono {
  const app = new Hono();
  const made = xlsxCache();

  // JSON as stored; CSV and XLSX (issue 15: typed cells, sent as downloads) from one table each.
  for (const kind of ['json', 'csv', 'xlsx'] as const) {
    app.get(`/v/:code{[0-9]{12}}/index.${kind}`, async (c) => {
      const village = await store.getDivision(c.req.param('code'));
      if (!village || village.level !== 'village') return c.notFound();
      const [history, takedowns, more] = await Promise.all([
        store.listPublications(village.code),
        store.listTakedowns(),
        kind === 'json' ? Promise.all([store.currentPublications(village.code), pathTo(store, village, config.region), complaintFigures(store, config, village.code, clock)]) : null,
      ]);
      const down = new Map(takedowns.map((t) => [t.publicationId, t]));
      if (more) return twin(c, villageJson(village, more[1], more[0], history, down, more[2]), 'json');
      const table = villageTable(village.code, history, config.baseUrl, down);
      const name = `${village.name}-公开目录`;
      if (kind === 'csv') return twin(c, tableCsv(table), 'csv', { ascii: `${village.code}.csv`, name: `${name}.csv` });
      return xlsxDownload(c, (await xlsx.make(village.name, table)).bytes, `${village.code}.xlsx`, `${name}.xlsx`);
    });

    app.get(`/v/:code{[0-9]{12}}/p/:id{[0-9a-z]{1,40}}/index.${kind}`, async (c) => {
      const publication = await store.getPublication(c.req.param('id'));
      if (!publication || publication.village !== c.req.param('code')) return c.notFound();
      const takedown = await store.getTakedown(publication.id);
      if (kind === 'json') return twin(c, publicationJson(publication, takedown), kind);
      const table = () => (takedown ? takenDownTable(publication, takedown) : publicationTable(publication));
      // a version taken down is named by its id: its title may be what was taken down
      const title = takedown ? `${publication.id}-已撤下` : `${publication.content.title}-第${publication.version}版`;
      if (kind === 'csv') return twin(c, tableCsv(table()), 'csv', { ascii: `${publication.id}.csv`, name: `${title}.csv` });
      const bytes = await made.get(`${publication.id}:${takedown ? 'taken-down' : 'published'}`, async () => (await xlsx.make(KIND_LABEL[publication.kind], table())).bytes);
      return xlsxDownload(c, bytes, `${publication.id}.xlsx`, `${title}.xlsx`);
    });
  }

  /** The summary table a twin's path names (a city also as 430800), with every version of its region. */
  const summaryAt = async (code: string, seq: string) => {
    const scope = scopePrefix(code);
    const all = await store.listSummaries(scope);
    return { scope, all, summary: all.find((s) => s.seq === Number(seq)) ?? null };
  };

  // A township's, county's or city's summary table (issue 15): JSON as stored, with where it sits;
  // CSV and XLSX with codes as text and amounts as numbers.
  for (const kind of ['json', 'csv', 'xlsx'] as const) {
    app.get(`/r/:scope{[0-9]{4}(?:[0-9]{2}|[0-9]{5})?}/summary/:seq{[1-9][0-9]{0,8}}/index.${kind}`, async (c) => {
      const { scope, all, summary } = await summaryAt(c.req.param('scope'), c.req.param('seq'));
      if (!summary) return c.notFound();
      if (kind === 'json') return twin(c, JSON.stringify(summaryJson(summary, all)), 'json');
      const title = `${summary.document.title}-第${summary.version}版`;
      const ascii = `summary-${scope}-${summary.seq}`;
      if (kind === 'csv') return twin(c, tableCsv(summaryTwinTable(summary)), 'csv', { ascii: `${ascii}.csv`, name: `${title}.csv` });
      const bytes = await made.get(`summary:${scope}:${summary.seq}`, async () => (await xlsx.make('汇总表', summaryTwinTable(summary))).bytes);
      return xlsxDownload(c, bytes, `${ascii}.xlsx`, `${title}.xlsx`);
    });
  }

  // the Data Package beside a summary table's page (issue 15), describing its CSV
  app.get('/r/:scope{[0-9]{4}(?:[0-9]{2}|[0-9]{5})?}/summary/:seq{[1-9][0-9]{0,8}}/datapackage.json', async (c) => {
    const { scope, summary } = await summaryAt(c.req.param('scope'), c.req.param('seq'));
    const region = summary ? await store.getDivision(scope) : null;
    if (!summary || !region) return c.notFound();
    return twin(c, JSON.stringify(summaryPackage(summary, region.name, config.baseUrl)), 'json');
  });

  // Each chart's numbers on the village page, computed as the page computes them: from the current
  // versions not taken down. A chart the village does not have (any more) is not found.
  app.get('/v/:code{[0-9]{12}}/charts/:file{[a-z0-9-]{1,40}\\.csv}', async (c) => {
    const code = c.req.param('code');
    const village = await store.getDivision(code);
    if (!village || village.level !== 'village') return c.notFound();
    const current = await store.currentPublications(code);
    const shown: Publication[] = [];
    for (const p of current) if (!(await store.getTakedown(p.id))) shown.push(p);
    const id = c.req.param('file').replace(/\.csv$/, '');
    const chart = villageCharts(code, shown).find((x) => x.id === id);
    return chart ? twin(c, chartCsv(chart), 'csv', { ascii: `${code}-${chart.id}.csv`, name: `${village.name}-${chart.title}.csv` }) : c.notFound();
  });

  return app;
}

export type { TakenDownPublication };

/**
 * GET /api/v1/publications/{id}: the version with its content, or, taken down, in its takedown
 * form (as its data twin) with the page's address.
 */
export function publicationApiView(config: Config, p: Publication, takedown: Takedown | null) {
  if (!takedown) return publicationView(config, p);
  return { ...takenDownPublication(p, takedown), url: publicationUrl(config, p.village, p.id) };
}

/**
 * GET /api/v1/villages/{code}/publications: every version's summary, `takenDown` on each; one taken
 * down has no title, subject or file name, and says why. `takedowns` by publication id (listTakedowns).
 */
export function summaryApiViews(config: Config, summaries: readonly PublicationSummary[], takedowns: ReadonlyMap<string, Takedown>) {
  return summaries.map((s) => {
    const entry = historyEntry(s, takedowns.get(s.id));
    return entry.takenDown ? { ...entry, url: publicationUrl(config, s.village, s.id) } : { ...summaryView(config, s), takenDown: false as const };
  });
}

// ——— private helpers ———

function takenDownTable(p: Publication, t: Takedown): TwinTable {
  const columns: TwinTable['columns'] = [
    { header: '状态', type: 'text' },
    { header: '撤下原因', type: 'text' },
    { header: '撤下时间', type: 'text' },
    { header: '日志序号', type: 'integer' },
    { header: 'SHA-256', type: 'text' },
  ];
  return { columns, rows: [['已撤下', t.reason, beijingTime(t.at), String(t.logIndex), p.sha256]] };
}

function xlsxDownload(c: Context, bytes: Uint8Array<ArrayBuffer>, asciiName: string, name: string): Response {
  c.header('Cache-Control', 'public, max-age=0, must-revalidate');
  c.header('Content-Disposition', attachmentDisposition(asciiName, name));
  return c.body(bytes, 200, { 'Content-Type': XLSX_TYPE });
}

function twin(c: Context, body: string, kind: 'json'): Response;
function twin(c: Context, body: string, kind: 'csv', file: { ascii: string; name: string }): Response;
function twin(c: Context, body: string, kind: 'json' | 'csv', file?: { ascii: string; name: string }): Response {
  c.header('Cache-Control', 'public, max-age=0, must-revalidate');
  if (file) c.header('Content-Disposition', attachmentDisposition(file.ascii, file.name));
  return c.body(body, 200, { 'Content-Type': kind === 'json' ? 'application/json; charset=utf-8' : 'text/csv; charset=utf-8' });
}

/**
 * The village's complaint figures as its page counts them (site/lib/complaint-stats-index.ts): the
 * village's complaints, at most as many as a page lists, through complaintStats at this moment.
 */
async function complaintFigures(store: Store, config: Config, village: string, clock: () => Date): Promise<VillageComplaintFigures> {
  const now = clock().toISOString();
  const complaints = await store.listComplaints({ scope: village, limit: COMPLAINT_LIST_LIMIT });
  return villageComplaintFigures(complaintStats(complaints, config.complaints.deadlines, now), now, complaints.length >= COMPLAINT_LIST_LIMIT);
}

/** The divisions from the county (or the region's top) down to the village. */
async function pathTo(store: Store, village: Division, region: string): Promise<{ code: string; name: string }[]> {
  const path: { code: string; name: string }[] = [];
  let current: Division | null = village;
  while (current && current.code.length > region.length && (current.level === 'village' || current.level === 'township' || current.level === 'county')) {
    path.unshift({ code: current.code, name: current.name });
    current = current.parent ? await store.getDivision(current.parent) : null;
  }
  return path;
}

/** One XLSX thread per process (xlsx-thread.ts): it idles out and never keeps the process alive. */
let shared: XlsxThread | null = null;
function sharedXlsxThread(): XlsxThread {
  shared ??= xlsxThread();
  return shared;
}
