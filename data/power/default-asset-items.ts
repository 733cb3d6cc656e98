import type { PowerItem } from './power-catalogue.ts';
import { SOURCE } from './default-sources.ts';
import { fourDeliberations, numbered, step, supervised } from './default-steps.ts';

/**
 * 集体资产资源: 发包, 出租, 处置, 借贷, 担保, 投资. The rules send each of these through 四议两公开
 * whatever the amount (组织法 实施办法 §16 names 承包、贷款、对外签订合同), so none is tiered; a county
 * that lets small leases skip it publishes tiers with codes `asset-contracting-<tier>`.
 */

const ANY_AMOUNT = { amountMinFen: null, amountMaxFen: null, note: null };
const ASSET_BASIS = [SOURCE.fourTwo, SOURCE.provincial16, SOURCE.financeDisclosure2011];

const sealAfterVote = step('表决通过后加盖村印章并登记', 'village-committee', ['register']);

export const ASSET_ITEMS: PowerItem[] = [
  {
    code: 'asset-contracting',
    name: '集体资产资源发包、出租',
    category: 'collective-management',
    gbClass: null,
    appliesWhen: { ...ANY_AMOUNT, note: '集体土地、山林、水面、房屋等的承包、租赁、流转；不论金额' },
    legalBasis: [...ASSET_BASIS, SOURCE.zhongBan2004],
    steps: numbered(
      fourDeliberations({
        resolves: '标的、底价、期限、发包方式',
        carryOut: [
          step('公开竞价或招标', 'village-committee', ['meeting-minutes', 'sign-in-sheet']),
          supervised(),
          step('签订书面合同', 'village-committee', ['contract']),
          step('合同报乡镇备案', 'township', ['approval']),
        ],
        result: '承包（承租）人、价款、期限、收款计划（专项公开）',
      }),
    ),
  },
  {
    code: 'reserve-land-contracting',
    name: '机动地和四荒地发包',
    category: 'collective-management',
    gbClass: null,
    appliesWhen: ANY_AMOUNT,
    legalBasis: [...ASSET_BASIS, SOURCE.zhongBan2004],
    steps: numbered(
      fourDeliberations({
        resolves: '地块、面积、底价、期限、发包方式',
        carryOut: [step('公开竞价或招标', 'village-committee', ['meeting-minutes', 'sign-in-sheet']), step('签订书面合同', 'village-committee', ['contract'])],
        result: '承包人、价款、期限',
      }),
    ),
  },
  {
    code: 'asset-disposal',
    name: '集体资产处置（出售、转让、报废）',
    category: 'collective-management',
    gbClass: null,
    appliesWhen: ANY_AMOUNT,
    legalBasis: ASSET_BASIS,
    steps: numbered(
      fourDeliberations({
        resolves: '资产名称、评估价值、处置方式',
        carryOut: [
          step('资产评估', 'village-committee', ['approval']),
          step('报乡镇审核', 'township', ['approval']),
          step('公开处置并签订合同', 'village-committee', ['contract']),
        ],
        result: '处置对象、价款及入账情况',
      }),
    ),
  },
  {
    code: 'collective-borrowing',
    name: '集体借款（贷款）',
    category: 'collective-management',
    gbClass: null,
    appliesWhen: ANY_AMOUNT,
    legalBasis: [...ASSET_BASIS, SOURCE.seal],
    steps: numbered(
      fourDeliberations({
        resolves: '借款用途、金额、期限、利率、还款来源',
        carryOut: [step('报乡镇审核', 'township', ['approval']), sealAfterVote, step('签订借款合同', 'village-committee', ['contract'])],
        result: '借款到账、使用和归还情况',
      }),
    ),
  },
  {
    code: 'collective-guarantee',
    name: '集体对外担保',
    category: 'collective-management',
    gbClass: null,
    appliesWhen: { ...ANY_AMOUNT, note: '担保的印章只能在村民（代表）会议表决后使用' },
    legalBasis: [...ASSET_BASIS, SOURCE.seal],
    steps: numbered(
      fourDeliberations({
        resolves: '被担保人、担保金额、期限',
        carryOut: [step('报乡镇审核', 'township', ['approval']), sealAfterVote, step('签订担保合同', 'village-committee', ['contract'])],
        result: '担保合同及解除情况',
      }),
    ),
  },
  {
    code: 'collective-investment',
    name: '集体经济项目立项和对外投资',
    category: 'collective-management',
    gbClass: null,
    appliesWhen: { ...ANY_AMOUNT, note: '含集体企业改制' },
    legalBasis: ASSET_BASIS,
    steps: numbered(
      fourDeliberations({
        resolves: '项目、投资额、合作方、收益分配方式',
        carryOut: [step('报乡镇审核', 'township', ['approval']), step('签订合同', 'village-committee', ['contract'])],
        result: '投资和收益情况',
      }),
    ),
  },
  {
    code: 'debt-settlement',
    name: '集体债权债务清收和核销',
    category: 'collective-management',
    gbClass: null,
    appliesWhen: { ...ANY_AMOUNT, note: '清收按合同进行；核销（免除、减少）债权须四议两公开' },
    legalBasis: [SOURCE.fourTwo, SOURCE.zhongBan2004, SOURCE.financeDisclosure2011],
    steps: numbered(
      fourDeliberations({
        resolves: '债务人、金额、核销或减免理由',
        carryOut: [step('报乡镇审核', 'township', ['approval']), step('账务处理', 'village-committee', ['register'])],
        result: '债权债务余额（专项公开）',
      }),
    ),
  },
];
