import type { ClassifyRule, ClassifyRuleSet, ClassifyTerm, TargetKind } from './classify-rules.ts';

/**
 * The national default rules for suggesting a complaint's category, department and 小微权力 item,
 * until a county uploads its own. Words are the ones villagers use (没发、冒领、优亲厚友、豆腐渣、
 * 不开会就定了), not the official names. A word that says what the complaint is about (低保, 修路)
 * weighs more than one that says what went wrong (没发, 不公开), which on its own fits several.
 * Most rules need a score of 3: one strong word, or a subject and a complaint together.
 *
 * Departments are a township's offices by their short names. Power items are codes of the
 * default catalogue. 村级工程 items are tiered by amount, which a message rarely gives: quality,
 * acceptance and payment complaints name the settlement item; tendering complaints the tier over
 * 10 万元, the only one the default catalogue sends to open tender.
 */

/** "补贴:2 没发:2" → terms; whitespace separates terms, a colon the weight. */
function terms(spec: string): ClassifyTerm[] {
  return spec
    .trim()
    .split(/\s+/)
    .map((part) => {
      const [text, weight] = part.split(':');
      return { text: text!, weight: Number(weight) };
    });
}

function rule(kind: TargetKind, value: string, minScore: number, positive: string, negative?: string): ClassifyRule {
  return { target: { kind, value } as ClassifyRule['target'], terms: terms(positive), ...(negative ? { negative: terms(negative) } : {}), minScore };
}

const CATEGORY_RULES: ClassifyRule[] = [
  rule(
    'category',
    '惠农补贴',
    3,
    '补贴:3 补助:3 奖补:3 耕保:3 惠农:3 一卡通:2 津贴:2 耕地地力:3 种粮:2 粮补:3 农机:1 良种:2 退耕还林:3 公益林:2 生态补偿:2 ' +
      '低保:4 五保:3 特困:3 供养:2 救助:3 救灾:3 救济:3 残疾人:1 高龄:2 养老金:2 危房改造:2 监测户:3 防返贫:3 雨露计划:3 ' +
      '脱贫户:2 贫困户:2 没发:2 没到账:2 打到卡:1 没领到:2 少发:2 只发了:1 克扣:2 冒领:3 代领:2 领走:2 轮不上:2 优亲厚友:1 关系保:3 人情保:3 评上:1 名额:1 申报:1',
    '误工补贴:4 干部补贴:3',
  ),
  rule(
    'category',
    '财务公开',
    3,
    '财务:3 账目:3 账本:3 查账:3 入账:3 报账:2 糊涂账:3 账上:2 假账:3 做账:2 不公开:2 没公开:2 没有公开:2 不公示:2 没公示:2 ' +
      '不公布:2 没公布:2 公开栏:2 公示栏:2 村务公开:3 财务公开:4 收支:3 开支:2 支出:2 报销:2 白条:3 发票:2 收据:2 明细:2 去向:2 ' +
      '花哪:2 用到哪:2 去哪了:1 集体资金:2 集体收入:2 收入:1 租金:2 承包费:2 分红:2 挪用:2 私存:3 坐收坐支:3 小金库:3 审计:2 会计:2 ' +
      '出纳:2 招待费:3 管理费:2 资金:1 对不上:2 记账:2 看不到:1 钱去哪:2 花了多少钱:2 自己卡上:3 个人账户:3 私人账户:3 加油费:2',
  ),
  rule(
    'category',
    '工程项目',
    3,
    '工程:3 项目:1 修路:2 硬化:2 水泥路:2 路面:2 施工:2 包工头:2 招标:3 投标:3 比价:2 转包:3 质量:2 偷工减料:4 豆腐渣:4 ' +
      '砂:1 沙子:1 水泥:1 钢筋:2 起砂:2 新修:2 刚修:2 才修:2 修了:1 公路:2 山塘:1 报价:2 路灯:1 裂缝:2 开裂:2 垮:1 塌:1 验收:2 结算:2 工程款:3 造价:3 预算:1 水渠:2 沟渠:2 挡土墙:2 护坡:2 ' +
      '高标准农田:3 清淤:2 烂尾:3 完工:2 竣工:2 开工:1 饮水工程:3 管道:1 厚度:2',
  ),
  rule(
    'category',
    '四议两公开',
    3,
    '四议两公开:5 村民代表大会:3 村民代表会议:3 代表大会:2 代表会:2 村民大会:2 党员大会:2 两委会:2 支部会:2 开会:1 不开会:3 ' +
      '没开会:3 没开过会:3 没有开会:3 会都没开:3 会也没开:3 没商量:2 没征求:2 一个人说了算:3 一言堂:3 私自:2 擅自:2 就定了:2 ' +
      '拍板:2 表决:2 决议:2 按手印:2 不同意:2 讨论:2 没经过:2 事后:1 商量:1 谁同意:2 反对:2 全票:2 投票:2 村民代表:2 都不知道:1 集体:1 贷款:2 投资:2 机动地:2 竞标:1 卖了:1 一事一议:3 村规民约:3 发包:2 承包给:1 租给:1 流转:1 ' +
      '变卖:2 低价:2 担保:2 分配方案:3 公开竞标:2 招租:2',
  ),
  rule(
    'category',
    '干部作风',
    3,
    '作风:3 吃拿卡要:5 吃喝:3 大吃大喝:2 请吃饭:3 吃顿饭:2 吃饭:1 买单:2 态度:2 骂:3 打人:3 打了:2 推了:2 动手:3 威胁:3 报复:3 红包:3 送礼:2 送东西:2 ' +
      '好处:2 好处费:1 收钱:2 收了:1 手续费:2 刁难:3 推诿:3 不作为:3 敷衍:3 没人处理:2 不处理:2 不办事:2 找不到:2 不在:1 锁着:1 上班时间:2 打牌:3 麻将:3 赌博:3 喝酒:2 酒驾:3 公车:3 私用:2 ' +
      '办酒:3 摆酒:2 酒席:3 大操大办:3 霸占:3 村霸:3 欺负:2 关系户:2 优亲厚友:2 难听:2 刁民:2 贪污:3 受贿:3 索要:3 以权谋私:3 ' +
      '徇私:2 包庇:2 不理:2 干部:1 自己家:1 家里人:1 评优:2 搞事:1',
  ),
  rule(
    'category',
    '其他',
    3,
    '垃圾:3 污染:3 臭:2 排污:3 粪:2 噪音:3 吵:2 停水:3 自来水:1 没水:2 水质:3 停电:3 电压:3 信号:3 路灯:1 狗:2 纠纷:3 ' +
      '邻居:3 调解:2 宅基地:2 建房:2 违建:3 基本农田:2 乱砍:3 砍树:3 挖沙:3 采砂:3 采石:3 放炮:2 医保:3 社保:3 养老保险:3 ' +
      '户口:3 班车:3 选举:3 分家:3 坑坑洼洼:2',
  ),
];

const DEPARTMENT_RULES: ClassifyRule[] = [
  rule(
    'department',
    '农经站',
    3,
    '财务:2 账目:3 账本:3 查账:3 糊涂账:3 记账:3 对不上:2 入账:3 公开栏:2 公示栏:2 明细:2 招待费:2 村务公开:2 财务公开:3 报销:2 白条:3 发票:1 会计:2 审计:2 集体资产:3 ' +
      '集体资金:2 集体收入:2 租金:3 承包费:3 发包:3 招租:3 出租:2 租给:2 流转:2 机动地:3 鱼塘:2 山林:2 荒山:2 门面:2 厂房:2 ' +
      '分红:3 收益:2 成员资格:3 外嫁女:3 征地补偿:3 一事一议:3 借款:2 贷款:2 担保:3 债务:3 变卖:2 土地承包:3 承包地:3 ' +
      '高标准农田:3 误工补贴:3 提留:2 投资:2 分配:1',
  ),
  rule(
    'department',
    '财政所',
    3,
    '一卡通:3 耕地地力:3 地力补贴:3 耕地补贴:3 种粮:3 粮补:3 农机补贴:3 补贴:1 惠农:2 退耕还林:3 公益林:3 生态补偿:2 生猪:2 良种:2 到账:1 打到卡:2 没发:1',
    '误工补贴:3',
  ),
  rule('department', '民政办', 3, '低保:4 五保:4 特困:4 供养:3 救助:3 救灾:4 受灾:3 救济:3 残疾人:3 高龄:3 孤儿:3 无人抚养:3 困难户:2 困难补助:3'),
  rule('department', '社保所', 3, '养老保险:4 医保:4 社保:4 养老金:3 医疗保险:4 参保:3 缴费:2'),
  rule('department', '乡村振兴办', 3, '脱贫户:3 贫困户:3 监测户:3 防返贫:4 返贫:3 雨露计划:4 产业奖补:3 小额信贷:3 帮扶:2 扶贫:3'),
  rule(
    'department',
    '纪委',
    3,
    '作风:3 吃拿卡要:5 吃喝:3 请吃饭:3 吃顿饭:2 骂:3 红包:3 送礼:3 好处费:3 手续费:1 索要:3 贪污:4 挪用:2 受贿:4 以权谋私:4 打牌:3 ' +
      '麻将:3 赌博:3 酒驾:3 公车:3 大操大办:3 办酒:3 酒席:3 态度:2 打人:3 威胁:3 报复:3 刁难:3 推诿:3 不作为:3 上班时间:2 ' +
      '优亲厚友:2 冒领:2 克扣:2 霸占:3 村霸:3 违纪:3',
  ),
  rule(
    'department',
    '组织办',
    3,
    '四议两公开:4 村民代表大会:3 村民代表会议:3 代表会:2 党员大会:3 两委会:3 支部会:3 一个人说了算:3 一言堂:3 拍板:2 表决:3 ' +
      '决议:2 签名:1 选举:4 选票:3 拉票:3 贿选:4 村规民约:3 党员:2 换届:3',
  ),
  rule('department', '自然资源所', 3, '宅基地:3 违建:3 违章建筑:3 基本农田:3 占用耕地:3 占耕地:2 盖房:1 建房:1 采石:3 采矿:3 砍树:3 盗伐:3 林地:2 征地:2 地质灾害:3 滑坡:2'),
  rule(
    'department',
    '住建办',
    3,
    '工程:2 修路:3 道路:2 水泥路:3 路面:3 硬化:3 桥:2 挡土墙:3 危房:3 路灯:3 亮化:3 广场:2 公厕:3 围墙:2 施工:2 招标:2 ' +
      '偷工减料:3 豆腐渣:3 裂缝:2 验收:1 结算:1 工程款:2 风貌:3 刷墙:2 院墙:2',
  ),
  rule('department', '水利站', 3, '水渠:4 沟渠:4 渠道:3 灌溉:3 山塘:4 堰塘:4 水库:2 清淤:3 河堤:4 护坡:2 河道:3 挖沙:3 采砂:3 自来水:3 停水:4 饮水:3 水管:3 水质:3 防汛:3'),
  rule('department', '环保办', 3, '垃圾:4 污染:4 排污:4 粪:3 臭:3 废水:4 污水:3 油污:3 噪音:2 养猪场:2 黑烟:3 焚烧:3'),
  rule('department', '综治办', 3, '纠纷:4 邻居:3 调解:3 吵架:3 打架:3 狗:3 分家:3 噪音:2 扰民:3 治安:3 矛盾:3 地基:2'),
  rule('department', '党政办', 3, '信号:3 班车:3 停电:3 电压:3 供电:3 网络:2 户口:2 公交:3'),
];

const POWER_ITEM_RULES: ClassifyRule[] = [
  rule(
    'power-item',
    'subsidy-payout',
    3,
    '惠农:3 补贴:2 奖补:3 耕保:3 一卡通:3 耕地地力:3 种粮:3 粮补:3 农机:1 退耕还林:3 公益林:3 良种:2 生猪:2 没发:1 没到账:1 冒领:2 领走:2 克扣:1 少发:1 只发了:1',
    '低保:3 救灾:3 误工补贴:4 特困:3 残疾:2 危房:2 养老:2',
  ),
  rule('power-item', 'dibao-application', 3, '低保:5 关系保:3 人情保:3'),
  rule('power-item', 'tekun-application', 3, '特困:5 五保:5 供养:3'),
  rule('power-item', 'temporary-assistance', 3, '临时救助:5 大病:2 急难:3'),
  rule('power-item', 'disaster-relief-distribution', 3, '救灾:5 受灾:4 灾后:3 洪水:2 水灾:3 冰雹:3'),
  rule('power-item', 'hardship-subsidy', 3, '困难补助:5 困难户:2 生活困难:3'),
  rule(
    'power-item',
    'financial-disclosure',
    3,
    '财务公开:5 村务公开:4 账目:2 不公开:3 没公开:3 没有公开:3 公开栏:3 公示栏:2 不公示:2 没公示:2 不公布:3 没公布:3 明细:2 查账:3 看账:3 账本:2 糊涂账:2 招待费:2 公开:1 公布:1 不给看:2 看不到:2',
  ),
  rule('power-item', 'expense-approval', 3, '报销:4 报账:3 白条:4 发票:3 开支:2 支出:2 民主理财:3 吃喝:1 买单:2 加油费:3 招待:2'),
  rule('power-item', 'income-receipt', 3, '入账:4 收入:2 租金:2 承包费:2 收据:2 私存:4 坐收坐支:4 小金库:4 现金:2 卫生费:2 收费:2'),
  rule('power-item', 'asset-contracting', 3, '发包:4 出租:3 租给:3 招租:4 承包给:3 包给:3 租金:2 鱼塘:2 水库:2 山林:2 荒山:2 厂房:2 门面:2 流转:2 低价:2 竞标:2'),
  rule('power-item', 'reserve-land-contracting', 3, '机动地:5 四荒地:5'),
  rule('power-item', 'asset-disposal', 3, '变卖:4 拍卖:3 处置:3 报废:3 出售:3 转让:3 卖了:2 拆了:1'),
  rule('power-item', 'collective-borrowing', 3, '借款:3 贷款:3 借钱:3 举债:4 负债:2'),
  rule('power-item', 'collective-guarantee', 3, '担保:5'),
  rule('power-item', 'collective-investment', 3, '投资:4 入股:4'),
  rule('power-item', 'debt-settlement', 3, '债务:3 欠款:3 欠村里:3 清收:4 核销:4 挂账:3'),
  rule(
    'power-item',
    'major-decision',
    3,
    '四议两公开:5 村民代表大会:3 村民代表会议:3 代表会:2 村民大会:2 不开会:3 没开会:3 一个人说了算:3 一言堂:3 拍板:3 决议:2 表决:2 重大事项:4 就定了:3 商量:1 反对:1 全票:2',
  ),
  rule('power-item', 'one-matter-one-discussion', 3, '一事一议:5 筹资:4 筹劳:4 集资:4 每人出:3 每户出:3'),
  rule('power-item', 'income-distribution', 3, '分红:4 收益分配:5 分配方案:4 集体收益:3'),
  rule('power-item', 'land-compensation-distribution', 3, '征地补偿:5 征地款:5 补偿款:2 征收:2 征地:3 提留:2'),
  rule('power-item', 'membership-recognition', 3, '成员资格:5 外嫁女:5 集体经济组织成员:5'),
  rule('power-item', 'cadre-remuneration', 3, '误工补贴:5 干部工资:5 村干部报酬:5 绩效:2'),
  rule('power-item', 'village-rules-revision', 3, '村规民约:5 自治章程:5'),
  rule('power-item', 'development-plan', 3, '发展规划:5 年度计划:4 工作计划:4'),
  rule('power-item', 'homestead-approval', 3, '宅基地:5 建房审批:4 批地:3'),
  rule('power-item', 'certificate-issuance', 3, '证明:4'),
  rule('power-item', 'seal-routine', 3, '盖章:4 公章:3 印章:3'),
  rule('power-item', 'project-settlement', 3, '验收:4 结算:4 工程款:3 质量:2 偷工减料:3 豆腐渣:3 裂缝:2 开裂:2 厚度:2 钢筋:3 起砂:3 审价:4 决算:3'),
  rule('power-item', 'project-construction-100k-plus', 3, '招标:4 投标:3 围标:4 串标:4 转包:2'),
  rule('power-item', 'purchase-2k-50k', 3, '采购:3 比价:2 询价:3 购买:2 器材:2'),
];

export const DEFAULT_CLASSIFY_RULES: ClassifyRuleSet = {
  version: 'default-2026-1',
  rules: [...CATEGORY_RULES, ...DEPARTMENT_RULES, ...POWER_ITEM_RULES],
  categoryDepartments: [
    { category: '惠农补贴', department: '财政所' },
    { category: '财务公开', department: '农经站' },
    { category: '工程项目', department: '住建办' },
    { category: '四议两公开', department: '组织办' },
    { category: '干部作风', department: '纪委' },
  ],
  fallback: [
    { kind: 'category', value: '其他' },
    { kind: 'department', value: '党政办' },
  ],
};
