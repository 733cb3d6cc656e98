import { describe, expect, it } from 'vitest';
import { pgBackends, type PgBackend } from '../../../test/support/pg-backends.ts';
import { auditLog } from '../../log/audit-log.ts';
import { parseLeaf } from '../../log/log-leaf.ts';
import type { NewRound, RectificationResult, RoundRecord } from '../../rectification/rectification.ts';
import { describeCatalogueContract, type CatalogueContractStore } from '../catalogue-contract.ts';
import { describeRectificationContract, type RectificationContractStore } from '../rectification-contract.ts';
import { describeSummaryContract, type SummaryContractStore } from '../summary-contract.ts';
import { createPgCatalogues } from './catalogues.ts';
import type { PgClient } from './client.ts';
import { createPgLog } from './log.ts';
import { migratePg } from './migrations.ts';
import { createPgRectification } from './rectification.ts';
import { createPgSummaries } from './summaries.ts';
import { createPgOutbox } from './outbox.ts';


type OversightStore = RectificationContractStore & CatalogueContractStore & SummaryContractStore;

const oversight = (client: PgClient): OversightStore => {
  const log = createPgLog(client);
  const outbox = createPgOutbox(client);
  return { ...createPgRectification(client, log), ...createPgCatalogues(client, log), ...createPgSummaries(client, log, outbox.record), claimStale: outbox.claimStale, logSize: log.logSize, logLeaves: log.logLeaves };
};

const open = async (backend: PgBackend) => {
  const db = await backend.open();
  await migratePg(db.client);
  return { store: oversight(db.client), connect: async () => oversight(await db.connect()), cleanup: db.cleanup };
};

for (const backend of pgBackends()) {
  describeRectificationContract(backend.name, () => open(backend));
  describeCatalogueContract(backend.name, () => open(backend));
  describeSummaryContract(backend.name, () => open(backend));

  describe(`PostgreSQL rounds under concurrent writers: ${backend.name}`, () => {
    // On the server the two stores are two pools of four connections: twenty transactions race for
    // the next id, and only the log's head lock (taken before max + 1 is read) keeps them apart.
    it('numbers 2×10 rounds opened at once 1…20 exactly once, each opening logged at index id − 1', async () => {
      const { store, connect, cleanup } = await open(backend);
      try {
        const other = await connect();
        const opened = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? store : other).openRound(villageRound(i))));
        const one20 = Array.from({ length: 20 }, (_, i) => i + 1);
        expect(opened.map((r) => Number(r.id)).sort((a, b) => a - b)).toEqual(one20);

        const leaves = await other.logLeaves(0, await other.logSize());
        expect(leaves.map((l) => l.index)).toEqual(one20.map((n) => n - 1));
        // ids are given in commit order, the order the log gives indices in
        const logged = leaves.map((l) => parseLeaf(l.leaf)).map((p) => (p.ok && p.leaf.type === 'rectification-event' ? `${p.leaf.round}/${p.leaf.seq}` : p));
        expect(logged).toEqual(one20.map((n) => `${n}/1`));
        const rounds = await other.listRounds('');
        expect(rounds.map((r) => r.id).sort((a, b) => Number(a) - Number(b))).toEqual(one20.map(String));
        expect(auditLog(leaves, [], { rounds }).findings).toEqual([]);
      } finally {
        await cleanup();
      }
    });

    // The contract updates each round once; here twenty steps race on one round, and each must see
    // the steps committed before it (the workflow numbers problems from the round it is given).
    it('gives 2×10 steps added to one round at once seq 2…21, each seeing the ones before', async () => {
      const { store, connect, cleanup } = await open(backend);
      try {
        const other = await connect();
        await store.openRound(villageRound(0));
        const addProblem = (round: RoundRecord): RectificationResult => {
          const n = round.events.filter((e) => e.type === 'problem-added').length + 1;
          return { ok: true, events: [{ type: 'problem-added', problem: `P${n}`, village: null, source: 'inspection', sourceRef: null, description: '账目未公开。', amount: null, at: '2026-07-07T01:00:00.000Z', actor: '区委第三巡察组' }] };
        };
        const updates = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? store : other).updateRound('1', addProblem)));
        expect(updates.every((u) => u.kind === 'updated')).toBe(true);
        const round = (await other.getRound('1'))!;
        expect(round.events.map((e) => e.seq)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
        expect(round.events.slice(1).map((e) => (e.type === 'problem-added' ? e.problem : e.type))).toEqual(Array.from({ length: 20 }, (_, i) => `P${i + 1}`));
        expect(auditLog(await store.logLeaves(0, await store.logSize()), [], { rounds: [round] }).findings).toEqual([]);
      } finally {
        await cleanup();
      }
    });
  });
}

/** The i-th of twenty rounds over villages of one township, each its own opening text. */
function villageRound(i: number): NewRound {
  const scope = `430802108${String(200 + i)}`;
  const at = `2026-07-06T01:00:${String(i).padStart(2, '0')}.000Z`;
  return {
    scope,
    sample: false,
    at,
    opened: { type: 'opened', at, actor: '区委巡察办', objectName: `第${i + 1}村`, scope, title: '2026年第二轮巡察', team: '区委第三巡察组', start: '2026-07-01', end: '2026-08-31', contact: '电话 0744-8221234' },
  };
}
