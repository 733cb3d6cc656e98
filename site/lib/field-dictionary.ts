import type { PublicationKind } from '../../data/publication.ts';
import { KIND_LABEL } from './format.ts';
import type { TwinColumn, TwinColumnType } from './twin-tables.ts';

/**
 * The field dictionary of the data twins (issue 15, bulk data): every column of every table, with
 * the header the CSV and XLSX print, the kind of value, its unit and what it means in Chinese and
 * English. twin-tables.ts builds its tables from these lists and datapackage.ts its Table Schemas,
 * so a header cannot change in one and not the other.
 *
 * `unit` is the unit of a number column ('元' for every amount, which the CSV writes as a plain
 * yuan decimal with two places, "20150.00"); null when the column has none, or when another
 * column of the row gives it (数量 → 单位, 面积 → 面积单位). `field` says what the Table Schema
 * should know that the twin's kind does not: a timestamp, a yes/no column, a pattern or the
 * values a column can take.
 */
export interface DictionaryColumn extends TwinColumn {
  unit: string | null;
  /** a short English name, for readers of the schema who do not read the Chinese header */
  title: string;
  zh: string;
  en: string;
  field?: FieldHint;
}

export interface FieldHint {
  type?: 'datetime' | 'boolean';
  format?: 'uri';
  trueValues?: string[];
  falseValues?: string[];
  constraints?: { pattern?: string; enum?: string[] };
}

const ROW = c('行号', 'integer', null, 'Row', '该行在上传文件中的行号，与 Excel 的行号一致；网页上这一行的锚点是 #r行号。', 'Row number in the uploaded file, as Excel numbers it; the row’s anchor on its page is #r<row>.');
const REMARK = c('备注', 'text', null, 'Remark', '备注，按原文。', 'Remark as written in the file.');
const MASKED = '已脱敏：只显示开头和末尾几位，中间以 * 代替，不公开完整号码。';
const MASKED_EN = 'Masked: only the first and last digits are shown, the rest replaced by *; the full number is never published.';

/** One list per kind of publication, in the order of the CSV's columns. */
export const KIND_COLUMNS: Record<PublicationKind, readonly DictionaryColumn[]> = {
  finance: [
    ROW,
    c('日期', 'date', null, 'Date', '记账日期（YYYY-MM-DD）；文件未写日期时为空。', 'Date of the entry (YYYY-MM-DD); empty when the file gives none.'),
    c('凭证号', 'text', null, 'Voucher number', '记账凭证号，按原文（文本，保留开头的 0）。', 'Voucher number as written (text: leading zeros are kept).'),
    c('摘要', 'text', null, 'Summary', '摘要：这笔收入或支出是什么。', 'What the income or expense was for.'),
    c('科目', 'text', null, 'Account', '会计科目，按原文。', 'Accounting heading as written.'),
    c('收入(元)', 'amount', '元', 'Income (yuan)', '本行的收入，元，两位小数；没有收入为 0.00。', 'Income of this entry in yuan, two decimals; 0.00 when none.'),
    c('支出(元)', 'amount', '元', 'Expense (yuan)', '本行的支出，元，两位小数；没有支出为 0.00。', 'Expense of this entry in yuan, two decimals; 0.00 when none.'),
    c('余额(元)', 'amount', '元', 'Balance (yuan)', '文件上写的余额（元），已与各行收支核对；文件未写时为空。', 'Running balance in yuan as the file states it, checked against the rows; empty when the file gives none.'),
    REMARK,
  ],
  subsidy: [
    ROW,
    c('序号', 'text', null, 'Number in the list', '花名册上的序号，按原文。', 'Serial number as written in the list.'),
    c('姓名', 'text', null, 'Name', '领取人姓名，按村里公示的写法。', 'Beneficiary’s name, as the village publishes it.'),
    c('身份证号(已脱敏)', 'text', null, 'ID-card number (masked)', `领取人的身份证号，${MASKED}`, `The beneficiary’s ID-card number. ${MASKED_EN}`),
    c('电话(已脱敏)', 'text', null, 'Phone number (masked)', `领取人的电话，${MASKED}`, `The beneficiary’s phone number. ${MASKED_EN}`),
    c('银行卡号(已脱敏)', 'text', null, 'Bank-card number (masked)', `领取人的银行卡（一卡通）号，${MASKED}`, `The beneficiary’s bank-card number. ${MASKED_EN}`),
    c('数量', 'number', null, 'Quantity', '补贴按多少计发（面积、头数等），单位见“单位”列。', 'The quantity the subsidy is paid on (area, head of livestock …); its unit is in 单位.'),
    c('单位', 'text', null, 'Unit', '“数量”的单位，按原文（如 亩）。', 'Unit of 数量 as written (e.g. 亩, mu).'),
    c('标准(元)', 'amount', '元/单位', 'Rate (yuan per unit)', '每单位的补贴标准，元，两位小数；原文的写法见“标准(原文)”。', 'Rate per unit in yuan, two decimals; as written in 标准(原文).'),
    c('标准(原文)', 'text', null, 'Rate as written', '补贴标准，按原文（可能多于两位小数）。', 'The rate as written in the file (may have more than two decimals).'),
    c('金额(元)', 'amount', '元', 'Amount (yuan)', '发给该领取人的金额，元，两位小数。', 'Amount paid to the beneficiary in yuan, two decimals.'),
    c('发放日期', 'date', null, 'Date paid', '发放日期（YYYY-MM-DD）。', 'Date paid (YYYY-MM-DD).'),
    c('发放方式', 'text', null, 'Paid through', '发放方式，按原文（如 一卡通）。', 'How it was paid, as written (e.g. 一卡通, the benefits card).'),
    REMARK,
  ],
  project: [
    ROW,
    c('项目名称', 'text', null, 'Project', '项目名称。', 'Name of the project.'),
    c('地点', 'text', null, 'Location', '项目地点。', 'Where the project is.'),
    c('资金来源', 'text', null, 'Source of funds', '资金来源，按原文。', 'Source of funds as written.'),
    c('预算(元)', 'amount', '元', 'Budget (yuan)', '预算金额，元，两位小数。', 'Budget in yuan, two decimals.'),
    c('合同金额(元)', 'amount', '元', 'Contract amount (yuan)', '合同金额，元，两位小数。', 'Contract amount in yuan, two decimals.'),
    c('承建单位', 'text', null, 'Contractor', '承建单位。', 'The firm building it.'),
    c('采购方式', 'text', null, 'Procurement method', '采购方式，按原文（如 公开招标、竞争性磋商）。', 'Procurement method as written (open tender, competitive negotiation …).'),
    c('计划开工', 'date', null, 'Planned start', '计划开工日期。', 'Planned start date.'),
    c('实际开工', 'date', null, 'Actual start', '实际开工日期。', 'Actual start date.'),
    c('计划完工', 'date', null, 'Planned completion', '计划完工日期。', 'Planned completion date.'),
    c('实际完工', 'date', null, 'Actual completion', '实际完工日期。', 'Actual completion date.'),
    c('进度(%)', 'number', '%', 'Progress (%)', '进度百分比（0–100）：文件写了百分比，或写的状态可以推出（已完工 = 100）；否则为空。', 'Progress in percent (0–100), when the file gives one or its state implies one (已完工, completed = 100); else empty.'),
    c('进度', 'text', null, 'Progress as written', '进度，按原文。', 'Progress as written in the file.'),
    c('已付(元)', 'amount', '元', 'Paid (yuan)', '已支付金额，元，两位小数。', 'Amount paid so far in yuan, two decimals.'),
    REMARK,
    c('照片', 'text', null, 'Photos', '项目照片在本站的地址（从网站根开始，/media/<编号>-1200.webp），多张以空格分隔。', 'Addresses of the project’s photos on this portal (from the site root, /media/<id>-1200.webp), separated by spaces.'),
    c('资金构成(元)', 'text', null, 'Funds by source (yuan)', '资金构成：按资金来源分列时（国补、财政奖补、村民自筹、缺口资金等），每项“来源 金额”（元，两位小数），以“; ”分隔；未分列时为空。', 'The funds by source when the list splits them (national subsidy, fiscal awards, villagers’ own funds, funding gap …): “source amount” in yuan with two decimals, separated by “; ”; empty otherwise.'),
  ],
  contract: [
    ROW,
    c('合同编号', 'text', null, 'Contract number', '合同编号，按原文。', 'Contract number as written.'),
    c('承包(租赁)方', 'text', null, 'Lessee or contractor', '承包或租赁的一方：单位名称，或村里公示的个人姓名。', 'The party leasing or contracting: an organisation’s name, or a person’s name as the village publishes it.'),
    c('统一社会信用代码', 'text', null, 'Unified social credit code', '单位的统一社会信用代码（依法公开）。', 'The organisation’s unified social credit code (public by law).'),
    c('身份证号(已脱敏)', 'text', null, 'ID-card number (masked)', `个人承包方的身份证号，${MASKED}`, `A person’s ID-card number. ${MASKED_EN}`),
    c('标的物', 'text', null, 'Subject', '承包或租赁的是什么，按原文（如 耕地、厂房）。', 'What is leased or contracted out, as written (arable land, a workshop …).'),
    c('坐落', 'text', null, 'Location', '坐落位置。', 'Where it is.'),
    c('面积', 'number', null, 'Area', '面积，单位见“面积单位”列。', 'Area; its unit is in 面积单位.'),
    c('面积单位', 'text', null, 'Unit of area', '“面积”的单位，按原文（如 亩、平方米）。', 'Unit of 面积 as written (亩 mu, 平方米 m² …).'),
    c('起始日期', 'date', null, 'Start', '合同起始日期。', 'Start of the contract.'),
    c('终止日期', 'date', null, 'End', '合同终止日期。', 'End of the contract.'),
    c('年租金(元)', 'amount', '元', 'Annual rent (yuan)', '年租金或年承包费，元，两位小数。', 'Annual rent or fee in yuan, two decimals.'),
    c('缴费方式', 'text', null, 'Payment terms', '缴费方式，按原文。', 'Payment terms as written.'),
    c('应收计划', 'text', null, 'Payment schedule', '从缴费方式读出的每一期应收：“到期日 金额(元)”，以“; ”分隔；读不出时为空。', 'Every instalment read from the payment terms as "due-date amount" (YYYY-MM-DD, yuan), separated by "; "; empty when the terms could not be read.'),
    c('履约情况', 'text', null, 'Performance', '履约情况，按村里的说法（如 2024年、2025年未缴）。', 'Whether the terms were kept, as the village states it (e.g. 2024年、2025年未缴, 2024 and 2025 unpaid).'),
    REMARK,
  ],
  statement: [
    ROW,
    c('栏', 'text', null, 'Side', '这一项在报表的哪一栏（左右并排的报表有两栏，如 收入项目、支出项目），按表头原文。', 'Which side of the statement the line is on (a side-by-side statement has two, e.g. income and expense), as its header says.'),
    c('项目', 'text', null, 'Item', '报表项目，按原文；“合计”行是本栏以上各项之和，已核对。', 'The line item as written; a 合计 line is the sum of the lines above it on its side, checked.'),
    c('行次', 'text', null, 'Line number', '报表上的行次，按原文。', 'The statement’s own line number, as written.'),
    c('金额(元)', 'amount', '元', 'Amount (yuan)', '金额，元，两位小数；文件以万元填写的已换算为元。', 'Amount in yuan, two decimals; a statement in 万元 (10,000 yuan) is converted.'),
    c('合计行', 'text', null, 'Total line', '是：这一行是合计行；否：一般项目。', 'Yes (是): the line is a total; no (否): an ordinary line.', { type: 'boolean', trueValues: ['是'], falseValues: ['否'] }),
  ],
};

/** The village's index (index.csv beside the village page): one line per version. */
export const VILLAGE_COLUMNS: readonly DictionaryColumn[] = [
  c('编号', 'text', null, 'Publication id', '这一版的编号；它的网页是 /v/<村代码>/p/<编号>/。', 'Id of the version; its page is /v/<village code>/p/<id>/.'),
  c('村代码', 'text', null, 'Village code', '村的 12 位统计用区划代码（文本）。', 'The village’s 12-digit statistical division code (text).', { constraints: { pattern: '[0-9]{12}' } }),
  c('类型', 'text', null, 'Kind', '公开的类型：财务收支、补贴发放、工程项目、资产资源合同。', 'Kind: finance ledger, subsidy list, works projects, contracts of collective assets.', { constraints: { enum: Object.values(KIND_LABEL) } }),
  c('期间', 'text', null, 'Period', '期间：YYYY（年）、YYYY-Qn（季度）或 YYYY-MM（月）。', 'Period: YYYY (year), YYYY-Qn (quarter) or YYYY-MM (month).', { constraints: { pattern: '[0-9]{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?' } }),
  c('标题', 'text', null, 'Title', '标题；已撤下的版本不再显示标题。', 'Title; empty for a version taken down.'),
  c('版本', 'integer', null, 'Version', '同一系列中的第几版（1, 2 …）；更正是新的一版。', 'Version within its series (1, 2 …); a correction is a new version.'),
  c('发布时间', 'text', null, 'Published at', '发布时间，北京时间，带时区（如 2026-10-12T16:00:00+08:00；有毫秒时写出毫秒）。', 'When it was published, in Beijing time with its offset (e.g. 2026-10-12T16:00:00+08:00; milliseconds when there are any).', { type: 'datetime' }),
  c('状态', 'text', null, 'State', '现行、已更正（有更新的一版）或已撤下（误公开了个人信息等）。', 'Current, corrected (a newer version exists) or taken down (e.g. personal data published by mistake).', { constraints: { enum: ['现行', '已更正', '已撤下'] } }),
  c('更正版本编号', 'text', null, 'Corrected by', '更正这一版的版本的编号；现行版本为空。', 'Id of the version that corrects this one; empty when current.'),
  c('示例数据', 'text', null, 'Sample data', '是：演示用的示例数据，不是真实的村务信息；否：真实公开。', 'Yes (是): sample data for demonstration, not real village records; no (否): a real publication.', { type: 'boolean', trueValues: ['是'], falseValues: ['否'] }),
  c('SHA-256', 'text', null, 'SHA-256', '这一版规范 JSON 的 SHA-256，可从 index.json 重算，并在透明日志中核对。', 'SHA-256 of the version’s canonical JSON: recompute it from index.json and check it in the transparency log.', { constraints: { pattern: '[0-9a-f]{64}' } }),
  c('网址', 'text', null, 'Page', '这一版网页的完整地址。', 'Full address of the version’s page.', { format: 'uri' }),
  c('撤下原因', 'text', null, 'Reason taken down', '撤下的原因；未撤下为空。', 'Why it was taken down; empty when it was not.'),
  c('撤下时间', 'text', null, 'Taken down at', '撤下时间，北京时间，带时区（如 2026-10-12T16:00:00+08:00）；未撤下为空。', 'When it was taken down, in Beijing time with its offset (e.g. 2026-10-12T16:00:00+08:00); empty when it was not.', { type: 'datetime' }),
  c('撤下记录(日志序号)', 'integer', null, 'Takedown log index', '撤下记录在透明日志中的序号；未撤下为空。', 'Index of the takedown’s leaf in the transparency log; empty when it was not taken down.'),
];

// ——— private helpers ———

/**
 * The columns a version's importer kept as written (issue 15: columns it did not know), after the
 * kind's, under their own headers: text, described as such. A header the kind's table already has
 * (a second 备注) gets （原表） after it, so every name in a schema is one column.
 */
export function extraDictionaryColumns(known: readonly DictionaryColumn[], headers: readonly string[]): DictionaryColumn[] {
  const taken = new Set(known.map((k) => k.header));
  return headers.map((header) => {
    let name = header;
    for (let n = 1; taken.has(name); n++) name = `${header}（原表${n === 1 ? '' : n}）`;
    taken.add(name);
    return c(name, 'text', null, `As written: ${header}`, '村里表格中的这一列，导入时未识别，按原文公开（个人号码已脱敏）。', 'A column of the village’s table that the importer did not recognise, published as written (personal numbers masked).');
  });
}

function c(header: string, type: TwinColumnType, unit: string | null, title: string, zh: string, en: string, field?: FieldHint): DictionaryColumn {
  return field ? { header, type, unit, title, zh, en, field } : { header, type, unit, title, zh, en };
}
