import { generateKeyPairSync } from 'node:crypto';
import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifierKey, type NoteSigner } from '../../data/log/signed-note.ts';
import { createDataTwins } from '../../ingest/data-twins.ts';
import { logRoutes } from '../../ingest/routes/log.ts';
import { MATOUXI, bearer, postRaw, testApp, type TestApp } from '../../ingest/test-support.ts';
import type { Store } from '../../data/store/store.ts';
import { roadMatter } from '../../data/decisions/checks/test-records.ts';
import { countyProjectThreshold } from '../../data/power/test-catalogues.ts';
import { townshipSummary } from '../../data/store/summary-contract.ts';
import { photoMatches } from './verify-publications.ts';
import { ledgerVersion } from '../../test/support/ledger-versions.ts';
import { describeVerifyFinding, verifyPortal } from './verify.ts';

// The checks that need no tampering with a database: keys, signatures, saved checkpoints. The
// tampering cases run against a real portal in test/e2e/verify.test.ts.

const ORIGIN = 'cunwu.example.cn/log';
const URL_ = 'https://cunwu.example.cn';
const portals: TestApp[] = [];
afterEach(async () => {
  for (const t of portals.splice(0)) await t.cleanup();
});

let signer: NoteSigner;
beforeEach(() => {
  signer = { name: ORIGIN, key: generateKeyPairSync('ed25519').privateKey };
});

/** Serves a path differently (an attacker's portal, a moved page), or passes it on. */
type Tweak = (path: string, next: () => Promise<Response>, served: (path: string) => Promise<Response>) => Promise<Response>;

/** A portal with `n` ledger versions, answering through `fetch` as if on the network. */
async function portal(n: number, options: { key?: NoteSigner; log?: (store: Store) => Store; tweak?: Tweak } = {}) {
  const t = await testApp();
  portals.push(t);
  for (let i = 0; i < n; i++) {
    const res = await postRaw(t, MATOUXI, 'kind=finance', ledgerVersion(i), { ...bearer(t.tokens.matouxi), 'content-type': 'text/csv' });
    expect(res.status).toBe(201);
  }
  const app = new Hono();
  app.route('/', logRoutes({ store: options.log ? options.log(t.store) : t.store, signer: options.key ?? signer }));
  app.route('/', createDataTwins(t.store, t.config));
  app.route('/', t.app);
  const served = (path: string) => Promise.resolve(app.request(path));
  const fetchFn = ((input: string | URL | Request) => {
    const path = String(input).slice(URL_.length);
    return options.tweak ? options.tweak(path, () => served(path), served) : served(path);
  }) as typeof fetch;
  const ids = async () => (await t.store.listPublications(MATOUXI)).map((p) => p.id).reverse();
  return { t, fetch: fetchFn, ids, checkpoint: async () => (await app.request('/log/checkpoint')).text() };
}

/** The store as a portal whose log holds only its first `size` leaves, while every record is still served. */
function logCutTo(size: number) {
  return (store: Store): Store => {
    const cut: Store = Object.create(store) as Store;
    cut.logSize = async () => Math.min(size, await store.logSize());
    cut.logLeaves = async (from, to) => store.logLeaves(from, Math.min(to, size));
    return cut;
  };
}

const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });

describe('verifyPortal on 四议两公开 matters and power lists', () => {
  it('checks every entry of a matter and every power-list version, and names an entry served other than logged', async () => {
    const p = await portal(1);
    await p.t.store.recordDecisions([{ ...roadMatter(), village: MATOUXI }], '2026-10-12T08:00:00.000Z');
    await p.t.store.publishCatalogue(countyProjectThreshold('430802', 20), '2026-10-12T08:00:00.000Z');
    const honest = await verifyPortal({ url: URL_, fetch: p.fetch, key: verifierKey(ORIGIN, signer.key) });
    expect(honest.findings).toEqual([]);
    expect([honest.decisions, honest.powerCatalogues]).toEqual([1, 1]);

    // a portal that serves a vote count other than the one it logged
    const forged = await portal(1, {
      tweak: async (path, next) => {
        const res = await next();
        if (path !== '/api/v1/decisions/1') return res;
        const body = (await res.json()) as { matter: { entries: Array<{ entry: string; value: { step?: string; votesFor?: number } }> } };
        for (const e of body.matter.entries) if (e.value.step === 'party-members-meeting') e.value.votesFor = 30;
        return json(body);
      },
    });
    await forged.t.store.recordDecisions([{ ...roadMatter(), village: MATOUXI }], '2026-10-12T08:00:00.000Z');
    const report = await verifyPortal({ url: URL_, fetch: forged.fetch, key: verifierKey(ORIGIN, signer.key) });
    expect(report.findings).toEqual([expect.objectContaining({ kind: 'audit', finding: expect.objectContaining({ kind: 'record-mismatch', record: 'decision', id: '1', fields: ['sha256'] }) })]);
  });
});

describe('verifyPortal on region summary tables', () => {
  it('checks every version of each region’s summary tables the log names, and names one served other than logged', async () => {
    const p = await portal(1);
    await p.t.store.publishSummary(townshipSummary(100), '2026-10-12T08:00:00.000Z');
    await p.t.store.publishSummary(townshipSummary(200), '2026-10-13T08:00:00.000Z');
    const honest = await verifyPortal({ url: URL_, fetch: p.fetch, key: verifierKey(ORIGIN, signer.key) });
    expect(honest.findings).toEqual([]);
    expect(honest.regionSummaries).toBe(2);

    // a portal that serves a township's table with a row changed after it was logged
    const forged = await portal(1, {
      tweak: async (path, next) => {
        const res = await next();
        if (path !== '/api/v1/regions/430802108/summaries') return res;
        const body = (await res.json()) as { summaries: Array<{ document: { rows: Array<{ amount: number }>; total: number } }> };
        body.summaries[0]!.document.rows[0]!.amount += 100;
        body.summaries[0]!.document.total += 100;
        return json(body);
      },
    });
    await forged.t.store.publishSummary(townshipSummary(100), '2026-10-12T08:00:00.000Z');
    const report = await verifyPortal({ url: URL_, fetch: forged.fetch, key: verifierKey(ORIGIN, signer.key) });
    expect(report.findings).toEqual([expect.objectContaining({ kind: 'audit', finding: expect.objectContaining({ kind: 'record-mismatch', record: 'region-summary', id: '430802108', seq: 1, fields: ['sha256'] }) })]);
  });
});

describe('verifyPortal', () => {
  it('finds nothing wrong with an honest portal, and hands back the checkpoint to save', async () => {
    const p = await portal(2);
    const report = await verifyPortal({ url: URL_, fetch: p.fetch, key: verifierKey(ORIGIN, signer.key) });
    expect(report.findings).toEqual([]);
    expect(report.checkpoint?.size).toBe(2);
    expect(report.note).toBe(await p.checkpoint());
    expect(report.publications).toBe(2);
  });

  it('trusts the pinned key over the served one: a portal that switched keys fails the signature and says the key changed', async () => {
    const pinned = verifierKey(ORIGIN, generateKeyPairSync('ed25519').privateKey);
    const p = await portal(1);
    const report = await verifyPortal({ url: URL_, fetch: p.fetch, key: pinned });
    expect(report.findings.map((f) => f.kind)).toEqual(['key-changed', 'bad-checkpoint']);
    expect(report.checkpoint).toBeNull();
    expect(report.findings.map(describeVerifyFinding).join('\n')).toContain('检查点签名无效');
  });

  it('reports a log shorter than the checkpoint saved from it', async () => {
    const before = await portal(3);
    const saved = await before.checkpoint();
    const after = await portal(1); // the same key, a log started again
    const report = await verifyPortal({ url: URL_, fetch: after.fetch, saved });
    expect(report.findings).toContainEqual({ kind: 'log-shrank', saved: 3, size: 1 });
  });

  it('refuses a saved checkpoint signed by another key rather than trusting it', async () => {
    const other = await portal(1, { key: { name: ORIGIN, key: generateKeyPairSync('ed25519').privateKey } });
    const p = await portal(1);
    const report = await verifyPortal({ url: URL_, fetch: p.fetch, saved: await other.checkpoint() });
    expect(report.findings.map((f) => f.kind)).toEqual(['bad-saved-checkpoint']);
  });

  it('says when the portal cannot be reached', async () => {
    const failing = (() => Promise.reject(new Error('connect ECONNREFUSED'))) as typeof fetch;
    const report = await verifyPortal({ url: URL_, fetch: failing });
    expect(report.findings).toEqual([{ kind: 'unreachable', url: `${URL_}/log/key`, detail: 'connect ECONNREFUSED' }]);
  });
  it('fails a first run against an emptied log while versions are served, naming each one', async () => {
    const p = await portal(2, { log: logCutTo(0) });
    const [v1, v2] = await p.ids();
    const report = await verifyPortal({ url: URL_, fetch: p.fetch });
    expect(report.checkpoint?.size).toBe(0);
    expect(report.findings).toEqual([
      { kind: 'audit', finding: { kind: 'publication-not-logged', publication: v1 } },
      { kind: 'audit', finding: { kind: 'publication-not-logged', publication: v2 } },
    ]);
    expect(describeVerifyFinding(report.findings[0]!)).toBe(`公开记录 ${v1} 不在日志中 / publication ${v1} is not in the log`);
  });

  it('fails a first run against a truncated log, naming the version past its end', async () => {
    const p = await portal(3, { log: logCutTo(2) });
    const ids = await p.ids();
    const report = await verifyPortal({ url: URL_, fetch: p.fetch });
    expect(report.checkpoint?.size).toBe(2);
    expect(report.findings).toEqual([{ kind: 'audit', finding: { kind: 'publication-not-logged', publication: ids[2] } }]);
  });

  it('names a version a village lists that the index leaves out', async () => {
    const p = await portal(2, {
      tweak: async (path, next) => {
        const res = await next();
        if (path !== `/log/publications/${MATOUXI}.json`) return res;
        const doc = (await res.json()) as { village: string; versions: unknown[] };
        return json({ ...doc, versions: doc.versions.slice(1) });
      },
    });
    const [v1] = await p.ids();
    const report = await verifyPortal({ url: URL_, fetch: p.fetch });
    expect(report.findings).toEqual([{ kind: 'not-in-index', publication: v1, url: `/v/${MATOUXI}/p/${v1}/` }]);
  });

  it('fails when the portal publishes no index, instead of trusting the log alone', async () => {
    const p = await portal(1, { tweak: (path, next) => (path === '/log/publications.json' ? Promise.resolve(new Response('not found', { status: 404 })) : next()) });
    const [v1] = await p.ids();
    const report = await verifyPortal({ url: URL_, fetch: p.fetch });
    expect(report.findings).toEqual([
      { kind: 'unreadable', url: `${URL_}/log/publications.json`, detail: 'HTTP 404' },
      { kind: 'not-in-index', publication: v1, url: `/v/${MATOUXI}/p/${v1}/` },
    ]);
  });

  it('does not follow an index that sends it to another host', async () => {
    const requested: string[] = [];
    const p = await portal(1, {
      tweak: async (path, next) => {
        requested.push(path);
        const res = await next();
        if (path !== '/log/publications.json') return res;
        return json({ villages: [{ village: MATOUXI, url: '//elsewhere.example/log.json' }] });
      },
    });
    const report = await verifyPortal({ url: URL_, fetch: p.fetch });
    expect(report.findings).toEqual([
      { kind: 'unreadable', url: `${URL_}/log/publications.json`, detail: 'villages.0.url: a path on the portal, starting with one /' },
      expect.objectContaining({ kind: 'not-in-index' }),
    ]);
    expect(requested.some((r) => r.includes('elsewhere'))).toBe(false);
  });

  it('reports a version served at another address as moved, not gone, and checks it there', async () => {
    let moved = '';
    const p = await portal(2, {
      tweak: async (path, next, served) => {
        if (path === `/archive/${moved}/index.json`) return served(`/v/${MATOUXI}/p/${moved}/index.json`);
        if (path === `/v/${MATOUXI}/p/${moved}/index.json`) return new Response('gone', { status: 404 });
        const res = await next();
        if (path !== `/log/publications/${MATOUXI}.json`) return res;
        const doc = (await res.json()) as { village: string; versions: Array<{ id: string; url: string }> };
        return json({ ...doc, versions: doc.versions.map((v) => (v.id === moved ? { ...v, url: `/archive/${moved}/` } : v)) });
      },
    });
    moved = (await p.ids())[0]!;
    const report = await verifyPortal({ url: URL_, fetch: p.fetch });
    expect(report.findings).toEqual([]);
    expect(report.publications).toBe(2);
    expect(report.moved).toEqual([{ publication: moved, loggedVillage: MATOUXI, servedVillage: MATOUXI, url: `/archive/${moved}/` }]);
  });

  it('names a complaint listed publicly whose first step is not in the log', async () => {
    const p = await portal(0, {
      tweak: async (path, next) => {
        const res = await next();
        if (!path.startsWith('/open311/v2/requests.json?service_request_id=1,')) return res;
        const listed = (await res.json()) as unknown[];
        return json([...listed, { service_request_id: '42', status: 'open' }]);
      },
    });
    const filed = await fileComplaint(p.t, '村道硬化的款项什么时候公示？');
    expect(filed.status).toBe(201);
    const report = await verifyPortal({ url: URL_, fetch: p.fetch });
    expect(report.complaints).toBe(2);
    expect(report.findings).toEqual([{ kind: 'complaint-not-logged', complaint: '42' }]);
  });

  it('recomputes every step of a complaint from its tracking code, and names a step whose shown text differs from its hash', async () => {
    let code = '';
    let edit = false;
    const p = await portal(0, {
      tweak: async (path, next) => {
        const res = await next();
        if (!edit || !path.startsWith('/api/v1/complaints/')) return res;
        const body = (await res.json()) as { complaint: { text: string } };
        return json({ ...body, complaint: { ...body.complaint, text: `${body.complaint.text}（已改）` } });
      },
    });
    const filed = await fileComplaint(p.t, '村道硬化的款项什么时候公示？');
    code = ((await filed.json()) as { complaint: { trackingCode: string } }).complaint.trackingCode;
    const clean = await verifyPortal({ url: URL_, fetch: p.fetch, trackingCodes: [code] });
    expect(clean.findings).toEqual([]);
    expect(clean.complaintSteps).toBe(1);
    edit = true;
    const edited = await verifyPortal({ url: URL_, fetch: p.fetch, trackingCodes: [code.toLowerCase()] });
    expect(edited.complaintSteps).toBe(0);
    expect(edited.findings).toEqual([{ kind: 'complaint-step', complaint: '1', seq: 1, problem: 'mismatch', index: 0 }]);
  });

  it('recomputes a complaint staff recorded with its channel, intake and 小微权力 item, and names a step whose item was changed', async () => {
    let edit = false;
    const p = await portal(0, {
      tweak: async (path, next) => {
        const res = await next();
        if (!edit || !path.startsWith('/api/v1/complaints/')) return res;
        const body = (await res.json()) as { complaint: { intake: Record<string, unknown> } };
        return json({ ...body, complaint: { ...body.complaint, intake: { ...body.complaint.intake, powerItem: 'financial-disclosure' } } });
      },
    });
    const res = await p.t.app.request('/api/v1/staff/complaints', {
      method: 'POST',
      headers: { ...bearer(p.t.tokens.township), 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'phone', heardAt: '2026-10-11T20:15', powerItem: 'subsidy-payout', complaint: { village: MATOUXI, category: '惠农补贴', text: '三组有几户耕地补贴没发。' } }),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const { trackingCode: code, complaint } = (await res.json()) as { trackingCode: string; complaint: { publicId: string } };
    // and a 确定 step correcting the item, recomputed from what the tracking page shows as well
    const corrected = await p.t.app.request(`/api/v1/staff/complaints/${complaint.publicId}/events`, {
      method: 'POST',
      headers: { ...bearer(p.t.tokens.township), 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'classify', powerItem: 'income-receipt' }),
    });
    expect(corrected.status).toBe(200);
    const clean = await verifyPortal({ url: URL_, fetch: p.fetch, trackingCodes: [code] });
    expect(clean.findings).toEqual([]);
    expect(clean.complaintSteps).toBe(2);
    edit = true;
    const edited = await verifyPortal({ url: URL_, fetch: p.fetch, trackingCodes: [code] });
    expect(edited.findings).toEqual([{ kind: 'complaint-step', complaint: '1', seq: 1, problem: 'mismatch', index: 0 }]);
  });

  it('says a step shown with a masked number cannot be recomputed, without calling it a mismatch', async () => {
    const p = await portal(0, {
      tweak: async (path, next) => {
        const res = await next();
        if (!path.startsWith('/api/v1/complaints/')) return res;
        const body = (await res.json()) as { complaint: { text: string } };
        return json({ ...body, complaint: { ...body.complaint, text: body.complaint.text.replace('2026', '2****6') } });
      },
    });
    const filed = await fileComplaint(p.t, '2026年的补贴什么时候发放？');
    const code = ((await filed.json()) as { complaint: { trackingCode: string } }).complaint.trackingCode;
    const report = await verifyPortal({ url: URL_, fetch: p.fetch, trackingCodes: [code] });
    expect(report.findings).toEqual([]);
    expect(report.maskedSteps).toEqual([{ complaint: '1', seq: 1 }]);
  });

  it('checks a step taken down against its takedown leaf instead of its hidden words', async () => {
    let shown: { reason: string; at: string; logIndex: number } | null = null;
    const p = await portal(0, {
      tweak: async (path, next) => {
        const res = await next();
        if (!shown || !path.startsWith('/api/v1/complaints/')) return res;
        // the tracking view of a step taken down: its words replaced, the takedown beside it
        const body = (await res.json()) as { complaint: { text: string; events: Array<Record<string, unknown>> } };
        const events = body.complaint.events.map((e, i) => (i === 0 ? { ...e, takenDown: shown } : { ...e, takenDown: null }));
        return json({ ...body, complaint: { ...body.complaint, text: `已撤下（原因：${shown.reason}）`, events } });
      },
    });
    const filed = await fileComplaint(p.t, '我的电话写错了，请撤下这一条。');
    const code = ((await filed.json()) as { complaint: { trackingCode: string } }).complaint.trackingCode;
    const down = await p.t.store.takeDownComplaintStep('1', 1, '误写了手机号 / a phone number by mistake', '2026-10-12T09:00:00.000Z');
    expect(down.kind).toBe('taken-down');
    if (down.kind !== 'taken-down') return;
    shown = { reason: down.takedown.reason, at: down.takedown.at, logIndex: down.takedown.logIndex };
    const report = await verifyPortal({ url: URL_, fetch: p.fetch, trackingCodes: [code] });
    expect(report.findings).toEqual([]);
    expect(report.complaintStepsTakenDown).toBe(1);

    shown = { ...shown, reason: '另一个原因' };
    const forged = await verifyPortal({ url: URL_, fetch: p.fetch, trackingCodes: [code] });
    expect(forged.findings).toEqual([{ kind: 'complaint-step', complaint: '1', seq: 1, problem: 'takedown-mismatch', index: down.takedown.logIndex }]);
  });

  it('checks flags the public list names even when the log does not', async () => {
    const flag = { id: '77', village: MATOUXI, rule: 'late-disclosure', events: [{ seq: 1, at: '2026-10-01T00:00:00.000Z', actor: '系统', type: 'raised', sha256: '0'.repeat(64) }] };
    const p = await portal(1, {
      tweak: (path, next) => {
        if (path.startsWith('/api/v1/flags?')) return Promise.resolve(json({ ok: true, capped: false, flags: [{ id: '77' }] }));
        if (path === '/api/v1/flags/77') return Promise.resolve(json({ ok: true, flag }));
        return next();
      },
    });
    const report = await verifyPortal({ url: URL_, fetch: p.fetch });
    expect(report.findings).toEqual([{ kind: 'audit', finding: { kind: 'record-not-logged', record: 'flag', id: '77', seq: 1 } }]);
  });

  it('knows a photo by the SHA-256 of its bytes', () => {
    const bytes = new TextEncoder().encode('abc');
    // SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
    expect(photoMatches('ba7816bf8f01cfea414140de', bytes)).toEqual({ ok: true, actual: 'ba7816bf8f01cfea414140de' });
    expect(photoMatches('ba7816bf8f01cfea414140df', bytes)).toEqual({ ok: false, actual: 'ba7816bf8f01cfea414140de' });
    expect(photoMatches('ba7816bf', bytes).ok).toBe(false);
  });
});

function fileComplaint(t: TestApp, text: string): Promise<Response> {
  return Promise.resolve(
    t.app.request('/api/v1/complaints', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ village: MATOUXI, category: '财务公开', text, anonymous: true }) }),
  );
}
