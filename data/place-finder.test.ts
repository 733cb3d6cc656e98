import { describe, expect, it } from 'vitest';
import type { Division } from './region.ts';
import { initials, placeIndex } from './place-finder.ts';

const d = (code: string, name: string, level: Division['level']): Division => ({ code, name, officialName: name, parent: null, level });
const index = placeIndex([
  d('4308', '张家界市', 'prefecture'),
  d('430802', '永定区', 'county'),
  d('430802108', '王家坪镇', 'township'),
  d('430802108214', '马头溪村', 'village'),
  d('430802108215', '王家坪村', 'village'),
  d('430821211227', '龙岗村', 'village'),
]);
const codes = (q: string) => index.find(q).map((x) => x.code);

describe('finding my village', () => {
  it('finds 马头溪村 by the first letters of its pinyin, with or without the 村', () => {
    expect(initials('马头溪村')).toBe('mtxc');
    expect(codes('mtx')).toEqual(['430802108214']);
    expect(codes('MTXC')).toEqual(['430802108214']);
  });

  it('finds it by part of its name, the whole name first', () => {
    expect(codes('马头溪')).toEqual(['430802108214']);
    expect(codes('王家坪')).toEqual(['430802108215', '430802108']);
    expect(codes('王家坪镇')).toEqual(['430802108']);
  });

  it('finds nothing for one letter, one character or a number', () => {
    expect(codes('m')).toEqual([]);
    expect(codes('马')).toEqual([]);
    expect(codes('2026')).toEqual([]);
  });
});
