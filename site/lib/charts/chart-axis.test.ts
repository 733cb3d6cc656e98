import { describe, expect, it } from 'vitest';
import { categoryLabels, valueScale } from './chart-axis.ts';
import type { SvgElement, SvgText } from './chart-model.ts';
import { textWidth } from './chart-text.ts';
import { countFormat, moneyFormat, percentFormat } from './value-format.ts';

const labels = (values: number[], format = moneyFormat) => valueScale(values, format).ticks.map((t) => t.label);
const texts = (elements: SvgElement[]) => elements.filter((e): e is SvgText => e.kind === 'text');

describe('value axis', () => {
  it('labels a money axis in 万 once amounts reach 1万元, without needless decimals', () => {
    expect(labels([9_848_840, 7_439_950])).toEqual(['0', '2万', '4万', '6万', '8万', '10万']);
    expect(labels([2_600_000])).toEqual(['0', '0.5万', '1万', '1.5万', '2万', '2.5万', '3万']);
  });

  it('labels a small money axis in 元 with separators, and runs below zero for a refund', () => {
    expect(labels([150_000])).toEqual(['0', '500', '1,000', '1,500', '2,000']);
    expect(labels([-30_000, 100_000])).toEqual(['−400', '−200', '0', '200', '400', '600', '800', '1,000']);
  });

  it('puts count ticks on whole numbers only and percent ticks with their sign', () => {
    expect(labels([3], countFormat('件'))).toEqual(['0', '1', '2', '3']);
    expect(labels([1], countFormat('件'))).toEqual(['0', '1']);
    expect(labels([87.5], percentFormat)).toEqual(['0', '20%', '40%', '60%', '80%', '100%']);
  });

  it('places raw values on the range through the nice domain', () => {
    const at = valueScale([9_848_840], moneyFormat).place([200, 0]);
    expect(at(0)).toBe(200);
    expect(at(10_000_000)).toBe(0);
    expect(at(2_500_000)).toBe(150);
  });
});

describe('category labels', () => {
  it('wraps quarters onto two lines under their slot', () => {
    const out = categoryLabels(['2026年第一季度', '2026年第二季度'], [50, 120], 70, 300);
    expect(texts(out.elements).map((t) => [t.text, t.x, t.y])).toEqual([
      ['2026年', 50, 315],
      ['第一季度', 50, 333],
      ['2026年', 120, 315],
      ['第二季度', 120, 333],
    ]);
    expect(out.height).toBe(41);
    expect(out.overhang).toBe(0);
  });

  it('turns labels 45° when slots are too narrow, writing every second one when narrower still', () => {
    const months = ['2026-01', '2026-02', '2026-03', '2026-04'];
    const out = categoryLabels(months, [100, 115, 130, 145], 15, 0);
    const shown = texts(out.elements);
    expect(shown.map((t) => t.text)).toEqual(['2026-01', '2026-03']);
    expect(shown.every((t) => t.rotate === -45 && t.anchor === 'end')).toBe(true);
    expect(out.overhang).toBe(0);
  });

  it('asks for a wider margin when the first turned label would leave the picture', () => {
    const out = categoryLabels(['2026-01', '2026-02'], [10, 30], 20, 0);
    expect(out.overhang).toBe(Math.ceil((textWidth('2026-01', 15) + 12) * Math.SQRT1_2 - 14));
    expect(texts(out.elements)[0]?.text).toBe('2…');
  });
});
