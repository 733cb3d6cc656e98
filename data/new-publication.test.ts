import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newPublication } from './new-publication.ts';
import { compactDigits, plantedNumber } from './privacy/written-numbers-test-support.ts';
import { publicationDigest } from './publication-digest.ts';
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

describe('newPublication', () => {
  it('files a subsidy list under its programme, with the digest of what it says', () => {
    const input = newPublication({ village: '430802108214', content: subsidy, publishedAt: '2026-10-10T00:00:00.000Z', sample: false, source: { filename: null, format: 'json' } });
    expect(input).toMatchObject({ kind: 'subsidy', period: '2026', subject: '耕地地力保护补贴', photos: [] });
    expect(input.sha256).toBe(publicationDigest({ village: '430802108214', kind: 'subsidy', period: '2026', subject: '耕地地力保护补贴', content: subsidy }));
    expect(input.id).toMatch(/^[0-9a-z]{24}$/);
  });

  it('gives a different digest when one character of the content changes', () => {
    const a = newPublication({ village: '430802108214', content: subsidy, publishedAt: '2026-10-10T00:00:00.000Z', sample: false, source: { filename: null, format: 'json' } });
    const b = newPublication({ village: '430802108214', content: { ...subsidy, title: `${subsidy.title} ` }, publishedAt: '2026-10-10T00:00:00.000Z', sample: false, source: { filename: null, format: 'json' } });
    expect(b.sha256).not.toBe(a.sha256);
  });

  it('masks an ID number or phone in the uploaded file name, which the page shows', () => {
    const input = newPublication({
      village: '430802108214',
      content: subsidy,
      publishedAt: '2026-10-10T00:00:00.000Z',
      sample: false,
      source: { filename: '谷世军430802196401241328-13907441234.csv', format: 'csv' },
    });
    expect(input.source.filename).not.toContain('430802196401241328');
    expect(input.source.filename).not.toContain('13907441234');
    expect(input.source.filename).toMatch(/^谷世军430802\*+1328-139\*+1234\.csv$/);
  });
});

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
