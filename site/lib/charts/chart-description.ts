import type { ChartSeries } from './chart-model.ts';
import type { ValueFormat } from './value-format.ts';

/**
 * The chart's finding in words, for the SVG's <desc> and for readers who skip the picture:
 * one category → "2026年第三季度收入98,488.40元，支出74,399.50元。"; several → each series' total
 * (when totals mean something) and its largest category.
 */
export function describeChart(categories: readonly string[], series: readonly ChartSeries[], format: ValueFormat): string {
  const amount = (n: number) => `${format.display(n)}${format.unit}`;
  const only = categories.length === 1 ? categories[0] : undefined;
  if (only !== undefined) {
    const one = (v: number | null | undefined) => (v === null || v === undefined ? '无数据' : amount(v));
    return `${only}${series.map((s) => `${s.name}${one(s.values[0])}`).join('，')}。`;
  }
  const present = series.map((s) => ({ name: s.name, points: s.values.flatMap((v, i) => (v === null ? [] : [{ v, category: categories[i] ?? '' }])) }));
  const sentences: string[] = [];
  if (format.summable) {
    sentences.push(present.map((s) => (s.points.length === 0 ? `${s.name}无数据` : `${s.name}合计${amount(s.points.reduce((t, p) => t + p.v, 0))}`)).join('，'));
  }
  const word = format.summable ? '最多' : '最高';
  const peaks = present.flatMap((s) => {
    const top = s.points.reduce<(typeof s.points)[number] | null>((best, p) => (best === null || p.v > best.v ? p : best), null);
    return top === null ? [] : [`${s.name}${word}的是${top.category}（${amount(top.v)}）`];
  });
  if (peaks.length > 0) sentences.push(peaks.join('，'));
  return sentences.map((s) => `${s}。`).join('');
}
