import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig, type Config } from '../data/config.ts';
import { generateToken, hashToken, newTokenId } from '../data/token.ts';
import { lockFile, lockHolder } from './lib/data-lock.ts';
import { takedownCommand } from './lib/log-commands.ts';
import { openRuntimeStore, storeFile } from './lib/runtime.ts';
import { freePort, REPO_ROOT, ServeStartError, startServe, type ServeProcess } from './lib/serve-process.ts';

// Issue 10, points 7 and 8, with real processes: one writer per data folder (a second server, a
// writing command beside a running server), and a damaged database at start-up and in commands.

const MATOUXI = '430802108214';
const dirs: string[] = [];
const servers: ServeProcess[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function folder(): Promise<{ dir: string; env: () => Promise<Record<string, string>>; config: Config }> {
  const dir = mkdtempSync(join(tmpdir(), 'cunwu-writer-'));
  dirs.push(dir);
  const base = { PORTAL_DATA_DIR: dir, PORTAL_REGION: '4308', PORTAL_DEMO: '0', HOST: '127.0.0.1' };
  const parsed = parseConfig(base, REPO_ROOT);
  if (!parsed.ok) throw new Error(parsed.message);
  return { dir, config: parsed.config, env: async () => ({ ...base, PORT: String(await freePort()) }) };
}

async function serve(env: Record<string, string>): Promise<ServeProcess> {
  const server = await startServe({ env });
  servers.push(server);
  return server;
}

async function refusedToServe(env: Record<string, string>): Promise<ServeStartError> {
  const outcome = await startServe({ env }).then(
    async (server) => {
      await server.stop();
      return null;
    },
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(ServeStartError);
  return outcome as ServeStartError;
}

/** `node --import tsx scripts/<entry> …` with exactly these PORTAL_* settings. */
function run(entry: string, args: string[], env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PORTAL_') && k !== 'PORT' && k !== 'HOST')) as Record<string, string>;
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', join('scripts', entry), ...args], { cwd: REPO_ROOT, env: { ...clean, ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
}

function expectNoStack(text: string): void {
  expect(text).not.toMatch(/^\s+at .*[:(]/m);
  expect(text).not.toContain('SqliteError');
}

describe('one writer per data folder', () => {
  it('refuses a second server on the folder, naming the first, and starts one once the first has stopped', async () => {
    const { dir, env } = await folder();
    const first = await serve(await env());
    expect(lockHolder(dir)).toMatchObject({ pid: first.pid, command: 'serve' });

    const second = await refusedToServe(await env());
    expect(second.status).toBe(1);
    expect(second.stderr).toContain(`无法启动 / cannot start: 数据目录 ${dir} 正由另一个进程写入（serve，进程号 ${first.pid}，`);
    expect(second.stderr).toContain(`is being written by another process (serve, pid ${first.pid}, since`);
    expectNoStack(second.stderr);

    // npm start refuses before it builds anything
    const start = await run('start.ts', [], await env());
    expect(start.status).toBe(1);
    expect(start.stderr).toContain(`正由另一个进程写入（serve，进程号 ${first.pid}，`);
    expectNoStack(start.stderr);
    expect(lockHolder(dir)?.pid).toBe(first.pid);

    await first.stop();
    expect(existsSync(lockFile(dir))).toBe(false);
    const third = await serve(await env());
    expect(lockHolder(dir)?.pid).toBe(third.pid);
  }, 120_000);

  it('takes over the lock of a server killed with SIGKILL', async () => {
    const { dir, env } = await folder();
    const killed = await serve(await env());
    await killed.kill9();
    expect(lockHolder(dir)?.pid).toBe(killed.pid);
    const next = await serve(await env());
    expect(lockHolder(dir)).toMatchObject({ pid: next.pid, command: 'serve' });
  }, 120_000);

  it('refuses writing commands while the server runs — a takedown leaves the version served — and runs them once it stops', async () => {
    const { dir, env, config } = await folder();
    const store = await openRuntimeStore(config);
    const token = generateToken();
    await store.createToken({ id: newTokenId(), hash: hashToken(token), scope: MATOUXI, name: 'test', createdAt: '2026-10-01T00:00:00.000Z' });
    await store.close();
    const server = await serve(await env());
    const ledger = readFileSync(join(REPO_ROOT, 'test/fixtures/430802108214-马头溪村-2026Q3-财务收支明细.csv'));
    const uploaded = await fetch(`http://127.0.0.1:${server.port}/api/v1/villages/${MATOUXI}/publications?kind=finance`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body: ledger,
    });
    expect(uploaded.status).toBe(201);
    const id = ((await uploaded.json()) as { publication: { id: string } }).publication.id;

    const out: string[] = [];
    const err: string[] = [];
    const code = await takedownCommand(['--publication', id, '--reason', '误传了未脱敏的名单'], config, (l) => out.push(l), (l) => err.push(l));
    expect(code).toBe(75);
    expect(err.join('\n')).toContain(`正由另一个进程写入（serve，进程号 ${server.pid}，`);
    expect(out).toEqual([]);
    const served = (await (await fetch(`http://127.0.0.1:${server.port}/api/v1/publications/${id}`)).json()) as { publication: { content: unknown; takedown?: unknown } };
    expect(served.publication.content).not.toBeNull();
    expect(served.publication.takedown).toBeUndefined();

    const cliEnv = await env();
    for (const args of [['flags', 'run'], ['build']]) {
      const cli = await run('portal.ts', args, cliEnv);
      expect(cli.status, args.join(' ')).toBe(75);
      expect(cli.stderr).toContain(`正由另一个进程写入（serve，进程号 ${server.pid}，`);
      expectNoStack(cli.stderr);
    }
    // a token is one row in the store, written beside the running portal as README says to
    const created = await run('portal.ts', ['token', 'create', '--scope', MATOUXI, '--name', '会计'], cliEnv);
    expect(created.status).toBe(0);
    expect(created.stdout).toContain('Token "会计" created for 430802108214');
    // which store it went to, found as the server finds it
    expect(created.stdout).toContain(`存放于 / stored in: ${dir}（数据目录 / data folder）`);
    expect(lockHolder(dir)?.pid).toBe(server.pid);

    await server.stop();
    // past the lock: it looks the version up (a made-up id, so no pages are rebuilt here)
    const unknown: string[] = [];
    expect(await takedownCommand(['--publication', 'no-such-id', '--reason', '误传'], config, () => {}, (l) => unknown.push(l))).toBe(2);
    expect(unknown).toEqual(['找不到公开记录 no-such-id / no publication no-such-id']);
    expect(existsSync(lockFile(dir))).toBe(false);
  }, 180_000);
});

describe('a damaged database', () => {
  it('stops the server and the commands with one paragraph, not a stack trace, and leaves the file alone', async () => {
    const { dir, env, config } = await folder();
    const junk = Buffer.alloc(16_384, 0xa5);
    writeFileSync(storeFile(config), junk);
    const paragraph =
      `数据库文件 ${storeFile(config)} 已损坏或不是本门户的数据库（SQLITE_NOTADB），没有做任何改动。请从备份恢复这个文件（连同同名的 -wal 文件），或把 PORTAL_DATA_DIR 指向另一个数据目录。` +
      ` / The database file ${storeFile(config)} is damaged or is not a portal database (SQLITE_NOTADB); nothing was changed. Restore it from a backup (with its -wal file), or point PORTAL_DATA_DIR at another data folder.`;

    const refused = await refusedToServe(await env());
    expect(refused.status).toBe(1);
    expect(refused.stderr).toBe(`无法启动 / cannot start: ${paragraph}\n`);

    const cliEnv = await env();
    for (const args of [['token', 'create', '--scope', MATOUXI], ['flags', 'run']]) {
      const cli = await run('portal.ts', args, cliEnv);
      expect(cli.status, args.join(' ')).toBe(2);
      expect(cli.stderr).toBe(`${paragraph}\n`);
    }
    expect(readFileSync(storeFile(config)).equals(junk)).toBe(true);
    // the lock went with each of them
    expect(existsSync(lockFile(dir))).toBe(false);
  }, 120_000);
});
