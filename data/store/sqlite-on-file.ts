import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSqliteStore, type SqliteStore } from './sqlite-store.ts';

/**
 * Test support for the contract suites: a fresh store in its own temporary folder; `connect`
 * opens another connection to the same file (the contracts check that what one connection
 * writes, another reads); `cleanup` closes them all and removes the folder.
 */
export async function openSqliteOnFile(prefix: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const file = path.join(dir, 'cunwu.sqlite');
  const open: SqliteStore[] = [];
  const connect = async () => {
    const store = await openSqliteStore(file);
    open.push(store);
    return store;
  };
  const store = await connect();
  return {
    store,
    file,
    connect,
    cleanup: async () => {
      for (const s of open.splice(0)) await s.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
