import type { PowerItem } from './power-catalogue.ts';
import { SOURCE } from './default-sources.ts';
import { fourDeliberations, notice, numbered, step, supervised, REPRESENTATIVES_QUORUM } from './default-steps.ts';

/** Matters the village decides as a whole: the 四议两公开 item itself and those the rules send through it. */

const ANY_AMOUNT = { amountMinFen: null, amountMaxFen: null, note: null };

export const DECISION_ITEMS: PowerItem[] = [
  {
    code: 'major-decision',
    name: '村级重大事项决策（四议两公开）',
    category: 'collective-management',
    gbClass: null,
    appliesWhen: {
      amountMinFen: null,
      amountMaxFen: null,
      note: '凡涉及村民切身利益的重大事项：征地、承包、贷款、对外签订合同、集体资产处置、公益事业建设等；按金额分级的事项见各自条目',
    },
    legalBasis: [SOURCE.fourTwo, SOURCE.orgLaw22, SOURCE.orgLaw26, SOURCE.provincial16, SOURCE.noOne2018],
    steps: numbered(fourDeliberations({ resolves: '决议事项、表决结果、实施方案' })),
  },
  {
    code: 'village-rules-revision',
    name: '村规民约、村民自治章程制定和修订',
    category: 'collective-management',
    gbClass: null,
    appliesWhen: { ...ANY_AMOUNT, note: '村规民约和自治章程由村民会议决议，不由村民代表会议代行' },
    legalBasis: [SOURCE.fourTwo, SOURCE.orgLaw22],
    steps: numbered(fourDeliberations({ body: 'villagers-meeting', resolves: '村规民约（自治章程）全文及表决结果', result: '施行情况' })),
  },
  {
    code: 'development-plan',
    name: '村级发展规划和年度工作计划',
    category: 'collective-management',
    gbClass: null,
    appliesWhen: ANY_AMOUNT,
    legalBasis: [SOURCE.fourTwo, SOURCE.orgLaw30],
    steps: numbered(fourDeliberations({ resolves: '规划（计划）内容', result: '年度计划完成情况' })),
  },
  {
    code: 'one-matter-one-discussion',
    name: '一事一议筹资筹劳',
    category: 'collective-management',
    gbClass: null,
    appliesWhen: { ...ANY_AMOUNT, note: '公益事业建设的经费筹集；筹资标准由各省规定' },
    legalBasis: [SOURCE.fourTwo, SOURCE.zhongBan2004, SOURCE.financeDisclosure2011],
    steps: numbered(
      fourDeliberations({
        resolves: '筹资筹劳项目、标准、对象和数额',
        carryOut: [step('报乡镇审核', 'township', ['approval']), supervised('村务监督委员会监督收缴和使用')],
        result: '筹资筹劳收缴、使用情况',
      }),
    ),
  },
  {
    code: 'income-distribution',
    name: '集体收益分配',
    category: 'collective-management',
    gbClass: null,
    appliesWhen: ANY_AMOUNT,
    legalBasis: [SOURCE.fourTwo, SOURCE.financeDisclosure2011, SOURCE.finance2021],
    steps: numbered(
      fourDeliberations({
        resolves: '分配方案：可分配收益、提取比例、分配对象和标准',
        carryOut: [step('按方案发放并登记', 'group', ['register'])],
        result: '分配结果（逐户金额）',
      }),
    ),
  },
  {
    code: 'land-compensation-distribution',
    name: '土地征收补偿款分配',
    category: 'public-service',
    gbClass: null,
    appliesWhen: { ...ANY_AMOUNT, note: '宁海 36 条列入便民服务事项；补偿款的分配方案仍须四议两公开' },
    legalBasis: [SOURCE.ningHai36, SOURCE.fourTwo, SOURCE.provincial16, SOURCE.zhongBan2004, SOURCE.financeDisclosure2011],
    steps: numbered(
      fourDeliberations({
        resolves: '补偿款总额、分配方案、分配对象和标准',
        carryOut: [step('按方案发放并登记', 'group', ['register']), supervised('村务监督委员会监督发放')],
        result: '补偿款收到、分配和结余情况（专项公开）',
      }),
    ),
  },
  {
    code: 'membership-recognition',
    name: '集体经济组织成员资格认定',
    category: 'collective-management',
    gbClass: null,
    appliesWhen: { ...ANY_AMOUNT, note: '认定标准各地不同；参考资料未收录全国统一程序，此流程为通行做法，县可替换' },
    legalBasis: [SOURCE.ningHai36, SOURCE.fourTwo, SOURCE.finance2021],
    steps: numbered([
      step('本人申请或村组摸底登记', 'applicant', ['application', 'register']),
      step('集体经济组织拟定认定名单', 'group', ['meeting-minutes']),
      step('初步名单公示', 'village-committee', ['notice-photo'], { disclosure: notice('拟认定成员名单及认定依据') }),
      step('成员（代表）会议表决', 'representatives-meeting', ['meeting-minutes', 'sign-in-sheet', 'vote-result'], {
        quorum: REPRESENTATIVES_QUORUM,
      }),
      step('认定结果公示', 'village-committee', ['notice-photo'], { disclosure: notice('成员名单') }),
      step('报乡镇备案', 'township', ['approval']),
    ]),
  },
  {
    code: 'cadre-remuneration',
    name: '村干部报酬和误工补贴',
    category: 'collective-management',
    gbClass: null,
    appliesWhen: { ...ANY_AMOUNT, note: '报酬标准由县乡核定（地方规定）；集体另发的误工补贴须经村民代表会议，防止滥发补贴' },
    legalBasis: [SOURCE.orgLaw30, SOURCE.financeDisclosure2011, SOURCE.supervision2017],
    steps: numbered([
      step('村“两委”按核定标准拟定发放方案', 'two-committees', ['meeting-minutes']),
      step('乡镇审核', 'township', ['approval']),
      step('村民代表会议表决误工补贴', 'representatives-meeting', ['meeting-minutes', 'sign-in-sheet', 'vote-result'], {
        quorum: REPRESENTATIVES_QUORUM,
      }),
      step('发放情况公开', 'village-committee', ['notice-photo'], { disclosure: notice('领取人员、标准、金额') }),
    ]),
  },
];
