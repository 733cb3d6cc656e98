import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig, type Config } from '../../data/config.ts';
import { newPublication } from '../../data/new-publication.ts';
import type { Publication, PublicationContent } from '../../data/publication.ts';
import { openSqliteStore, type SqliteStore } from '../../data/store/sqlite-store.ts';
import { DIVISIONS, financeContent } from '../lib/test-fixtures.ts';
import { startLiveBuildThread, type LiveBuildThread } from './live-build-thread.ts';

// Issue 10, point 6: after start-up the server renders pages in a thread of its own, with its own
// store connection, so a huge ledger's pages never hold the event loop. What the thread builds must
// be what the builder on the event loop would, from what is stored.

const VILLAGE = '430802108214';
let dir: string;
let out: string;
let store: SqliteStore;
let config: Config;
let thread: LiveBuildThread;
let seq = 0;

async function publish(content: PublicationContent): Promise<Publication> {
  seq += 1;
  const input = newPublication({
    id: `pub${seq}`,
    village: VILLAGE,
    content,
    publishedAt: new Date(Date.UTC(2026, 9, 10, 2, seq)).toISOString(),
    sample: false,
    source: { filename: 'ledger.csv', format: 'csv' },
  });
  return (await store.publish(input)).publication;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cunwu-live-thread-'));
  out = join(dir, 'site');
  store = await openSqliteStore(join(dir, 'portal.sqlite'));
  await store.replaceDivisions(DIVISIONS);
  const parsed = parseConfig({ PORTAL_DATA_DIR: dir, PORTAL_BASE_URL: 'http://portal.test', PORTAL_REGION: '430800' }, process.cwd());
  if (!parsed.ok) throw new Error(parsed.message);
  config = parsed.config;
  thread = startLiveBuildThread({ store: { kind: 'sqlite', file: join(dir, 'portal.sqlite') }, config, outDir: out, serverEntry: join(process.cwd(), 'dist/server/entry.mjs') });
});

afterAll(async () => {
  await thread?.close();
  await store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the page thread', () => {
  it("builds a version's pages from the stored copy, and a correction's pages name the newest version", async () => {
    const v1 = await publish(financeContent('2026-Q3', [{ summary: '支付保洁员工资', expense: 210_000 }]));
    const first = await thread.rebuildForPublication(v1);
    expect(first.files).toBeGreaterThan(0);
    expect(readFileSync(join(out, 'v', VILLAGE, 'p', v1.id, 'index.html'), 'utf8')).toContain('2,100.00');

    const v2 = await publish(financeContent('2026-Q3', [{ summary: '支付保洁员工资', expense: 250_000 }]));
    // several asked before any is done
    await Promise.all([thread.rebuildForPublication(v1), thread.rebuildForPublication(v2), thread.rebuildVillages([VILLAGE])]);
    const village = readFileSync(join(out, 'v', VILLAGE, 'index.html'), 'utf8');
    expect(village).toContain(`/v/${VILLAGE}/p/${v2.id}/`);
    expect(readFileSync(join(out, 'v', VILLAGE, 'p', v1.id, 'index.html'), 'utf8')).toContain(v2.id);
  });

  it('rebuilds villages and reports how many', async () => {
    const result = await thread.rebuildVillages([VILLAGE, '999999999999']);
    expect(result.villages).toBe(1);
    expect(existsSync(join(out, 'v', VILLAGE, 'index.html'))).toBe(true);
  });

  it('rebuilds the power lists', async () => {
    expect((await thread.rebuildPowerLists()).files).toBeGreaterThan(1);
    expect(readFileSync(join(out, 'power', 'index.html'), 'utf8')).toContain('小微权力清单');
  });

  it('fails a rebuild it cannot do with the reason, and keeps serving the next', async () => {
    const ghost = { ...(await store.getPublication('pub1'))!, id: 'no-such-publication' };
    await expect(thread.rebuildForPublication(ghost)).rejects.toThrow(/no-such-publication is not stored/);
    expect((await thread.rebuildVillages([VILLAGE])).villages).toBe(1);
  });
});
