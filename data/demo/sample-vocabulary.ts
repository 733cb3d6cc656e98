/**
 * Words the demo data is made of: ledger lines, subsidy programmes and works projects as they
 * appear in village notices in western Hunan. Names are invented from common surnames and given
 * names; amounts are plausible ranges in fen.
 */

export const SURNAMES = [
  '向', '覃', '田', '张', '李', '王', '谷', '符', '熊', '欧', '唐', '钟', '黄', '彭', '龚', '卓', '吴', '杜', '朱', '宋',
  '胡', '邓', '全', '汪', '侯', '陈', '刘', '丁',
] as const;

export const GIVEN_NAMES = [
  '建国', '世军', '永红', '家富', '玉梅', '桂英', '长青', '海波', '金秀', '翠英', '小平', '德明', '春花', '志强', '秋菊',
  '明华', '国华', '红梅', '先平', '光辉', '云飞', '秀兰', '满英', '振华', '大军', '承志', '祖德', '爱民', '小燕', '冬梅',
  '清香', '开富', '绍武', '必胜', '远山',
] as const;

export const PHONE_PREFIXES = ['138', '139', '135', '152', '158', '177', '180', '187', '199'] as const;

export const GROUPS = ['一组', '二组', '三组', '四组', '五组', '六组', '七组', '八组'] as const;

/** The festival in each quarter when 五保户 are visited. */
export const FESTIVALS = ['春节', '端午', '中秋', '重阳'] as const;

export interface LedgerContext {
  /** month of the entry, 1–12 */
  month: number;
  group: string;
  festival: string;
  surname: string;
  /** an acreage as written, e.g. "36.5" */
  acres: string;
  /** 1–3, for 第 n 期 */
  n: number;
}

export interface LedgerTemplate {
  summary: (c: LedgerContext) => string;
  account: string;
  side: 'income' | 'expense';
  /** range in fen */
  min: number;
  max: number;
  /** amounts are multiples of this many fen (100 = whole yuan) */
  step: number;
  weight: number;
}

const prev = (month: number) => (month === 1 ? 12 : month - 1);

export const LEDGER_TEMPLATES: readonly LedgerTemplate[] = [
  { summary: (c) => `收到土地流转租金（${c.surname}某，${c.acres}亩）`, account: '经营收入', side: 'income', min: 500_000, max: 3_000_000, step: 100, weight: 2 },
  { summary: () => '收到上级转移支付（村级组织运转经费）', account: '补助收入', side: 'income', min: 3_000_000, max: 8_000_000, step: 100_000, weight: 3 },
  { summary: (c) => `收到光伏发电收益（${prev(c.month)}月）`, account: '经营收入', side: 'income', min: 80_000, max: 200_000, step: 1, weight: 3 },
  { summary: () => '收到集体山林承包费', account: '发包及上交收入', side: 'income', min: 300_000, max: 1_500_000, step: 10_000, weight: 1 },
  { summary: () => '收到村集体经济合作社分红', account: '投资收益', side: 'income', min: 500_000, max: 2_000_000, step: 100_000, weight: 1 },
  { summary: () => '收到集体门面租金', account: '经营收入', side: 'income', min: 200_000, max: 800_000, step: 10_000, weight: 1 },
  { summary: () => '收到一事一议财政奖补资金', account: '补助收入', side: 'income', min: 2_000_000, max: 10_000_000, step: 100_000, weight: 1 },
  { summary: () => '收到银行存款利息', account: '其他收入', side: 'income', min: 2_000, max: 30_000, step: 1, weight: 1 },
  { summary: (c) => `支付村部电费（${prev(c.month)}月）`, account: '管理费用', side: 'expense', min: 20_000, max: 80_000, step: 10, weight: 3 },
  { summary: (c) => `支付村干部${prev(c.month)}月误工补贴`, account: '管理费用', side: 'expense', min: 800_000, max: 1_600_000, step: 10_000, weight: 3 },
  { summary: (c) => `支付${c.group}道路硬化工程进度款（第${c.n}期）`, account: '在建工程', side: 'expense', min: 1_000_000, max: 6_000_000, step: 100_000, weight: 2 },
  { summary: (c) => `支付五保户慰问品（${c.festival}）`, account: '其他支出', side: 'expense', min: 50_000, max: 200_000, step: 100, weight: 2 },
  { summary: () => '购买办公用品（纸张、墨盒）', account: '管理费用', side: 'expense', min: 15_000, max: 80_000, step: 100, weight: 2 },
  { summary: () => '支付饮水工程水管维修材料费', account: '公益支出', side: 'expense', min: 80_000, max: 500_000, step: 100, weight: 1 },
  { summary: () => '支付防汛物资（沙袋、雨衣）', account: '公益支出', side: 'expense', min: 60_000, max: 300_000, step: 100, weight: 1 },
  { summary: () => '支付村部网络通讯费', account: '管理费用', side: 'expense', min: 10_000, max: 30_000, step: 100, weight: 1 },
  { summary: (c) => `支付保洁员工资（${prev(c.month)}月）`, account: '公益支出', side: 'expense', min: 150_000, max: 300_000, step: 10_000, weight: 2 },
  { summary: () => '支付村民代表会议误餐费', account: '管理费用', side: 'expense', min: 30_000, max: 90_000, step: 100, weight: 1 },
  { summary: () => '支付环境卫生整治费用', account: '公益支出', side: 'expense', min: 100_000, max: 400_000, step: 100, weight: 1 },
  { summary: () => '支付银行账户管理费', account: '其他支出', side: 'expense', min: 1_500, max: 1_500, step: 1, weight: 1 },
];

export interface SubsidyProgramme {
  programme: string;
  /** how the quantity is counted; null when the list pays a flat amount per household */
  unit: string | null;
  /** quantity range in units of 10^-decimals (e.g. hundredths of a 亩) */
  quantity: { min: number; max: number; decimals: number } | null;
  /** rates per unit in fen, each with an optional remark (the machine type for 农机) */
  rates: ReadonlyArray<{ fen: number; remark: string | null }>;
  /** flat amounts in fen when there is no quantity */
  flatAmounts?: readonly number[];
  channel: string;
  /** paid to a bank card, which the list shows masked */
  bankCard: boolean;
  /** month of the year when it is usually paid */
  payMonth: number;
  /** how many households a village list has */
  rows: { min: number; max: number };
  notes: readonly string[];
}

export const SUBSIDY_PROGRAMMES: readonly SubsidyProgramme[] = [
  {
    programme: '耕地地力保护补贴',
    unit: '亩',
    quantity: { min: 50, max: 800, decimals: 2 },
    rates: [{ fen: 10565, remark: null }],
    channel: '社保卡（惠农一卡通）',
    bankCard: false,
    payMonth: 5,
    rows: { min: 30, max: 60 },
    notes: ['补贴面积以二轮土地承包确权面积为准。'],
  },
  {
    programme: '生态公益林补偿',
    unit: '亩',
    quantity: { min: 50, max: 1200, decimals: 1 },
    rates: [{ fen: 1475, remark: null }],
    channel: '银行卡转账',
    bankCard: true,
    payMonth: 6,
    rows: { min: 20, max: 50 },
    notes: ['补偿标准：14.75元/亩（已扣除管护费）。'],
  },
  {
    programme: '农机购置补贴',
    unit: '台',
    quantity: { min: 1, max: 2, decimals: 0 },
    rates: [
      { fen: 110_000, remark: '微耕机' },
      { fen: 38_000, remark: '机动喷雾机' },
      { fen: 260_000, remark: '手扶插秧机' },
      { fen: 90_000, remark: '谷物烘干机（小型）' },
      { fen: 15_000, remark: '茶叶揉捻机' },
    ],
    channel: '银行卡转账',
    bankCard: true,
    payMonth: 4,
    rows: { min: 15, max: 25 },
    notes: ['按中央财政农机购置补贴额一览表定额补贴。'],
  },
  {
    programme: '困难群众临时救助',
    unit: null,
    quantity: null,
    rates: [],
    flatAmounts: [50_000, 80_000, 100_000, 150_000, 200_000],
    channel: '社保卡（惠农一卡通）',
    bankCard: false,
    payMonth: 3,
    rows: { min: 15, max: 20 },
    notes: ['经村民代表会议评议、乡镇审核、县民政局审批。'],
  },
];

export interface ProjectTemplate {
  name: (group: string) => string;
  fundingSource: string;
  /** budget range in fen */
  min: number;
  max: number;
}

export const PROJECT_TEMPLATES: readonly ProjectTemplate[] = [
  { name: (g) => `${g}通组道路硬化工程`, fundingSource: '衔接推进乡村振兴补助资金', min: 20_000_000, max: 80_000_000 },
  { name: () => '安全饮水巩固提升工程', fundingSource: '上级专项资金', min: 8_000_000, max: 40_000_000 },
  { name: () => '村部维修改造', fundingSource: '村集体自筹', min: 3_000_000, max: 15_000_000 },
  { name: (g) => `${g}山塘清淤扩容`, fundingSource: '一事一议财政奖补', min: 5_000_000, max: 20_000_000 },
  { name: () => '茶叶产业路建设', fundingSource: '衔接推进乡村振兴补助资金', min: 15_000_000, max: 60_000_000 },
  { name: () => '村内太阳能路灯安装', fundingSource: '一事一议财政奖补', min: 4_000_000, max: 12_000_000 },
  { name: (g) => `${g}河道护岸工程`, fundingSource: '上级专项资金', min: 10_000_000, max: 50_000_000 },
];

export const PROGRESS_STATES = [
  { percent: 0, text: '未开工' },
  { percent: 30, text: '施工中（已完成约30%）' },
  { percent: 60, text: '施工中（已完成约60%）' },
  { percent: 100, text: '已完工' },
  { percent: 100, text: '已完工，已验收' },
] as const;
