import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lockFile, lockHolder, takeDataLock, type DataLockOutcome } from './data-lock.ts';

// Issue 10, point 7: one writer per data folder. These play the second process in-process (a
// holder with another pid, or this process asking twice); scripts/one-writer.test.ts runs real ones.

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cunwu-lock-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function lockOf(outcome: DataLockOutcome) {
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.lock;
}

function holderText(pid: number, host = hostname(), command = 'npm start'): string {
  return `${JSON.stringify({ pid, host, command, since: '2026-10-12T08:00:00.000Z' })}\n`;
}

describe('the data folder lock', () => {
  it('names its holder in portal.lock, refuses a second writer by name, and goes on release', () => {
    const first = lockOf(takeDataLock(dir, 'npm start'));
    expect(lockHolder(dir)).toMatchObject({ pid: process.pid, host: hostname(), command: 'npm start' });

    const second = takeDataLock(dir, 'token create');
    expect(second).toMatchObject({ ok: false, reason: 'held', holder: { pid: process.pid, command: 'npm start' } });
    if (second.ok) return;
    expect(second.message).toContain(`数据目录 ${dir} 正由另一个进程写入（npm start，进程号 ${process.pid}，`);
    expect(second.message).toContain(`/ The data folder ${dir} is being written by another process (npm start, pid ${process.pid}, since `);
    expect(second.message).toContain('nothing was done');
    expect(second.message).not.toContain('\n');
    // the refusal left the holder's lock as it was
    expect(lockHolder(dir)?.command).toBe('npm start');

    first.release();
    expect(existsSync(lockFile(dir))).toBe(false);
    lockOf(takeDataLock(dir, 'token create')).release();
  });

  it('refuses while the holder lives, whatever pid it has', () => {
    writeFileSync(lockFile(dir), holderText(4242));
    const outcome = takeDataLock(dir, 'build', { alive: (pid) => pid === 4242 });
    expect(outcome).toMatchObject({ ok: false, reason: 'held', holder: { pid: 4242, command: 'npm start' } });
    expect(readFileSync(lockFile(dir), 'utf8')).toBe(holderText(4242));
  });

  it('takes over a lock whose process is gone (a server killed with SIGKILL), and leaves no stray files', () => {
    writeFileSync(lockFile(dir), holderText(4242));
    const lock = lockOf(takeDataLock(dir, 'serve', { alive: () => false }));
    expect(lockHolder(dir)).toMatchObject({ pid: process.pid, command: 'serve' });
    expect(readdirSync(dir)).toEqual(['portal.lock']);
    lock.release();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('never takes over a lock from another host: its pid means nothing here', () => {
    writeFileSync(lockFile(dir), holderText(4242, 'other-host'));
    const outcome = takeDataLock(dir, 'serve', { alive: () => false });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.message).toContain('主机 other-host 上的进程号 4242');
    expect(outcome.message).toContain('pid 4242 on host other-host');
  });

  it('never takes over a lock it cannot read, and says to delete it by hand', () => {
    writeFileSync(lockFile(dir), 'garbage');
    const outcome = takeDataLock(dir, 'serve', { alive: () => false });
    expect(outcome).toMatchObject({ ok: false, reason: 'held', holder: null });
    if (outcome.ok) return;
    expect(outcome.message).toBe(
      `数据目录 ${dir} 的锁文件 ${lockFile(dir)} 无法识别，本命令没有执行。若确认没有门户或写入命令正在使用这个目录，请删除该文件后再试。` +
        ` / The lock file ${lockFile(dir)} of data folder ${dir} cannot be read; nothing was done. If you are sure no portal or writing command is using this folder, delete the file and try again.`,
    );
    expect(readFileSync(lockFile(dir), 'utf8')).toBe('garbage');
  });

  it('on release leaves alone a lock that is no longer its own', () => {
    const lock = lockOf(takeDataLock(dir, 'build'));
    writeFileSync(lockFile(dir), holderText(4242));
    lock.release();
    expect(readFileSync(lockFile(dir), 'utf8')).toBe(holderText(4242));
  });

  it('makes a missing data folder, and explains one that cannot be a folder in one paragraph', () => {
    const fresh = join(dir, 'new', 'portal-data');
    lockOf(takeDataLock(fresh, 'npm start')).release();

    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    const outcome = takeDataLock(file, 'npm start');
    expect(outcome).toMatchObject({ ok: false, reason: 'data-folder' });
    if (outcome.ok) return;
    expect(outcome.message).toMatch(new RegExp(`^数据目录 ${file} 或其中的 portal.sqlite 不是应有的类型（EEXIST）.* / The data folder ${file} .*\\(EEXIST\\)`));
    expect(outcome.message).not.toContain('\n');
  });
});
