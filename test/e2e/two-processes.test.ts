import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { migratePg } from '../../data/store/pg/migrations.ts';
import { openPgStore } from '../../data/store/pg/pg-store.ts';
import { poolClient } from '../../data/store/pg/pool-client.ts';
import { generateToken, hashToken, newTokenId } from '../../data/token.ts';
import { freePort, REPO_ROOT } from '../../scripts/lib/serve-process.ts';
import { inCI, testDatabaseUrl } from '../support/environment.ts';
import { openTestDatabase } from '../support/test-database.ts';

// Issue 14: two `npm start` processes on one PostgreSQL and one data folder serve the same site.
// An upload accepted by one is on the other at once (its village page is built before the 201,
// into the folder both serve) and its township, county and home pages follow from the outbox,
// whichever process's builder claims them; the complaint limits are one allowance for both; both
// serve the same signed checkpoint. Needs the server: PGlite cannot be shared by two processes.

const MATOUXI = '430802108214';
const LEDGER = readFileSync(new URL('../fixtures/430802108214-马头溪村-2026Q3-财务收支明细.csv', import.meta.url));

interface Portal {
  base: string;
  stop(): Promise<void>;
}

describe.runIf(testDatabaseUrl || inCI)('two portal processes on one PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  let dataDir: string;
  const portals: Portal[] = [];
  let token: string;

  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    dataDir = mkdtempSync(join(tmpdir(), 'cunwu-two-'));
    const client = poolClient(database.url!);
    await migratePg(client);
    const store = await openPgStore(client);
    token = generateToken();
    await store.createToken({ id: newTokenId(), hash: hashToken(token), scope: MATOUXI, name: '马头溪村会计', createdAt: new Date().toISOString() });
    await store.close();
    // one after the other, as an operator starts them (the first loads the region)
    portals.push(await startPortal(database.url!, dataDir));
    portals.push(await startPortal(database.url!, dataDir));
  }, 240_000);

  afterAll(async () => {
    for (const p of portals) await p.stop();
    await database?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows an upload accepted by one on the other: the village page at once, the pages above it within the bounded lag', async () => {
    const [a, b] = portals as [Portal, Portal];
    const township = async () => (await fetch(`${b.base}/r/430802108/`)).text();
    expect(await township()).toContain('共 0 份公开材料');
    const res = await fetch(`${a.base}/api/v1/villages/${MATOUXI}/publications?kind=finance`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'text/csv' },
      body: LEDGER,
    });
    expect(res.status).toBe(201);
    const { publication } = (await res.json()) as { publication: { id: string } };
    const village = await (await fetch(`${b.base}/v/${MATOUXI}/`)).text();
    expect(village).toContain(`/v/${MATOUXI}/p/${publication.id}/`);
    expect((await fetch(`${b.base}/v/${MATOUXI}/p/${publication.id}/`)).status).toBe(200);
    // the outbox's builders poll every second and start a batch at most every second
    await vi.waitFor(async () => expect(await township()).toContain('共 1 份公开材料'), { timeout: 20_000, interval: 200 });
    await vi.waitFor(async () => expect(await (await fetch(`${a.base}/r/430802/`)).text()).toContain('共 1 份公开材料'), { timeout: 20_000, interval: 200 });
    await vi.waitFor(async () => expect(await (await fetch(`${b.base}/`)).text()).toContain(publicationCountOnHome(1)), { timeout: 20_000, interval: 200 });
  });

  it('counts one complaint allowance per client across both processes', async () => {
    const [a, b] = portals as [Portal, Portal];
    const file = (p: Portal, n: number) =>
      fetch(`${p.base}/api/v1/complaints`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ village: MATOUXI, category: '财务公开', text: `第${n}次：七月的保洁费支出看不明白，请村里解释。`, anonymous: true }),
      });
    const statuses = [];
    for (const [p, n] of [[a, 1], [b, 2], [a, 3], [b, 4]] as const) statuses.push((await file(p, n)).status);
    // PORTAL_COMPLAINTS_PER_HOUR=3 for both: the fourth is refused wherever it lands
    expect(statuses).toEqual([201, 201, 201, 429]);
  });

  it('serves the same signed checkpoint from both', async () => {
    const [a, b] = portals as [Portal, Portal];
    const [ca, cb] = await Promise.all([a, b].map(async (p) => (await fetch(`${p.base}/log/checkpoint`)).text()));
    expect(ca).toBe(cb);
    expect(ca!.split('\n')[1]).toMatch(/^\d+$/);
  });
});

/** The home page's line that counts publications (site/pages/index.astro). */
function publicationCountOnHome(n: number): string {
  return `共 ${n} 份公开材料`;
}

async function startPortal(databaseUrl: string, dataDir: string): Promise<Portal> {
  const port = await freePort();
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PORTAL_') && k !== 'PORT' && k !== 'HOST'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: REPO_ROOT,
    env: {
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PORTAL_DATA_DIR: dataDir,
      PORTAL_DATABASE_URL: databaseUrl,
      PORTAL_DEMO: '0',
      PORTAL_BASE_URL: 'http://portal.test',
      PORTAL_COMPLAINTS_PER_HOUR: '3',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    if (stderr.length < 20_000) stderr += chunk;
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the portal did not start within 180 s:\n${stderr}`)), 180_000);
    child.once('exit', (status) => {
      clearTimeout(timer);
      reject(new Error(`the portal exited with ${status} before starting:\n${stderr}`));
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.includes('portal running:')) return;
      clearTimeout(timer);
      resolve();
    });
  });
  return { base: `http://127.0.0.1:${port}`, stop: () => stop(child) };
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  return exited;
}
