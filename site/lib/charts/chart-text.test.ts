import { describe, expect, it } from 'vitest';
import { textWidth, truncateText, wrapText } from './chart-text.ts';

describe('SVG label fitting', () => {
  it('counts a Chinese character as one em and a digit as 0.65 em', () => {
    expect(textWidth('2026年', 10)).toBeCloseTo(36, 10);
    expect(textWidth('第三季度', 15)).toBe(60);
  });

  it('breaks a period after 年 rather than inside the year', () => {
    expect(wrapText('2026年第三季度', 60, 15)).toEqual(['2026年', '第三季度']);
    expect(wrapText('2026年第三季度', 200, 15)).toEqual(['2026年第三季度']);
  });

  it('breaks a run with no natural break between characters when it is too wide alone', () => {
    expect(wrapText('村道硬化工程', 30, 15)).toEqual(['村道', '硬化', '工程']);
  });

  it('cuts a long name with an ellipsis and leaves a short one alone', () => {
    expect(truncateText('村道硬化工程（二期）', 75, 15)).toBe('村道硬化…');
    expect(truncateText('村道硬化', 75, 15)).toBe('村道硬化');
  });
});
