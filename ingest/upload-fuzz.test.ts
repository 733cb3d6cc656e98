import iconv from 'iconv-lite';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_ID_MASK } from '../data/personal-data.ts';
import { pick, rng, type Rng } from '../data/demo/seeded-random.ts';
import { encodeText, mutateBytes, mutateCsvText, mutateJson } from '../data/import/fuzz-mutations.ts';
import { importPublication } from '../data/import/import-publication.ts';
import { mutateXlsxParts, mutateZipStructure } from '../data/import/xlsx-mutations.ts';
import { sampleParts } from '../data/import/zip-test-support.ts';
import { PublicationContent, type PublicationKind } from '../data/publication.ts';
import { bearer, FIXTURE_NAMES, FIXTURES, KANGJIAPING, LONGGANG, MATOUXI, testApp, XLSX_TYPE, type TestApp } from './test-support.ts';

/**
 * 400 seeded, mutated uploads through the whole HTTP stack: mutated files, lying names and
 * types, raw and multipart bodies, photos (some broken, some pixel bombs), dry runs and reused
 * idempotency keys. No response may be a 500 (or any status the API does not document for an
 * upload), and afterwards the store must hold exactly the publications answered with 201:
 * nothing half-published by a request that failed, nothing lost from one that succeeded.
 */

const UPLOADS = 400;
const SEED = 6_0601;
const DOCUMENTED = new Set([200, 201, 400, 413, 415, 422]);

let t: TestApp;
let photos: { png: Uint8Array; jpeg: Uint8Array; bomb: Uint8Array };
const jsonBodies = new Map<PublicationKind, unknown>();
const parts = sampleParts();

beforeAll(async () => {
  // The red-flag rules run after every upload, as on the server: mutated data must not break them either.
  t = await testApp({ flags: true });
  const png = new Uint8Array(await sharp({ create: { width: 40, height: 30, channels: 3, background: '#2a6' } }).png().toBuffer());
  const jpeg = new Uint8Array(await sharp({ create: { width: 40, height: 30, channels: 3, background: '#a62' } }).jpeg().toBuffer());
  photos = { png, jpeg, bomb: JPEG_BOMB };
  for (const [kind, bytes, format] of [
    ['finance', FIXTURES.finance, 'csv'],
    ['subsidy', FIXTURES.subsidy, 'csv'],
    ['project', FIXTURES.project, 'xlsx'],
    ['contract', FIXTURES.contract, 'csv'],
  ] as const) {
    const result = await importPublication({ bytes, format, kind, idMask: DEFAULT_ID_MASK });
    if (!result.ok) throw new Error(`the ${kind} sample does not import`);
    const { kind: _kind, ...body } = result.content;
    jsonBodies.set(kind, body);
  }
});
afterAll(async () => {
  await t?.cleanup();
});

describe('uploads under mutation', () => {
  it(`answers ${UPLOADS} mutated uploads without a 500, and stores exactly the ones answered 201`, async () => {
    const created = new Set<string>();
    const problems: string[] = [];
    // A failure after the 201 (the rules, the rebuild) is only logged: catch it here.
    const logged = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void problems.push(`logged: ${args.map(String).join(' ').slice(0, 300)}`));
    const statuses = new Map<number, number>();
    for (let i = 0; i < UPLOADS; i++) {
      const r = rng(SEED + i * 7_919);
      const steps: string[] = [];
      const request = makeRequest(r, steps);
      let res: Response;
      try {
        res = await t.app.request(request.url, request.init);
      } catch (error) {
        problems.push(`#${i} [${steps.join('; ')}] threw ${String(error)}`);
        continue;
      }
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      const body = (await res.json()) as { publication?: { id?: string } };
      if (!DOCUMENTED.has(res.status)) problems.push(`#${i} [${steps.join('; ')}] answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
      if (res.status === 201 && body.publication?.id) created.add(body.publication.id);
    }
    logged.mockRestore();
    expect(problems.slice(0, 10), `${problems.length} problems`).toEqual([]);

    const stored = [...(await t.store.listPublications(MATOUXI)), ...(await t.store.listPublications(LONGGANG)), ...(await t.store.listPublications(KANGJIAPING))];
    expect(new Set(stored.map((s) => s.id))).toEqual(created);
    expect(new Set(t.published.map((p) => p.id))).toEqual(created);
    for (const summary of stored) {
      const publication = await t.store.getPublication(summary.id);
      expect(PublicationContent.safeParse(publication?.content).success, summary.id).toBe(true);
      // Every photo a stored publication names was stored with it.
      const refs = publication?.content.kind === 'project' ? publication.content.projects.flatMap((p) => p.photos) : [];
      for (const ref of refs) expect(await t.store.getPhoto(ref.id, 'small'), ref.id).not.toBeNull();
    }
    // The mix must exercise success, dry runs and refusals, or it tests nothing.
    expect(created.size, JSON.stringify([...statuses])).toBeGreaterThan(10);
    for (const status of [200, 400, 415, 422]) expect(statuses.get(status) ?? 0, `status ${status}: ${JSON.stringify([...statuses])}`).toBeGreaterThan(0);
  }, 120_000);
});

// ——— helpers ———

const SAMPLES = {
  finance: { village: MATOUXI, token: () => t.tokens.matouxi, name: FIXTURE_NAMES.finance, type: 'text/csv' },
  subsidy: { village: MATOUXI, token: () => t.tokens.matouxi, name: FIXTURE_NAMES.subsidy, type: 'text/csv' },
  project: { village: LONGGANG, token: () => t.tokens.longgang, name: FIXTURE_NAMES.project, type: XLSX_TYPE },
  contract: { village: KANGJIAPING, token: () => t.tokens.county, name: FIXTURE_NAMES.contract, type: 'text/csv' },
} as const;

function makeRequest(r: Rng, steps: string[]): { url: string; init: RequestInit } {
  const kind = pick(r, ['finance', 'subsidy', 'project', 'contract'] as const);
  const sample = SAMPLES[kind];
  const { bytes, name, type } = makeFile(r, kind, steps);
  const params = new URLSearchParams();
  params.set('kind', r() < 0.95 ? kind : pick(r, ['finance', 'subsidy', 'project', 'contract', 'ledger', '']));
  if (r() < 0.15) params.set('period', pick(r, ['2026', '2026-Q3', '2025', 'bad']));
  if (r() < 0.12) params.set('dryRun', pick(r, ['1', 'true', 'maybe']));
  if (kind === 'subsidy' && r() < 0.2) params.set('programme', pick(r, ['耕地地力保护补贴', '补贴 13812345678', 'x'.repeat(120)]));
  const headers: Record<string, string> = bearer(sample.token());
  if (r() < 0.2) headers['idempotency-key'] = pick(r, ['k1', 'k2', 'k3', 'k4', ' ', 'cl\u00e9']);
  steps.push(`kind=${kind} ${params.toString()} key=${headers['idempotency-key'] ?? '-'} file=${name} type=${type} ${bytes.length}B`);

  if (r() < 0.5) {
    headers['content-type'] = type;
    if (r() < 0.5) headers['content-disposition'] = `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;
    steps.push('raw');
    return { url: `/api/v1/villages/${sample.village}/publications?${params}`, init: { method: 'POST', body: bytes as Uint8Array<ArrayBuffer>, headers } };
  }
  const form = new FormData();
  for (const [k, v] of params) form.append(k, v);
  form.append('file', new File([bytes as Uint8Array<ArrayBuffer>], name, { type }));
  if (kind === 'project' && r() < 0.4) {
    const [photo, what] = pick(r, [
      [photos.png, 'png'],
      [photos.jpeg, 'jpeg'],
      [photos.bomb, 'pixel bomb'],
      [mutateBytes(r, photos.jpeg, steps), 'mutated jpeg'],
      [new TextEncoder().encode('GIF89a…'), 'gif'],
    ] as const);
    const field = pick(r, ['photo', 'photo.1', 'photo.2', 'photo.9']);
    form.append(field, new File([photo as Uint8Array<ArrayBuffer>], 'p.jpg', { type: 'image/jpeg' }));
    steps.push(`${field}=${what}`);
  }
  steps.push('multipart');
  return { url: `/api/v1/villages/${sample.village}/publications`, init: { method: 'POST', body: form, headers } };
}

function makeFile(r: Rng, kind: keyof typeof SAMPLES, steps: string[]): { bytes: Uint8Array; name: string; type: string } {
  const sample = SAMPLES[kind];
  const roll = r();
  if (roll < 0.3) return { bytes: FIXTURES[kind], name: renamed(r, sample.name, steps), type: sample.type };
  if (roll < 0.45) {
    const body = mutateJson(r, jsonBodies.get(kind), steps);
    return { bytes: new TextEncoder().encode(JSON.stringify(body)), name: renamed(r, 'data.json', steps), type: 'application/json' };
  }
  if (kind === 'project') {
    const bytes = r() < 0.6 ? mutateXlsxParts(r, parts, steps) : r() < 0.5 ? mutateZipStructure(r, FIXTURES.project, steps) : mutateBytes(r, FIXTURES.project, steps);
    return { bytes, name: renamed(r, sample.name, steps), type: sample.type };
  }
  const gbk = kind === 'finance' || kind === 'contract';
  const original = gbk ? iconv.decode(Buffer.from(FIXTURES[kind]), 'gbk') : new TextDecoder().decode(FIXTURES.subsidy);
  let bytes = encodeText(r, mutateCsvText(r, original, steps), gbk ? 'gbk' : 'utf-8-bom', steps);
  if (r() < 0.3) bytes = mutateBytes(r, bytes, steps);
  return { bytes, name: renamed(r, sample.name, steps), type: sample.type };
}

/** Mostly the right name; sometimes one that lies about the format. */
function renamed(r: Rng, name: string, steps: string[]): string {
  if (r() < 0.85) return name;
  const lie = name.replace(/\.[a-z]+$/, pick(r, ['.xlsx', '.csv', '.json', '.xls', '.txt', '']));
  steps.push(`named ${lie}`);
  return lie;
}

/** A JPEG that is all header: a start-of-frame claiming 60,000 × 60,000 pixels, then the end. */
const JPEG_BOMB = new Uint8Array([0xff, 0xd8, 0xff, 0xc0, 0x00, 0x11, 0x08, 0xea, 0x60, 0xea, 0x60, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01, 0xff, 0xd9]);
