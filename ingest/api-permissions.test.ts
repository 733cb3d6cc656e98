import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Action } from '../data/accounts/permissions.ts';
import { TOKEN_ACTIONS, tokenAllows, tokenLevel } from '../data/accounts/token-permissions.ts';
import { roadMatter } from '../data/decisions/checks/test-records.ts';
import { newComplaint } from '../data/complaints/complaint-workflow.ts';
import { trackingCodeFrom } from '../data/complaints/tracking-code.ts';
import { countyProjectThreshold } from '../data/power/test-catalogues.ts';
import { layoutFixture } from '../test/support/layout-fixtures.ts';
import { bearer, FIXTURES, MATOUXI, testApp, type TestApp } from './test-support.ts';

// Issue 13: the token half of the permission table (data/accounts/token-permissions.ts) walked
// through the API — every route that acts, for a token at every level, inside and outside its
// scope. The route refuses (403, or 404 where it hides what lies outside) exactly where the table
// does, and lets the request through to its own checks everywhere else.

let t: TestApp;
let n = 0;
const PLACES: Record<ReturnType<typeof tokenLevel> | 'region', { inside: string; outside: string }> = {
  village: { inside: MATOUXI, outside: '430821211227' },
  township: { inside: '430802108', outside: '430821211' },
  wider: { inside: '430802', outside: '430821' },
  region: { inside: '4308', outside: '4309' },
};

beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.cleanup();
});

async function flagId(): Promise<string> {
  n += 1;
  const run = await t.store.applyFlagRun({
    id: `walk-${n}`,
    village: MATOUXI,
    at: new Date().toISOString(),
    trigger: 'manual',
    rules: ['cash-over-limit'],
    findings: [{ finding: { rule: 'cash-over-limit', village: MATOUXI, key: `walk-${n}`, title: '现金支付超过限额', detail: '示例', amount: 600_000, evidence: [], sample: false }, publicFrom: new Date().toISOString() }],
  });
  return run.raised[0]!.id;
}

async function complaintId(): Promise<string> {
  n += 1;
  const filed = await t.store.fileComplaint(newComplaint({ village: MATOUXI, category: '惠农补贴', text: '补贴没有发到户。', anonymous: true } as never, trackingCodeFrom(Uint8Array.from([n >> 8, n, 5, 5, 5, 5, 0])), new Date().toISOString()));
  return filed.publicId;
}

const post = async (token: string, path: string, body: BodyInit, type = 'application/json', method = 'POST') => t.app.request(path, { method, body, headers: { ...bearer(token), 'content-type': type } });

interface Route {
  name: string;
  action: Action;
  target: string;
  /** what the route answers where the table says no: 403, or 404 where it hides an item outside the scope */
  refusedOutside: 403 | 404;
  request: (token: string) => Promise<Response>;
}

const ROUTES: Route[] = [
  { name: 'publish a ledger', action: 'publish-finance', target: MATOUXI, refusedOutside: 403, request: (tok) => post(tok, `/api/v1/villages/${MATOUXI}/publications?kind=finance&dryRun=1`, FIXTURES.finance, 'text/csv') },
  { name: 'record 四议两公开', action: 'record-decisions', target: MATOUXI, refusedOutside: 403, request: (tok) => post(tok, `/api/v1/villages/${MATOUXI}/decisions?dryRun=1`, JSON.stringify({ records: [] })) },
  {
    name: 'attach evidence',
    action: 'record-decisions',
    target: MATOUXI,
    refusedOutside: 403,
    request: async (tok) => {
      const { matters } = await t.store.recordDecisions([{ ...roadMatter(), village: MATOUXI, subject: `事项${++n}` }], new Date().toISOString());
      return post(tok, `/api/v1/decisions/${matters[0]!.id}/evidence?step=2&kind=other&name=x`, new TextEncoder().encode('%PDF-1.4\n%%EOF\n'), 'application/pdf');
    },
  },
  { name: 'set a county’s thresholds', action: 'set-settings', target: '430802', refusedOutside: 403, request: (tok) => post(tok, '/api/v1/flag-settings/430802', '{}', 'application/json', 'PUT') },
  { name: 'publish a summary table', action: 'publish-summary', target: '430802108', refusedOutside: 403, request: (tok) => post(tok, '/api/v1/regions/430802108/summaries?dryRun=1', new Uint8Array(layoutFixture('summary-township-by-village.csv')), 'text/csv') },
  { name: 'publish a power list', action: 'publish-catalogue', target: '430802', refusedOutside: 403, request: (tok) => post(tok, '/api/v1/power-catalogues?dryRun=1', JSON.stringify(countyProjectThreshold('430802', 20))) },
  { name: 'explain a flag', action: 'explain-flag', target: MATOUXI, refusedOutside: 404, request: async (tok) => post(tok, `/api/v1/flags/${await flagId()}/events`, JSON.stringify({ type: 'explain', text: '这是应急抢修的材料款。' })) },
  { name: 'review a flag', action: 'review-flag', target: MATOUXI, refusedOutside: 404, request: async (tok) => post(tok, `/api/v1/flags/${await flagId()}/events`, JSON.stringify({ type: 'confirm', reason: '属实。' })) },
  { name: 'run the rules', action: 'run-flags', target: MATOUXI, refusedOutside: 403, request: (tok) => post(tok, `/api/v1/flags/run?scope=${MATOUXI}`, '') },
  { name: 'dispatch a complaint', action: 'dispatch-complaint', target: MATOUXI, refusedOutside: 403, request: async (tok) => post(tok, `/api/v1/staff/complaints/${await complaintId()}/events`, JSON.stringify({ type: 'dispatch', department: '王家坪镇民政办' })) },
  {
    name: 'open a round',
    action: 'open-round',
    target: '430802108',
    refusedOutside: 403,
    request: (tok) => post(tok, '/api/v1/rectification/rounds', JSON.stringify({ scope: '430802108', title: '第二轮巡察', team: '区委第二巡察组', start: '2026-09-01', end: '2026-10-31', contact: '0744-8222110' })),
  },
];

describe('the token half of the permission table through the API', () => {
  for (const route of ROUTES) {
    it(`${route.name}: refused exactly where the table refuses, at every level inside and outside the scope`, async () => {
      const outcomes: string[] = [];
      for (const [level, places] of Object.entries(PLACES)) {
        for (const side of ['inside', 'outside'] as const) {
          const scope = places[side];
          const res = await route.request(await t.token(scope));
          const allowed = tokenAllows({ scope }, route.action, route.target).ok;
          const refused = res.status === 403 || (res.status === 404 && route.refusedOutside === 404);
          expect(refused, `${level} ${side} (${scope}): ${res.status} ${await res.clone().text()}`).toBe(!allowed);
          outcomes.push(`${level}:${side}:${allowed ? 'through' : 'refused'}`);
        }
      }
      // both answers must occur, or the walk proves nothing about this route
      expect(outcomes.some((o) => o.endsWith('through'))).toBe(true);
      expect(outcomes.some((o) => o.endsWith('refused'))).toBe(true);
    });
  }

  it('lets no token post the supervision committee’s comment on a flag: a person writes it in the console', async () => {
    for (const scope of [MATOUXI, '430802108', '430802', '4308']) {
      const res = await post(await t.token(scope), `/api/v1/flags/${await flagId()}/events`, JSON.stringify({ type: 'comment', text: '监委会已到现场核实。' }));
      expect(res.status, scope).toBe(403);
    }
  });

  it('lets a village’s token do only what villages do', () => {
    expect([...TOKEN_ACTIONS.village].sort()).toEqual(['explain-flag', 'publish-contract', 'publish-finance', 'publish-project', 'publish-subsidy', 'record-decisions', 'submit-rectification']);
  });
});
