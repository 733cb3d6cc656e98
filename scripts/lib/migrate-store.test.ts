import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession } from '../../data/accounts/sign-in.ts';
import { newComplaint, staffAction } from '../../data/complaints/complaint-workflow.ts';
import { trackingCodeFrom } from '../../data/complaints/tracking-code.ts';
import { parseConfig } from '../../data/config.ts';
import { createPgStore } from '../../data/store/pg/pg-store.ts';
import type { PortalStore } from '../../data/store/portal-store.ts';
import { openSqliteStore } from '../../data/store/sqlite-store.ts';
import { pgBackends } from '../../test/support/pg-backends.ts';
import { migrateStore } from './migrate-store.ts';
import { loadRegion, seedDemo } from './runtime.ts';
import { townshipSummary } from '../../data/store/summary-contract.ts';

// Issue 14: a deployment moved from its SQLite file to PostgreSQL keeps every record and its log —
// the same size and root — and reads back the same through every capability.

const MATOUXI = '430802108214';
let dir: string;
let file: string;
/** the original kept for the recorded complaint: bytea in PostgreSQL, a BLOB in SQLite */
const original = { complaint: '', id: '' };

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cunwu-migrate-'));
  file = path.join(dir, 'portal.sqlite');
  const parsed = parseConfig({ PORTAL_DATA_DIR: dir, PORTAL_DEMO: '1', PORTAL_BASE_URL: 'http://portal.test' }, process.cwd());
  if (!parsed.ok) throw new Error(parsed.message);
  const store = await openSqliteStore(file);
  try {
    await loadRegion(store, parsed.config);
    await seedDemo(store, parsed.config, () => new Date('2026-11-20T02:00:00.000Z'), () => {}, new Uint8Array(32).fill(7));
    // what the demo does not make: an official with a session and a log, a token, a complaint answered and one step taken down, a version taken down
    const made = await store.createAccounts([{ name: '王芳', mobile: '13700000001', office: '王家坪镇纪委', title: '纪委书记', role: 'township-discipline', department: null, scope: '430802108', admin: true }], { at: '2026-11-20T02:00:00.000Z', by: null });
    if (made.kind !== 'created') throw new Error(made.kind);
    await store.setPassword(made.accounts[0]!.id, '{}');
    await openSession(store, (await store.getAccount(made.accounts[0]!.id))!, { address: '10.0.0.9', userAgent: 'test' }, new Date('2026-11-20T03:00:00.000Z'));
    await store.recordEvent({ accountId: made.accounts[0]!.id, at: '2026-11-20T03:00:00.000Z', type: 'sign-in', detail: '10.0.0.9' });
    await store.createToken({ id: 'tok-m', hash: 'c'.repeat(64), scope: MATOUXI, name: '马头溪村会计', createdAt: '2026-11-20T02:00:00.000Z' });
    const filed = await store.fileComplaint(
      newComplaint({ village: MATOUXI, category: '惠农补贴', text: '耕地补贴有几户没有发到户。', anonymous: false, contact: { name: '王某', phone: '13800000000' } } as never, trackingCodeFrom(Uint8Array.from([9, 9, 1, 2, 3, 4, 0])), '2026-11-20T04:00:00.000Z'),
    );
    await store.updateComplaint(filed.trackingCode, (c) => staffAction(c, { type: 'dispatch', department: '王家坪镇民政办' }, '王家坪镇纪委', '2026-11-20T05:00:00.000Z'));
    await store.updateComplaint(filed.trackingCode, (c) => staffAction(c, { type: 'reply', text: '已核实，经办人张三。' }, '王家坪镇民政办', '2026-11-21T05:00:00.000Z'));
    await store.takeDownComplaintStep(filed.publicId, 3, '答复写了经办人姓名', '2026-11-21T06:00:00.000Z');
    // and a county's own classification rules, twice, and the screenshot staff kept of a complaint
    const rules = { version: '2026-1', rules: [{ target: { kind: 'category' as const, value: '惠农补贴' }, terms: [{ text: '补贴', weight: 3 }], minScore: 3 }] };
    await store.saveRuleSet('430802', rules, '永定区纪委', '2026-11-20T02:00:00.000Z');
    await store.saveRuleSet('430802', { ...rules, version: '2026-2' }, '永定区纪委', '2026-11-21T02:00:00.000Z');
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7) & 255));
    Object.assign(original, { complaint: filed.publicId, id: createHash('sha256').update(bytes).digest('hex') });
    await store.saveOriginal(filed.publicId, { id: original.id, mime: 'image/webp', width: 800, height: 600, bytes, savedBy: '王家坪镇纪委', at: '2026-11-20T04:00:00.000Z' });
    // a township's summary table and its correction (issue 15)
    await store.publishSummary(townshipSummary(100), '2026-11-20T02:00:00.000Z');
    await store.publishSummary(townshipSummary(200), '2026-11-21T02:00:00.000Z');
    const [first] = await store.currentPublications(MATOUXI);
    if (first) await store.tombstone(first.id, '误公开身份证号', '2026-11-21T07:00:00.000Z');
  } finally {
    await store.close();
  }
}, 120_000);
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** What both stores should answer alike, read through the capabilities the portal uses. */
async function picture(store: PortalStore) {
  const villages = (await store.listDivisions('4308')).filter((d) => d.level === 'village').map((d) => d.code);
  const publications = [];
  for (const v of villages) for (const p of await store.listPublications(v)) publications.push(await store.getPublication(p.id));
  const complaints = await store.listComplaints({ scope: '', limit: 5_000 });
  return {
    divisions: (await store.listDivisions('')).length,
    publications,
    stats: [...(await store.publicationStats(''))],
    takedowns: await store.listTakedowns(),
    complaints,
    stepTakedowns: await store.listComplaintStepTakedowns(),
    flags: await store.listFlags({ scope: '', limit: 5_000 }),
    rounds: await store.listRounds(''),
    matters: await store.listDecisionMatters(''),
    catalogues: await store.listCatalogues(),
    summaries: await store.listSummaries('430802108'),
    accounts: await store.listAccounts(''),
    events: await Promise.all((await store.listAccounts('')).map((a) => store.listEvents(a.id, 100))),
    tokens: await store.listTokens(''),
    ruleSets: [await store.listRuleSetVersions('430802'), await store.currentRuleSet('430802')],
    original: await store.getOriginal(original.complaint, original.id),
    leaves: await store.logLeaves(0, await store.logSize()),
    search: await store.search({ q: '补贴', sort: 'date', page: 1, pageSize: 50 }),
  };
}

for (const backend of pgBackends()) {
  describe(`npm run portal -- migrate-store: ${backend.name}`, () => {
    it('copies every record and the log leaf for leaf, so both stores answer alike, and refuses a database that is not empty', async () => {
      const db = await backend.open();
      try {
        const report = await migrateStore(file, db.client);
        const sqlite = await openSqliteStore(file);
        try {
          const size = await sqlite.logSize();
          const root = await sqlite.logRoot(size);
          if (root.kind !== 'root') throw new Error(root.kind);
          expect(report).toMatchObject({ logSize: size, logRoot: Buffer.from(root.root).toString('hex') });
          expect(report.tables.find((t) => t.table === 'publications')!.rows).toBeGreaterThan(30);
          const pg = createPgStore(db.client);
          const [mine, theirs] = await Promise.all([picture(sqlite), picture(pg)]);
          expect(theirs.publications.length).toBe(mine.publications.length);
          expect(theirs).toEqual(mine);
          expect([mine.original?.bytes.length, mine.ruleSets[0]]).toMatchObject([4096, [{ version: 2 }, { version: 1 }]]);
          // the demo's table of 王家坪镇, then one of ours and its correction
          expect(mine.summaries.map((x) => [x.seq, x.supersedes, x.document.sample ?? false])).toEqual([[1, null, true], [2, null, false], [3, 2, false]]);
          expect((await pg.getSession((await sqlite.listSessions(mine.accounts[0]!.id, '2026-11-20T04:00:00.000Z'))[0]!.hash, '2026-11-20T04:00:00.000Z'))?.address).toBe('10.0.0.9');
        } finally {
          await sqlite.close();
        }
        await expect(migrateStore(file, db.client)).rejects.toThrow(/not empty/);
      } finally {
        await db.cleanup();
      }
    }, 180_000);
  });
}
