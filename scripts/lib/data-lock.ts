import { linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { dataFolderError } from './data-folder-error.ts';

/**
 * One writer per data folder: `<dataDir>/portal.lock` names the process that writes there (the
 * server, or a writing `npm run portal` command) by pid, host, command and start time. A second
 * one is refused with a message naming the first, instead of two processes rebuilding the same
 * pages, running the same nightly rules or taking down a version the other is re-rendering.
 *
 * - The lock appears whole: its text is written to a private file first ('wx') and then linked
 *   to portal.lock, which fails if the lock exists; so nobody ever reads a half-written lock.
 * - It goes when its process exits normally (an 'exit' hook), and only if it is still its own.
 * - A lock left by a process that is gone (SIGKILL, a power cut) is stale: a process on the same
 *   host whose pid is not alive is taken over, by renaming it aside and checking that what was
 *   moved is the stale lock that was read (if a newcomer's fresh lock was moved instead, it is
 *   put back and this one refuses). A lock from another host (a shared network folder) or one
 *   whose text cannot be read is never taken over: the message says to delete it by hand once
 *   sure nothing runs there.
 */
export interface DataLockHolder {
  pid: number;
  host: string;
  /** what holds it: `npm start`, `serve`, `token create` … */
  command: string;
  since: string;
}

export interface DataLock {
  file: string;
  holder: DataLockHolder;
  /** removes the lock if it is still this process's; also done at exit */
  release(): void;
}

export type DataLockOutcome =
  | { ok: true; lock: DataLock }
  /** another live process holds it (or its lock cannot be read): `message` says who and what to do */
  | { ok: false; reason: 'held'; holder: DataLockHolder | null; message: string }
  | { ok: false; reason: 'data-folder'; message: string };

export interface DataLockOptions {
  /** whether a pid on this host is alive; `kill(pid, 0)` by default */
  alive?: (pid: number) => boolean;
  /** this process's pid, for tests that play two processes */
  pid?: number;
}

export function lockFile(dataDir: string): string {
  return join(dataDir, 'portal.lock');
}

export function takeDataLock(dataDir: string, command: string, options: DataLockOptions = {}): DataLockOutcome {
  const alive = options.alive ?? pidAlive;
  const file = lockFile(dataDir);
  const me: DataLockHolder = { pid: options.pid ?? process.pid, host: hostname(), command, since: new Date().toISOString() };
  const text = `${JSON.stringify(me)}\n`;
  try {
    mkdirSync(dataDir, { recursive: true });
    // A few rounds at most: each one either takes the lock, finds a live holder, or clears a stale lock.
    for (let round = 0; round < 5; round++) {
      if (create(file, text, me.pid)) return { ok: true, lock: held(file, me, text) };
      const seen = readOrNull(file);
      if (seen === null) continue; // released in between
      const holder = parseHolder(seen);
      if (!holder || holder.host !== me.host || alive(holder.pid)) return refusal(dataDir, file, holder);
      if (!clearStale(file, seen, me.pid)) return refusal(dataDir, file, parseHolder(readOrNull(file) ?? ''));
    }
    return refusal(dataDir, file, parseHolder(readOrNull(file) ?? ''));
  } catch (error) {
    const explained = dataFolderError(dataDir, error);
    if (explained) return { ok: false, reason: 'data-folder', message: explained.message };
    throw error;
  }
}

/** The holder named in a data folder's lock, or null when there is none (or it cannot be read). */
export function lockHolder(dataDir: string): DataLockHolder | null {
  return parseHolder(readOrNull(lockFile(dataDir)) ?? '');
}

// ——— private helpers ———

function create(file: string, text: string, pid: number): boolean {
  const staging = `${file}.${pid}.${Math.random().toString(36).slice(2)}`;
  writeFileSync(staging, text, { flag: 'wx', mode: 0o644 });
  try {
    linkSync(staging, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(staging);
  }
}

/** Moves a stale lock aside; false when what was moved turned out to be someone's fresh lock. */
function clearStale(file: string, seen: string, pid: number): boolean {
  const aside = `${file}.stale.${pid}`;
  try {
    renameSync(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true; // someone else cleared it
    throw error;
  }
  const moved = readOrNull(aside);
  if (moved === seen) {
    unlinkSync(aside);
    return true;
  }
  // A newcomer locked between our read and our rename: give it back its lock.
  try {
    linkSync(aside, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  unlinkSync(aside);
  return false;
}

function held(file: string, me: DataLockHolder, text: string): DataLock {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.removeListener('exit', release);
    // Only our own: after a takeover by mistake the lock may be someone else's now.
    if (readOrNull(file) === text) {
      try {
        unlinkSync(file);
      } catch {
        // gone already
      }
    }
  };
  process.once('exit', release);
  return { file, holder: me, release };
}

function refusal(dataDir: string, file: string, holder: DataLockHolder | null): DataLockOutcome {
  if (!holder) {
    return {
      ok: false,
      reason: 'held',
      holder: null,
      message:
        `数据目录 ${dataDir} 的锁文件 ${file} 无法识别，本命令没有执行。若确认没有门户或写入命令正在使用这个目录，请删除该文件后再试。` +
        ` / The lock file ${file} of data folder ${dataDir} cannot be read; nothing was done. If you are sure no portal or writing command is using this folder, delete the file and try again.`,
    };
  }
  const where = holder.host === hostname() ? `进程号 ${holder.pid}` : `主机 ${holder.host} 上的进程号 ${holder.pid}`;
  const whereEn = holder.host === hostname() ? `pid ${holder.pid}` : `pid ${holder.pid} on host ${holder.host}`;
  return {
    ok: false,
    reason: 'held',
    holder,
    message:
      `数据目录 ${dataDir} 正由另一个进程写入（${holder.command}，${where}，${holder.since} 起）。为免两个进程同时写入同一目录，本命令没有执行：请等它结束，或先停止门户再试。若确认该进程已不在运行，可删除 ${file}。` +
      ` / The data folder ${dataDir} is being written by another process (${holder.command}, ${whereEn}, since ${holder.since}). So that two processes never write one folder at once, nothing was done: wait for it to finish, or stop the portal first. If you are sure that process is gone, delete ${file}.`,
  };
}

function parseHolder(text: string): DataLockHolder | null {
  try {
    const value = JSON.parse(text) as Partial<DataLockHolder>;
    if (typeof value.pid !== 'number' || !Number.isInteger(value.pid) || value.pid <= 0) return null;
    if (typeof value.host !== 'string' || typeof value.command !== 'string' || typeof value.since !== 'string') return null;
    return { pid: value.pid, host: value.host, command: value.command, since: value.since };
  } catch {
    return null;
  }
}

function readOrNull(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** `kill(pid, 0)` checks without signalling; EPERM means it lives, under another user. */
function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
