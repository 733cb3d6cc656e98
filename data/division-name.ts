import type { DivisionLevel } from './region.ts';

/**
 * The name villagers use for a division, derived from the official NBS name.
 *
 * The statistics bureau names village-level divisions after the committee that runs them
 * (马头溪村委会, 三岔溪村村民委员会, 名流园社区居委会). A page heading reads better with the place:
 * 马头溪村, 三岔溪村, 名流园社区. Names that only say 居委会 (回龙居委会) keep it: calling them
 * 社区 would assert a status the source does not state. Higher levels are used as written
 * (including 市辖区), apart from stray whitespace.
 */
export function normaliseDivisionName(officialName: string, level: DivisionLevel): string {
  const name = officialName.replace(/[\s\u3000]+/g, '');
  if (level !== 'village') return name;
  for (const rule of VILLAGE_RULES) {
    if (!name.endsWith(rule.suffix)) continue;
    const base = name.slice(0, -rule.suffix.length);
    // A bare 村委会 / 社区居委会 has nothing left to name the place by.
    if (base === '') return name;
    return base.endsWith(rule.place) ? base : base + rule.place;
  }
  return name;
}

interface SuffixRule {
  /** the committee suffix as written, including the common typos in the NBS list */
  suffix: string;
  /** what the place is called once the committee is dropped */
  place: string;
}

// Longest suffixes first: 社区居民委员会 must win over 居民委员会, 村民委员会 over 委员会.
const VILLAGE_RULES: readonly SuffixRule[] = [
  { suffix: '社区居民委员会', place: '社区' },
  { suffix: '社区居民委会', place: '社区' },
  { suffix: '社区居委员会', place: '社区' },
  { suffix: '社区居委会', place: '社区' },
  { suffix: '社区委员会', place: '社区' },
  { suffix: '村民委员会', place: '村' },
  { suffix: '村民员委会', place: '村' },
  { suffix: '村民委委会', place: '村' },
  { suffix: '村民委会', place: '村' },
  { suffix: '村委员会', place: '村' },
  { suffix: '村委会', place: '村' },
  { suffix: '嘎查委员会', place: '嘎查' },
  { suffix: '嘎查委会', place: '嘎查' },
  // 居民委员会 is the long form of 居委会; the short form is what people say.
  { suffix: '居民委员会', place: '居委会' },
  { suffix: '居民委会', place: '居委会' },
  { suffix: '居委员会', place: '居委会' },
];

const ETHNIC = String.raw`(?:\p{Script=Han}{1,3}?族)*`;
/** What a name may leave off: the level's word, with the ethnic group of an autonomous one. */
const SHORT_SUFFIX: Record<DivisionLevel, RegExp> = {
  province: new RegExp(String.raw`(?:${ETHNIC}自治区|省|市|特别行政区)$`, 'u'),
  prefecture: new RegExp(String.raw`(?:${ETHNIC}自治州|地区|市|盟)$`, 'u'),
  county: new RegExp(String.raw`(?:${ETHNIC}自治县|${ETHNIC}自治旗|县|区|市|旗)$`, 'u'),
  township: new RegExp(String.raw`(?:${ETHNIC}(?:乡|镇|苏木)|街道|镇|乡)$`, 'u'),
  // the official forms too (马头溪村委会), as the statistics bureau writes them
  village: /(?:村民委员会|村委会|社区居委会|社区|居委会|嘎查|村)$/u,
};

/** 马头溪村 → 马头溪, 三官寺土家族乡 → 三官寺, 永定区 → 永定; null when under 2 characters would be left (晓村). */
export function shortName(name: string, level: DivisionLevel): string | null {
  if (name === '市辖区') return null;
  const short = name.replace(SHORT_SUFFIX[level], '');
  return short !== name && short.length >= 2 ? short : null;
}
