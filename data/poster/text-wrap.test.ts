import { describe, expect, it } from 'vitest';
import { fitSize, wrapText, type Measure } from './text-wrap.ts';

/** Chinese characters one em wide, everything else half: close to Noto Sans SC. */
const measure: Measure = (text) => [...text].reduce((w, ch) => w + (/[\u0000-\u00ff]/.test(ch) ? 0.5 : 1), 0);

describe('wrapping poster text', () => {
  it('breaks Chinese between characters at the width', () => {
    expect(wrapText('财务收支每月或每季度公开一次', 5, 'regular', measure)).toEqual(['财务收支每', '月或每季度', '公开一次']);
  });

  it('never starts a line with closing punctuation, nor ends one with opening punctuation', () => {
    const lines = wrapText('发放名单和金（身份证等号码只显示部分数字）', 5, 'regular', measure);
    for (const line of lines) {
      expect(line[0]).not.toMatch(/[，。、）]/);
      expect(line.at(-1)).not.toBe('（');
    }
    expect(lines.join('')).toBe('发放名单和金（身份证等号码只显示部分数字）');
    expect(wrapText('补贴工程等随时公开，发布后不能删改', 10, 'regular', measure)[0]).toBe('补贴工程等随时公开，');
    // No room for the comma: it goes down with the character before it.
    expect(wrapText('补贴工程等随时公开，发布后不能删改', 9, 'regular', measure).slice(0, 2)).toEqual(['补贴工程等随时公', '开，发布后不能删改']);
  });

  it('keeps a phone number or a URL whole when it fits on a line', () => {
    expect(wrapText('县纪委监委 0744-8888888', 8, 'regular', measure)).toEqual(['县纪委监委', '0744-8888888']);
  });

  it('breaks a URL longer than the line between characters rather than overflowing', () => {
    const url = 'http://portal.test/v/430802108214/';
    const lines = wrapText(url, 10, 'regular', measure);
    expect(lines.join('')).toBe(url);
    for (const line of lines) expect(measure(line, 'regular')).toBeLessThanOrEqual(10);
  });
});

describe('fitting a line', () => {
  it('keeps the preferred size when the text fits, and shrinks a long name down to the width', () => {
    expect(fitSize('马头溪村', 17, 8, 180, 'bold', measure)).toBe(17);
    const long = '张家界市武陵源区天子山街道办事处某某社区居民委员会';
    const size = fitSize(long, 17, 4, 180, 'bold', measure);
    expect(size).toBeLessThan(17);
    expect(measure(long, 'bold') * size).toBeCloseTo(180, 6);
  });

  it('does not go below the minimum size, however long the text', () => {
    expect(fitSize('村'.repeat(200), 17, 8, 180, 'bold', measure)).toBe(8);
  });
});
