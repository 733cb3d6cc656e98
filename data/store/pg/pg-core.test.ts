import { describeDivisionsVersionContract } from '../divisions-version-contract.ts';
import { pgBackends } from '../../../test/support/pg-backends.ts';
import { describeIntakeCorrectionsContract } from '../intake-corrections-contract.ts';
import { describeClassifyRuleSetsContract } from '../classify-rule-sets-contract.ts';
import { describeIntakeOriginalsContract } from '../intake-originals-contract.ts';
import { describeFormSubmissionsContract } from '../form-submissions-contract.ts';
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
import { describe, expect, it } from 'vitest';
import { newComplaint, recordedComplaint } from '../../complaints/complaint-workflow.ts';
import { trackingCodeFrom } from '../../complaints/tracking-code.ts';

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
  describeFormSubmissionsContract(backend.name, async () => {
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

  // What SQLite's migration 21 test checks of its trigger, for schema 15's function and constraint.
  describe(`PostgreSQL complaints (schema 15): ${backend.name}`, () => {
    it('files the power item with the intake and refuses to change it afterwards, or to give one to a portal complaint', async () => {
      const { db, store } = await open();
      try {
        const input = { village: '430802108214', category: '惠农补贴', text: '三组有几户耕地补贴没发。', anonymous: false } as never;
        const at = '2026-12-07T01:00:00.000Z';
        const filed = await store.fileComplaint(recordedComplaint(input, trackingCodeFrom(Uint8Array.from([1, 2, 3, 4, 5, 6, 7])), at, { channel: 'letter', heardAt: at, place: null, recordedBy: '王家坪镇纪委', powerItem: 'subsidy-payout' }));
        const portal = await store.fileComplaint(newComplaint(input, trackingCodeFrom(Uint8Array.from([7, 6, 5, 4, 3, 2, 1])), at));
        const q = db.client;
        expect((await q.query<{ power_item: string }>('SELECT power_item FROM complaints WHERE public_id = $1', [Number(filed.publicId)]))[0]?.power_item).toBe('subsidy-payout');
        await expect(q.query("UPDATE complaints SET power_item = 'financial-disclosure' WHERE public_id = $1", [Number(filed.publicId)])).rejects.toThrow(/never change/);
        await expect(q.query('UPDATE complaints SET power_item = NULL WHERE public_id = $1', [Number(filed.publicId)])).rejects.toThrow(/never change/);
        await expect(q.query("UPDATE complaints SET power_item = 'subsidy-payout' WHERE public_id = $1", [Number(portal.publicId)])).rejects.toThrow();
        // a fresh row (triggers see only updates): the constraint refuses an item without an intake
        await expect(
          q.query(
            `INSERT INTO complaints (tracking_code, public_id, village, category, text, anonymous, status, received_at, updated_at, channel, power_item)
             VALUES ('ZZZZZZZZZZ', 99, '430802108214', '其他', 'x', false, 'received', $1, $1, 'portal', 'subsidy-payout')`,
            [at],
          ),
        ).rejects.toThrow(/complaints_power_item_recorded/);
      } finally {
        await db.cleanup();
      }
    });
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
