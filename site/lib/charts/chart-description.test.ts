import { describe, expect, it } from 'vitest';
import { describeChart } from './chart-description.ts';
import { countFormat, moneyFormat, percentFormat } from './value-format.ts';

describe('chart description', () => {
  it('reads one period out in full', () => {
    const text = describeChart(['2026年第三季度'], [{ name: '收入', values: [9_848_840] }, { name: '支出', values: [7_439_950] }], moneyFormat);
    expect(text).toBe('2026年第三季度收入98,488.40元，支出74,399.50元。');
  });

  it('gives each series its total and its largest category', () => {
    const text = describeChart(['7月', '8月', '9月'], [{ name: '受理', values: [3, 5, null] }, { name: '办结', values: [2, 2, 4] }], countFormat('件'));
    expect(text).toBe('受理合计8件，办结合计8件。受理最多的是8月（5件），办结最多的是9月（4件）。');
  });

  it('does not add up rates, and says which category is highest', () => {
    const text = describeChart(['一组', '二组'], [{ name: '满意率', values: [80, 92.5] }], percentFormat);
    expect(text).toBe('满意率最高的是二组（92.5%）。');
  });

  it('says a series has no data instead of a zero total', () => {
    const text = describeChart(['7月', '8月'], [{ name: '收入', values: [100, 200] }, { name: '支出', values: [null, null] }], moneyFormat);
    expect(text).toBe('收入合计3.00元，支出无数据。收入最多的是8月（2.00元）。');
  });
});
