import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../data/config.ts';
import { generateToken, hashToken, newTokenId } from '../../data/token.ts';
import { checkCrashedStore, type AcknowledgedUpload, type StoreCheck } from './crash-check.ts';
import { rng } from '../../data/demo/seeded-random.ts';
import { crashComplaint, crashUpload } from './crash-uploads.ts';
import type { StoreLocator } from '../../data/store/open-store.ts';
import { openRuntimeStore, storeLocator } from './runtime.ts';
import { freePort, startServe, type ServeProcess } from './serve-process.ts';

/**
 * The durability test (issue 6): `clients` concurrent clients upload `uploads` JSON publications
 * over HTTP to `scripts/serve.ts` while the harness kills the server with SIGKILL `kills` times at
 * seeded random moments, restarting it each time. Every upload carries an Idempotency-Key; a client
 * whose connection is refused (server down) retries, and one whose answer never arrived (in flight
 * at a kill) counts that attempt as unknown and retries with the same key and bytes, as a real
 * client should: the server either replays the first publication or publishes it now. After every
 * tenth upload a client also files a complaint (the group-commit path); a complaint whose answer
 * was lost is not retried, it stays unknown. At the end the server is killed once more and the
 * store is checked (crash-check.ts): every 201 present, nothing twice, one leaf per record, the
 * root recomputed.
 */
export interface CrashRunOptions {
  uploads: number;
  clients: number;
  kills: number;
  /** a complaint after every n-th upload of a client (default 10; 0 for none) */
  complaintEvery?: number;
  /** the same seed gives the same bodies, kill points and delays (the timing of the machine still varies) */
  seed?: number;
  /** where the data folder is made (the system temp folder by default) */
  dir?: string;
  /** keep the data folder; it is always kept when a check fails */
  keep?: boolean;
  /**
   * modules the server loads before it starts (node --import): a way to break the server on
   * purpose and watch the checks fail (see docs/guarantees.md)
   */
  serverPreload?: string[];
  /** one line per kill and at the end */
  progress?: (line: string) => void;
  /** run the server on this PostgreSQL database (PORTAL_DATABASE_URL, empty) instead of the data folder's SQLite file */
  databaseUrl?: string;
}

export interface CrashReport {
  uploads: number;
  clients: number;
  seed: number;
  /** SIGKILLs during the run (the final one before the check not counted) */
  kills: number;
  restarts: number;
  /** what the server said about its store at each start */
  durability: string;
  /** uploads answered 201 */
  acknowledged: number;
  /** of those, answered as a replay: an earlier attempt had committed but its answer was lost in a kill */
  replayed: number;
  /** requests whose answer never arrived (in flight at a kill): upload attempts (then retried) and complaint filings */
  unknown: { uploads: number; complaints: number };
  /** requests refused while the server was down, retried */
  refused: number;
  /** publications in the store afterwards */
  present: number;
  complaints: { filed: number; acknowledged: number; stored: number };
  log: { size: number; publications: number; complaintEvents: number; tombstones: number; root: string };
  /** the mean time from a restart to listening */
  restartMs: number;
  ms: number;
  dataDir: string;
  /** one line per failed check or unexpected answer; empty when the store came through intact */
  problems: string[];
}

export async function crashRun(options: CrashRunOptions): Promise<CrashReport> {
  const started = performance.now();
  const seed = options.seed ?? 20_260_601;
  const complaintEvery = options.complaintEvery ?? 10;
  const progress = options.progress ?? (() => {});
  const random = rng(seed);
  const dataDir = mkdtempSync(join(options.dir ?? tmpdir(), 'cunwu-crash-'));
  const { token, villages, store } = await prepareDataDir(dataDir, options.databaseUrl);
  const port = await freePort();
  const env = {
    PORT: String(port),
    HOST: '127.0.0.1',
    PORTAL_DATA_DIR: dataDir,
    PORTAL_REGION: REGION,
    PORTAL_DEMO: '0',
    PORTAL_BASE_URL: `http://127.0.0.1:${port}`,
    // every client is 127.0.0.1: the per-address complaint limit would stop the test, not a spammer
    PORTAL_COMPLAINTS_PER_HOUR: '1000000',
    ...(options.databaseUrl ? { PORTAL_DATABASE_URL: options.databaseUrl } : {}),
  };

  const problems: string[] = [];
  const acknowledged: AcknowledgedUpload[] = [];
  const complaintCodes: string[] = [];
  const counts = { replayed: 0, unknownUploads: 0, unknownComplaints: 0, refused: 0, filed: 0, kills: 0, restarts: 0, restartMs: 0, inFlight: 0 };
  const serve = () => startServe({ env, preload: options.serverPreload });
  let server: ServeProcess = await serve();
  const durability = new Set([server.durability]);
  let aborted = false;

  // Kill points: after the k-th upload has started, at seeded positions through the run.
  const killAt = killPoints(options.uploads, options.kills, random);
  const gate = startedGate();
  let next = 0;

  const send = async (path: string, headers: Record<string, string>, body: Buffer, what: string): Promise<Answer | 'lost' | null> => {
    for (let attempt = 0; !aborted; attempt++) {
      counts.inFlight += 1;
      const outcome = await post(port, path, headers, body);
      counts.inFlight -= 1;
      if (outcome.kind === 'answer') return outcome;
      if (outcome.kind === 'lost') return 'lost';
      if (outcome.kind === 'timeout' || attempt > MAX_REFUSALS) {
        problems.push(`${what}: ${outcome.kind === 'timeout' ? 'no answer within 60 s' : `refused ${attempt} times`}`);
        return null;
      }
      counts.refused += 1;
      await sleep(RETRY_MS);
    }
    return null;
  };

  const upload = async (index: number) => {
    const u = crashUpload(index, villages, seed);
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': u.key };
    for (let lost = 0; ; ) {
      const answer = await send(u.path, headers, u.body, `upload ${index}`);
      if (answer === null) return;
      if (answer === 'lost') {
        counts.unknownUploads += 1;
        // Only a kill should lose an answer; a server that drops this request by itself must not loop forever.
        if (++lost > MAX_LOST) return void problems.push(`upload ${index}: answer lost ${lost} times`);
        continue; // same key, same bytes: replayed if the lost attempt committed
      }
      if (answer.status !== 201) return void problems.push(`upload ${index}: ${answer.status} ${answer.body.slice(0, 300)}`);
      const p = (JSON.parse(answer.body) as { publication: { id: string; sha256: string } }).publication;
      acknowledged.push({ id: p.id, sha256: p.sha256, village: u.village, kind: u.kind, period: u.period });
      if (answer.replayed) counts.replayed += 1;
      return;
    }
  };

  const complain = async (index: number) => {
    counts.filed += 1;
    const answer = await send('/api/v1/complaints', { 'content-type': 'application/json' }, crashComplaint(index, villages[index % villages.length]!), `complaint ${index}`);
    if (answer === null) return;
    // No idempotency for complaints: a retry could file twice, so a lost answer stays unknown.
    if (answer === 'lost') return void (counts.unknownComplaints += 1);
    if (answer.status !== 201) return void problems.push(`complaint ${index}: ${answer.status} ${answer.body.slice(0, 300)}`);
    complaintCodes.push((JSON.parse(answer.body) as { complaint: { trackingCode: string } }).complaint.trackingCode);
  };

  const client = async () => {
    while (!aborted && next < options.uploads) {
      const index = next++;
      gate.started(index + 1);
      await upload(index);
      if (complaintEvery > 0 && index % complaintEvery === complaintEvery - 1) await complain(index);
    }
  };

  const killer = async () => {
    for (const point of killAt) {
      await gate.reached(point);
      await sleep(random() * KILL_JITTER_MS);
      if (server.exited) problems.push(`the server (pid ${server.pid}) exited by itself:\n${server.stderr()}`);
      const inFlight = counts.inFlight;
      await server.kill9();
      counts.kills += 1;
      await sleep(random() * DOWN_MS);
      const restart = performance.now();
      server = await serve();
      const took = performance.now() - restart;
      counts.restartMs += took;
      counts.restarts += 1;
      durability.add(server.durability);
      progress(`kill ${counts.kills}/${killAt.length} after ${point} uploads started (${inFlight} requests in flight), restarted in ${took.toFixed(0)} ms`);
    }
  };

  try {
    await Promise.all([
      killer().catch((error: unknown) => {
        aborted = true;
        problems.push(`kill/restart failed: ${error instanceof Error ? error.message : String(error)}`);
      }),
      ...Array.from({ length: options.clients }, client),
    ]);
    if (server.exited) problems.push(`the server (pid ${server.pid}) exited by itself:\n${server.stderr()}`);
  } finally {
    aborted = true;
    // The check reads a store whose last server was killed too, never closed cleanly.
    await server.kill9();
  }

  const check: StoreCheck = await checkCrashedStore(store, {
    uploads: acknowledged,
    complaints: complaintCodes.map((c) => c.replace('-', '')),
    complaintsUnknown: counts.unknownComplaints,
  });
  problems.push(...check.problems);
  if (acknowledged.length !== options.uploads) problems.push(`${acknowledged.length} of ${options.uploads} uploads were acknowledged`);
  if (problems.length === 0 && !options.keep) rmSync(dataDir, { recursive: true, force: true });

  const report: CrashReport = {
    uploads: options.uploads,
    clients: options.clients,
    seed,
    kills: counts.kills,
    restarts: counts.restarts,
    durability: [...durability].join(' | '),
    acknowledged: acknowledged.length,
    replayed: counts.replayed,
    unknown: { uploads: counts.unknownUploads, complaints: counts.unknownComplaints },
    refused: counts.refused,
    present: check.publications,
    complaints: { filed: counts.filed, acknowledged: complaintCodes.length, stored: check.complaints },
    log: { size: check.logSize, publications: check.publications, complaintEvents: check.complaintEvents, tombstones: check.tombstones, root: check.root },
    restartMs: counts.restarts === 0 ? 0 : counts.restartMs / counts.restarts,
    ms: performance.now() - started,
    dataDir,
    problems,
  };
  progress(summary(report));
  return report;
}

/** The report in a few lines, for the bench and for a failing test's message. */
export function summary(r: CrashReport): string {
  return [
    `uploads ${r.uploads} from ${r.clients} clients (seed ${r.seed}): ${r.acknowledged} acknowledged (${r.replayed} as replays), ${r.present} present`,
    `kills ${r.kills}, restarts ${r.restarts} (mean ${r.restartMs.toFixed(0)} ms to listening), ${r.durability}`,
    `unknown (answer lost in a kill): ${r.unknown.uploads} upload attempts (retried), ${r.unknown.complaints} complaints; refused while down: ${r.refused}`,
    `complaints: ${r.complaints.filed} filed, ${r.complaints.acknowledged} acknowledged, ${r.complaints.stored} stored`,
    `log: ${r.log.size} leaves = ${r.log.publications} publications + ${r.log.complaintEvents} complaint steps + ${r.log.tombstones} takedowns; root ${r.log.root.slice(0, 16)}…`,
    `time ${(r.ms / 1000).toFixed(1)} s; ${r.problems.length === 0 ? 'all checks passed' : `${r.problems.length} problems (data kept in ${r.dataDir}):\n  ${r.problems.slice(0, 20).join('\n  ')}`}`,
  ].join('\n');
}

// ——— private helpers ———

const REGION = '4308';
/** 慈利县: 430 villages, so 5,000 uploads need 12 rounds of periods */
const COUNTY = '430821';
const RETRY_MS = 20;
/** refused connections in a row before a client gives up (about 40 s of a server that will not come back) */
const MAX_REFUSALS = 2_000;
/** answers lost for one upload before its client gives up */
const MAX_LOST = 50;
const KILL_JITTER_MS = 25;
const DOWN_MS = 150;

/** The divisions through the production loader, and a county token whose hash is written straight into the store. */
async function prepareDataDir(dataDir: string, databaseUrl: string | undefined): Promise<{ token: string; villages: string[]; store: StoreLocator }> {
  const parsed = parseConfig({ PORTAL_DATA_DIR: dataDir, PORTAL_REGION: REGION, PORTAL_DEMO: '0', ...(databaseUrl ? { PORTAL_DATABASE_URL: databaseUrl } : {}) }, process.cwd());
  if (!parsed.ok) throw new Error(parsed.message);
  const store = await openRuntimeStore(parsed.config);
  try {
    const token = generateToken();
    await store.createToken({ id: newTokenId(), hash: hashToken(token), scope: COUNTY, name: 'crash test', createdAt: new Date().toISOString() });
    const villages = (await store.listDivisions(COUNTY)).filter((d) => d.level === 'village').map((d) => d.code);
    return { token, villages, store: storeLocator(parsed.config) };
  } finally {
    await store.close();
  }
}

/** `count` distinct upload numbers spread at random over the middle 94 % of the run, in order. */
function killPoints(uploads: number, count: number, random: () => number): number[] {
  const low = Math.max(1, Math.ceil(uploads * 0.03));
  const high = Math.max(low, Math.floor(uploads * 0.97));
  const points = new Set<number>();
  while (points.size < Math.min(count, high - low + 1)) points.add(low + Math.floor(random() * (high - low + 1)));
  return [...points].sort((a, b) => a - b);
}

/** How many uploads have started, and a wait for that number to reach a point. */
function startedGate() {
  let count = 0;
  const waiting: Array<{ point: number; resolve: () => void }> = [];
  return {
    started(n: number) {
      count = Math.max(count, n);
      for (let i = waiting.length - 1; i >= 0; i--) {
        if (waiting[i]!.point <= count) waiting.splice(i, 1)[0]!.resolve();
      }
    },
    reached(point: number): Promise<void> {
      if (count >= point) return Promise.resolve();
      return new Promise((resolve) => waiting.push({ point, resolve }));
    },
  };
}

interface Answer {
  kind: 'answer';
  status: number;
  body: string;
  replayed: boolean;
}

/**
 * One POST on a fresh connection (a kept-alive socket from before a kill would fail as "lost"
 * although the request never reached a server). Refused: the server is down, nothing was sent.
 * Lost: the request may have been received, and the answer never came.
 */
function post(port: number, path: string, headers: Record<string, string>, body: Buffer): Promise<Answer | { kind: 'refused' | 'lost' | 'timeout' }> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', agent: false, headers: { ...headers, 'content-length': String(body.length) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ kind: 'answer', status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), replayed: res.headers['idempotent-replayed'] === 'true' }));
      res.on('error', () => resolve({ kind: 'lost' }));
      // a connection closed before the end of the answer (the first resolve wins)
      res.on('close', () => {
        if (!res.complete) resolve({ kind: 'lost' });
      });
    });
    req.setTimeout(60_000, () => {
      req.destroy();
      resolve({ kind: 'timeout' });
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ kind: error.code === 'ECONNREFUSED' ? 'refused' : 'lost' }));
    req.end(body);
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
