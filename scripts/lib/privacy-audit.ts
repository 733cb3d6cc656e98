import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../../data/config.ts';
import { describeFinding, findPersonalNumbers, type PersonalNumberKind } from '../../data/privacy/personal-number-scan.ts';
import { fileNature, looksBinary } from '../../data/privacy/text-files.ts';
import { statementLines, type Publication } from '../../data/publication.ts';
import type { PortalStore } from '../../data/store/portal-store.ts';
import { createPortalApp } from '../../ingest/portal-app.ts';
import { loadRenderer } from '../../site/build/page-builder.ts';
import { VILLAGE_CHART_IDS } from '../../site/lib/village-charts.ts';
import { SERVER_ENTRY } from './astro-bundle.ts';
import { loadLogSigner, openRuntimeStore } from './runtime.ts';
import { everyComplaint } from '../../data/store/list-every.ts';

/**
 * The privacy audit behind `npm run portal -- audit` and the e2e test: every text file of a
 * built site, and the responses a visitor can get from the running app — the data twins, the
 * publication API and proofs, search, the transparency log's checkpoint and leaves, and the
 * public complaint views — scanned for unmasked ID, mobile and bank-card numbers
 * (data/privacy/personal-number-scan.ts). Numbers published on purpose (the configured
 * supervision phones) are allowed.
 */
export interface AuditFinding {
  /** a file relative to the folder scanned (site/…), or the path of a request */
  where: string;
  line: number | null;
  kind: PersonalNumberKind;
  /** masked: a report never repeats the number it found */
  shown: string;
}

export interface AuditReport {
  findings: AuditFinding[];
  /** text files scanned */
  files: number;
  /** files skipped as binary (photos, PDFs, fonts; by extension or a NUL byte) */
  binaryFiles: number;
  /** responses scanned */
  responses: number;
  /** what the responses covered */
  villages: number;
  publications: number;
  complaints: number;
  /** tiles of the transparency log's leaves */
  logTiles: number;
}

/** Anything that answers requests in-process: a Hono app. */
export interface RequestTarget {
  request(path: string): Response | Promise<Response>;
}

export interface AuditTargets {
  config: Config;
  /** built folders to walk, each with the prefix its files are reported under */
  folders: ReadonlyArray<{ dir: string; label: string }>;
  /** the portal app and its store; without them only files are scanned */
  app?: RequestTarget;
  store?: PortalStore;
  /** search queries per current publication: its title and words of rows spread over it; 6 by default */
  searchesPerPublication?: number;
}

/** The numbers published on purpose: the supervision phones printed on the posters. */
export function publishedOnPurpose(config: Config): string[] {
  return config.publicPhones;
}

export async function auditPortal(targets: AuditTargets): Promise<AuditReport> {
  const allow = publishedOnPurpose(targets.config);
  const report: AuditReport = { findings: [], files: 0, binaryFiles: 0, responses: 0, villages: 0, publications: 0, complaints: 0, logTiles: 0 };
  for (const folder of targets.folders) await auditFolder(folder.dir, folder.label, allow, report);
  if (targets.app && targets.store) {
    await auditResponses(targets.app, targets.store, targets.config, { allow, searches: targets.searchesPerPublication ?? 6 }, report);
  }
  return report;
}

/** Every text file under `dir`, read as UTF-8. */
export async function auditFolder(dir: string, label: string, allow: readonly string[], report: AuditReport): Promise<void> {
  for (const file of await walk(dir)) {
    const name = relative(dir, file).split(sep).join('/');
    const nature = fileNature(name);
    if (nature === 'binary') {
      report.binaryFiles += 1;
      continue;
    }
    const bytes = await readFile(file);
    if (nature === 'sniff' && looksBinary(bytes)) {
      report.binaryFiles += 1;
      continue;
    }
    report.files += 1;
    collect(report, `${label}${name}`, bytes.toString('utf8'), allow);
  }
}

/**
 * `npm run portal -- audit`: the configured data folder's built site, the browser scripts, and
 * every response of the app `npm start` would serve over it. Returns the exit code: 0 clean,
 * 1 with findings, 2 when there is no built site to audit.
 */
export async function runPrivacyAudit(config: Config, log: (line: string) => void, error: (line: string) => void): Promise<number> {
  const siteDir = join(config.dataDir, 'site');
  if (!existsSync(siteDir)) {
    error(`${siteDir} 不存在，请先运行 npm run portal -- build / no built site at ${siteDir}: run \`npm run portal -- build\` first`);
    return 2;
  }
  const store = await openRuntimeStore(config);
  try {
    // The audit reads every complaint's public view once: a visitor's lookup limit would stop it.
    const auditConfig: Config = { ...config, complaints: { ...config.complaints, lookupsPerMinute: 1_000_000 } };
    const app = createPortalApp({
      store,
      clock: () => new Date(),
      config: auditConfig,
      siteDir,
      afterPublish: async () => {},
      render: existsSync(SERVER_ENTRY) ? await loadRenderer(SERVER_ENTRY) : undefined,
      logSigner: await loadLogSigner(config),
    });
    const report = await auditPortal({
      config,
      folders: [
        { dir: siteDir, label: 'site/' },
        { dir: CLIENT_DIR, label: 'dist/client/' },
      ],
      app,
      store,
    });
    for (const f of report.findings) error(`  ${describeFinding(f.where, f)}`);
    (report.findings.length === 0 ? log : error)(summarise(report));
    return report.findings.length === 0 ? 0 : 1;
  } finally {
    await store.close();
  }
}

/** One-line summary for the command line, in both languages. */
export function summarise(report: AuditReport): string {
  const scanned = `${report.files} 个文件、${report.responses} 个接口响应（${report.villages} 个村、${report.publications} 个公开版本、${report.complaints} 件投诉、${report.logTiles} 组日志记录）；跳过 ${report.binaryFiles} 个二进制文件`;
  const scannedEn = `${report.files} files and ${report.responses} responses (${report.villages} villages, ${report.publications} publication versions, ${report.complaints} complaints, ${report.logTiles} log tiles); ${report.binaryFiles} binary files skipped`;
  return report.findings.length === 0
    ? `未发现未打码的个人号码：已检查 ${scanned} / no unmasked personal numbers in ${scannedEn}`
    : `发现 ${report.findings.length} 处未打码的个人号码：已检查 ${scanned} / ${report.findings.length} unmasked personal numbers in ${scannedEn}`;
}

// ——— private helpers ———

/** The browser scripts and styles `astro build` wrote, served under /_astro/. */
const CLIENT_DIR = fileURLToPath(new URL('../../dist/client/', import.meta.url));

async function auditResponses(
  app: RequestTarget,
  store: PortalStore,
  config: Config,
  { allow, searches }: { allow: readonly string[]; searches: number },
  report: AuditReport,
): Promise<void> {
  const get = async (path: string): Promise<Response | null> => {
    const res = await app.request(path);
    const type = res.headers.get('content-type') ?? '';
    if (!/^(text\/|application\/(json|xml|javascript)|application\/[\w.+-]*\+json)/.test(type)) {
      await res.body?.cancel();
      return null;
    }
    const body = await res.text();
    report.responses += 1;
    collect(report, path, body, allow);
    return res;
  };

  const villages = (await store.listDivisions(config.region)).filter((d) => d.level === 'village');
  const stats = await store.publicationStats(config.region);
  for (const village of villages) {
    report.villages += 1;
    await get(`/v/${village.code}/index.json`);
    await get(`/api/v1/villages/${village.code}`);
    if (!stats.has(village.code)) continue;
    await get(`/v/${village.code}/index.csv`);
    // a chart the village lacks answers 404, which is not scanned
    for (const chart of VILLAGE_CHART_IDS) await get(`/v/${village.code}/charts/${chart}.csv`);
    await get(`/api/v1/villages/${village.code}/publications`);
    const current = new Set((await store.currentPublications(village.code)).map((p) => p.id));
    for (const summary of await store.listPublications(village.code)) {
      const p = await store.getPublication(summary.id);
      if (!p) continue;
      report.publications += 1;
      const base = `/v/${village.code}/p/${p.id}/`;
      await get(`${base}index.json`);
      await get(`${base}index.csv`);
      await get(`/api/v1/publications/${p.id}`);
      await get(`/api/v1/publications/${p.id}/proof`);
      // Search covers current versions only; each one's title and a few rows' words find its rows.
      if (!current.has(p.id)) continue;
      for (const [i, q] of searchWords(p, searches).entries()) {
        const query = new URLSearchParams({ q, village: village.code, pageSize: '100' }).toString();
        await get(`/api/v1/search?${query}`);
        if (i === 0) {
          await get(`/api/v1/search.csv?${query}`);
          await get(`/search/?${query}`);
        }
      }
    }
  }

  // The transparency log: its checkpoint, its key and every tile of leaves, until the first one past the end.
  await get('/log/checkpoint');
  await get('/log/key');
  for (let n = 0; (await get(`/log/leaves/${n}.json`))?.status === 200; n++) report.logTiles += 1;

  // Red flags and rounds of rectification: every list and record a visitor can read.
  await get(`/api/v1/flags?scope=${config.region}&limit=1000`);
  await get('/api/v1/flag-rules');
  await get(`/api/v1/rectification/rounds?scope=${config.region}`);
  for (const round of await store.listRounds(config.region)) {
    await get(`/api/v1/rectification/rounds/${round.id}`);
    await get(`/rectification/${round.id}/`);
  }

  await get('/open311/v2/services.json');
  await get('/open311/v2/requests.json');
  for (const complaint of await everyComplaint(store, { scope: config.region })) {
    report.complaints += 1;
    await get(`/open311/v2/requests/${complaint.publicId}.json`);
    // The tracking code is its holder's secret: the report names the complaint by its public number.
    for (const path of [`/api/v1/complaints/${complaint.trackingCode}`, `/track/?code=${complaint.trackingCode}`]) {
      const before = report.findings.length;
      await get(path);
      for (const f of report.findings.slice(before)) f.where = f.where.replace(complaint.trackingCode, `#${complaint.publicId}`);
    }
  }
}

function collect(report: AuditReport, where: string, text: string, allow: readonly string[]): void {
  for (const f of findPersonalNumbers(text, { allow })) report.findings.push({ where, line: f.line ?? null, kind: f.kind, shown: f.shown });
}

/** The title and the words of rows spread evenly over the publication: recipients' and projects' names, entry summaries. */
function searchWords(p: Publication, count: number): string[] {
  const c = p.content;
  const rows = [...new Set(rowWords(c))];
  const picks = Math.max(0, Math.min(count - 1, rows.length));
  const spread = Array.from({ length: picks }, (_, i) => rows[Math.floor((i * rows.length) / picks)] ?? '');
  const words = [c.title, ...spread].map((w) => w.trim().slice(0, 100)).filter((w) => w !== '');
  return [...new Set(words)];
}

function rowWords(c: Publication['content']): string[] {
  switch (c.kind) {
    case 'subsidy':
      return c.rows.map((r) => r.name);
    case 'finance':
      return c.entries.map((e) => e.summary);
    case 'project':
      return c.projects.map((x) => x.name);
    case 'contract':
      return c.contracts.map((x) => x.counterparty);
    case 'statement':
      return statementLines(c).map((l) => l.item);
  }
}

async function walk(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(path)));
    else if (entry.isFile()) out.push(path);
  }
  return out.sort();
}
