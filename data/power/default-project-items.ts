import type { PowerItem } from './power-catalogue.ts';
import { SOURCE, wan, yuan } from './default-sources.ts';
import { fourDeliberations, notice, numbered, step, supervised, COMMITTEES_QUORUM, type StepDraft } from './default-steps.ts';

/**
 * 村级工程 and 村级采购, tiered by amount. The tiers are local rules: projects follow 岳阳县, and
 * purchases follow the 浙江 amounts below 5 万元. Both send 5 万元 and more through 四议两公开,
 * the line 岳阳 draws and 5 万元 "重大事项" elsewhere; a county with another line publishes its own tiers.
 * Codes are `<area>-<tier>` so itemsForAmount can find an area's tiers by prefix.
 */

const PROJECT_BASIS = [SOURCE.yueyang, SOURCE.supervision2017, SOURCE.financeDisclosure2011];
const PURCHASE_BASIS = [SOURCE.zhejiangProcurement, SOURCE.yueyang, SOURCE.democraticFinance];

const budget = step('项目负责人和片区村干部现场预算、拟定施工方案', 'village-committee', ['meeting-minutes']);
const contract = step('签订书面合同', 'village-committee', ['contract']);
const acceptance = step('竣工验收（村务监督委员会参加）', 'supervision-committee', ['meeting-minutes', 'approval']);
const payment = step('凭合同、验收单审批付款', 'two-committees', ['approval']);

function projectItem(code: string, name: string, min: number | null, max: number | null, steps: StepDraft[], extra: string[] = []): PowerItem {
  return {
    code,
    name,
    category: 'collective-management',
    gbClass: null,
    appliesWhen: { amountMinFen: min, amountMaxFen: max, note: '按单项工程预算金额分级；分级金额为岳阳县规定，作全国默认值' },
    legalBasis: [...PROJECT_BASIS, ...extra],
    steps: numbered(steps),
  };
}

function purchaseItem(code: string, name: string, min: number | null, max: number | null, steps: StepDraft[], extra: string[] = []): PowerItem {
  return {
    code,
    name,
    category: 'collective-management',
    gbClass: null,
    appliesWhen: { amountMinFen: min, amountMaxFen: max, note: '按单次采购金额分级；2000 元一档为浙江做法，5 万元一档同村级工程，均为默认值' },
    legalBasis: [...PURCHASE_BASIS, ...extra],
    steps: numbered(steps),
  };
}

export const PROJECT_ITEMS: PowerItem[] = [
  projectItem('project-construction-under-10k', '村级工程项目建设（1万元以下）', null, wan(1), [
    budget,
    step('村“两委”会议研究确定', 'two-committees', ['meeting-minutes', 'sign-in-sheet'], { quorum: COMMITTEES_QUORUM }),
    step('知会片区村务监督委员', 'supervision-committee', ['meeting-minutes']),
    contract,
    acceptance,
    payment,
    step('项目及开支公开', 'village-committee', ['notice-photo'], { disclosure: notice('项目名称、施工方、金额') }),
  ]),
  projectItem('project-construction-10k-50k', '村级工程项目建设（1万—5万元）', wan(1), wan(5), [
    budget,
    step('村“两委”会议研究确定', 'two-committees', ['meeting-minutes', 'sign-in-sheet'], { quorum: COMMITTEES_QUORUM }),
    step('全体村务监督委员会成员参与', 'supervision-committee', ['meeting-minutes', 'sign-in-sheet']),
    contract,
    acceptance,
    payment,
    step('项目及开支公开', 'village-committee', ['notice-photo'], { disclosure: notice('项目名称、施工方、金额') }),
  ]),
  projectItem(
    'project-construction-50k-100k',
    '村级工程项目建设（5万—10万元）',
    wan(5),
    wan(10),
    [
      budget,
      ...fourDeliberations({
        resolves: '项目名称、预算、施工方案、选定施工队伍的方式',
        carryOut: [step('本村有资质队伍现场竞标', 'village-committee', ['meeting-minutes', 'sign-in-sheet']), contract, acceptance, payment],
        result: '中标单位、合同金额、验收和结算情况',
      }),
    ],
    [SOURCE.fourTwo, SOURCE.majorThreshold],
  ),
  projectItem(
    'project-construction-100k-plus',
    '村级工程项目建设（10万元以上）',
    wan(10),
    null,
    [
      budget,
      ...fourDeliberations({
        resolves: '项目名称、预算、施工方案、招标方式',
        carryOut: [
          step('对外公开招标（达到限额的进入镇、县公共资源交易平台）', 'township', ['approval']),
          step('签订合同并报乡镇备案', 'village-committee', ['contract']),
          acceptance,
          step('审价、结算', 'township', ['approval']),
          payment,
        ],
        result: '中标单位、合同金额、验收、审价和结算情况',
      }),
    ],
    [SOURCE.fourTwo, SOURCE.majorThreshold, SOURCE.zhejiangProcurement],
  ),
  {
    code: 'project-settlement',
    name: '村级工程竣工验收和结算',
    category: 'collective-management',
    gbClass: null,
    appliesWhen: { amountMinFen: null, amountMaxFen: null, note: '各档工程的收尾环节；结算一年后提交财务决算为浙江做法' },
    legalBasis: [SOURCE.zhejiangProcurement, SOURCE.financeDisclosure2011],
    steps: numbered([
      step('施工方提出竣工验收申请', 'applicant', ['application']),
      step('村委会组织验收，村务监督委员会参加', 'supervision-committee', ['meeting-minutes', 'sign-in-sheet', 'approval']),
      step('审价', 'township', ['approval']),
      step('结算并审批付款', 'two-committees', ['approval']),
      step('工程预决算公开（专项公开）', 'village-committee', ['notice-photo'], { disclosure: notice('预算、结算金额、付款情况') }),
      step('结算一年后提交财务决算', 'village-committee', ['register'], { deadline: { days: 365, unit: 'calendar', fromStep: 4 } }),
    ]),
  },
];

export const PURCHASE_ITEMS: PowerItem[] = [
  purchaseItem('purchase-under-2k', '村级采购（2000元以下）', null, yuan(2000), [
    step('经办人采购并取得发票', 'village-committee', ['register']),
    step('村党组织书记或村委会主任审批', 'two-committees', ['approval']),
    step('民主理财小组审核', 'supervision-committee', ['approval']),
  ]),
  purchaseItem('purchase-2k-50k', '村级采购（2000元—5万元）', yuan(2000), wan(5), [
    step('村“两委”会议研究确定', 'two-committees', ['meeting-minutes', 'sign-in-sheet'], { quorum: COMMITTEES_QUORUM }),
    step('询价比价（三家以上）', 'village-committee', ['register']),
    supervised('村务监督委员会参与询价'),
    step('签订合同或取得发票', 'village-committee', ['contract']),
    step('验收入账', 'village-committee', ['register']),
    step('采购结果公开', 'village-committee', ['notice-photo'], { disclosure: notice('采购物品、供应商、金额') }),
  ]),
  purchaseItem(
    'purchase-50k-200k',
    '村级采购（5万—20万元）',
    wan(5),
    wan(20),
    fourDeliberations({
      resolves: '采购内容、预算、采购方式',
      carryOut: [
        step('竞争性采购（询价、竞价）', 'village-committee', ['meeting-minutes', 'sign-in-sheet']),
        supervised(),
        step('签订合同', 'village-committee', ['contract']),
        step('验收入账', 'village-committee', ['register']),
      ],
      result: '供应商、合同金额、验收情况',
    }),
    [SOURCE.fourTwo, SOURCE.majorThreshold],
  ),
  purchaseItem(
    'purchase-200k-plus',
    '村级采购（20万元以上）',
    wan(20),
    null,
    fourDeliberations({
      resolves: '采购内容、预算、采购方式',
      carryOut: [
        step('委托镇、县公共资源交易平台采购', 'township', ['approval']),
        step('签订合同并报乡镇备案', 'village-committee', ['contract']),
        step('验收入账', 'village-committee', ['register']),
      ],
      result: '供应商、合同金额、验收情况',
    }),
    [SOURCE.fourTwo],
  ),
];
