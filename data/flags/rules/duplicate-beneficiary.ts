import { z } from 'zod';
import { periodLabel } from '../../period.ts';
import type { Evidence, Finding } from '../finding.ts';
import { defineRule } from '../rule.ts';
import { listText, subsidyRowLabel } from '../wording.ts';
import { uniqueKeys } from './village-data.ts';

const Settings = z.object({}).strict();

const HOW: Record<'id' | 'name-masked-id', string> = {
  id: '这几行的身份证号相同（系统用加密指纹比对完整号码，号码本身不保存、不公开）。',
  'name-masked-id': '这几行的姓名相同，身份证号公开部分（前后几位）也相同，可能是同一人，也可能只是同名、号码相近的两个人。',
};

export const duplicateBeneficiary = defineRule({
  id: 'duplicate-beneficiary',
  name: '同一人重复领取补贴',
  explanation:
    '同一个补贴项目、同一期里，把本乡镇各村公开的发放名单放在一起比对：同一个人出现两次以上的，列出来请村里说明。' +
    '比对用的是身份证号（只比对加密后的指纹，号码本身不保存），公开的号码已遮挡时，用姓名加号码可见部分比对。重复出现可能是录入重复、户籍迁移，也可能是重复领取，需要核实。',
  source: '审计、巡察常见问题“虚报冒领”“重复领取”；发放名单交叉比对（同一名单内或同一项目各村名单之间），见 village-oversight-rules.md §4。',
  timeBased: false,
  settings: Settings,
  run(input) {
    const ours = new Map(input.publications.map((p) => [p.id, p]));
    const findings: Finding[] = [];
    for (const group of input.duplicates) {
      if (!group.rows.some((r) => r.village === input.village.code)) continue;
      const name = group.rows.find((r) => r.village === input.village.code)?.name ?? group.rows[0]?.name ?? '';
      const places = group.rows.map((r) => `${r.villageName}第${r.row}行`);
      const period = safePeriodLabel(group.period);
      const codes = [...new Set(group.rows.map((r) => r.village))].sort();
      const evidence: Evidence[] = group.rows.map((r) => ({
        publicationId: r.publicationId,
        village: r.village,
        kind: 'subsidy',
        row: r.row,
        label: subsidyRowLabel(r.villageName, group.programme, r.row),
      }));
      const shortPlaces = places.length > 4 ? `${places.slice(0, 4).join('、')}等` : listText(places);
      findings.push({
        rule: 'duplicate-beneficiary',
        village: input.village.code,
        key: `${group.programme}:${group.period}:${codes.join(',')}:${name}`,
        title: `${name}在${period}“${group.programme}”名单中出现${group.rows.length}次（${shortPlaces}）`.slice(0, 200),
        detail:
          `${period}“${group.programme}”发放名单中，${name}出现在${listText(places)}。${HOW[group.match]}` +
          '请核实是否为同一人、是否重复发放；如是录入重复或已追回，请说明。',
        amount: null,
        evidence,
        sample: group.rows.some((r) => ours.get(r.publicationId)?.sample === true),
      });
    }
    return uniqueKeys(findings);
  },
});

function safePeriodLabel(period: string): string {
  try {
    return periodLabel(period);
  } catch {
    return period;
  }
}
