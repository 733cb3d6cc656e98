import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig, type Config } from '../../data/config.ts';
import { openSqliteStore } from '../../data/store/sqlite-store.ts';
import { DataFolderError, explainStartFailure } from './data-folder-error.ts';
import { openRuntimeStore, storeFile } from './runtime.ts';

// Issue 10, point 8: a damaged database or an unusable data folder is one paragraph for the
// operator (Chinese, then English, naming the path and the code), not a stack trace.

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cunwu-folder-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function configFor(dataDir: string): Config {
  const parsed = parseConfig({ PORTAL_DATA_DIR: dataDir, PORTAL_REGION: '4308', PORTAL_DEMO: '0' }, '/');
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.config;
}

async function refusal(config: Config): Promise<DataFolderError> {
  const error = await openRuntimeStore(config).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DataFolderError);
  const message = (error as DataFolderError).message;
  expect(message).not.toContain('\n');
  expect(message).not.toMatch(/\bat .*:\d+|SqliteError/);
  return error as DataFolderError;
}

describe('opening the store of a data folder that cannot be used', () => {
  it('explains junk bytes in portal.sqlite and leaves them as they were', async () => {
    const config = configFor(dir);
    const junk = Buffer.alloc(8192, 0x5a);
    writeFileSync(storeFile(config), junk);
    const error = await refusal(config);
    const file = storeFile(config);
    expect(error.message).toBe(
      `数据库文件 ${file} 已损坏或不是本门户的数据库（SQLITE_NOTADB），没有做任何改动。请从备份恢复这个文件（连同同名的 -wal 文件），或把 PORTAL_DATA_DIR 指向另一个数据目录。` +
        ` / The database file ${file} is damaged or is not a portal database (SQLITE_NOTADB); nothing was changed. Restore it from a backup (with its -wal file), or point PORTAL_DATA_DIR at another data folder.`,
    );
    expect(readFileSync(file).equals(junk)).toBe(true);
  });

  it('explains a database whose pages were overwritten behind an intact header', async () => {
    const config = configFor(dir);
    const made = await openSqliteStore(storeFile(config));
    await made.close();
    const bytes = readFileSync(storeFile(config));
    bytes.fill(0x33, 100);
    writeFileSync(storeFile(config), bytes);
    rmSync(`${storeFile(config)}-wal`, { force: true });
    const error = await refusal(config);
    expect(error.message).toMatch(/^数据库文件 .* 已损坏或不是本门户的数据库（SQLITE_(CORRUPT|NOTADB)）.* \/ The database file .* is damaged/);
  });

  it('explains a portal.sqlite that is a folder', async () => {
    const config = configFor(dir);
    mkdirSync(storeFile(config));
    const error = await refusal(config);
    expect(error.message).toContain('无法打开或读写（SQLITE_CANTOPEN）');
    expect(error.message).toContain('cannot be opened, read or written (SQLITE_CANTOPEN)');
  });

  it('explains a data folder that is a file', async () => {
    const file = join(dir, 'not-a-folder');
    writeFileSync(file, 'x');
    const error = await refusal(configFor(file));
    expect(error.message).toBe(
      `数据目录 ${file} 或其中的 portal.sqlite 不是应有的类型（EEXIST）：PORTAL_DATA_DIR 须指向一个目录，portal.sqlite 须是文件，没有做任何改动。` +
        ` / The data folder ${file} or its portal.sqlite is not what it should be (EEXIST): PORTAL_DATA_DIR must name a folder and portal.sqlite must be a file; nothing was changed.`,
    );
  });
});

describe('what a command prints when it stops', () => {
  it('is the paragraph for the data folder’s own files, and nothing (a stack is due) for a bug', () => {
    const denied = Object.assign(new Error(`EACCES: permission denied, open '${join(dir, 'log-key.json')}'`), { code: 'EACCES', path: join(dir, 'log-key.json') });
    expect(explainStartFailure(dir, denied)).toContain(`数据目录 ${dir} 或其中的`);
    expect(explainStartFailure(dir, denied)).toContain('(EACCES)');
    const elsewhere = Object.assign(new Error('EACCES'), { code: 'EACCES', path: '/etc/shadow' });
    expect(explainStartFailure(dir, elsewhere)).toBeNull();
    const sibling = Object.assign(new Error('EACCES'), { code: 'EACCES', path: `${dir}-other/x` });
    expect(explainStartFailure(dir, sibling)).toBeNull();
    expect(explainStartFailure(dir, new TypeError('x is undefined'))).toBeNull();
    expect(explainStartFailure(dir, new DataFolderError('段落 / paragraph'))).toBe('段落 / paragraph');
  });
});
