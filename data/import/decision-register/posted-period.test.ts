import { describe, expect, it } from 'vitest';
import { postedPeriod } from './posted-period.ts';

describe('posting period of a disclosure', () => {
  it('reads 公示期7天（3月19日至3月26日） in the year of the step', () => {
    expect(postedPeriod('公开决议内容：工程名称，公示期7天（3月19日至3月26日）', '2026-03-19')).toEqual({ kind: 'ok', from: '2026-03-19', until: '2026-03-26' });
  });

  it('reads written years, a range within one month, and 公示 after the range', () => {
    expect(postedPeriod('公示时间：2025年12月30日至2026年1月6日', '2025-12-30')).toEqual({ kind: 'ok', from: '2025-12-30', until: '2026-01-06' });
    expect(postedPeriod('于5月23日至29日在村务公开栏公示', '2026-05-23')).toEqual({ kind: 'ok', from: '2026-05-23', until: '2026-05-29' });
  });

  it('carries a range over the new year into the next year', () => {
    expect(postedPeriod('公示期（12月28日至1月4日）', '2026-12-28')).toEqual({ kind: 'ok', from: '2026-12-28', until: '2027-01-04' });
    expect(postedPeriod('公示期1月2日至1月9日', '2026-12-30')).toEqual({ kind: 'ok', from: '2027-01-02', until: '2027-01-09' });
  });

  it('ignores a stated length without dates, and dates that are not the posting', () => {
    expect(postedPeriod('公开流转方案，公示期7天', '2026-05-23')).toEqual({ kind: 'none' });
    expect(postedPeriod('工期3月20日至6月30日', '2026-09-20')).toEqual({ kind: 'none' });
  });

  it('refuses a day that does not exist and a range that ends before it starts', () => {
    expect(postedPeriod('公示期（3月19日至3月32日）', '2026-03-19').kind).toBe('invalid');
    expect(postedPeriod('公示时间：2026年3月26日至2026年3月19日', '2026-03-19').kind).toBe('invalid');
  });
});
