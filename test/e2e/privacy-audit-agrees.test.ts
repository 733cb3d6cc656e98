import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPersonalNumbers } from '../../data/privacy/personal-number-scan.ts';
import { compactDigits, plantedNumber, type PlantedNumber } from '../../data/privacy/written-numbers-test-support.ts';
import { FIXTURES, MATOUXI } from '../../ingest/test-support.ts';
import { auditPortal } from '../../scripts/lib/privacy-audit.ts';
import { openPortalFixture, type PortalFixture } from '../support/portal-fixture.ts';

// Two independent checks must agree on the same portal: the audit (which recognises numbers as
// the guard does) and a plain digit search (which knows nothing of how numbers are written). The
// ledger from the field is uploaded with numbers in every written form typed into its summaries
// and its footer, a complaint repeats them; afterwards neither check may find one of them anywhere
// a visitor can read. The numbers are drawn from the property tests' arbitraries with a fixed seed,
// so a failure names the same numbers every run.
const PLANTED: PlantedNumber[] = fc.sample(plantedNumber, { numRuns: 16, seed: 20261206 });

describe('the audit and the digit search agree on a portal fed numbers in every written form', () => {
  let portal: PortalFixture;
  let publicationId: string;
  const responses: string[] = [];

  beforeAll(async () => {
    portal = await openPortalFixture();
    const res = await portal.app.request(`/api/v1/villages/${MATOUXI}/publications?kind=finance`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${await portal.token(MATOUXI)}`, 'Content-Type': 'text/csv; charset=utf-8' },
      body: ledgerWithNumbers(PLANTED),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    publicationId = ((await res.json()) as { publication: { id: string } }).publication.id;
    const complaint = await portal.app.request('/api/v1/complaints', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ village: MATOUXI, category: '财务公开', text: `账上写的号码：${PLANTED.map((p) => p.written).join('；')}` }),
    });
    expect(complaint.status, await complaint.clone().text()).toBe(201);
    const code = ((await complaint.json()) as { complaint: { trackingCode: string } }).complaint.trackingCode;
    await portal.pages.flush();
    for (const path of [`/api/v1/publications/${publicationId}`, `/v/${MATOUXI}/p/${publicationId}/index.json`, `/api/v1/complaints/${code}`, `/v/${MATOUXI}/index.json`]) {
      const got = await portal.app.request(path);
      expect(got.status, path).toBe(200);
      responses.push(await got.text());
    }
  }, 120_000);
  afterAll(async () => {
    await portal?.cleanup();
  });

  it('plants numbers the audit would report, in every kind', () => {
    expect(new Set(PLANTED.map((p) => p.kind))).toEqual(new Set(['id-number', 'mobile', 'landline', 'bank-card']));
    for (const p of PLANTED) expect(findPersonalNumbers(`备注 ${p.written} 。`).map((f) => f.kind), p.written).toEqual([p.kind]);
  });

  it('published the ledger with the numbers masked, not refused or dropped', () => {
    const twin = responses[1] as string;
    expect(twin).toContain('联系');
    expect(twin).toMatch(/\*{4}/);
  });

  it('the audit finds no unmasked number in the built site or the responses', async () => {
    const report = await auditPortal({ config: portal.config, folders: [{ dir: portal.siteDir, label: 'site/' }], app: portal.app, store: portal.store });
    expect(report.findings).toEqual([]);
    expect(report.complaints).toBe(1);
  });

  it('the digit search finds none of the planted numbers in any built file or response', () => {
    const texts = [...filesUnder(portal.siteDir).map((f) => ({ where: f, text: readFileSync(f, 'utf8') })), ...responses.map((text, i) => ({ where: `response ${i}`, text }))];
    expect(texts.length).toBeGreaterThan(10);
    const leaks = texts.flatMap(({ where, text }) => {
      const digits = compactDigits(text).toUpperCase();
      return PLANTED.filter((p) => digits.includes(p.digits.toUpperCase())).map((p) => `${where}: ${p.kind}`);
    });
    expect(leaks).toEqual([]);
  });
});

/** The 马头溪村 ledger (GBK, from the field) re-encoded as UTF-8, a number typed into each summary and the footer. */
function ledgerWithNumbers(planted: PlantedNumber[]): string {
  const lines = new TextDecoder('gbk').decode(FIXTURES.finance).split(/\r?\n/);
  let next = 0;
  const take = () => planted[next++ % planted.length] as PlantedNumber;
  const out = lines.map((line) => {
    // an entry row starts with its date and has a voucher (the opening balance has none); date
    // and voucher hold no commas, the summary is third
    const [date, voucher, summary, ...rest] = line.split(',');
    if (!/^\d{4}/.test(line) || !voucher || next >= planted.length) return line;
    return [date, voucher, `"${summary}，联系 ${take().written}"`, ...rest].join(',');
  }).filter((l) => l.length > 0);
  // the footer (监督电话…) is the last line; the rest go after it, in the same cell
  const rest = planted.slice(next).map((p) => p.written).join(' ');
  out[out.length - 1] = `${out[out.length - 1]} 经办人 ${rest}`;
  return out.join('\n') + '\n';
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(html|json|txt|xml|csv)$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}
