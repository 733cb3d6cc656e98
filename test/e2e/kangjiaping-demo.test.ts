import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { KANGJIAPING } from '../../data/demo/kangjiaping.ts';
import { storeFile } from '../../scripts/lib/runtime.ts';
import { verifyPortal } from '../../scripts/lib/verify.ts';
import { openPortalFixture, type PortalFixture } from '../support/portal-fixture.ts';

/**
 * The demo of issue 12, as `npm start` loads it: 康家坪村's contract ledger and two years in which
 * one tenant's fees never arrive raise the overdue-fee flags; the village's page shows them with
 * the village's explanation and the rectification task, all marked 示例数据; uploading the payment
 * clears them.
 */

const NOW = new Date('2026-12-06T02:00:00Z');
let p: PortalFixture;

beforeAll(async () => {
  p = await openPortalFixture({}, { demo: true, clock: () => NOW });
}, 180_000);

afterAll(async () => {
  await p?.cleanup();
});

const page = (path: string) => readFileSync(join(p.siteDir, path, 'index.html'), 'utf8');

describe('the 康家坪村 demo', () => {
  it('shows the overdue-fee flags with the village’s explanation, the township’s decision and the rectification task', () => {
    const html = page(`v/${KANGJIAPING}`);
    expect(html).toContain('数据核对提示');
    expect(html).toContain('张家界金坪生态农业开发有限公司');
    expect(html).toContain('2024-12-31');
    expect(html).toContain('2025-12-31');
    expect(html).toContain('申请缓缴');
    expect(html).toContain('已确认');
    expect(html).toContain('巡察整改');
    expect(html).toContain('追缴2024、2025年度土地流转费');
    expect(html).toContain('示例数据');
    // neutral words only
    expect(html).not.toMatch(/违规|违法|贪污/);
  });

  it('draws the village’s charts and serves each chart’s numbers beside the page', async () => {
    const html = page(`v/${KANGJIAPING}`);
    for (const [id, row] of [
      ['finance-by-period', '2026年第三季度'],
      ['finance-by-account', '发包及上交收入'],
    ]) {
      expect(html).toContain(`id="${id}"`);
      expect(html).toContain(`href="/v/${KANGJIAPING}/charts/${id}.csv"`);
      const res = await p.app.request(`/v/${KANGJIAPING}/charts/${id}.csv`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain(row);
    }
  });

  it('publishes the round’s notice and counts it on the county’s dashboard', async () => {
    const rounds = await p.store.listRounds(KANGJIAPING);
    expect(rounds).toHaveLength(1);
    const notice = page(`rectification/${rounds[0]!.id}`);
    expect(notice).toContain('巡察整改情况公示');
    expect(notice).toContain('问题2个');
    expect(notice).toContain('示例数据');
    const county = page('r/430821');
    expect(county).toContain('监督一览');
    expect(county).toContain('id="rectification-progress"');
    expect(county).toContain(`/rectification/${rounds[0]!.id}/`);
  });

  it('clears the overdue-fee flags when the payment is uploaded, and the page says so', async () => {
    const before = await p.store.listFlags({ scope: KANGJIAPING, rule: 'receivable-overdue', status: 'active' });
    expect(before.map((f) => f.status)).toEqual(['confirmed', 'confirmed']);
    const csv = [
      '康家坪村2026年第四季度财务收支明细',
      '日期,凭证号,摘要,科目,收入金额（元）,支出金额（元）,余额（元）',
      '2026-10-01,,上期结余,,,,"10,000.00"',
      '2026-12-05,记-001,收到张家界金坪生态农业开发有限公司2024、2025年度土地流转费,发包及上交收入,"261,200.00",,"271,200.00"',
    ].join('\r\n');
    const res = await p.app.request(`/api/v1/villages/${KANGJIAPING}/publications?kind=finance`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${await p.token(KANGJIAPING)}`, 'Content-Type': 'text/csv' },
      body: csv,
    });
    expect(res.status, await res.clone().text()).toBe(201);
    expect(await p.store.listFlags({ scope: KANGJIAPING, rule: 'receivable-overdue', status: 'active' })).toEqual([]);
    const after = await p.store.listFlags({ scope: KANGJIAPING, rule: 'receivable-overdue', status: 'resolved' });
    expect(after).toHaveLength(2);
    // the village page was rebuilt before the 201, with the flags' new state
    const html = page(`v/${KANGJIAPING}`);
    expect(html).toContain('已解决');
    expect(html).toContain('数据更新，问题不再存在');
  });

  it('lets verify check every public step of the flags and the round against the log, and name a step edited behind its back', async () => {
    const viaApp = ((url: string, init?: RequestInit) => p.app.request(url, init)) as typeof fetch;
    const clean = await verifyPortal({ url: 'http://portal.test', fetch: viaApp });
    expect(clean.findings).toEqual([]);
    expect(clean.flags).toBeGreaterThanOrEqual(3);
    expect(clean.rounds).toBe(1);

    const [explained] = await p.store.listFlags({ scope: KANGJIAPING, rule: 'receivable-overdue' });
    const db = new Database(storeFile(p.config));
    try {
      db.exec('DROP TRIGGER flag_events_no_update');
      db.prepare("UPDATE flag_events SET payload = replace(payload, '申请缓缴', '已经缴清') WHERE flag = ? AND type = 'explained'").run(Number(explained!.id));
    } finally {
      db.close();
    }
    const tampered = await verifyPortal({ url: 'http://portal.test', fetch: viaApp });
    expect(tampered.findings).toContainEqual({ kind: 'audit', finding: expect.objectContaining({ kind: 'record-mismatch', id: explained!.id }) });
  });
});
