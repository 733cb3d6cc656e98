import type { PowerItem } from './power-catalogue.ts';
import { SOURCE } from './default-sources.ts';
import { notice, numbered, step, COMMITTEES_QUORUM, REPRESENTATIVES_QUORUM } from './default-steps.ts';

/**
 * 便民服务事项: what a villager applies for. Deadlines count in calendar days where the source
 * writes "日" and in working days where it writes "工作日".
 */

const ANY_AMOUNT = { amountMinFen: null, amountMaxFen: null, note: null };

/** ≥ 3 days: the 低保 rule; 特困 and 临时救助 follow it here, as the sources give no other number. */
const RELIEF_PUBLICITY_DAYS = 3;

function reliefItem(code: string, name: string, note: string): PowerItem {
  return {
    code,
    name,
    category: 'public-service',
    gbClass: null,
    appliesWhen: { ...ANY_AMOUNT, note },
    legalBasis: [SOURCE.dibao, SOURCE.orgLaw30, SOURCE.supervision2017],
    steps: numbered([
      step('本人或代理人提出书面申请', 'applicant', ['application']),
      step('村委会受理并协助入户调查', 'village-committee', ['register']),
      step('乡镇审核（民主评议、信息核对）', 'township', ['meeting-minutes', 'approval']),
      step('县级部门复核', 'county', ['approval'], { deadline: { days: 10, unit: 'working', fromStep: 3 } }),
      step('村委会公示', 'village-committee', ['notice-photo'], {
        disclosure: notice('申请人姓名、家庭人口、拟保障（救助）金额（身份证号等隐去）', RELIEF_PUBLICITY_DAYS),
      }),
      step('县级部门审批并发放', 'county', ['approval']),
    ]),
  };
}

export const SERVICE_ITEMS: PowerItem[] = [
  {
    code: 'homestead-approval',
    name: '农村宅基地申请审批',
    category: 'public-service',
    gbClass: null,
    appliesWhen: { ...ANY_AMOUNT, note: '期限按农经发〔2019〕6号所记“日”计；公告 7 日为早期县级规定，作默认值' },
    legalBasis: [SOURCE.homestead2019, SOURCE.homesteadNotice, SOURCE.ningHai36],
    steps: numbered([
      step('农户提出书面申请', 'applicant', ['application']),
      step('村民小组（组级集体经济组织）会议讨论', 'group', ['meeting-minutes', 'sign-in-sheet', 'vote-result'], {
        deadline: { days: 10, unit: 'calendar', fromStep: 1 },
      }),
      step('公示申请理由、拟用地位置、面积、建房层数', 'group', ['notice-photo'], {
        disclosure: notice('申请人、申请理由、拟用地位置、面积、建房层数', 7),
      }),
      step('村级组织审查并签署意见', 'village-committee', ['approval']),
      step('乡镇受理', 'township', ['register']),
      step('乡镇实地审查、部门联审', 'township', ['meeting-minutes'], { deadline: { days: 15, unit: 'calendar', fromStep: 5 } }),
      step('乡镇审批', 'township', ['approval'], { deadline: { days: 5, unit: 'calendar', fromStep: 6 } }),
      step('发放宅基地批准书和乡村建设规划许可证，或书面答复不批准理由', 'township', ['approval'], {
        deadline: { days: 20, unit: 'calendar', fromStep: 5 },
      }),
      step('批准结果公告', 'village-committee', ['notice-photo'], { disclosure: notice('批准户名、位置、面积', 7) }),
      step('报县级备案', 'county', ['register']),
    ]),
  },
  reliefItem('dibao-application', '最低生活保障申请', '县级复核期限与公示天数为早期省级规定，作默认值'),
  reliefItem('tekun-application', '特困人员救助供养申请', '程序与公示天数参照低保（参考资料未收录特困的单独规定）'),
  reliefItem('temporary-assistance', '临时救助申请', '程序与公示天数参照低保（参考资料未收录临时救助的单独规定）；紧急情况可先行救助后补手续'),
  {
    code: 'disaster-relief-distribution',
    name: '救灾救助款物发放',
    category: 'public-service',
    gbClass: null,
    appliesWhen: ANY_AMOUNT,
    legalBasis: [SOURCE.orgLaw30, SOURCE.zhongBan2004, SOURCE.supervision2017],
    steps: numbered([
      step('村民小组摸底，村委会汇总受灾（困难）情况', 'group', ['register']),
      step('村“两委”会议研究发放方案', 'two-committees', ['meeting-minutes', 'sign-in-sheet'], { quorum: COMMITTEES_QUORUM }),
      step('拟发放名单公示', 'village-committee', ['notice-photo'], { disclosure: notice('对象、款物种类和数量', RELIEF_PUBLICITY_DAYS) }),
      step('报乡镇审核', 'township', ['approval']),
      step('发放并签收登记', 'village-committee', ['register']),
      step('发放结果公开', 'village-committee', ['notice-photo'], { disclosure: notice('款物来源、发放对象和数量') }),
    ]),
  },
  {
    code: 'hardship-subsidy',
    name: '困难补助申请',
    category: 'public-service',
    gbClass: null,
    appliesWhen: { ...ANY_AMOUNT, note: '村集体自有资金发放的困难补助；公示天数参照低保' },
    legalBasis: [SOURCE.ningHai36, SOURCE.orgLaw30],
    steps: numbered([
      step('本人提出申请', 'applicant', ['application']),
      step('村委会核实家庭情况', 'village-committee', ['register']),
      step('村“两委”会议研究', 'two-committees', ['meeting-minutes', 'sign-in-sheet'], { quorum: COMMITTEES_QUORUM }),
      step('公示', 'village-committee', ['notice-photo'], { disclosure: notice('补助对象、理由、金额', RELIEF_PUBLICITY_DAYS) }),
      step('发放并签收登记', 'village-committee', ['register']),
    ]),
  },
  {
    code: 'certificate-issuance',
    name: '出具证明',
    category: 'public-service',
    gbClass: null,
    appliesWhen: { ...ANY_AMOUNT, note: '只出具依法可由村出具的证明事项清单之内的证明' },
    legalBasis: [SOURCE.sixLists, SOURCE.ningHai36, SOURCE.seal],
    steps: numbered([
      step('申请人提出申请并提交材料', 'applicant', ['application']),
      step('村委会核实情况', 'village-committee', ['register']),
      step('出具证明，印章保管人盖章并登记', 'village-committee', ['register']),
    ]),
  },
  {
    code: 'family-planning-review',
    name: '计划生育相关审核',
    category: 'public-service',
    gbClass: null,
    appliesWhen: { ...ANY_AMOUNT, note: '村只核实情况、签署意见，决定由乡镇、县作出；政策落实方案须公布' },
    legalBasis: [SOURCE.ningHai36, SOURCE.orgLaw30],
    steps: numbered([
      step('申请人提出申请', 'applicant', ['application']),
      step('村委会核实并签署意见', 'village-committee', ['register']),
      step('报乡镇审核', 'township', ['approval']),
    ]),
  },
  {
    code: 'seal-routine',
    name: '印章使用（一般证明）',
    category: 'public-service',
    gbClass: null,
    appliesWhen: { ...ANY_AMOUNT, note: '一般证明由印章保管人直接盖章；审批人与保管人不得为同一人；禁止在空白纸上盖章' },
    legalBasis: [SOURCE.seal],
    steps: numbered([
      step('提出用印申请（事由）', 'applicant', ['application']),
      step('印章保管人盖章', 'village-committee', []),
      step('用印登记：事由、日期、次数、批准人、经办人', 'village-committee', ['register']),
    ]),
  },
  {
    code: 'seal-contract',
    name: '印章使用（合同、申请）',
    category: 'collective-management',
    gbClass: null,
    appliesWhen: { ...ANY_AMOUNT, note: '合同、申请须村委会主任签批后盖章；贷款、重大工程发包、担保另见“印章使用（贷款、重大工程发包、担保）”' },
    legalBasis: [SOURCE.seal],
    steps: numbered([
      step('提出用印申请（事由、文件）', 'applicant', ['application']),
      step('村委会主任签批', 'village-committee', ['approval']),
      step('印章保管人盖章', 'village-committee', []),
      step('用印登记：事由、日期、次数、批准人、经办人', 'village-committee', ['register']),
    ]),
  },
  {
    code: 'seal-major',
    name: '印章使用（贷款、重大工程发包、担保）',
    category: 'collective-management',
    gbClass: null,
    appliesWhen: { ...ANY_AMOUNT, note: '须有村民（代表）会议的表决结果才能盖章' },
    legalBasis: [SOURCE.seal, SOURCE.provincial16],
    steps: numbered([
      step('提出用印申请（事由、文件）', 'applicant', ['application']),
      step('村民代表会议表决', 'representatives-meeting', ['meeting-minutes', 'sign-in-sheet', 'vote-result'], { quorum: REPRESENTATIVES_QUORUM }),
      step('村委会主任凭表决结果签批', 'village-committee', ['approval']),
      step('印章保管人盖章', 'village-committee', []),
      step('用印登记：事由、日期、次数、批准人、经办人', 'village-committee', ['register']),
    ]),
  },
];
