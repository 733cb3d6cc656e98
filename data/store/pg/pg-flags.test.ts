import { describe, expect, it } from 'vitest';
import { pgBackends, type PgBackend } from '../../../test/support/pg-backends.ts';
import type { Finding } from '../../flags/finding.ts';
import { auditLog } from '../../log/audit-log.ts';
import { parseLeaf } from '../../log/log-leaf.ts';
import { describeFlagContract, type FlagContractStore } from '../flag-contract.ts';
import { describeLateVillageContract, type LateVillageContractStore } from '../late-villages-contract.ts';
import { describeTakedownContract, type TakedownContractStore } from '../takedown-contract.ts';
import { createPgBeneficiaries } from './beneficiaries.ts';
import type { PgClient } from './client.ts';
import { createPgComplaints } from './complaints.ts';
import { createPgFlagSettings } from './flag-settings.ts';
import { createPgFlags } from './flags.ts';
import { createPgLateVillages } from './late-villages.ts';
import { createPgLog } from './log.ts';
import { migratePg } from './migrations.ts';
import { createPgPublications } from './publications.ts';
import { createPgSearch } from './search.ts';
import { complaintWrites, createPgTakedowns } from './takedowns.ts';


type FlagsAndTakedowns = FlagContractStore & TakedownContractStore & LateVillageContractStore;

const compose = (client: PgClient): FlagsAndTakedowns => {
  const log = createPgLog(client);
  const beneficiaries = createPgBeneficiaries(client);
  const complaints = complaintWrites(createPgComplaints(client, log));
  return {
    ...createPgPublications(client, log, createPgSearch(client), () => new Date(), { inPublish: beneficiaries.insertKeys }),
    ...complaints.store,
    ...createPgFlags(client, log),
    ...createPgFlagSettings(client, log),
    ...createPgLateVillages(client),
    duplicateBeneficiaries: beneficiaries.duplicateBeneficiaries,
    beneficiaryRows: beneficiaries.beneficiaryRows,
    ...createPgTakedowns(client, log, complaints.settled),
    logSize: log.logSize,
    logLeaves: log.logLeaves,
  };
};

const opener = (backend: PgBackend) => async () => {
  const db = await backend.open();
  await migratePg(db.client);
  return { store: compose(db.client), connect: async () => compose(await db.connect()), cleanup: db.cleanup };
};

for (const backend of pgBackends()) {
  describeFlagContract(backend.name, opener(backend));
  describeTakedownContract(backend.name, opener(backend));
  describeLateVillageContract(backend.name, opener(backend));

  describe(`PostgreSQL flag runs under concurrent writers: ${backend.name}`, () => {
    // On the server the two stores are two pools of four connections, so the runs' transactions
    // really overlap: without the log's head lock taken first, two read the same max id and one is
    // refused, or two reconcile the same village's flags from the same state.
    it('gives every flag id, event and log index exactly once when 2×8 runs are applied at once', async () => {
      const { store, connect, cleanup } = await opener(backend)();
      try {
        const other = await connect();
        // half the runs share one village, so they also race to reconcile the same flags
        const shared = '430802108300';
        await store.applyFlagRun(run('run-seed', shared, [1, 2]));
        const villageOf = (i: number) => (i % 2 === 0 ? shared : `430802108${String(310 + i)}`);
        const CALLS = 16;
        const results = await Promise.all(
          Array.from({ length: CALLS }, (_, i) => (i % 2 === 0 ? store : other).applyFlagRun(run(`run-${i}`, villageOf(i), [1, 2, 3 + i]))),
        );

        // In the shared village K-1 and K-2 stay open and unchanged; each run raises its own third
        // key and resolves by the data the one the run before it raised, so one of those stays open.
        const raised = results.flatMap((r) => r.raised.map((f) => Number(f.id))).sort((a, b) => a - b);
        const flags = await other.listFlags({ scope: '' });
        expect(raised).toEqual(Array.from({ length: raised.length }, (_, i) => i + 3));
        expect(flags.map((f) => Number(f.id)).sort((a, b) => a - b)).toEqual(Array.from({ length: raised.length + 2 }, (_, i) => i + 1));
        // one new key per run in the shared village, three per run elsewhere
        expect(raised).toHaveLength(CALLS / 2 + (CALLS / 2) * 3);
        const sharedActive = flags.filter((f) => f.village === shared && f.status === 'open').map((f) => f.key);
        expect(sharedActive).toHaveLength(3);
        expect(sharedActive).toEqual(expect.arrayContaining(['K-1', 'K-2']));
        expect(flags.filter((f) => f.village === shared && f.status === 'resolved')).toHaveLength(CALLS / 2 - 1);
        for (const f of flags) expect(f.events.map((e) => e.seq)).toEqual(f.events.map((_, i) => i + 1));

        const leaves = await store.logLeaves(0, await store.logSize());
        const logged = leaves.map((l) => parseLeaf(l.leaf)).map((p) => (p.ok && p.leaf.type === 'flag-event' ? `${p.leaf.flag}/${p.leaf.seq}` : 'other'));
        expect(logged.slice().sort()).toEqual(flags.flatMap((f) => f.events.map((e) => `${f.id}/${e.seq}`)).sort());
        expect(leaves.map((l) => l.index)).toEqual(leaves.map((_, i) => i));
        expect(auditLog(leaves, [], { flags }).findings).toEqual([]);
      } finally {
        await cleanup();
      }
    });
  });
}

function run(id: string, village: string, keys: readonly number[]) {
  const at = '2026-07-06T01:00:00.000Z';
  const finding = (n: number): Finding => ({
    rule: 'receivable-overdue',
    village,
    key: `K-${n}`,
    title: `合同K-${n}的2026年度租金未见入账`,
    detail: `合同台账第${n}行约定的租金，财务收支中未见对应收入。`,
    amount: n * 100_00,
    evidence: [{ publicationId: 'pub-contracts', village, kind: 'contract', row: n + 2, label: `合同台账第${n + 2}行（K-${n}）` }],
    sample: false,
  });
  return { id, village, at, trigger: 'nightly' as const, rules: ['receivable-overdue' as const], findings: keys.map((n) => ({ finding: finding(n), publicFrom: at })) };
}
