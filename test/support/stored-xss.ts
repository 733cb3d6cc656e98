import { generateToken, hashToken, newTokenId } from '../../data/token.ts';
import type { PortalFixture } from './portal-fixture.ts';

/**
 * Stored-XSS payloads put into every text field a portal user controls (issue 6, hardening):
 * publications uploaded as JSON through the API (finance, subsidy, project), a complaint about
 * one of their rows, and the staff workflow on it (department, reply, resolution, reason,
 * villager feedback) done with a token whose name — shown as the actor — is a payload too.
 * Shared by test/e2e/xss.test.ts (the HTML) and test/browser/xss.test.ts (Chromium).
 */
export const PAYLOADS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '</textarea><svg onload=alert(1)>',
  '{{7*7}}',
  '${7*7}',
] as const;

/** Every payload in one string. */
export const ALL = PAYLOADS.join(' ');

/** What a spreadsheet would run as a formula (and the CSV twins must neutralise). */
export const FORMULAS = ['=HYPERLINK("http://evil.example/","点我")', '+1+1', '-2+3', '@SUM(A1:A2)', '\t=1+1', '\r=1+1'] as const;

export const MATOUXI = '430802108214';
export const LONGGANG = '430821211227';

export interface StoredXss {
  finance: string;
  subsidy: string;
  project: string;
  /** the complaint about row 3 of the finance ledger, with the whole staff workflow on it */
  trackingCode: string;
  /** the row of the finance ledger the complaint is about */
  row: number;
  /** the name of the staff token (the actor in the complaint's history) */
  actor: string;
}

/** A finance ledger as JSON (the upload's body) with payloads and formulas in every text field. */
export function financePayloads() {
  return {
    title: `财务公开 ${ALL}`,
    period: '2026-Q3',
    openingBalance: 100_000,
    notes: [...PAYLOADS, ...FORMULAS],
    entries: [
      ...PAYLOADS.map((p, i) => ({ date: '2026-07-01', voucher: p, summary: `摘要${i} ${p}`, account: p, income: 1_000 * (i + 1), expense: 0, balance: null, remark: p })),
      ...FORMULAS.map((f, i) => ({ date: '2026-07-02', voucher: f, summary: f, account: f, income: 0, expense: 100 * (i + 1), balance: null, remark: f })),
      { date: null, voucher: 'javascript:alert(1)', summary: 'javascript:alert(1)', account: null, income: 1, expense: 0, balance: null, remark: 'javascript:alert(1)' },
    ],
  };
}

/** Publishes the three payload publications, files the complaint and walks it through the workflow. */
export async function storeXssPayloads(portal: PortalFixture): Promise<StoredXss> {
  const finance = await publish(portal, MATOUXI, 'finance', '2026-Q3', financePayloads());
  const subsidy = await publish(portal, MATOUXI, 'subsidy', '2026', {
    title: `补贴名册 ${ALL}`,
    programme: `补贴项目 ${ALL}`,
    period: '2026',
    notes: [...PAYLOADS],
    rows: [...PAYLOADS, ...FORMULAS].map((p, i) => ({
      seq: p,
      name: `户主${i} ${p}`,
      quantity: '1.00',
      unit: p,
      amount: 10_000,
      channel: p,
      remark: p,
    })),
  });
  const project = await publish(portal, LONGGANG, 'project', '2026', {
    title: `工程公示 ${ALL}`,
    period: '2026',
    notes: [...PAYLOADS],
    projects: [...PAYLOADS, ...FORMULAS].map((p, i) => ({
      name: `工程${i} ${p}`,
      location: p,
      fundingSource: p,
      budget: 500_000,
      contractAmount: 400_000,
      contractor: p,
      procurementMethod: p,
      progress: `在建 ${p}`,
      amountPaid: 100_000,
      remark: p,
    })),
  });

  const row = 3;
  const filed = await portal.app.request('/api/v1/complaints', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ village: MATOUXI, category: '财务公开', text: `反映内容 ${ALL}`, publicationId: finance, row, contact: { name: '"><img src=x>' } }),
  });
  if (filed.status !== 201) throw new Error(`filing the complaint failed: ${filed.status} ${await filed.text()}`);
  const trackingCode = ((await filed.json()) as { complaint: { trackingCode: string } }).complaint.trackingCode;

  // The staff token's name is what the history shows as the actor.
  const actor = `镇纪委 ${ALL}`;
  const clear = generateToken();
  await portal.store.createToken({ id: newTokenId(), hash: hashToken(clear), scope: MATOUXI.slice(0, 9), name: actor, createdAt: new Date().toISOString() });
  // Staff act by the public number; only the villager's feedback goes by the tracking code.
  const publicId = (await portal.store.getComplaint(trackingCode.replace('-', '')))?.publicId;
  const act = async (path: string, body: unknown, auth: boolean) => {
    const res = await portal.app.request(auth ? `/api/v1/staff/complaints/${publicId}/${path}` : `/api/v1/complaints/${trackingCode}/${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(auth ? { Authorization: `Bearer ${clear}` } : {}) },
      body: JSON.stringify(body),
    });
    if (res.status !== 200) throw new Error(`${path} ${JSON.stringify(body)} failed: ${res.status} ${await res.text()}`);
  };
  await act('events', { type: 'dispatch', department: '"><img src=x onerror=alert(1)> <script>alert(1)</script>' }, true);
  await act('events', { type: 'reply', text: `答复 ${ALL}` }, true);
  await act('events', { type: 'close', resolution: `办结 ${ALL}` }, true);
  await act('feedback', { satisfied: false, comment: `不满意 ${ALL}` }, false);
  await act('events', { type: 'dispatch', department: '</textarea><svg onload=alert(1)> {{7*7}} ${7*7}' }, true);
  await act('events', { type: 'reply', text: `再次答复 ${ALL}` }, true);
  await act('events', { type: 'reopen', reason: `重新办理 ${ALL}` }, true);
  await portal.pages.flush();
  return { finance, subsidy, project, trackingCode, row, actor };
}

// ——— private helpers ———

async function publish(portal: PortalFixture, village: string, kind: string, period: string, body: unknown): Promise<string> {
  const res = await portal.app.request(`/api/v1/villages/${village}/publications?kind=${kind}&period=${period}`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${await portal.token(village)}`,
      'Content-Type': 'application/json',
      // the source file's name is published with the record
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent('"><img src=x onerror=alert(1)>.json')}`,
    },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`publishing the ${kind} payloads failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { publication: { id: string } }).publication.id;
}
