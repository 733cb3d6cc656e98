import type { Division } from '../../data/region.ts';
import { syntheticName as name } from './synthetic-region.ts';

/** The number of village-level units in the statistical division codes (NBS 2023). */
export const NATIONAL_VILLAGES = 620_573;

/**
 * A made-up country shaped like China's divisions for the bench (issue 14): 31 provinces of
 * prefectures of counties of townships of villages, codes 2 + 2 + 2 + 3 + 3 digits as the real ones,
 * `villages` villages in all (620,573 by default) in about 2,900 counties and 38,000 townships.
 * Provinces are numbered from 51 so the codes never meet a real one (11–50 are mostly taken).
 */
export function syntheticNation(villages: number = NATIONAL_VILLAGES): Division[] {
  const out: Division[] = [];
  const perTownship = 16;
  const townshipsPerCounty = 13;
  const countiesPerPrefecture = 9;
  const prefecturesPerProvince = Math.ceil(villages / perTownship / townshipsPerCounty / countiesPerPrefecture / 31);
  let made = 0;
  for (let p = 0; p < 31 && made < villages; p++) {
    const province = String(51 + p);
    out.push(division(province, 'province', `${name(p, 2)}省`, null));
    for (let f = 1; f <= prefecturesPerProvince && made < villages; f++) {
      const prefecture = `${province}${String(f).padStart(2, '0')}`;
      out.push(division(prefecture, 'prefecture', `${name(p * 50 + f, 2)}市`, province));
      for (let c = 1; c <= countiesPerPrefecture && made < villages; c++) {
        const county = `${prefecture}${String(c).padStart(2, '0')}`;
        out.push(division(county, 'county', `${name(p * 977 + f * 31 + c, 2)}县`, prefecture));
        for (let t = 1; t <= townshipsPerCounty && made < villages; t++) {
          const township = `${county}${String(t).padStart(3, '0')}`;
          out.push(division(township, 'township', `${name(made + t * 7, 2)}镇`, county));
          for (let v = 1; v <= perTownship && made < villages; v++, made++) {
            out.push(division(`${township}${String(v).padStart(3, '0')}`, 'village', `${name(made * 31 + 7, 3)}村`, township));
          }
        }
      }
    }
  }
  return out;
}

function division(code: string, level: Division['level'], name: string, parent: string | null): Division {
  return { code, level, name, officialName: level === 'village' ? `${name}民委员会` : name, parent };
}
