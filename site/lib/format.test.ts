import { describe, expect, it } from 'vitest';
import { chinaDate, chinaDateTime, moneyOrDash, yuan } from './format.ts';

describe('display formatting', () => {
  it('dates a UTC timestamp by the calendar in Beijing', () => {
    expect(chinaDate('2026-07-31T15:59:59Z')).toBe('2026-07-31');
    expect(chinaDate('2026-07-31T16:00:00Z')).toBe('2026-08-01');
    expect(chinaDateTime('2026-07-31T16:05:00Z')).toBe('2026-08-01 00:05');
    expect(chinaDate('2026-07-31')).toBe('2026-07-31');
  });

  it('writes amounts with thousands separators and 元, and a missing amount as a dash', () => {
    expect(yuan(2_015_000)).toBe('20,150.00 元');
    expect(yuan(-30_000)).toBe('-300.00 元');
    expect(moneyOrDash(null)).toBe('—');
    expect(moneyOrDash(0)).toBe('0.00');
  });
});
