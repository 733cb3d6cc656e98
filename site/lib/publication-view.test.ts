import { describe, expect, it } from 'vitest';
import type { SiteInfo } from './page-model.ts';
import { buildPublicationView, logStamp } from './publication-view.ts';
import { DIVISIONS, financeContent, publication, summaryOf } from './test-fixtures.ts';

const site: SiteInfo = { name: '阳光村务', regionName: '张家界市', baseUrl: 'http://x.test' };
const village = DIVISIONS.find((d) => d.code === '430802108214')!;
const crumbs = [{ name: '张家界市', href: '/' }, { name: '马头溪村', href: '/v/430802108214/' }];

const v1 = publication(financeContent('2026-Q3', [{ summary: 'a', income: 100 }]), { id: 'v1', supersededBy: 'v2' });
const v2 = publication(financeContent('2026-Q3', [{ summary: 'a', income: 200 }]), { id: 'v2', version: 2, supersedes: 'v1', supersededBy: 'v3' });
const v3 = publication(financeContent('2026-Q3', [{ summary: 'a', income: 300 }]), { id: 'v3', version: 3, supersedes: 'v2', sample: true });
const history = [v3, v2, v1].map(summaryOf);

describe('publication page view', () => {
  it('points a corrected version at the newest one, not just the next', () => {
    const view = buildPublicationView({ site, publication: v1, village, crumbs, history });
    expect(view.superseded).toEqual({ newestHref: '/v/430802108214/p/v3/', newestVersion: 3 });
    expect(view.supersedes).toBeNull();
  });

  it('links the current version to the one it corrected, without a superseded banner', () => {
    const view = buildPublicationView({ site, publication: v3, village, crumbs, history });
    expect(view.superseded).toBeNull();
    expect(view.supersedes).toEqual({ href: '/v/430802108214/p/v2/', version: 2 });
  });

  it('carries the hash, the version, the sample flag and the data twins', () => {
    const view = buildPublicationView({ site, publication: v3, village, crumbs, history });
    expect(view.sha256).toBe(v3.sha256);
    expect(view.version).toBe(3);
    expect(view.sample).toBe(true);
    expect(view.periodLabel).toBe('2026年第三季度');
    expect(view.twins).toEqual({ json: '/v/430802108214/p/v3/index.json', csv: '/v/430802108214/p/v3/index.csv', xlsx: '/v/430802108214/p/v3/index.xlsx' });
    expect(view.notes).toEqual(v3.content.notes);
  });

  it('prints its leaf in the log and the fingerprint of the log it was built from', () => {
    const view = buildPublicationView({ site, publication: v3, village, crumbs, history, log: { index: 41, stamp: logStamp(57, '3f2a 9c01 77de 0b45') } });
    expect(view.log).toEqual({ index: 41, size: 57, fingerprint: '3f2a 9c01 77de 0b45', checkpointHref: '/log/checkpoint' });
    expect(buildPublicationView({ site, publication: v3, village, crumbs, history }).log).toBeNull();
  });

  it('shows a taken-down version’s reason, date and hash, and none of its rows, figures or notes', () => {
    const takedown = { publicationId: 'v3', reason: '误公开了完整身份证号', at: '2026-08-01T02:30:00.000Z', logIndex: 60 };
    const view = buildPublicationView({ site, publication: v3, village, crumbs, history, takedown });
    expect(view.takedown).toEqual({ reason: '误公开了完整身份证号', at: '2026-08-01 10:30', iso: '2026-08-01T02:30:00.000Z', logIndex: 60 });
    expect(view.sha256).toBe(v3.sha256);
    expect(view.table.rows).toEqual([]);
    expect(view.figures).toEqual([]);
    expect(view.notes).toEqual([]);
    expect(JSON.stringify(view)).not.toContain('制表人');
  });

  it('names a taken-down version by kind, period and version in its heading and title, never by its title or file', () => {
    const named = { ...v3, source: { filename: '马头溪村张三13812345678.xlsx', format: 'xlsx' as const } };
    const takedown = { publicationId: 'v3', reason: '误公开了完整身份证号', at: '2026-08-01T02:30:00.000Z', logIndex: 60 };
    const view = buildPublicationView({ site, publication: named, village, crumbs, history, takedown });
    expect(view.heading).toBe('财务收支 2026年第三季度 第3版');
    expect(view.title).toBe('财务收支 2026年第三季度 第3版（已撤下）· 马头溪村');
    expect(view.sourceName).toBeNull();
    const json = JSON.stringify(view);
    expect(json).not.toContain(v3.content.title);
    expect(json).not.toContain('13812345678');
    // the same version, not taken down, is headed by its title
    expect(buildPublicationView({ site, publication: named, village, crumbs, history }).heading).toBe(v3.content.title);
  });
});
