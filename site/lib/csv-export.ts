import { looksLikeFormula } from '../../data/csv-formula.ts';
import { fenToPlain } from '../../data/money.ts';
import type { Publication, PublicationSummary } from '../../data/publication.ts';
import type { Takedown } from '../../data/store/store.ts';
import { KIND_LABEL } from './format.ts';
import { publicationHref } from './urls.ts';

/**
 * The CSV data twins: UTF-8 with a BOM (so Excel on Windows reads the Chinese), CRLF line ends,
 * amounts as plain yuan decimals ("20150.00"), and formula-safe: a text cell that a spreadsheet
 * would run as a formula gets a leading apostrophe. Amount columns keep "-300.00" as a number.
 */

export interface CsvColumn {
  header: string;
  /** a number column: plain decimals are written as they are */
  numeric?: boolean;
}

export function toCsv(columns: readonly CsvColumn[], rows: readonly (readonly (string | null)[])[]): string {
  const lines = [columns.map((c) => quote(safeCell(c.header, false)))];
  for (const row of rows) lines.push(columns.map((c, i) => quote(safeCell(row[i] ?? null, c.numeric ?? false))));
  return `${BOM}${lines.map((l) => l.join(',')).join('\r\n')}\r\n`;
}

/** A cell as a spreadsheet should see it: formulas neutralised, numbers left alone in number columns. */
export function safeCell(value: string | null, numeric: boolean): string {
  if (value === null) return '';
  if (numeric && PLAIN_NUMBER.test(value)) return value;
  return looksLikeFormula(value) ? `'${value}` : value;
}

/** Every row of one version, with all its columns. */
export function publicationCsv(p: Publication): string {
  const c = p.content;
  switch (c.kind) {
    case 'finance':
      return toCsv(
        [h('行号', true), h('日期'), h('凭证号'), h('摘要'), h('科目'), h('收入(元)', true), h('支出(元)', true), h('余额(元)', true), h('备注')],
        c.entries.map((e) => [String(e.row), e.date, e.voucher, e.summary, e.account, fenToPlain(e.income), fenToPlain(e.expense), plain(e.balance), e.remark]),
      );
    case 'subsidy':
      return toCsv(
        [
          h('行号', true), h('序号'), h('姓名'), h('身份证号(已脱敏)'), h('电话(已脱敏)'), h('银行卡号(已脱敏)'), h('数量', true), h('单位'),
          h('标准(元)', true), h('标准(原文)'), h('金额(元)', true), h('发放日期'), h('发放方式'), h('备注'),
        ],
        c.rows.map((r) => [
          String(r.row), r.seq, r.name, r.idNumber, r.phone, r.bankCard, r.quantity, r.unit,
          plain(r.rate), r.rateText, fenToPlain(r.amount), r.datePaid, r.channel, r.remark,
        ]),
      );
    case 'project':
      return toCsv(
        [
          h('行号', true), h('项目名称'), h('地点'), h('资金来源'), h('预算(元)', true), h('合同金额(元)', true), h('承建单位'), h('采购方式'),
          h('计划开工'), h('实际开工'), h('计划完工'), h('实际完工'), h('进度(%)', true), h('进度'), h('已付(元)', true), h('备注'), h('照片'),
        ],
        c.projects.map((r) => [
          String(r.row), r.name, r.location, r.fundingSource, plain(r.budget), plain(r.contractAmount), r.contractor, r.procurementMethod,
          r.plannedStart, r.actualStart, r.plannedCompletion, r.actualCompletion,
          r.progress.percent === null ? null : String(r.progress.percent), r.progress.text, plain(r.amountPaid), r.remark,
          r.photos.map((ph) => `/media/${ph.id}-1200.webp`).join(' '),
        ]),
      );
    case 'contract':
      return toCsv(
        [
          h('行号', true), h('合同编号'), h('承包(租赁)方'), h('统一社会信用代码'), h('身份证号(已脱敏)'), h('标的物'), h('坐落'), h('面积', true), h('面积单位'),
          h('起始日期'), h('终止日期'), h('年租金(元)', true), h('缴费方式'), h('应收计划'), h('履约情况'), h('备注'),
        ],
        c.contracts.map((r) => [
          String(r.row), r.number, r.counterparty, r.creditCode, r.idNumber, r.subject, r.location, r.area, r.areaUnit,
          r.start, r.end, plain(r.annualAmount), r.paymentTerms, r.schedule.map((d) => `${d.due} ${fenToPlain(d.amount)}`).join('; '), r.performance, r.remark,
        ]),
      );
  }
}

/**
 * The village's index: one line per version, current and corrected. A version taken down
 * (`takedowns` by publication id) has no title; its state is 已撤下, with the reason and its leaf.
 */
export function villageCsv(village: string, history: readonly PublicationSummary[], baseUrl: string, takedowns: ReadonlyMap<string, Takedown> = new Map()): string {
  return toCsv(
    [
      h('编号'), h('类型'), h('期间'), h('标题'), h('版本', true), h('发布时间'), h('状态'), h('更正版本编号'), h('示例数据'), h('SHA-256'), h('网址'),
      h('撤下原因'), h('撤下时间'), h('撤下记录(日志序号)', true),
    ],
    history.map((s) => {
      const t = takedowns.get(s.id);
      return [
        s.id,
        KIND_LABEL[s.kind],
        s.period,
        t ? null : s.title,
        String(s.version),
        s.publishedAt,
        t ? '已撤下' : s.supersededBy === null ? '现行' : '已更正',
        s.supersededBy,
        s.sample ? '是' : '否',
        s.sha256,
        `${baseUrl}${publicationHref(village, s.id)}`,
        t?.reason ?? null,
        t?.at ?? null,
        t ? String(t.logIndex) : null,
      ];
    }),
  );
}

// ——— private helpers ———

const BOM = '\uFEFF';
/**
 * What a spreadsheet may run as a formula: = + - @, or their full-width forms ＝＋－＠ (which
 * spreadsheets set up for Chinese input may fold to the same), after any leading whitespace
 * (spaces, the ideographic space, NBSP: some spreadsheets and import settings trim it first);
 * and a cell that starts with a tab or a line break, where a tool that splits on them would
 * start a new cell.
 */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

function h(header: string, numeric = false): CsvColumn {
  return { header, numeric };
}

function plain(fen: number | null): string | null {
  return fen === null ? null : fenToPlain(fen);
}

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}
