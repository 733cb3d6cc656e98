import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClassifyRuleSet } from '../../data/complaints/classify-rules.ts';
import { DEFAULT_CLASSIFY_RULES } from '../../data/complaints/default-classify-rules.ts';
import { bearer, json, LONGGANG, testApp, type TestApp } from '../test-support.ts';

const CILI = '430821';
const JSON_TYPE = { 'content-type': 'application/json' };
// nothing in the default rules speaks of a clan hall: the defaults fall back, the county's own rule does not
const PASTED = '龙岗村修祠堂的钱到底花在哪了，村里没人说得清';

/** The defaults with one more rule of the county's own: 祠堂 means 干部作风, sent to the township's 纪委. */
function ciliRules(version = '慈利县-2026-1'): ClassifyRuleSet {
  return {
    ...DEFAULT_CLASSIFY_RULES,
    version,
    rules: [
      ...DEFAULT_CLASSIFY_RULES.rules.filter((r) => !(r.target.kind === 'category' && r.target.value === '干部作风')),
      { target: { kind: 'category', value: '干部作风' }, terms: [{ text: '祠堂', weight: 9 }], minScore: 3 },
    ],
  } as ClassifyRuleSet;
}

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(async () => {
  await t.cleanup();
});

const put = (token: string, county: string, body: unknown) =>
  Promise.resolve(t.app.request(`/api/v1/staff/classification/rules/${county}`, { method: 'PUT', body: JSON.stringify(body), headers: { ...bearer(token), ...JSON_TYPE } }));
const prefill = (token: string, text: string) => Promise.resolve(t.app.request('/api/v1/staff/complaints/prefill', { method: 'POST', body: JSON.stringify({ text }), headers: { ...bearer(token), ...JSON_TYPE } }));

describe('a county’s own rules for 识别, by the staff API', () => {
  it('serves the defaults until the county saves its own, then suggests by them, naming the version, in the next 识别', async () => {
    const before = await json(await t.app.request(`/api/v1/staff/classification/rules/${CILI}`, { headers: bearer(t.tokens.county) }));
    expect(before).toMatchObject({ county: CILI, source: 'default', current: { version: null }, versions: [] });
    expect(before.current.rules).toEqual(DEFAULT_CLASSIFY_RULES);
    const byDefault = await json(await prefill(t.tokens.county, PASTED));
    expect(byDefault.village.best.code).toBe(LONGGANG);
    expect(byDefault.rules).toEqual({ county: CILI, version: null });
    expect(byDefault.category).not.toBe('干部作风');

    const saved = await put(t.tokens.county, CILI, ciliRules());
    expect(saved.status, await saved.clone().text()).toBe(201);
    expect((await json(saved)).current).toMatchObject({ version: 1, savedBy: expect.any(String) });
    const byCounty = await json(await prefill(t.tokens.county, PASTED));
    expect(byCounty.rules).toEqual({ county: CILI, version: 1 });
    expect(byCounty.category).toBe('干部作风');
    expect(byCounty.reasons.category).toContain('祠堂');

    expect((await put(t.tokens.county, CILI, ciliRules('慈利县-2026-2'))).status).toBe(201);
    const after = await json(await t.app.request(`/api/v1/staff/classification/rules/${CILI}`, { headers: bearer(t.tokens.county) }));
    expect(after).toMatchObject({ source: 'county', current: { version: 2, rules: { version: '慈利县-2026-2' } } });
    expect(after.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
  });

  it('applies one county’s rules to its own villages only', async () => {
    expect((await put(t.tokens.county, CILI, ciliRules())).status).toBe(201);
    // 马头溪村 is in 永定区: the township token there still gets the defaults
    const elsewhere = await json(await prefill(t.tokens.township, '王家坪镇马头溪村修祠堂的钱到底花在哪了'));
    expect(elsewhere.rules).toEqual({ county: '430802', version: null });
    expect(elsewhere.category).not.toBe('干部作风');
  });

  it('refuses rules that do not parse, naming the rule, and saves nothing', async () => {
    const broken = ciliRules();
    const twice = { ...broken, rules: [...broken.rules, broken.rules.at(-1)!] };
    const res = await put(t.tokens.county, CILI, twice);
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error.code).toBe('invalid-classify-rules');
    expect(JSON.stringify(body.errors)).toContain('category:干部作风');
    expect((await put(t.tokens.county, CILI, { version: 'x', rules: [] })).status).toBe(422);
    expect(await t.store.currentRuleSet(CILI)).toBeNull();
  });

  it('lets only a county or wider token save them, for a county of the region, and staff read them', async () => {
    expect((await put(t.tokens.township, '430802', ciliRules())).status).toBe(403);
    expect((await put(t.tokens.county, '430802', ciliRules())).status).toBe(403);
    expect((await put(t.tokens.region, '430800', ciliRules())).status).toBe(404);
    expect((await put(t.tokens.region, '430802', ciliRules())).status).toBe(201);
    expect((await t.app.request('/api/v1/staff/classification/rules/430802', { headers: bearer(t.tokens.township) })).status).toBe(200);
    expect((await t.app.request('/api/v1/staff/classification/rules/430802', { headers: bearer(t.tokens.matouxi) })).status).toBe(403);
    expect((await t.app.request('/api/v1/staff/classification/rules/430802')).status).toBe(401);
  });
});
