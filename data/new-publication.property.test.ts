import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newPublication } from './new-publication.ts';
import { compactDigits, plantedNumber } from './privacy/written-numbers-test-support.ts';
import type { SubsidyContent } from './publication.ts';

const subsidy: SubsidyContent = {
  kind: 'subsidy',
  title: '马头溪村2026年耕地地力保护补贴发放花名册',
  programme: '耕地地力保护补贴',
  period: '2026',
  rows: [],
  totals: { amount: 0, quantity: null, count: 0 },
  notes: [],
};

describe('newPublication: the file name (property)', () => {
  it('never keeps a personal number in the published file name, however it is written', () => {
    fc.assert(
      fc.property(plantedNumber, fc.constantFrom('谷世军', '430802108214-马头溪村-', '补贴名册_', ''), fc.constantFrom('.csv', '-2026.xlsx', '（最终版）.json'), (n, before, after) => {
        const filename = `${before}${n.written}${after}`;
        const input = newPublication({ village: '430802108214', content: subsidy, publishedAt: '2026-10-10T00:00:00.000Z', sample: false, source: { filename, format: 'csv' } });
        expect(compactDigits(input.source.filename ?? '').toUpperCase().includes(n.digits), filename).toBe(false);
        expect(compactDigits(filename).toUpperCase()).toContain(n.digits);
      }),
      { seed: 20261015, numRuns: 500 },
    );
  });
});
