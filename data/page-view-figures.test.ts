import { describe, expect, it } from 'vitest';
import { pageViewFigures, pageViewSentence, viewCount } from './page-view-figures.ts';

describe('page view figures', () => {
  it('writes the seed platform’s figure as 14.5 万人次', () => {
    expect(pageViewSentence({ total: 145_000 })).toBe('累计浏览 14.5 万人次');
  });

  it('rounds down in 万 and 亿, never claiming a view that was not counted', () => {
    expect(viewCount(145_999)).toEqual({ value: '14.5', unit: '万人次' });
    expect(viewCount(10_000)).toEqual({ value: '1', unit: '万人次' });
    expect(viewCount(99_999_999)).toEqual({ value: '9999.9', unit: '万人次' });
    expect(viewCount(123_456_789)).toEqual({ value: '1.2', unit: '亿人次' });
  });

  it('writes a count under 1万 in full, with thousands separators', () => {
    expect(viewCount(9_999)).toEqual({ value: '9,999', unit: '人次' });
    expect(viewCount(0)).toEqual({ value: '0', unit: '人次' });
    expect(pageViewSentence({ total: 326 })).toBe('累计浏览 326 人次');
  });

  it('refuses a count that is not a whole number ≥ 0', () => {
    for (const n of [-1, 1.5, Number.NaN]) expect(() => viewCount(n)).toThrow(RangeError);
  });

  it('gives the dashboard the total since counting began and the last 30 days', () => {
    const figures = pageViewFigures({ total: 152_300, recent: 3_210, byMonth: [], since: '2026-03-01' });
    expect(figures).toEqual([
      { label: '累计浏览（2026-03-01 起）', value: '15.2', unit: '万人次' },
      { label: '近30天浏览', value: '3,210', unit: '人次' },
    ]);
    expect(pageViewFigures({ total: 0, recent: 0, byMonth: [], since: null })[0]).toEqual({ label: '累计浏览', value: '0', unit: '人次' });
  });
});
