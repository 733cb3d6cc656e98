import { describe, expect, it } from 'vitest';
import { DEFAULT_COMPLAINT_CATEGORIES } from '../../data/complaints/complaint.ts';
import { buildComplaintView, describeRow, EMPTY_VALUES, formValues, type ComplaintViewInput } from './complaint-form-view.ts';
import { complaintHref } from './complaint-form.ts';
import type { SiteInfo } from './page-model.ts';
import { buildPublicationView } from './publication-view.ts';
import { buildRegionTree, crumbsTo } from './region-tree.ts';
import { DIVISIONS, financeContent, publication, subsidyContent, summaryOf } from './test-fixtures.ts';

const site: SiteInfo = { name: '阳光村务', regionName: '张家界市', baseUrl: 'http://x.test' };
const village = DIVISIONS.find((d) => d.code === '430802108214')!;
const above = DIVISIONS.filter((d) => d.code === '430802' || d.code === '430802108');
const ledger = publication(financeContent('2026-Q3', [{ summary: '土地流转收入', income: 2_015_000 }, { summary: '误工补贴', expense: 30_000 }]), { id: 'pub-1' });

const input = (over: Partial<ComplaintViewInput> = {}): ComplaintViewInput => ({
  site,
  village,
  above,
  csrf: { name: '_csrf', value: 'tok' },
  categories: DEFAULT_COMPLAINT_CATEGORIES,
  values: EMPTY_VALUES,
  publication: null,
  issues: [],
  ...over,
});

describe('the complaint page view', () => {
  it('names the village and where it is, and offers the configured categories with none chosen', () => {
    const view = buildComplaintView(input());
    expect(view.villageName).toBe('马头溪村');
    expect(view.place).toBe('永定区 · 沅古坪镇');
    expect(view.categories.map((o) => o.label)).toEqual(['请选择', ...DEFAULT_COMPLAINT_CATEGORIES]);
    expect(view.categories.filter((o) => o.selected).map((o) => o.value)).toEqual(['']);
    expect(view.action).toBe('/api/v1/complaints');
    expect(view.trackHref).toBe('/track/');
    expect(view.crumbs.map((c) => c.name)).toEqual(['张家界市', '永定区', '沅古坪镇', '马头溪村', '反映问题']);
  });

  it('keeps everything the villager typed after a rejected post, with each problem next to its field', () => {
    const typed = { village: '430802108214', category: '财务公开', text: '太短', contact_name: '王五', contact_phone: '12345', anonymous: 'on' };
    const view = buildComplaintView(
      input({
        values: formValues(typed),
        issues: [
          { field: 'contact_phone', message: '联系电话：请填写手机号 / a mobile number' },
          { field: 'text', message: '投诉内容：请至少写 5 个字' },
        ],
      }),
    );
    expect([view.text, view.contactName, view.contactPhone, view.anonymous]).toEqual(['太短', '王五', '12345', true]);
    expect(view.categories.find((o) => o.selected)?.value).toBe('财务公开');
    expect(view.fieldIssues.text).toEqual(['投诉内容：请至少写 5 个字']);
    expect(view.fieldIssues.contactPhone).toEqual(['联系电话：请填写手机号 / a mobile number']);
    // listed at the top in the order of the form, each linking to its field
    expect(view.issues.map((i) => [i.field, i.label])).toEqual([
      ['c-text', '反映内容'],
      ['c-phone', '电话'],
    ]);
  });

  it('puts problems reported under JSON paths next to the same fields', () => {
    const view = buildComplaintView(input({ issues: [{ field: 'contact.phone', message: 'bad phone' }] }));
    expect(view.fieldIssues.contactPhone).toEqual(['bad phone']);
  });

  it('puts problems with no field of their own (the honeypot, an expired form) at the top only', () => {
    const view = buildComplaintView(input({ issues: [{ field: 'website', message: '提交未被接受' }, { field: null, message: '表单已过期' }] }));
    expect(view.issues.map((i) => i.field)).toEqual([null, null]);
    expect(Object.keys(view.fieldIssues)).toEqual([]);
  });

  it('describes the row a complaint is about, from the publication of this village, and links to it', () => {
    const view = buildComplaintView(input({ values: { ...EMPTY_VALUES, publicationId: 'pub-1', row: '4' }, publication: ledger }));
    expect(view.about).toEqual({
      publicationId: 'pub-1',
      row: 4,
      label: '财务收支 2026年第三季度《马头溪村2026-Q3财务收支明细》第4行：2026-07-01，土地流转收入，收入 20,150.00 元',
      href: '/v/430802108214/p/pub-1/#r4',
    });
    expect(view.aboutMissing).toBe(false);
  });

  it('does not claim a row the publication lacks, nor another village’s publication', () => {
    const noRow = buildComplaintView(input({ values: { ...EMPTY_VALUES, publicationId: 'pub-1', row: '99' }, publication: ledger }));
    expect(noRow.about).toBeNull();
    expect(noRow.aboutMissing).toBe(true);
    const elsewhere = publication(ledger.content, { id: 'pub-2', village: '430821211227' });
    const other = buildComplaintView(input({ values: { ...EMPTY_VALUES, publicationId: 'pub-2', row: '4' }, publication: elsewhere }));
    expect(other.about).toBeNull();
  });

  it('describes subsidy rows by name and amount only', () => {
    const list = publication(subsidyContent('耕地地力保护补贴', [{ name: '张三', amount: 12_345, idNumber: '430802********1234' }]), { id: 's' });
    expect(describeRow(list, 3)).toBe('补贴发放 2026年《2026年耕地地力保护补贴发放名册》第3行：张三，金额 123.45 元');
  });
});

describe('the row links on a publication page', () => {
  it('gives every row a link to the village complaint page about that row', () => {
    const crumbs = crumbsTo(buildRegionTree(DIVISIONS, new Map(), '4308'), village.code);
    const view = buildPublicationView({ site, publication: ledger, village, crumbs, history: [summaryOf(ledger)] });
    expect(view.table.rows.map((r) => r.question)).toEqual(['/v/430802108214/complaint/?p=pub-1&r=4', '/v/430802108214/complaint/?p=pub-1&r=5']);
    expect(complaintHref('430802108214')).toBe('/v/430802108214/complaint/');
  });
});
