import { describe, expect, it } from 'vitest';
import { batchCacheKey, posterCacheKey } from './poster-cache-key.ts';
import type { PosterInput } from './poster-content.ts';
import type { PosterOptions } from './poster-options.ts';

const input: PosterInput = {
  village: { code: '430802108214', name: '马头溪村', township: '王家坪镇', county: '永定区' },
  baseUrl: 'http://portal.test',
  phones: [{ label: '纪检监察举报电话', number: '12388' }],
  printedOn: '2026-08-01',
  siteName: '阳光村务',
};
const A4: PosterOptions = { size: 'a4', mono: false };
const key = (i: PosterInput = input, o: PosterOptions = A4, f: 'pdf' | 'png' = 'pdf') => posterCacheKey(i, o, f);

describe('poster cache keys', () => {
  it('are the same for the same poster, asked for twice', () => {
    expect(key({ ...input, phones: [...input.phones] })).toBe(key());
  });

  it('change with anything printed on the poster', () => {
    const changed: PosterInput[] = [
      { ...input, village: { ...input.village, name: '马头溪社区' } },
      { ...input, village: { ...input.village, township: '王家坪街道' } },
      { ...input, village: { ...input.village, county: '永定县' } },
      { ...input, baseUrl: 'https://cunwu.example.cn' },
      { ...input, phones: [{ label: '纪检监察举报电话', number: '12389' }] },
      { ...input, phones: [{ label: '县纪委监委', number: '12388' }] },
      { ...input, phones: [...input.phones, { label: '县纪委监委', number: '0744-8888888' }] },
      { ...input, printedOn: '2026-08-02' },
    ];
    const keys = new Set([key(), ...changed.map((i) => key(i))]);
    expect(keys.size).toBe(changed.length + 1);
  });

  it('differ by paper size, colour and format', () => {
    const keys = new Set([key(), key(input, { size: 'a3', mono: false }), key(input, { size: 'a4', mono: true }), key(input, A4, 'png')]);
    expect(keys.size).toBe(4);
  });

  it('make a batch key that changes when any one of its villages changes', () => {
    const other = { ...input, village: { ...input.village, code: '430802108201', name: '王家坪村' } };
    const batch = batchCacheKey('430802108', [other, input], A4);
    expect(batchCacheKey('430802108', [other, input], A4)).toBe(batch);
    expect(batchCacheKey('430802108', [other, { ...input, village: { ...input.village, name: '马头溪社区' } }], A4)).not.toBe(batch);
    expect(batchCacheKey('430802108', [other, input], { size: 'a3', mono: false })).not.toBe(batch);
  });
});
