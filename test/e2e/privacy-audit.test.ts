import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../data/config.ts';
import { importPublication } from '../../data/import/import-publication.ts';
import { newPublication } from '../../data/new-publication.ts';
import { findPersonalNumbers } from '../../data/privacy/personal-number-scan.ts';
import type { Publication } from '../../data/publication.ts';
import type { SqliteStore } from '../../data/store/sqlite-store.ts';
import { createPortalApp } from '../../ingest/portal-app.ts';
import { FIXTURE_NAMES, FIXTURES, LONGGANG, MATOUXI, XLSX_TYPE } from '../../ingest/test-support.ts';
import { SERVER_ENTRY } from '../../scripts/lib/astro-bundle.ts';
import { auditPortal, runPrivacyAudit } from '../../scripts/lib/privacy-audit.ts';
import { buildWorkers, loadLogSigner, openRuntimeStore } from '../../scripts/lib/runtime.ts';
import { loadRenderer, type RenderFn } from '../../site/build/page-builder.ts';
import { privacyFindingsPath, readPrivacyFindings } from '../../site/build/privacy-findings.ts';
import { createSiteBuilder } from '../../site/build/site-builder.ts';
import { openPortalFixture, type PortalFixture } from '../support/portal-fixture.ts';

// The privacy guard end to end: the field samples — one with an unmasked ID and phone in row 17 —
// uploaded through the API, then every built file and every response a visitor can get scanned;
// and the other side: a page with a raw ID is withheld (a 内容待核查 notice in its place, the rest
// built), and the build's log, the staff's list and the audit name it.
const RAW_ID = '430802196401241328';
const RAW_PHONE = '13826092975';
const MASKED_ID = '430802********1328';
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('the privacy audit of a portal with the field samples published', () => {
  let portal: PortalFixture;
  let subsidy: Publication;

  beforeAll(async () => {
    portal = await openPortalFixture(); // its portal app serves the log, as `npm start` does
    const uploads = [
      [MATOUXI, 'finance', 'text/csv'],
      [MATOUXI, 'subsidy', 'text/csv; charset=utf-8'],
      [LONGGANG, 'project', XLSX_TYPE],
    ] as const;
    for (const [village, kind, type] of uploads) {
      const res = await portal.app.request(`/api/v1/villages/${village}/publications?kind=${kind}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${await portal.token(village)}`, 'Content-Type': type },
        body: FIXTURES[kind],
      });
      expect(res.status, `${FIXTURE_NAMES[kind]}: ${await res.clone().text()}`).toBe(201);
    }
    const found = (await portal.store.currentPublications(MATOUXI)).find((p) => p.kind === 'subsidy');
    if (!found) throw new Error('the subsidy list was not published');
    subsidy = found;
    // A villager types the raw numbers into a complaint; its public views must mask them.
    const complaint = await portal.app.request('/api/v1/complaints', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ village: MATOUXI, category: '惠农补贴', text: `我的补贴没到账，身份证 ${RAW_ID}，电话 ${RAW_PHONE}。`, contact: { phone: RAW_PHONE } }),
    });
    expect(complaint.status, await complaint.clone().text()).toBe(201);
    await portal.pages.flush();
  });
  afterAll(async () => {
    await portal?.cleanup();
  });

  it('would see the raw numbers: the uploaded file carries them in row 17 (line 19)', () => {
    const found = findPersonalNumbers(new TextDecoder().decode(FIXTURES.subsidy));
    expect(found.map((f) => [f.kind, f.line, f.shown])).toEqual([
      ['id-number', 19, MASKED_ID],
      ['mobile', 19, '138****2975'],
    ]);
  });

  it('finds no unmasked number in any built file or any response a visitor can get', async () => {
    const report = await auditPortal({
      config: portal.config,
      folders: [{ dir: portal.siteDir, label: 'site/' }],
      app: portal.app,
      store: portal.store,
      // every recipient's name, so the search for row 17 (谷世军) is among the responses
      searchesPerPublication: subsidy.content.kind === 'subsidy' ? subsidy.content.rows.length + 1 : 1,
    });
    expect(report.findings).toEqual([]);
    expect(report.publications).toBe(3);
    expect(report.complaints).toBe(1);
    expect(report.files).toBeGreaterThan(report.villages); // every village page, and more
    expect(report.responses).toBeGreaterThan(2 * report.villages);
    expect(report.logTiles).toBe(1);
    // what the audit read did contain row 17, masked
    const twin = await (await portal.app.request(`/v/${MATOUXI}/p/${subsidy.id}/index.json`)).text();
    expect(twin).toContain(MASKED_ID);
    expect(twin).not.toContain(RAW_ID);
  });

  it('reports a raw ID written into a built page, with its file, line and masked value', async () => {
    const file = join(portal.siteDir, 'v', MATOUXI, 'leak.html');
    writeFileSync(file, `<!doctype html>\n<p>谷世军</p>\n<p>${RAW_ID}</p>\n`);
    try {
      const report = await auditPortal({ config: portal.config, folders: [{ dir: portal.siteDir, label: 'site/' }] });
      expect(report.findings).toEqual([{ where: `site/v/${MATOUXI}/leak.html`, line: 3, kind: 'id-number', shown: MASKED_ID }]);
    } finally {
      rmSync(file);
    }
  });

  it('npm run portal -- audit exits 1 naming the file, never the number; 0 once it is gone', async () => {
    const file = join(portal.siteDir, 'v', MATOUXI, 'leak.txt');
    writeFileSync(file, `谷世军 ${RAW_PHONE}\n`);
    const run = () =>
      spawnSync(process.execPath, ['--import', 'tsx', 'scripts/portal.ts', 'audit'], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, PORTAL_DATA_DIR: portal.config.dataDir, PORTAL_DEMO: '0', PORTAL_BASE_URL: portal.config.baseUrl },
      });
    try {
      const dirty = run();
      expect(dirty.status, dirty.stderr).toBe(1);
      expect(dirty.stderr).toContain(`site/v/${MATOUXI}/leak.txt:1 手机号 / mobile number 138****2975`);
      expect(dirty.stderr).toMatch(/发现 1 处未打码的个人号码/);
      expect(dirty.stdout + dirty.stderr).not.toContain(RAW_PHONE);
    } finally {
      rmSync(file);
    }
    // once it is gone: the same command, in this process (a second process would only start again)
    const out: string[] = [];
    const err: string[] = [];
    expect(await runPrivacyAudit(portal.config, (l) => out.push(l), (l) => err.push(l)), err.join('\n')).toBe(0);
    expect(out.join('\n')).toMatch(/未发现未打码的个人号码.*\/ no unmasked personal numbers in \d+ files and \d+ responses/);
  }, 120_000);

  it('withholds a page with a raw ID in a full build: a notice in its place, the rest built and swapped in, the finding named masked', async () => {
    const live = readlinkSync(portal.siteDir);
    const leak = leakingRenderer(await loadRenderer(SERVER_ENTRY), `/v/${MATOUXI}/`);
    const lines: string[] = [];
    const builder = await createSiteBuilder({ store: portal.store, config: portal.config, outDir: portal.siteDir, renderer: leak.render, log: (l) => lines.push(l) });
    const result = await builder.buildAll();
    expect(result.withheld).toEqual([`v/${MATOUXI}/index.html`]);
    expect(lines).toContain(`v/${MATOUXI}/index.html:${leak.line()} 身份证号 / ID number ${MASKED_ID}`);
    expect(lines.join('\n')).not.toContain(RAW_ID);
    expect(readlinkSync(portal.siteDir)).not.toBe(live);
    const village = readFileSync(join(portal.siteDir, 'v', MATOUXI, 'index.html'), 'utf8');
    expect(village).toContain('<h1>内容待核查</h1>');
    expect(village).not.toContain(RAW_ID);
    expect(readFileSync(join(portal.siteDir, 'v', MATOUXI, 'p', subsidy.id, 'index.html'), 'utf8')).toContain(MASKED_ID);
    const listed = readPrivacyFindings(privacyFindingsPath(portal.config.dataDir));
    expect(listed.kind === 'ok' && listed.document.findings.map((f) => f.message)).toEqual([`v/${MATOUXI}/index.html:${leak.line()} 身份证号 / ID number ${MASKED_ID}`]);
  }, 120_000);

  it('writes the notice where the 201 links when an incremental rebuild withholds a publication page, and lists it', async () => {
    const page = join(portal.siteDir, 'v', MATOUXI, 'p', subsidy.id, 'index.html');
    const leak = leakingRenderer(await loadRenderer(SERVER_ENTRY), `/v/${MATOUXI}/p/${subsidy.id}/`);
    const lines: string[] = [];
    const builder = await createSiteBuilder({ store: portal.store, config: portal.config, outDir: portal.siteDir, renderer: leak.render, log: (l) => lines.push(l) });
    const result = await builder.rebuildForPublication(subsidy);
    expect(result.withheld).toEqual([`v/${MATOUXI}/p/${subsidy.id}/index.html`]);
    expect(lines).toContain(`v/${MATOUXI}/p/${subsidy.id}/index.html:${leak.line()} 身份证号 / ID number ${MASKED_ID}`);
    expect(readFileSync(page, 'utf8')).toContain('<h1>内容待核查</h1>');
    expect(readFileSync(page, 'utf8')).not.toContain(RAW_ID);
    // the village page, withheld by the full build before, was rebuilt clean and left the list
    expect(readFileSync(join(portal.siteDir, 'v', MATOUXI, 'index.html'), 'utf8')).not.toContain('内容待核查');
    const listed = readPrivacyFindings(privacyFindingsPath(portal.config.dataDir));
    expect(listed.kind === 'ok' && listed.document.findings.map((f) => f.file)).toEqual([`v/${MATOUXI}/p/${subsidy.id}/index.html`]);
  });
});

describe('a personal number stored behind the importer’s back', () => {
  // The importer masks before storing; a publication written straight into the store stands for
  // a path that forgot to. The guard must catch it in the pages and the audit in the API.
  let dataDir: string;
  let store: SqliteStore;
  let leaked: Publication;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cunwu-privacy-'));
    const parsed = parseConfig({ PORTAL_DATA_DIR: dataDir, PORTAL_DEMO: '0', PORTAL_BASE_URL: 'http://portal.test' }, ROOT);
    if (!parsed.ok) throw new Error(parsed.message);
    store = await openRuntimeStore(parsed.config);
    const imported = await importPublication({ bytes: new Uint8Array(FIXTURES.finance), format: 'csv', kind: 'finance', filename: FIXTURE_NAMES.finance, idMask: parsed.config.idMask });
    if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
    const content = { ...imported.content, notes: [...imported.content.notes, `经办人身份证 ${RAW_ID}`] };
    const outcome = await store.publish(newPublication({ village: MATOUXI, content, publishedAt: new Date().toISOString(), sample: false, source: { filename: null, format: 'csv' } }));
    if (outcome.kind !== 'published') throw new Error(outcome.kind);
    leaked = outcome.publication;
  });
  afterAll(async () => {
    await store?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('withholds its pages in a full build in worker threads, builds and swaps in the rest, and lists each file', async () => {
    const parsed = parseConfig({ PORTAL_DATA_DIR: dataDir, PORTAL_DEMO: '0', PORTAL_BASE_URL: 'http://portal.test' }, ROOT);
    if (!parsed.ok) throw new Error(parsed.message);
    const siteDir = join(dataDir, 'site');
    const lines: string[] = [];
    const builder = await createSiteBuilder({ store, config: parsed.config, outDir: siteDir, serverEntry: SERVER_ENTRY, workers: { ...buildWorkers(parsed.config), count: 2 }, log: (l) => lines.push(l) });
    const result = await builder.buildAll();
    expect(result.withheld).toContain(`v/${MATOUXI}/p/${leaked.id}/index.html`);
    expect(result.withheld.every((f) => f.startsWith(`v/${MATOUXI}/`))).toBe(true);
    expect(readFileSync(join(siteDir, 'v', MATOUXI, 'p', leaked.id, 'index.html'), 'utf8')).toContain('<h1>内容待核查</h1>');
    expect(existsSync(join(siteDir, 'v', LONGGANG, 'index.html'))).toBe(true);
    const finding = new RegExp(`^v/${MATOUXI}/\\S+:\\d+ 身份证号 / ID number 430802\\*{8}1328$`);
    expect(lines.filter((l) => finding.test(l)).length).toBeGreaterThanOrEqual(result.withheld.length);
    expect(lines.join('\n')).not.toContain(RAW_ID);
    const listed = readPrivacyFindings(privacyFindingsPath(dataDir));
    expect(listed.kind === 'ok' && [...new Set(listed.document.findings.map((f) => f.file))]).toEqual(result.withheld);
    // what was built holds the number nowhere
    const report = await auditPortal({ config: parsed.config, folders: [{ dir: siteDir, label: 'site/' }] });
    expect(report.findings).toEqual([]);
  }, 120_000);

  it('is reported by the audit in the data twins and the API, which serve it from the store', async () => {
    const parsed = parseConfig({ PORTAL_DATA_DIR: dataDir, PORTAL_DEMO: '0', PORTAL_BASE_URL: 'http://portal.test' }, ROOT);
    if (!parsed.ok) throw new Error(parsed.message);
    const app = createPortalApp({ store, clock: () => new Date(), config: parsed.config, siteDir: join(dataDir, 'site'), afterPublish: async () => {} });
    const report = await auditPortal({ config: parsed.config, folders: [], app, store });
    const where = new Set(report.findings.map((f) => f.where));
    for (const path of [`/v/${MATOUXI}/index.json`, `/v/${MATOUXI}/p/${leaked.id}/index.json`, `/api/v1/publications/${leaked.id}`]) {
      expect(where, path).toContain(path);
    }
    expect(report.findings.every((f) => f.kind === 'id-number' && f.shown === MASKED_ID)).toBe(true);
  });

  it('finds the number again in the log when a takedown reason repeats it', async () => {
    const parsed = parseConfig({ PORTAL_DATA_DIR: dataDir, PORTAL_DEMO: '0', PORTAL_BASE_URL: 'http://portal.test' }, ROOT);
    if (!parsed.ok) throw new Error(parsed.message);
    const taken = await store.tombstone(leaked.id, `误公开了经办人身份证号 ${RAW_ID}`, new Date().toISOString());
    expect(taken.kind).not.toBe('not-found');
    const app = createPortalApp({ store, clock: () => new Date(), config: parsed.config, siteDir: join(dataDir, 'site'), afterPublish: async () => {}, logSigner: await loadLogSigner(parsed.config) });
    const report = await auditPortal({ config: parsed.config, folders: [], app, store });
    // the content left the twins; the reason, append-only, is in the log's leaves
    expect(report.findings.map((f) => f.where)).toContain('/log/leaves/0.json');
  });
});

/** The real renderer, with a raw ID added to one page; `line()` is the line it landed on. */
function leakingRenderer(real: RenderFn, path: string): { render: RenderFn; line: () => number } {
  let line = 0;
  const render: RenderFn = async (url, locals) => {
    const res = await real(url, locals);
    if (new URL(url).pathname !== path) return res;
    const html = await res.text();
    const at = html.indexOf('</main>');
    const leaked = `${html.slice(0, at)}\n<p>身份证号 ${RAW_ID}</p>\n${html.slice(at)}`;
    line = leaked.slice(0, leaked.indexOf(RAW_ID)).split('\n').length;
    return new Response(leaked, { status: res.status, headers: res.headers });
  };
  return { render, line: () => line };
}
