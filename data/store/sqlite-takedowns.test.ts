import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSqliteStore, type SqliteStore } from './sqlite-store.ts';
import { describeTakedownContract } from './takedown-contract.ts';

/** A fresh store in its own folder; `connect` opens another connection to the same file. */
describeTakedownContract('sqlite', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cunwu-takedowns-'));
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
    connect,
    cleanup: async () => {
      for (const s of open.splice(0)) await s.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
});
