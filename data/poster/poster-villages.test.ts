import { describe, expect, it } from 'vitest';
import type { Division } from '../region.ts';
import { isBatchScope, villagePosterInputs, type PosterCommon } from './poster-villages.ts';

const d = (code: string, level: Division['level'], name: string, parent: string | null): Division => ({ code, level, name, officialName: name, parent });
const DIVISIONS: Division[] = [
  d('430802', 'county', '永定区', '4308'),
  d('430802108', 'township', '王家坪镇', '430802'),
  d('430802108214', 'village', '马头溪村', '430802108'),
  d('430802108201', 'village', '王家坪村', '430802108'),
  d('430802109', 'township', '石长溪林场', '430802'),
  d('430802109001', 'village', '林场社区', '430802109'),
  d('430802110001', 'village', '无乡镇村', '430802110'),
];
const common: PosterCommon = { baseUrl: 'http://portal.test', phones: [{ label: '举报电话', number: '12388' }], printedOn: '2026-08-01', siteName: '阳光村务' };

describe('the villages a batch of posters covers', () => {
  it('lists a township’s villages in code order, each with its county and township', () => {
    const inputs = villagePosterInputs(DIVISIONS, '430802108', common);
    expect(inputs.map((i) => i.village)).toEqual([
      { code: '430802108201', name: '王家坪村', township: '王家坪镇', county: '永定区' },
      { code: '430802108214', name: '马头溪村', township: '王家坪镇', county: '永定区' },
    ]);
    expect(inputs[0]).toMatchObject(common);
  });

  it('covers every township of a county, and leaves out a village whose township is unknown', () => {
    expect(villagePosterInputs(DIVISIONS, '430802', common).map((i) => i.village.code)).toEqual(['430802108201', '430802108214', '430802109001']);
  });

  it('prints batches for townships and counties only', () => {
    expect(['430802', '430802108'].map(isBatchScope)).toEqual([true, true]);
    expect(['4308', '43', '430802108214', '43080210', 'abcdef'].map(isBatchScope)).toEqual([false, false, false, false, false]);
  });
});
