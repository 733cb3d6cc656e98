import { describe, expect, it } from 'vitest';
import { catalogueFor, itemsForAmount, matchItemByName, requiresDecisionRecord } from './catalogue-for.ts';
import { DEFAULT_CATALOGUE } from './default-catalogue.ts';
import { wan } from './default-sources.ts';
import { countyProjectThreshold, tier, variant } from './test-catalogues.ts';

/** A county that sends projects through 四议两公开 only from 20 万元, as the 浙江 flow does. */
const COUNTY_20W = countyProjectThreshold('330102', 20);

describe('catalogueFor', () => {
  const city = variant('4306', '4306-2026-2', '2026-11-01');
  const county = variant('430621', '430621-2026-1', '2026-03-01');
  const olderCounty = variant('430621', '430621-2025-4', '2025-06-01');
  const all = [olderCounty, city, county];

  it('prefers the county’s list over a newer city list', () => {
    expect(catalogueFor('430621101201', all)).toBe(county);
  });

  it('falls back to the city list for another county of the city', () => {
    expect(catalogueFor('430623101201', all)).toBe(city);
  });

  it('falls back to the default elsewhere', () => {
    expect(catalogueFor('110101001001', all)).toBe(DEFAULT_CATALOGUE);
    expect(catalogueFor('430621101201', [])).toBe(DEFAULT_CATALOGUE);
  });

  it('takes the newest version within a scope, numbering 10 after 9', () => {
    expect(catalogueFor('430621101201', [county, olderCounty])).toBe(county);
    const v9 = variant('430621', '430621-2026-9', '2026-03-01');
    const v10 = variant('430621', '430621-2026-10', '2026-03-01');
    expect(catalogueFor('430621101201', [v10, v9])).toBe(v10);
    expect(catalogueFor('430621101201', [v9, v10])).toBe(v10);
  });

  it('lets a newer national default replace the built-in one', () => {
    const next = variant('', 'default-2027-1', '2027-01-15');
    expect(catalogueFor('110101001001', [next])).toBe(next);
  });
});

describe('itemsForAmount', () => {
  it('counts a tier’s minimum in and its maximum out', () => {
    expect(itemsForAmount(DEFAULT_CATALOGUE, 'project-construction', wan(5) - 1)?.code).toBe('project-construction-10k-50k');
    expect(itemsForAmount(DEFAULT_CATALOGUE, 'project-construction', wan(5))?.code).toBe('project-construction-50k-100k');
    expect(itemsForAmount(DEFAULT_CATALOGUE, 'project-construction', wan(10))?.code).toBe('project-construction-100k-plus');
  });

  it('finds nothing for an area the catalogue does not have', () => {
    expect(itemsForAmount(DEFAULT_CATALOGUE, 'road-maintenance', wan(5))).toBeNull();
  });

  it('refuses an amount that is not whole fen', () => {
    expect(() => itemsForAmount(DEFAULT_CATALOGUE, 'purchase', 12.5)).toThrow(RangeError);
  });
});

describe('requiresDecisionRecord', () => {
  it('asks for 四议两公开 from 5 万元 under the default, and from 20 万元 under a county that says so', () => {
    const project = (amountFen: number) => ({ kind: 'project' as const, amountFen });
    expect(requiresDecisionRecord(DEFAULT_CATALOGUE, project(wan(5) - 1))).toBe(false);
    expect(requiresDecisionRecord(DEFAULT_CATALOGUE, project(wan(8)))).toBe(true);
    expect(requiresDecisionRecord(COUNTY_20W, project(wan(8)))).toBe(false);
    expect(requiresDecisionRecord(COUNTY_20W, project(wan(20) - 1))).toBe(false);
    expect(requiresDecisionRecord(COUNTY_20W, project(wan(20)))).toBe(true);
    expect(requiresDecisionRecord(DEFAULT_CATALOGUE, project(wan(25)))).toBe(true);
  });

  it('asks for it for every lease of collective assets, and for purchases from 5 万元', () => {
    expect(requiresDecisionRecord(DEFAULT_CATALOGUE, { kind: 'contract', amountFen: 100 })).toBe(true);
    expect(requiresDecisionRecord(DEFAULT_CATALOGUE, { kind: 'purchase', amountFen: wan(3) })).toBe(false);
    expect(requiresDecisionRecord(DEFAULT_CATALOGUE, { kind: 'purchase', amountFen: wan(6) })).toBe(true);
  });
});

describe('matchItemByName', () => {
  it('matches a lease register’s words despite the punctuation', () => {
    expect(matchItemByName(DEFAULT_CATALOGUE, '集体资产资源发包、出租')?.code).toBe('asset-contracting');
    expect(matchItemByName(DEFAULT_CATALOGUE, ' 集体资产资源发包,出租 ')?.code).toBe('asset-contracting');
  });

  it('matches “村级工程项目建设（5万元以上）” to the tier the matter’s amount falls in', () => {
    const words = '村级工程项目建设（5万元以上）';
    expect(matchItemByName(DEFAULT_CATALOGUE, words, wan(8))?.code).toBe('project-construction-50k-100k');
    expect(matchItemByName(DEFAULT_CATALOGUE, words, wan(15))?.code).toBe('project-construction-100k-plus');
  });

  it('does not guess between the two default tiers that “5万元以上” spans', () => {
    expect(matchItemByName(DEFAULT_CATALOGUE, '村级工程项目建设（5万元以上）')).toBeNull();
  });

  it('matches “5万元以上” on its own where a county’s tier is exactly that', () => {
    const county = variant('430621', '430621-2026-1', '2026-03-01', [
      ...DEFAULT_CATALOGUE.items.filter((i) => !i.code.startsWith('project-construction-')),
      tier('project-construction-under-50k', '村级工程项目建设（5万元以下）', null, wan(5), false),
      tier('project-construction-50k-plus', '村级工程项目建设（5万元以上）', wan(5), null, true),
    ]);
    expect(matchItemByName(county, '村级工程项目建设（5万元以上）')?.code).toBe('project-construction-50k-plus');
  });

  it('matches a stated range that falls within one tier', () => {
    expect(matchItemByName(DEFAULT_CATALOGUE, '村级工程项目建设(6万-8万元)')?.code).toBe('project-construction-50k-100k');
    expect(matchItemByName(DEFAULT_CATALOGUE, '村级采购 2000元以下')?.code).toBe('purchase-under-2k');
  });

  it('returns null for words it does not know or that fit several items', () => {
    expect(matchItemByName(DEFAULT_CATALOGUE, '村集体养老院床位分配')).toBeNull();
    expect(matchItemByName(DEFAULT_CATALOGUE, '印章使用')).toBeNull();
    expect(matchItemByName(DEFAULT_CATALOGUE, '（）')).toBeNull();
  });
});
