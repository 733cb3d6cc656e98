import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { expectKeptAsFilled } from '../../../test/support/derived-tables.ts';
import { pgBackends, type PgBackend } from '../../../test/support/pg-backends.ts';
import { roadMatter, wastelandMatter, withoutStep } from '../../decisions/checks/test-records.ts';
import type { EvidenceAttachment } from '../../decisions/decision-evidence.ts';
import type { DecisionRecord } from '../../decisions/decision-record.ts';
import { describeDecisionContract, type DecisionContractStore } from '../decision-contract.ts';
import { describeEvidenceContract, type EvidenceContractStore } from '../evidence-contract.ts';
import type { PgClient } from './client.ts';
import { createPgDecisionEvidence } from './decision-evidence.ts';
import { createPgDecisions } from './decisions.ts';
import { createPgLog } from './log.ts';
import { migratePg } from './migrations.ts';
import { describeMatterCountContract, MATTER_COUNT_FIXTURES, type MatterCountContractStore } from '../matter-counts-contract.ts';
import { FILL_MATTER_FACTS } from './schema-9.ts';
import { FILL_MATTER_SUMS } from './schema-24.ts';
import { createPgMatterCounts } from './matter-counts.ts';

const compose = (client: PgClient): DecisionContractStore & EvidenceContractStore & MatterCountContractStore => {
  const log = createPgLog(client);
  const decisions = createPgDecisions(client, log);
  return { ...decisions, ...createPgDecisionEvidence(client, log, decisions), ...createPgMatterCounts(client), logSize: log.logSize, logLeaves: log.logLeaves };
};

const opener = (backend: PgBackend) => async () => {
  const db = await backend.open();
  await migratePg(db.client);
  return { store: compose(db.client), connect: async () => compose(await db.connect()), cleanup: db.cleanup };
};

const AT = '2026-10-02T08:00:00.000Z';
const upTo = (n: number, from = 0) => Array.from({ length: n - from }, (_, i) => from + i);

/** A stand-in for a re-encoded photo of a 签到表, a different file for each `n`. */
function photo(n: number, stepSeq: number): { attachment: EvidenceAttachment; bytes: Uint8Array } {
  const bytes = new TextEncoder().encode(`RIFF....WEBPVP8 签到表 第${n}页`);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return {
    attachment: { stepSeq, evidence: { kind: 'sign-in-sheet', name: `签到表第${n}页`, photoId: sha256.slice(0, 24), pdfSha256: null }, file: { sha256, mediaType: 'image/webp', bytes: bytes.byteLength } },
    bytes,
  };
}

for (const backend of pgBackends()) {
  describeDecisionContract(backend.name, opener(backend));
  describeEvidenceContract(backend.name, opener(backend));
  describeMatterCountContract(backend.name, opener(backend));

  describe(`PostgreSQL decision matter facts: ${backend.name}`, () => {
    it('are filled by schema 9 from matters recorded before it as recordDecisions writes them', async () => {
      const db = await backend.open();
      try {
        await migratePg(db.client);
        await MATTER_COUNT_FIXTURES.record(compose(db.client));
        const facts = () => db.client.query('SELECT * FROM decision_matter_facts ORDER BY matter');
        const written = await facts();
        expect(written).toHaveLength(MATTER_COUNT_FIXTURES.matters);
        await db.client.query('DELETE FROM decision_matter_facts');
        await db.client.query(FILL_MATTER_FACTS);
        expect(await facts()).toEqual(written);
      } finally {
        await db.cleanup();
      }
    });

    it('keep the county sums schema 24 fills from them, through every matter recorded and changed', async () => {
      const db = await backend.open();
      try {
        await migratePg(db.client);
        await MATTER_COUNT_FIXTURES.record(compose(db.client));
        await expectKeptAsFilled(
          [() => db.client.query('SELECT county, matters::int AS matters, early_missing::int AS early_missing FROM decision_matter_sums WHERE matters > 0 ORDER BY county')],
          () => db.client.exec(`DELETE FROM decision_matter_sums; ${FILL_MATTER_SUMS}`),
        );
      } finally {
        await db.cleanup();
      }
    });

    it('keeps each matter’s facts those of its entries as stored when two connections record at once', async () => {
      const db = await backend.open();
      try {
        const [one, two] = [compose(db.client), compose(await db.connect())];
        // one matter both write to: first without its meeting, resolution and result, then each call adds some
        const road = roadMatter();
        const bare = withoutStep(road, 'party-members-meeting', 'villagers-resolution', 'result-disclosure');
        await one.recordDecisions([{ ...bare, completedOn: null }], AT);
        const kinds = ['party-members-meeting', 'villagers-resolution', 'result-disclosure'] as const;
        await Promise.all(
          upTo(6).map((n) => {
            const step = road.steps.find((s) => s.step === kinds[n % kinds.length])!;
            const record = { ...bare, completedOn: n % 2 === 0 ? null : `2026-09-1${n}`, steps: [...bare.steps, { ...step, date: `2026-0${3 + n}-18` }] };
            return (n % 2 === 0 ? one : two).recordDecisions([record], AT);
          }),
        );
        // the county's sums (schema 24) moved with every write, whichever connection made it: one matter, no first-five step lacking
        expect(await db.client.query('SELECT matters::int AS matters, early_missing::int AS early_missing FROM decision_matter_sums WHERE matters > 0')).toEqual([{ matters: 1, early_missing: 0 }]);
        const facts = () => db.client.query('SELECT * FROM decision_matter_facts ORDER BY matter');
        const written = await facts();
        await db.client.query('DELETE FROM decision_matter_facts');
        await db.client.query(FILL_MATTER_FACTS);
        expect(await facts()).toEqual(written);
        expect(written).toMatchObject([{ early_missing: false, result_missing: false }]);
      } finally {
        await db.cleanup();
      }
    });
  });

  describe(`PostgreSQL decision matters: ${backend.name}`, () => {
    // On the server the two connections' transactions really overlap: without the log's head lock
    // both read the same max id and the same last seq, and one of them is refused.
    it('gives every matter number, entry seq and log index exactly once when two connections record at once', async () => {
      const { store, connect, cleanup } = await opener(backend)();
      try {
        const other = await connect();
        const road = roadMatter();
        await store.recordDecisions([road], AT);
        // each call: a late step on the shared matter, and a matter of its own
        const register = (n: number): DecisionRecord[] => [
          { ...road, steps: [...road.steps, { ...road.steps.at(-1)!, content: `第${n}次公开`, row: null }] },
          { ...wastelandMatter(), subject: `荒山承包经营权流转 第${n}宗` },
        ];
        const CALLS = 8;
        const results = await Promise.all(upTo(CALLS).map((n) => (n % 2 === 0 ? store : other).recordDecisions(register(n), AT)));
        expect(results.map((r) => r.added)).toEqual(results.map(() => 1 + 1 + wastelandMatter().steps.length));

        const matters = await store.listDecisionMatters('');
        expect(matters.map((m) => m.id)).toEqual(upTo(CALLS + 2, 1).map(String));
        const ownIds = results.map((r) => r.matters[1]!.id).sort((a, b) => Number(a) - Number(b));
        expect(ownIds).toEqual(upTo(CALLS + 2, 2).map(String));
        for (const m of matters) expect(m.entries.map((e) => e.seq)).toEqual(upTo(m.entries.length + 1, 1));
        expect(matters[0]!.entries).toHaveLength(1 + road.steps.length + CALLS);

        const indices = matters.flatMap((m) => m.entries.map((e) => e.logIndex)).sort((a, b) => a - b);
        expect(indices).toEqual(upTo(await store.logSize()));
      } finally {
        await cleanup();
      }
    });

    // The evidence contract races two attachments only, which on the server often do not overlap.
    it('gives every attachment its own entry seq and log index when two connections attach at once', async () => {
      const { store, connect, cleanup } = await opener(backend)();
      try {
        const other = await connect();
        const [road] = (await store.recordDecisions([roadMatter()], AT)).matters;
        const before = road!.entries.length;
        const step = road!.entries.find((e) => e.entry === 'step')!.seq;
        const CALLS = 8;
        const files = upTo(CALLS).map((n) => photo(n, step));
        const done = await Promise.all(files.map((f, n) => (n % 2 === 0 ? store : other).attachEvidence({ matterId: '1', ...f, recordedAt: AT })));
        expect(done.map((d) => d.kind === 'attached' && d.fresh)).toEqual(files.map(() => true));
        expect(done.map((d) => (d.kind === 'attached' ? d.seq : 0)).sort((a, b) => a - b)).toEqual(upTo(before + CALLS + 1, before + 1));

        const matter = (await store.getDecisionMatter('1'))!;
        expect(matter.entries.map((e) => e.seq)).toEqual(upTo(matter.entries.length + 1, 1));
        expect(matter.entries.map((e) => e.logIndex).sort((a, b) => a - b)).toEqual(upTo(await store.logSize()));
        for (const f of files) expect((await other.getEvidenceFile(f.attachment.evidence.photoId!))?.bytes).toEqual(f.bytes);
      } finally {
        await cleanup();
      }
    });
  });
}
