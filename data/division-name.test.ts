import { describe, expect, it } from 'vitest';
import { normaliseDivisionName } from './division-name.ts';

// Official names copied from the NBS 2023 list for 张家界市 (4308), with the display name we want.
const ZHANGJIAJIE_VILLAGES: Array<[official: string, display: string]> = [
  ['马头溪村委会', '马头溪村'], // 430802108214
  ['砂子垭村委会', '砂子垭村'], // 430802108212
  ['沙堤新村委会', '沙堤新村'], // 沙堤新村's committee, not 沙堤新 + 村委会 twice
  ['高铁新村委会', '高铁新村'],
  ['禾家村村委会', '禾家村'], // 430802003209
  ['八家河村村委会', '八家河村'],
  ['晓村村委会', '晓村'],
  ['仙鹅村村民委员会', '仙鹅村'], // 430822100200
  ['尚家坪村村民委员会', '尚家坪村'],
  ['洋公潭村民委员会', '洋公潭村'], // 430822100204
  ['龙岗村', '龙岗村'], // 430821211227 is already written as the place
  ['名流园社区居委会', '名流园社区'], // 430802002006
  ['汨湖农场社区居委会', '汨湖农场社区'],
  ['锣鼓塔社区', '锣鼓塔社区'],
  ['建新岭居民委员会', '建新岭居委会'], // 430822100012
  ['回龙居委会', '回龙居委会'],
  ['大庸桥居委会', '大庸桥居委会'],
  ['农贸市场居委会', '农贸市场居委会'],
  ['原种场虚拟生活区', '原种场虚拟生活区'], // 430802404598
  ['江垭林场生活区', '江垭林场生活区'],
];

describe('normaliseDivisionName for villages', () => {
  it.each(ZHANGJIAJIE_VILLAGES)('shows %s as %s', (official, display) => {
    expect(normaliseDivisionName(official, 'village')).toBe(display);
  });

  it('turns 三岔溪村村民委员会 into 三岔溪村 rather than 三岔溪村村', () => {
    expect(normaliseDivisionName('三岔溪村村民委员会', 'village')).toBe('三岔溪村');
  });

  it('reads the long 社区居民委员会 form used elsewhere in the country as 社区', () => {
    expect(normaliseDivisionName('岗贝社区居民委员会', 'village')).toBe('岗贝社区');
  });

  it('keeps a committee name that would otherwise become empty', () => {
    expect(normaliseDivisionName('社区居委会', 'village')).toBe('社区居委会');
    expect(normaliseDivisionName('村委会', 'village')).toBe('村委会');
  });

  it('drops stray half- and full-width spaces', () => {
    expect(normaliseDivisionName(' 马头溪 村委会\u3000', 'village')).toBe('马头溪村');
  });
});

describe('normaliseDivisionName above the village level', () => {
  it.each([
    ['王家坪镇', 'township'],
    ['三官寺土家族乡', 'township'],
    ['永定街道', 'township'],
    ['原种场', 'township'],
    ['永定区', 'county'],
    ['慈利县', 'county'],
    ['市辖区', 'county'],
    ['张家界市', 'prefecture'],
    ['湖南省', 'province'],
  ] as const)('leaves %s (%s) as written', (official, level) => {
    expect(normaliseDivisionName(official, level)).toBe(official);
  });

  it('strips only whitespace from a county name', () => {
    expect(normaliseDivisionName('永定 区', 'county')).toBe('永定区');
  });
});
