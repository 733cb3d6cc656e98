import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../data/config.ts';
import { createFlagRunner, type FlagRunner } from '../../data/flags/flag-runner.ts';
import { openSqliteStore } from '../../data/store/sqlite-store.ts';
import { generateToken, hashToken, newTokenId } from '../../data/token.ts';
import { createImportPool, inlineImportPool, type ImportPool } from '../../ingest/import-pool.ts';
import { createPortalApp } from '../../ingest/portal-app.ts';
import { listen } from '../../ingest/server.ts';
import { startLiveBuildThread } from '../../site/build/live-build-thread.ts';
import { createSiteBuilder } from '../../site/build/site-builder.ts';
import { startTsWorker } from '../../site/build/ts-worker.ts';
import { SERVER_ENTRY } from '../lib/astro-bundle.ts';
import { readDivisions } from '../lib/china-division.ts';
import { bigLedgerCsv } from './big-ledger.ts';
import type { ProbeInit, ProbeSample } from './stall-probe.ts';

/**
 * A big upload against a responsive portal (issue 10, point 6): the real portal app on loopback
 * (the 4308 region, 马头溪村's page built, the red-flag rules and the page rebuild after the upload
 * as the server runs them) takes a ledger as large as the body limit allows (20 MB, 99,000 rows)
 * while a prober in another thread asks for /healthz and the village page every `everyMs`.
 * Reported: the upload's phases, and the probes' latency p50 / p99 / max by the phase they were
 * sent in: the import (parsing the file; requests answered within it, and how many sent in it
 * were answered only after it), then storing it, the rules and the pages, up to the 201.
 * Once with the import in worker threads (ingest/import-pool.ts, as the server runs) and once on
 * the event loop (as uploads were read before; `inline: false` skips it), each on a fresh data
 * folder. Printed, never asserted.
 */
export async function stallBench(opts: { log: (label: string, value: string) => void; everyMs?: number; inline?: boolean }): Promise<void> {
  const everyMs = opts.everyMs ?? 20;
  const ledger = bigLedgerCsv(20 * 1024 * 1024 - 64 * 1024);
  const rows = ledger.filter((byte) => byte === 0x0a).length - 3;
  console.log(
    `# a maximum-size upload (issue 10) — ${(ledger.byteLength / 1024 / 1024).toFixed(1)} MB CSV ledger of ${rows.toLocaleString('en')} rows to ${VILLAGE} (body limit 20 MB), ` +
      `/healthz and the village page asked every ${everyMs} ms from another thread (open loop)`,
  );
  await run('import in worker threads', createImportPool(), ledger, everyMs, opts.log);
  if (opts.inline !== false) await run('import on the event loop (before)', inlineImportPool(), ledger, everyMs, opts.log);
}

// ——— private helpers ———

const VILLAGE = '430802108214';

async function run(label: string, pool: ImportPool, ledger: Uint8Array<ArrayBuffer>, everyMs: number, log: (label: string, value: string) => void): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'cunwu-stall-bench-'));
  const parsed = parseConfig({ PORTAL_DATA_DIR: work, PORTAL_BASE_URL: 'http://bench.test', PORTAL_REGION: '4308', PORTAL_DEMO: '0' }, process.cwd());
  if (!parsed.ok) throw new Error(parsed.message);
  const config = parsed.config;
  const store = await openSqliteStore(join(work, 'portal.sqlite'));
  try {
    await store.replaceDivisions(await readDivisions('4308'));
    const token = generateToken();
    await store.createToken({ id: newTokenId(), hash: hashToken(token), scope: VILLAGE, name: 'bench', createdAt: new Date().toISOString() });
    const siteDir = join(work, 'site');
    const builder = await createSiteBuilder({ store, config, outDir: siteDir, serverEntry: SERVER_ENTRY });
    await builder.rebuildVillages([VILLAGE]);
    if (!existsSync(join(siteDir, 'v', VILLAGE, 'index.html'))) throw new Error(`the page of ${VILLAGE} was not built`);
    // as the server rebuilds after start-up: in the page thread
    const pages = startLiveBuildThread({ store: { kind: 'sqlite', file: join(work, 'portal.sqlite') }, config, outDir: siteDir, serverEntry: SERVER_ENTRY });
    await pages.rebuildVillages([VILLAGE]);
    // a warm worker, as a server that has taken an upload before has one
    await pool.run({ bytes: new Uint8Array(Buffer.from('日期,摘要,收入\n')), format: 'csv', kind: 'finance', idMask: config.idMask });

    const t = { upload: 0, importStart: 0, importEnd: 0, rulesStart: 0, rulesEnd: 0, pagesStart: 0, pagesEnd: 0, answered: 0 };
    const timedPool: ImportPool = { ...pool, run: (input) => timed(pool.run(input), (a, b) => ((t.importStart = a), (t.importEnd = b))) };
    const clock = () => new Date();
    const rules = createFlagRunner({ store, clock, region: config.region });
    const timedRules: FlagRunner = { ...rules, afterPublication: (village) => timed(rules.afterPublication(village), (a, b) => ((t.rulesStart = a), (t.rulesEnd = b))) };
    const app = createPortalApp({
      store,
      clock,
      config,
      siteDir,
      flagRunner: timedRules,
      afterPublish: (p) => timed(pages.rebuildForPublication(p).then(() => undefined), (a, b) => ((t.pagesStart = a), (t.pagesEnd = b))),
      importPool: timedPool,
    });
    const server = await listen(app, 0, '127.0.0.1');
    try {
      const probe = await startProbe({ base: `http://127.0.0.1:${server.port}`, paths: ['/healthz', `/v/${VILLAGE}/`], everyMs });
      await new Promise((r) => setTimeout(r, 1_000));
      t.upload = now();
      const res = await fetch(`http://127.0.0.1:${server.port}/api/v1/villages/${VILLAGE}/publications?kind=finance`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'text/csv; charset=utf-8' },
        body: ledger,
      });
      await res.arrayBuffer();
      t.answered = now();
      if (res.status !== 201) throw new Error(`the upload was answered ${res.status}`);
      await new Promise((r) => setTimeout(r, 1_000));
      const samples = await probe.stop();

      log(
        `stall, ${label}: upload phases`,
        `import ${s(t.importEnd - t.importStart)}, store ${s(t.rulesStart - t.importEnd)}, rules ${s(t.rulesEnd - t.rulesStart)}, pages ${s(t.pagesEnd - t.pagesStart)}; 201 after ${s(t.answered - t.upload)}`,
      );
      for (const path of ['/healthz', `/v/${VILLAGE}/`]) {
        const name = path === '/healthz' ? '/healthz' : 'village page';
        const sent = (from: number, to: number) => samples.filter((x) => x.path === path && x.at >= from && x.at < to);
        log(`stall, ${label}: ${name}, idle`, summary([...sent(0, t.upload), ...sent(t.answered, Infinity)]));
        // Requests sent at the very end of the import wait for the store phase after it: counted apart.
        const duringImport = sent(t.importStart, t.importEnd);
        const answeredInside = duringImport.filter((x) => x.at + x.ms <= t.importEnd);
        const heldPast = duringImport.length - answeredInside.length;
        log(`stall, ${label}: ${name}, sent and answered while importing`, `${summary(answeredInside)}; ${heldPast} more sent then, answered only after the import`);
        log(`stall, ${label}: ${name}, sent while store + rules + pages`, summary(sent(t.importEnd, t.answered)));
      }
    } finally {
      await server.close();
      await pages.close();
    }
  } finally {
    await pool.close();
    await store.close();
    rmSync(work, { recursive: true, force: true });
  }
}

/** Resolves as `work` does, telling `mark` when it started and ended. */
async function timed<T>(work: Promise<T>, mark: (start: number, end: number) => void): Promise<T> {
  const start = now();
  try {
    return await work;
  } finally {
    mark(start, now());
  }
}

function now(): number {
  return performance.timeOrigin + performance.now();
}

function s(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function summary(samples: ProbeSample[]): string {
  if (samples.length === 0) return 'no requests';
  const ms = samples.map((x) => x.ms).sort((a, b) => a - b);
  const p = (q: number) => ms[Math.min(ms.length - 1, Math.floor((q / 100) * ms.length))]!;
  const failed = samples.filter((x) => x.status !== 200).length;
  return `p50 ${p(50).toFixed(1)} ms, p99 ${p(99).toFixed(1)} ms, max ${ms[ms.length - 1]!.toFixed(0)} ms over ${samples.length} requests${failed ? ` (${failed} unanswered or not 200)` : ''}`;
}

async function startProbe(init: ProbeInit): Promise<{ stop(): Promise<ProbeSample[]> }> {
  const worker = startTsWorker(new URL('./stall-probe.ts', import.meta.url), { workerData: init });
  await new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
  });
  return {
    stop: () =>
      new Promise<ProbeSample[]>((resolve, reject) => {
        worker.once('message', (samples: ProbeSample[]) => {
          void worker.terminate();
          resolve(samples);
        });
        worker.once('error', reject);
        worker.postMessage('stop');
      }),
  };
}

