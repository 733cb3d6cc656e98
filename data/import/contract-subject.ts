import type { ContractSubjectClass } from '../publication.ts';

/**
 * What a contract leases out, as a class, from the 标的物 words. The first rule that matches wins,
 * so the order carries meaning: land named as 建设用地 is construction land even when a roof or a
 * building is named beside it (集体建设用地（屋顶光伏）), and a building beats the land it stands on.
 */
export function subjectClass(subject: string): ContractSubjectClass {
  const text = subject.normalize('NFKC').replace(/\s+/g, '');
  for (const [pattern, kind] of RULES) if (pattern.test(text)) return kind;
  return 'other';
}

// ——— private helpers ———

const RULES: ReadonlyArray<readonly [RegExp, ContractSubjectClass]> = [
  [/建设用地|宅基地|厂房用地|经营性用地|工业用地|商业用地/, 'construction-land'],
  [/房屋|厂房|门面|门店|商铺|店面|仓库|学校|校舍|村小|办公楼|屋顶|楼房|平房|礼堂|会议室|活动室|猪舍|牛舍/, 'building'],
  [/耕地|水田|旱地|机动地|土地经营权|承包地|农田|稻田|菜地|责任田/, 'arable'],
  [/林地|山林|荒山|林木|竹林|山场|杉木|林场/, 'forest'],
  [/果园|茶园|园地|果树|柑橘|橘园|桃园/, 'orchard'],
  [/草地|牧草|草场|草山/, 'grassland'],
  [/山塘|水塘|鱼塘|水库|水面|池塘|堰塘|河道|养殖水域/, 'pond'],
];
