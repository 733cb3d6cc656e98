import { describe, expect, it } from 'vitest';
import { Period } from './publication.ts';
import {
  comparePeriods,
  normalisePeriod,
  parsePeriod,
  periodContains,
  periodFromDates,
  periodFromText,
  periodLabel,
  periodLabelEn,
  periodYear,
} from './period.ts';

describe('normalisePeriod', () => {
  it('canonicalises quarters', () => {
    for (const t of ['2026-Q3', '2026q3', '2026Q3', '2026 Q3', '2026年第三季度', '2026年三季度', '2026年第3季度', '２０２６年第三季度']) {
      expect(normalisePeriod(t), t).toBe('2026-Q3');
    }
  });

  it('canonicalises months', () => {
    for (const t of ['2026-07', '2026-7', '202607', '2026年7月', '2026年07月', '2026年7月份', '2026/7']) {
      expect(normalisePeriod(t), t).toBe('2026-07');
    }
  });

  it('canonicalises years', () => {
    for (const t of ['2026', '2026年度', '2026年', ' 2026 ']) expect(normalisePeriod(t), t).toBe('2026');
  });

  it('returns null for what is not a period', () => {
    for (const t of ['2026-13', '2026-Q5', '2026年第五季度', '2026年7月20日', '上半年', '', '12345', '2026年3']) {
      expect(normalisePeriod(t), t).toBeNull();
    }
  });

  it('only produces values the Period schema accepts', () => {
    for (const t of ['2026q1', '2026-1', '2026年度', '2026年第四季度']) {
      expect(Period.safeParse(normalisePeriod(t)).success, t).toBe(true);
    }
  });
});

describe('periodFromText', () => {
  it('finds the quarter in a finance title', () => {
    expect(periodFromText('张家界市永定区王家坪镇马头溪村2026年第三季度村级财务收支明细公开表')).toBe('2026-Q3');
  });

  it('finds the year in a subsidy title', () => {
    expect(periodFromText('马头溪村2026年耕地地力保护补贴发放花名册')).toBe('2026');
  });

  it('finds the month and prefers it to the year', () => {
    expect(periodFromText('2026年7月份村级财务公开')).toBe('2026-07');
    expect(periodFromText('2026年度7月财务公开 2026-07')).toBe('2026-07');
  });

  it('ignores full dates such as the publication date', () => {
    expect(periodFromText('2026年第三季度财务公开 公开日期：2026年10月10日')).toBe('2026-Q3');
    expect(periodFromText('财务公开 公开日期：2026年10月10日')).toBeNull();
    expect(periodFromText('村务公开 2026-10-10')).toBeNull();
  });

  it('reads month ranges as the quarter or year they cover', () => {
    expect(periodFromText('马头溪村2026年7-9月财务收支')).toBe('2026-Q3');
    expect(periodFromText('马头溪村2026年7月至9月财务收支')).toBe('2026-Q3');
    expect(periodFromText('马头溪村2026年1-6月财务收支')).toBe('2026');
  });

  it('gives the year for a half year', () => {
    expect(periodFromText('2026年上半年村务公开')).toBe('2026');
  });

  it('returns null when nothing or conflicting periods are found', () => {
    expect(periodFromText('耕地地力保护补贴发放花名册')).toBeNull();
    expect(periodFromText('2026年7月与2026年8月')).toBeNull();
    expect(periodFromText('村代码430802100201')).toBeNull();
  });
});

describe('periodFromDates', () => {
  it('picks the smallest period containing every date', () => {
    expect(periodFromDates(['2026-07-03', '2026-07-20'])).toBe('2026-07');
    expect(periodFromDates(['2026-07-03', '2026-09-30'])).toBe('2026-Q3');
    expect(periodFromDates(['2026-03-31', '2026-04-01'])).toBe('2026');
  });

  it('returns null for no dates or dates spanning years', () => {
    expect(periodFromDates([])).toBeNull();
    expect(periodFromDates(['2025-12-31', '2026-01-01'])).toBeNull();
    expect(periodFromDates(['not a date'])).toBeNull();
  });
});

describe('period arithmetic', () => {
  it('knows which dates a period contains', () => {
    expect(periodContains('2026-Q3', '2026-07-01')).toBe(true);
    expect(periodContains('2026-Q3', '2026-09-30')).toBe(true);
    expect(periodContains('2026-Q3', '2026-10-01')).toBe(false);
    expect(periodContains('2026-07', '2026-07-31')).toBe(true);
    expect(periodContains('2026-07', '2026-08-01')).toBe(false);
    expect(periodContains('2026', '2026-12-31')).toBe(true);
    expect(periodContains('2026', '2025-12-31')).toBe(false);
  });

  it('gives the year of a period', () => {
    expect(periodYear('2026-Q3')).toBe(2026);
    expect(periodYear('2025-12')).toBe(2025);
  });

  it('labels periods in Chinese and English', () => {
    expect(periodLabel('2026-Q3')).toBe('2026年第三季度');
    expect(periodLabel('2026-07')).toBe('2026年7月');
    expect(periodLabel('2026')).toBe('2026年');
    expect(periodLabelEn('2026-Q3')).toBe('2026 Q3');
    expect(periodLabelEn('2026-07')).toBe('July 2026');
    expect(periodLabelEn('2026')).toBe('2026');
  });

  it('sorts chronologically by start, longer first', () => {
    const sorted = ['2026-08', '2026-Q3', '2025', '2026-07', '2026', '2026-Q1', '2026-01'].sort(comparePeriods);
    expect(sorted).toEqual(['2025', '2026', '2026-Q1', '2026-01', '2026-Q3', '2026-07', '2026-08']);
    expect(comparePeriods('2026-Q3', '2026-Q3')).toBe(0);
  });

  it('throws on a malformed period', () => {
    expect(parsePeriod('2026-Q0')).toBeNull();
    expect(() => periodLabel('2026-13')).toThrow(RangeError);
  });
});
