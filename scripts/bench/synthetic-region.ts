import type { Division } from '../../data/region.ts';

const SYLLABLES = '青石龙凤桃李花溪松柏竹梅枫杨柳茶田山河湾坪岗岭塘桥冲坳垭坡湖洲泉水云霞金银玉丰华兴安平和新永长乐福寿康宁高';

/** A made-up prefecture (code 9901) with `villages` villages: counties of 50 townships of 20 villages. */
export function syntheticRegion(villages: number): Division[] {
  const out: Division[] = [{ code: '9901', level: 'prefecture', name: '示例市', officialName: '示例市', parent: '99' }];
  const perTownship = 20;
  const townshipsPerCounty = 50;
  const townships = Math.ceil(villages / perTownship);
  const counties = Math.ceil(townships / townshipsPerCounty);
  let made = 0;
  for (let c = 1; c <= counties; c++) {
    const county = `9901${String(c).padStart(2, '0')}`;
    out.push({ code: county, level: 'county', name: `${syntheticName(c, 2)}县`, officialName: `${syntheticName(c, 2)}县`, parent: '9901' });
    for (let t = 1; t <= townshipsPerCounty && made < villages; t++) {
      const township = `${county}${String(t).padStart(3, '0')}`;
      out.push({ code: township, level: 'township', name: `${syntheticName(c * 97 + t, 2)}镇`, officialName: `${syntheticName(c * 97 + t, 2)}镇`, parent: county });
      for (let v = 1; v <= perTownship && made < villages; v++, made++) {
        const n = `${syntheticName(made * 31 + 7, 3)}村`;
        out.push({ code: `${township}${String(v).padStart(3, '0')}`, level: 'village', name: n, officialName: `${n}民委员会`, parent: township });
      }
    }
  }
  return out;
}

/** A made-up place name of `length` syllables, the same for the same seed. */
export function syntheticName(seed: number, length: number): string {
  let s = '';
  let x = seed + 1;
  for (let i = 0; i < length; i++) {
    s += SYLLABLES[x % SYLLABLES.length];
    x = Math.floor(x / SYLLABLES.length) + (i + 1) * 13 + seed * 7;
  }
  return s;
}
