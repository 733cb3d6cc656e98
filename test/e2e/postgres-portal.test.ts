import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen } from '../../ingest/server.ts';
import { verifyCommand } from '../../scripts/lib/log-commands.ts';
import { inCI, testDatabaseUrl } from '../support/environment.ts';
import { openPortalFixture, type PortalFixture } from '../support/portal-fixture.ts';

// Issue 14: the whole portal on PostgreSQL — in-process (PGlite) always, and on the server as
// `npm start` opens PORTAL_DATABASE_URL when PORTAL_TEST_DATABASE_URL names one (always under
// CI=true), with the demo's sample data loaded as `npm start` loads it (flags, a round, 四议两公开
// matters, a contract ledger): an upload is published and its page built, search finds it, a
// complaint is filed and numbered, the signed checkpoint is the store's own log, and `verify` passes.

const MATOUXI = '430802108214';
const databases = ['pglite', ...(testDatabaseUrl || inCI ? ['postgres' as const] : [])] as const;

for (const database of databases) {
  describe(`the portal on PostgreSQL: ${database}`, () => {
    let portal: PortalFixture;
    beforeAll(async () => {
      portal = await openPortalFixture({}, { database, demo: true });
    });
    afterAll(async () => {
      await portal?.cleanup();
    });

    it('publishes a ledger upload, builds its village page, and corrects it as the next version', async () => {
      const { publication } = await portal.publishLedger();
      const page = await (await portal.app.request(`/v/${MATOUXI}/`)).text();
      expect(page).toContain('马头溪村');
      expect(page).toContain(`/v/${MATOUXI}/p/${publication.id}/`);
      const version = async (id: string) => ((await (await portal.app.request(`/api/v1/publications/${id}`)).json()) as { publication: { version: number; supersedes: string } }).publication;
      const first = await version(publication.id);
      const again = await portal.publishLedger();
      expect(await version(again.publication.id)).toMatchObject({ version: first.version + 1, supersedes: publication.id });
    });

    it('finds a word of the ledger through the search API', async () => {
      const res = await portal.app.request('/api/v1/search?q=' + encodeURIComponent('马头溪'));
      expect(res.status).toBe(200);
      const body = (await res.json()) as { total: number; results: Array<{ publication: { url: string } }> };
      expect(body.total).toBeGreaterThan(0);
      expect(body.results.every((r) => r.publication.url.includes(`/v/${MATOUXI}/p/`))).toBe(true);
    });

    it('files a complaint, numbers it after the last, and shows it to its tracking code', async () => {
      const before = await portal.store.listComplaints({ scope: '', limit: 1 });
      const filed = await portal.app.request('/api/v1/complaints', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ village: MATOUXI, category: '惠农补贴', text: '耕地补贴有几户没有发到户。' }),
      });
      expect(filed.status).toBe(201);
      const { complaint } = (await filed.json()) as { complaint: { trackingCode: string } };
      const tracked = await portal.app.request(`/api/v1/complaints/${complaint.trackingCode}`);
      expect(tracked.status).toBe(200);
      expect(((await tracked.json()) as { complaint: { publicId: string; status: string } }).complaint).toMatchObject({ publicId: String(Number(before[0]?.publicId ?? 0) + 1), status: 'received' });
    });

    it('signs a checkpoint of the store’s own log', async () => {
      const note = await (await portal.app.request('/log/checkpoint')).text();
      const [, sizeLine, rootLine] = note.split('\n');
      const size = Number(sizeLine);
      expect(size).toBe(await portal.store.logSize());
      expect(size).toBeGreaterThan(50);
      const root = await portal.store.logRoot(size);
      if (root.kind !== 'root') throw new Error(root.kind);
      expect(rootLine).toBe(Buffer.from(root.root).toString('base64'));
    });

    it('passes `npm run portal -- verify` against the portal as served', async () => {
      const server = await listen(portal.app, 0, '127.0.0.1');
      try {
        const url = `http://127.0.0.1:${server.port}`;
        const key = await (await fetch(`${url}/log/key`)).text();
        const out: string[] = [];
        const err: string[] = [];
        const code = await verifyCommand(['--url', url, '--key', key], portal.config, (l) => out.push(l), (l) => err.push(l));
        expect(code, err.join('\n')).toBe(0);
        expect(out.join('\n')).toContain('核验通过');
        expect(out.join('\n')).toMatch(/已核对 \d+ 条核对提示、1 轮巡察整改/);
      } finally {
        await server.close();
      }
    });
  });
}
