import { describe, expect, it } from 'vitest';
import { DEFAULT_COMPLAINT_CATEGORIES } from '../../data/complaints/complaint.ts';
import { buildComplaintView, EMPTY_VALUES, formValues, type ComplaintViewInput } from './complaint-form-view.ts';
import { SIMILAR_TEXT_CHARS, similarItems, supportedNotice, type SimilarShown } from './complaint-similar-view.ts';
import { COMPLAINT_FIELDS, supportAction, supportedHref } from './complaint-form.ts';
import type { SiteInfo } from './page-model.ts';
import { DIVISIONS } from './test-fixtures.ts';

const site: SiteInfo = { name: '阳光村务', regionName: '张家界市', baseUrl: 'http://x.test' };
const village = DIVISIONS.find((d) => d.code === '430802108214')!;

const open = (over: Partial<SimilarShown> = {}): SimilarShown => ({
  publicId: '12',
  text: '耕地地力保护补贴今年一直没有发到我家，电话139****5678。',
  category: '惠农补贴',
  statusLabel: '已转办',
  receivedAt: '2026-10-11T17:30:00.000Z',
  supporters: 0,
  ...over,
});

const input = (over: Partial<ComplaintViewInput> = {}): ComplaintViewInput => ({
  site,
  village,
  above: [],
  csrf: { name: '_csrf', value: 'tok' },
  categories: DEFAULT_COMPLAINT_CATEGORIES,
  values: EMPTY_VALUES,
  publication: null,
  issues: [],
  ...over,
});

describe('the open complaints offered before filing', () => {
  it('lists each by its number, status, day in China and how many said 我也遇到, with where its button posts', () => {
    const [item] = similarItems([open({ supporters: 3 })]);
    expect(item).toEqual({
      publicId: '12',
      number: '第 12 号',
      text: open().text,
      category: '惠农补贴',
      statusLabel: '已转办',
      received: '2026-10-12',
      supportersLabel: '已有 3 位村民也遇到',
      action: '/api/v1/complaints/12/support',
    });
    expect(similarItems([open()])[0]?.supportersLabel).toBe('还没有其他村民点过“我也遇到”');
  });

  it('cuts a long text to its first characters, never inside a character', () => {
    const long = `${'补贴'.repeat(SIMILAR_TEXT_CHARS)}😀`;
    const [item] = similarItems([open({ text: long })]);
    expect(Array.from(item!.text)).toHaveLength(SIMILAR_TEXT_CHARS + 1);
    expect(item!.text.endsWith('…')).toBe(true);
    const emoji = `${'补'.repeat(SIMILAR_TEXT_CHARS - 1)}😀😀`;
    expect(similarItems([open({ text: emoji })])[0]!.text).toBe(`${'补'.repeat(SIMILAR_TEXT_CHARS - 1)}😀…`);
  });

  it('puts them on the complaint page in the order found, keeps what was typed, and says so in the title', () => {
    const typed = formValues({ category: '惠农补贴', text: '我家的耕地补贴还没有发', contact_name: '王五' });
    const view = buildComplaintView(input({ values: typed, similar: [open(), open({ publicId: '7' })] }));
    expect(view.similar.map((s) => s.number)).toEqual(['第 12 号', '第 7 号']);
    expect(view.title).toBe('可能已有人反映 · 马头溪村反映问题');
    expect([view.text, view.contactName]).toEqual(['我家的耕地补贴还没有发', '王五']);
    expect(view.fields.confirmNew).toBe('confirm_new');
    expect(view.issues).toEqual([]);
    expect(view.notice).toBeNull();
  });

  it('offers none on a fresh form, whose title is the usual one', () => {
    const view = buildComplaintView(input());
    expect(view.similar).toEqual([]);
    expect(view.title).toBe('马头溪村反映问题');
  });
});

describe('after 我也遇到', () => {
  it('says it was recorded, with the count as it now stands', () => {
    expect(supportedNotice('12', 4)).toEqual({ tone: 'ok', message: '已记下：第 12 号现在共有 4 位村民也遇到这个问题。您不必再重复提交。' });
    const view = buildComplaintView(input({ notice: supportedNotice('12', 1) }));
    expect(view.notice?.message).toContain('第 12 号现在共有 1 位村民');
  });

  it('comes back to the village’s complaint page, flagged with the number', () => {
    expect(supportedHref('430802108214', '12')).toBe('/v/430802108214/complaint/?supported=12');
    expect(supportAction('12')).toBe('/api/v1/complaints/12/support');
  });

  it('has the confirmation field apart from every field the form files', () => {
    const names = Object.values(COMPLAINT_FIELDS);
    expect(new Set(names).size).toBe(names.length);
    expect(formValues({ confirm_new: '1', text: 'x' })).toEqual({ ...EMPTY_VALUES, text: 'x' });
  });
});
