import type { PublicationKind } from '../publication.ts';
import type { AmountUnit } from '../money.ts';
import { columnLetter } from './grid.ts';

/**
 * Which column holds which field. Officials name columns many ways (收入 / 收入金额（元） / 借方金额,
 * 户主姓名 / 收款人 …), put units in the header (预算金额（万元）, 补贴标准（元/亩）) and break headers
 * over two lines or two rows; this file turns header text into fields and units.
 */

export interface Column {
  field: string;
  index: number;
  /** A, B, … as Excel shows it */
  letter: string;
  /** the header as written (both rows of a two-row header), for messages */
  header: string;
  /** money unit stated in this header (元 / 万元); null when it says none */
  unit: AmountUnit | null;
  /** per-unit of a rate: 补贴标准（元/亩） → 亩 */
  per: string | null;
  /** unit of a quantity: 补贴面积（亩） → 亩 */
  measure: string | null;
}

export type ColumnMap = Partial<Record<string, Column>>;

/** Field names per kind, synonyms in order of preference (实发金额 beats 应发金额 when both exist). */
export const FIELD_NAMES: Record<PublicationKind, Record<string, readonly string[]>> = {
  finance: {
    date: ['日期', '记账日期', '发生日期', '时间', '凭证日期'],
    month: ['月', '月份'],
    day: ['日'],
    voucher: ['凭证号', '凭证编号', '凭证字号', '凭证号码', '凭证', '记账凭证号'],
    summary: ['摘要', '内容', '事由', '收支内容', '项目', '收支项目', '摘要说明', '业务内容'],
    account: ['科目', '会计科目', '科目名称', '收支类别', '类别', '收支科目', '对方科目'],
    income: ['收入', '收入金额', '本期收入', '借方', '借方金额', '收入额'],
    expense: ['支出', '支出金额', '本期支出', '贷方', '贷方金额', '支出额'],
    balance: ['余额', '结余', '结存', '账面余额', '结余金额', '结存金额'],
    remark: ['备注', '说明', '附注'],
    counterparty: ['收款单位', '收款人', '付款单位', '对方单位', '往来单位', '对方户名', '收（付）款单位', '收付款单位', '付款人'],
    // One 金额 column with a 收/支 (借/贷) column saying which: read only when there is no 收入/支出
    // column (finance-direction.ts). 借或贷 beside 余额 is the balance's side, not the entry's: not here.
    amount: ['金额', '发生额', '发生金额', '收支金额'],
    direction: ['收支', '收/支', '收付', '收或支', '收支方向', '借贷', '借/贷', '借贷方向'],
  },
  subsidy: {
    seq: ['序号', '编号', '顺序号'],
    name: ['姓名', '户主姓名', '户主', '户名', '收款人', '领取人', '补贴对象', '农户姓名', '持卡人', '受益人', '申请人', '收款人姓名', '领款人'],
    idNumber: ['身份证号码', '身份证号', '证件号码', '身份证', '公民身份号码', '证件号'],
    phone: ['联系电话', '电话', '手机', '手机号码', '手机号', '联系方式', '电话号码'],
    bankCard: ['银行卡号', '卡号', '账号', '一卡通账号', '社保卡号', '银行账号', '存折号', '一卡通卡号', '惠农卡号'],
    quantity: ['面积', '补贴面积', '数量', '人数', '头数', '计税面积', '确权面积', '种植面积', '承包面积', '补贴数量', '亩数', '只数', '户数'],
    rate: ['标准', '补贴标准', '单价', '补贴单价', '补助标准', '发放标准'],
    amount: ['金额', '实发金额', '补贴金额', '发放金额', '补助金额', '兑付金额', '应发金额', '补贴资金', '发放资金', '实发', '实发数', '发放数', '应发数'],
    datePaid: ['发放时间', '发放日期', '日期', '兑付时间', '兑付日期', '发放年月', '到账时间', '到账日期'],
    channel: ['发放方式', '发放渠道', '兑付方式', '发放途径'],
    remark: ['备注', '说明'],
  },
  project: {
    name: ['项目名称', '工程名称', '项目', '工程项目', '建设项目'],
    location: ['建设地点', '地点', '实施地点', '建设地址', '项目地点'],
    fundingSource: ['资金来源', '资金渠道', '资金性质'],
    budget: ['预算', '预算金额', '投资', '总投资', '概算', '投资额', '计划投资', '批复投资', '投资金额', '预算资金', '工程造价', '项目总投资'],
    contractAmount: ['合同金额', '中标金额', '合同价', '合同价款', '中标价', '合同总价'],
    contractor: ['施工单位', '承建单位', '中标单位', '承包单位', '施工方', '承建方', '实施单位'],
    procurementMethod: ['采购方式', '招标方式', '确定方式', '发包方式', '确定施工单位方式'],
    plannedStart: ['计划开工', '计划开工日期', '计划开工时间'],
    actualStart: ['实际开工', '实际开工日期', '开工日期', '开工时间', '实际开工时间'],
    plannedCompletion: ['计划完工日期', '计划竣工', '计划完工', '计划竣工日期', '计划完工时间'],
    actualCompletion: ['实际完工日期', '竣工日期', '完工日期', '实际竣工日期', '实际完工', '完工时间', '竣工时间', '实际完工时间'],
    progress: ['形象进度', '进度', '完成情况', '工程进度', '建设进度', '实施进度', '进展情况'],
    amountPaid: ['已支付', '已付金额', '累计支付', '已支付金额', '已拨付', '已拨付金额', '累计拨付', '支付金额'],
    remark: ['备注', '说明'],
  },
  contract: {
    seq: ['序号', '顺序号'],
    number: ['合同编号', '合同号', '编号', '合同编码'],
    counterparty: ['承包方', '承包（租赁）方', '租赁方', '承租方', '承租人', '承包人', '乙方', '受让方', '流转方', '租赁人', '受让人', '承包单位', '承租单位', '承包（租赁）人'],
    partyId: [
      '身份证号/统一社会信用代码', '身份证号', '统一社会信用代码', '证件号码', '信用代码', '身份证号码', '证件号', '身份证',
      '身份证号码/统一社会信用代码', '身份证/统一社会信用代码', '身份证号或统一社会信用代码', '身份证号码或统一社会信用代码',
    ],
    subject: ['标的物', '资产名称', '资源名称', '资产资源名称', '名称', '标的', '承包标的', '租赁标的', '租赁物', '承包项目'],
    location: ['坐落', '位置', '地点', '坐落位置', '坐落地点', '地块位置', '所在位置', '地址', '四至'],
    area: ['面积', '面积（亩）', '数量', '承包面积', '租赁面积', '流转面积', '亩数', '建筑面积', '占地面积'],
    start: ['起始日期', '开始日期', '起租日期', '合同起始日期', '承包起始日期', '起始时间', '开始时间'],
    end: ['终止日期', '结束日期', '到期日期', '合同终止日期', '终止时间', '到期时间', '截止日期', '承包终止日期'],
    term: ['起止日期', '合同期限', '承包期限', '租赁期限', '起止时间', '合同起止日期', '流转期限', '租期'],
    // Recognised so that 应收租金 or 已收租金 is never read as the annual rent; not published.
    receivable: ['应收金额', '应收', '应收租金', '应缴金额', '应缴', '本年应收'],
    received: ['已收金额', '已收', '实收金额', '实收', '已缴金额', '已缴', '本年已收', '累计已收'],
    arrears: ['欠缴金额', '欠缴', '欠款', '未缴金额', '未缴', '拖欠金额'],
    annualAmount: ['年租金', '年承包费', '年租金（元）', '年承包金', '租金', '承包费', '年流转费', '年租金额', '年承包金额', '流转费'],
    paymentTerms: ['缴费方式', '付款方式', '支付方式', '缴费期限', '缴款方式', '收款方式', '缴纳方式', '交款方式'],
    performance: ['履约情况', '缴费情况', '执行情况', '收缴情况', '履行情况'],
    remark: ['备注', '说明'],
  },
  // read by statement-import.ts, side by side; named here for the messages that list a kind's columns
  statement: {
    item: ['项目', '收入项目', '支出项目'],
    line: ['行次'],
    amount: ['金额'],
  },
};

export interface HeaderMatch {
  field: string;
  /** 0 for the best synonym, higher for weaker ones, +1000 for a partial match */
  rank: number;
}

/** The field a header names, if any: exact synonym first, then the longest synonym it contains. */
export function matchHeader(kind: PublicationKind, header: string): HeaderMatch | null {
  const base = splitHeader(header).base;
  if (base === '') return null;
  let best: HeaderMatch | null = null;
  let bestLength = 0;
  for (const [field, names] of Object.entries(FIELD_NAMES[kind])) {
    const exact = names.indexOf(base);
    if (exact >= 0) return { field, rank: exact };
    if (base.length > 14) continue;
    names.forEach((name, i) => {
      if (name.length >= 2 && base.includes(name) && name.length > bestLength) {
        best = { field, rank: 1000 + i };
        bestLength = name.length;
      }
    });
  }
  return best;
}

/**
 * Header rows (one, or two for a grouped header) to columns. In a two-row header each column is
 * named by its lower cell, else the two read together (收入 + 金额), else the upper cell; a unit
 * in either row counts, and `defaultUnit` (from a 单位：万元 note) applies where none is written.
 */
export function mapColumns(kind: PublicationKind, headerRows: string[][], defaultUnit: AmountUnit | null): ColumnMap {
  const columns: ColumnMap = {};
  const ranks: Record<string, number> = {};
  const width = Math.max(0, ...headerRows.map((r) => r.length));
  const cells = Array.from({ length: width }, (_, i) => headerRows.map((r) => r[i] ?? ''));
  const named = cells.map((texts) => namedByGroup(kind, texts));
  for (let i = 0; i < width; i++) {
    const texts = cells[i]!;
    // 资金来源 over 国补 / 财政奖补 / 村民自筹: a group of sub-columns, none of them the group's field
    // (published as written, each under both its header cells)
    if (named[i] && (named[i - 1] === named[i] || named[i + 1] === named[i])) continue;
    const match = matchColumn(kind, texts);
    if (!match) continue;
    const previous = ranks[match.field];
    if (previous !== undefined && previous <= match.rank) continue;
    ranks[match.field] = match.rank;
    columns[match.field] = makeColumn(match.field, i, texts, defaultUnit);
  }
  return columns;
}

/**
 * A two-row header's column named only by its upper cell, under a lower cell of its own
 * (资金来源 / 国补): the upper text, else null. 发放 over 时间 reads as 发放时间, a name of its own.
 */
function namedByGroup(kind: PublicationKind, texts: readonly string[]): string | null {
  if (texts.length < 2) return null;
  const [upper = '', lower = ''] = [texts[0], texts[texts.length - 1]];
  if (upper === '' || lower === '' || upper === lower || matchHeader(kind, lower)) return null;
  const together = matchHeader(kind, upper + lower);
  return together && together.rank < 1000 ? null : upper;
}

/** The field one column's header cells (upper row first) name, read as mapColumns reads them. */
export function matchColumn(kind: PublicationKind, texts: readonly string[]): HeaderMatch | null {
  const lower = texts[texts.length - 1] ?? '';
  const upper = texts.length > 1 ? (texts[0] ?? '') : '';
  const candidates = upper && upper !== lower ? [lower, upper + lower, upper] : [lower];
  for (const candidate of candidates) {
    const match = matchHeader(kind, candidate);
    if (match) return match;
  }
  return null;
}

/** Column `index` read as `field`, its units from either header row, else `defaultUnit`. */
export function makeColumn(field: string, index: number, texts: readonly string[], defaultUnit: AmountUnit | null): Column {
  const own = splitHeader(texts[texts.length - 1] ?? '');
  const above = splitHeader(texts.length > 1 ? (texts[0] ?? '') : '');
  return {
    field,
    index,
    letter: columnLetter(index),
    header: headerText([...texts]),
    unit: own.unit ?? above.unit ?? defaultUnit,
    per: own.per ?? above.per,
    measure: own.measure ?? above.measure,
  };
}

/** Each column's header as written, both rows of a two-row header read once (收入 / 金额); '' for none. */
export function headerTexts(headerRows: string[][]): string[] {
  const width = Math.max(0, ...headerRows.map((r) => r.length));
  return Array.from({ length: width }, (_, i) => headerText(headerRows.map((r) => r[i] ?? '')));
}

function headerText(texts: string[]): string {
  return [...new Set(texts.filter((t) => t.trim() !== ''))].join(' / ').replace(/\s+/g, ' ').trim();
}

/** 单位：万元 / 金额单位：元 / （单位：人民币元） in a note line → the default money unit. */
export function noteUnit(text: string): AmountUnit | null {
  const m = /单位\s*[:：]?\s*(?:人民币)?\s*(万元|元)/.exec(text.normalize('NFKC'));
  if (!m) return null;
  return m[1] === '万元' ? 'wan' : 'yuan';
}

/** 补贴标准（元/亩） → base 补贴标准, unit yuan, per 亩; whitespace and line breaks ignored. */
export function splitHeader(header: string): {
  base: string;
  unit: AmountUnit | null;
  per: string | null;
  measure: string | null;
} {
  let text = header.normalize('NFKC').replace(/\s+/g, '').replace(/[*※★]/g, '');
  text = text.replace(/[【〔［\[]/g, '(').replace(/[】〕］\]]/g, ')');
  const notes: string[] = [];
  text = text.replace(/\(([^()]*)\)/g, (_, inner: string) => {
    notes.push(inner);
    return '';
  });
  // A unit written without brackets: 金额/元, 预算金额万元, 面积亩
  const bare = /^(.{2,}?)(?:\/|:)?(万元|元\/[^/]{1,2}|元|亩)$/.exec(text);
  if (bare && !/^(单价|一卡通|单元)$/.test(text)) {
    text = bare[1] ?? text;
    notes.push(bare[2] ?? '');
  }
  let unit: AmountUnit | null = null;
  let per: string | null = null;
  let measure: string | null = null;
  for (const note of notes) {
    const inner = note.replace(/^单位[:：]?/, '').replace(/^人民币/, '');
    const rate = /^(万元|元)\/(.+)$/.exec(inner);
    if (rate) {
      unit = rate[1] === '万元' ? 'wan' : 'yuan';
      per = rate[2] ?? null;
    } else if (inner === '万元' || inner === '万') unit = 'wan';
    else if (inner === '元') unit = 'yuan';
    else if (/^(亩|人|头|只|户|平方米|㎡|m2|米|公里|千米|株|口|吨|公斤|千克|个|套|次|月)$/.test(inner)) measure = inner;
  }
  return { base: text, unit, per, measure };
}
