import { describeDivisionsVersionContract } from '../divisions-version-contract.ts';
import { pgBackends } from '../../../test/support/pg-backends.ts';
import { describeIntakeCorrectionsContract } from '../intake-corrections-contract.ts';
import { describeClassifyRuleSetsContract } from '../classify-rule-sets-contract.ts';
import { describeIntakeOriginalsContract } from '../intake-originals-contract.ts';
import { describeComplaintContract } from '../complaint-contract.ts';
import { describeContractLedgerContract } from '../contract-ledger-contract.ts';
import { describeLogContract, type LogTamper } from '../log-contract.ts';
import { describeDivisionCountsContract } from '../division-counts-contract.ts';
import { describeDailyRunsContract } from '../daily-runs-contract.ts';
import { describePageViewsContract } from '../page-views-contract.ts';
import { describeComplaintMergesContract } from '../complaint-merges-contract.ts';
import { describePageOutboxContract } from '../page-outbox-contract.ts';
import { describeStoreContract } from '../store-contract.ts';
import type { PgClient } from './client.ts';
import { openPgStore } from './pg-store.ts';

// The core Store's suites — the same that sqlite-store.test.ts runs — on PostgreSQL in-process
// (PGlite) and on the real server when PORTAL_TEST_DATABASE_URL names one (always under CI=true).

for (const backend of pgBackends()) {
  const open = async (options: { searchWindow?: number } = {}) => {
    const db = await backend.open();
    return { db, store: await openPgStore(db.client, { searchWindow: options.searchWindow }) };
  };
  describeStoreContract(backend.name, async (options) => {
    const { db, store } = await open(options);
    return { store, cleanup: db.cleanup };
  });
  describeComplaintContract(backend.name, async (options) => {
    const { db, store } = await open(options);
    return { store, cleanup: db.cleanup };
  });
  describeContractLedgerContract(backend.name, async () => {
    const { db, store } = await open();
    return { store, cleanup: db.cleanup };
  });
  describePageOutboxContract(backend.name, async () => {
    const { db, store } = await open();
    return { store, connect: async () => openPgStore(await db.connect()), cleanup: db.cleanup };
  });
  describeDailyRunsContract(backend.name, async () => {
    const { db, store } = await open();
    return { store, connect: async () => openPgStore(await db.connect()), cleanup: db.cleanup };
  });
  describeDivisionCountsContract(backend.name, async () => {
    const { db, store } = await open();
    return { store, connect: async () => openPgStore(await db.connect()), cleanup: db.cleanup };
  });
  describeIntakeCorrectionsContract(backend.name, async () => {
    const { db, store } = await open();
    return { store, connect: async () => openPgStore(await db.connect()), cleanup: db.cleanup };
  });
  describeDivisionsVersionContract(backend.name, async () => {
    const { db, store } = await open();
    return { store, connect: async () => openPgStore(await db.connect()), cleanup: db.cleanup };
  });
  describeClassifyRuleSetsContract(backend.name, async () => {
    const { db, store } = await open();
    return { store, connect: async () => openPgStore(await db.connect()), cleanup: db.cleanup };
  });
  describeIntakeOriginalsContract(backend.name, async () => {
    const { db, store } = await open();
    return { store, connect: async () => openPgStore(await db.connect()), cleanup: db.cleanup };
  });
  describeComplaintMergesContract(backend.name, async () => {
    const { db, store } = await open();
    return { store, connect: async () => openPgStore(await db.connect()), cleanup: db.cleanup };
  });
  describePageViewsContract(backend.name, async () => {
    const { db, store } = await open();
    return { store, connect: async () => openPgStore(await db.connect()), cleanup: db.cleanup };
  });
  describeLogContract(backend.name, async () => {
    const { db, store } = await open();
    return { store, tamper: tamperWith(db.client), cleanup: db.cleanup };
  });
}

/** Edits behind the store's back, as someone with the database's superuser could: triggers off. */
function tamperWith(db: PgClient): LogTamper {
  const raw = (table: string, edit: (tx: Parameters<Parameters<PgClient['transaction']>[0]>[0]) => Promise<void>) =>
    db.transaction(async (tx) => {
      await tx.query(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
      await edit(tx);
      await tx.query(`ALTER TABLE ${table} ENABLE TRIGGER USER`);
    });
  return {
    changeContent: (id, content) => raw('publications', async (tx) => void (await tx.query('UPDATE publications SET content = $1 WHERE id = $2', [JSON.stringify(content), id]))),
    deleteLeaf: (index) => raw('log_leaves', async (tx) => void (await tx.query('DELETE FROM log_leaves WHERE idx = $1', [index]))),
    swapLeaves: (a, b) =>
      raw('log_leaves', async (tx) => {
        const rows = await tx.query<{ idx: number; leaf: string; leaf_hash: Uint8Array; kind: string; ref: string }>('SELECT * FROM log_leaves WHERE idx = ANY($1::bigint[])', [[a, b]]);
        const [rowA, rowB] = [rows.find((r) => Number(r.idx) === a)!, rows.find((r) => Number(r.idx) === b)!];
        // (kind, ref) is unique, so one row steps aside first
        await tx.query("UPDATE log_leaves SET ref = '(moving)' WHERE idx = $1", [a]);
        const write = 'UPDATE log_leaves SET leaf = $1, leaf_hash = $2, kind = $3, ref = $4 WHERE idx = $5';
        await tx.query(write, [rowA.leaf, Buffer.from(rowA.leaf_hash), rowA.kind, rowA.ref, b]);
        await tx.query(write, [rowB.leaf, Buffer.from(rowB.leaf_hash), rowB.kind, rowB.ref, a]);
      }),
  };
}
