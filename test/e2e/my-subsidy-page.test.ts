import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPortalFixture, type PortalFixture } from '../support/portal-fixture.ts';

// 查我的补贴 through the whole portal: the form's CSRF check, the shared lookup limit, and a page
// that never carries the ID number typed. The browser test (test/browser/my-subsidy.test.ts) finds rows.
const GU = { name: '谷世军', id: '430802196401241328' };

let portal: PortalFixture;
beforeAll(async () => {
  portal = await openPortalFixture({ PORTAL_LOOKUPS_PER_MINUTE: '3' }, { demo: true });
});
afterAll(async () => {
  await portal?.cleanup();
});

async function openForm(): Promise<{ cookie: string; csrf: string }> {
  const res = await portal.app.request('/subsidy/');
  expect(res.status).toBe(200);
  expect(res.headers.get('cache-control')).toBe('private, no-store');
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await res.text())?.[1] ?? '';
  return { cookie, csrf };
}

const post = (fields: Record<string, string>, cookie: string) =>
  Promise.resolve(portal.app.request('/subsidy/', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie }, body: new URLSearchParams(fields).toString() }));

describe('the 查我的补贴 page', () => {
  it('refuses a post without the page’s CSRF field, and finds the row with it, without the number in the page', async () => {
    const { cookie, csrf } = await openForm();
    const forged = await post({ name: GU.name, id_number: GU.id }, cookie);
    expect(forged.status).toBe(403);
    expect(await forged.text()).not.toContain('676.16');
    const res = await post({ _csrf: csrf, name: GU.name, id_number: GU.id }, cookie);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('676.16 元');
    expect(html).not.toContain(GU.id);
    expect(html).not.toContain(GU.id.slice(6, 14));
  });

  it('counts lookups against the tracking code’s limit per client, and answers 429 past it', async () => {
    const { cookie, csrf } = await openForm();
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await post({ _csrf: csrf, name: GU.name, id_number: GU.id }, cookie)).status);
    expect(statuses.at(-1)).toBe(429);
  });
});
