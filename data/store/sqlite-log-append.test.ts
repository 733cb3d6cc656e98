import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describeLogAppendContract, type AppendingLog } from './log-append-contract.ts';
import { createSqliteLog } from './sqlite-log.ts';
import { migrate } from './sqlite-migrations.ts';

describeLogAppendContract('sqlite', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cunwu-log-'));
  const file = path.join(dir, 'cunwu.sqlite');
  const open: Database.Database[] = [];
  const connect = async (): Promise<AppendingLog> => {
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    migrate(db);
    open.push(db);
    const log = createSqliteLog(db);
    return {
      log: log.methods,
      appendAll: async (leaves, options = {}) =>
        db
          .transaction(() => {
            const indices = leaves.map((l) => log.append(l));
            if (options.fail) throw new Error('fails after appending');
            return indices;
          })
          .immediate(),
    };
  };
  return {
    ...(await connect()),
    connect,
    cleanup: async () => {
      for (const db of open.splice(0)) db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
});
