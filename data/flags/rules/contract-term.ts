import { z } from 'zod';
import { IsoDate } from '../../publication.ts';
import type { Finding } from '../finding.ts';
import { defineRule } from '../rule.ts';
import { contractName, SUBJECT_CLASS_LABEL } from '../wording.ts';
import { addDays, addMonths, addYears, daysBetween } from './days.ts';
import { anySample, contractEvidence, currentContracts, uniqueKeys } from './village-data.ts';

const years = (n: number) => z.number().int().min(1).max(99).default(n);

const MaxYears = z
  .object({
    building: years(20),
    'construction-land': years(20),
    arable: years(20),
    pond: years(20),
    orchard: years(30),
    grassland: years(30),
    forest: years(70),
    other: years(20),
  })
  .strict();

const Settings = z
  .object({
    /** the longest term, in years, by what is leased (ContractSubjectClass) */
    maxYears: MaxYears.default(MaxYears.parse({})),
    /** arable contracts should end by this day (the 二轮承包 end the county sets, e.g. 2028-12-31); null: not checked */
    arableEndsBy: IsoDate.nullable().default(null),
  })
  .strict();

export const contractTerm = defineRule({
  id: 'contract-term',
  name: '合同期限过长',
  explanation:
    '看合同台账里每份合同从起始日期到终止日期有多长，与这类资产资源一般允许的最长期限比较：房屋、建设用地、耕地、养殖水面等租赁一般不超过20年，园地、草地30年，林地70年。' +
    '县里设定了耕地合同的截止日期（如二轮承包到期日）的，也看耕地合同是否晚于这一天结束。期限过长会把集体资产长期锁定在当时的价格上，需要说明当初是怎么决定的。',
  source:
    '《民法典》第七百零五条：租赁期限不得超过二十年；《农村土地承包法》第二十一条：耕地承包期三十年，草地三十年至五十年，林地三十年至七十年；平和县合同清理中“耕地承包超二轮延包期（2028）”“山地超70年”的问题，见 village-oversight-rules.md §4。',
  timeBased: false,
  settings: Settings,
  run(input, settings) {
    const findings: Finding[] = [];
    for (const ref of currentContracts(input.publications)) {
      const c = ref.contract;
      if (!c.start || !c.end) continue;
      const max = settings.maxYears[c.subjectClass];
      const classLabel = SUBJECT_CLASS_LABEL[c.subjectClass];
      // a 20-year term from 2019-01-01 ends on 2038-12-31
      const tooLong = c.end >= addYears(c.start, max);
      const lateArable = c.subjectClass === 'arable' && settings.arableEndsBy !== null && c.end > settings.arableEndsBy;
      if (!tooLong && !lateArable) continue;
      const length = termText(c.start, c.end);
      const reasons: string[] = [];
      if (tooLong) reasons.push(`期限${length}，长于${classLabel}合同一般最长的${max}年`);
      if (lateArable) reasons.push(`终止日期${c.end}晚于县里设定的耕地合同截止日期${settings.arableEndsBy}`);
      findings.push({
        rule: 'contract-term',
        village: input.village.code,
        key: `${c.number ?? `row${c.row}`}:term`,
        title: `${contractName(c)}${reasons.join('，')}`.slice(0, 200),
        detail:
          `合同台账写明：标的物“${c.subject}”（按${classLabel}看待），期限${c.start}至${c.end}，共${length}。${reasons.join('；')}。` +
          '请说明合同期限是怎样确定的，是否经村民会议或村民代表会议讨论决定。',
        amount: null,
        evidence: [contractEvidence(ref)],
        sample: anySample([ref.pub]),
      });
    }
    return uniqueKeys(findings);
  },
});

/** 25年, 10年6个月, 约20年 (when days are left over), 20天 */
function termText(start: string, end: string): string {
  const after = addDays(end, 1);
  let months = 0;
  while (addMonths(start, months + 1) <= after) months++;
  const exact = addMonths(start, months) === after;
  const y = Math.floor(months / 12);
  const m = months % 12;
  const text = months === 0 ? `${daysBetween(start, after)}天` : `${y > 0 ? `${y}年` : ''}${m > 0 ? `${m}个月` : ''}`;
  return exact ? text : `约${text}`;
}
