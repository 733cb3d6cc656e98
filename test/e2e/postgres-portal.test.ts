import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inCI, testDatabaseUrl } from '../support/environment.ts';
import { openPortalFixture, type PortalFixture } from '../support/portal-fixture.ts';

// Issue 14: the whole portal on PostgreSQL — in-process (PGlite) always, and on the server as
// `npm start` opens PORTAL_DATABASE_URL when PORTAL_TEST_DATABASE_URL names one (always under
// CI=true): an upload is published and its page built, search finds it, a complaint is filed and
// answered, and the signed checkpoint is the store's own log.

const MATOUXI = '430802108214';
const databases = ['pglite', ...(testDatabaseUrl || inCI ? ['postgres' as const] : [])] as const;

for (const database of databases) {
  describe(`the portal on PostgreSQL: ${database}`, () => {
    let portal: PortalFixture;
    beforeAll(async () => {
      portal = await openPortalFixture({}, { database });
    });
    afterAll(async () => {
      await portal?.cleanup();
    });

    it('publishes a ledger upload, builds its village page, and corrects it as version 2', async () => {
      const { publication } = await portal.publishLedger();
      const page = await (await portal.app.request(`/v/${MATOUXI}/`)).text();
      expect(page).toContain('马头溪村');
      expect(page).toContain(`/v/${MATOUXI}/p/${publication.id}/`);
      const again = await portal.publishLedger();
      const read = await portal.app.request(`/api/v1/publications/${again.publication.id}`);
      expect(read.status).toBe(200);
      expect(((await read.json()) as { publication: { version: number; supersedes: string } }).publication).toMatchObject({ version: 2, supersedes: publication.id });
    });

    it('finds a word of the ledger through the search API', async () => {
      const res = await portal.app.request('/api/v1/search?q=' + encodeURIComponent('马头溪'));
      expect(res.status).toBe(200);
      const body = (await res.json()) as { total: number; results: Array<{ publication: { url: string } }> };
      expect(body.total).toBeGreaterThan(0);
      expect(body.results.every((r) => r.publication.url.includes(`/v/${MATOUXI}/p/`))).toBe(true);
    });

    it('files a complaint, numbers it 1, and shows it to its tracking code', async () => {
      const filed = await portal.app.request('/api/v1/complaints', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ village: MATOUXI, category: '惠农补贴', text: '耕地补贴有几户没有发到户。' }),
      });
      expect(filed.status).toBe(201);
      const { complaint } = (await filed.json()) as { complaint: { trackingCode: string } };
      const tracked = await portal.app.request(`/api/v1/complaints/${complaint.trackingCode}`);
      expect(tracked.status).toBe(200);
      expect(((await tracked.json()) as { complaint: { publicId: string; status: string } }).complaint).toMatchObject({ publicId: '1', status: 'received' });
    });

    it('signs a checkpoint of the store’s own log', async () => {
      const note = await (await portal.app.request('/log/checkpoint')).text();
      const [, sizeLine, rootLine] = note.split('\n');
      const size = Number(sizeLine);
      expect(size).toBe(await portal.store.logSize());
      expect(size).toBeGreaterThanOrEqual(3);
      const root = await portal.store.logRoot(size);
      if (root.kind !== 'root') throw new Error(root.kind);
      expect(rootLine).toBe(Buffer.from(root.root).toString('base64'));
    });
  });
}
