import { pgBackends } from '../../../test/support/pg-backends.ts';
import { describeLogAppendContract, type AppendingLog } from '../log-append-contract.ts';
import type { PgClient } from './client.ts';
import { createPgLog } from './log.ts';
import { migratePg } from './migrations.ts';

const appending = (client: PgClient): AppendingLog => {
  const log = createPgLog(client);
  return {
    log,
    appendAll: (leaves, options = {}) =>
      client.transaction(async (tx) => {
        const indices = await log.append(tx, leaves);
        if (options.fail) throw new Error('fails after appending');
        return indices;
      }),
  };
};

for (const backend of pgBackends()) {
  describeLogAppendContract(backend.name, async () => {
    const db = await backend.open();
    await migratePg(db.client);
    return { ...appending(db.client), connect: async () => appending(await db.connect()), cleanup: db.cleanup };
  });
}
