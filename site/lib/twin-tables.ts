import { fenToPlain } from '../../data/money.ts';
import type { Publication, PublicationSummary } from '../../data/publication.ts';
import type { Takedown } from '../../data/store/store.ts';
import { KIND_LABEL } from './format.ts';
import { publicationHref } from './urls.ts';

/**
 * The tables of the data twins, one place for both the CSV (csv-export.ts) and the XLSX
 * (xlsx-export.ts): their columns, what kind of value each holds, and the cells as text (amounts
 * as plain yuan decimals, "20150.00"). The kind decides how a spreadsheet gets the cell: codes,
 * voucher numbers and masked IDs stay text, amounts are numbers with two decimals, dates are dates.
 */
export type TwinColumnType = 'text' | 'integer' | 'amount' | 'number' | 'date';

export interface TwinColumn {
  header: string;
  type: TwinColumnType;
}

export interface TwinTable {
  columns: TwinColumn[];
  rows: (string | null)[][];
}

/** Every row of one version, with all its columns. */
export function publicationTable(p: Publication): TwinTable {
  const c = p.content;
  switch (c.kind) {
    case 'finance':
      return table(
        [h('行号', 'integer'), h('日期', 'date'), h('凭证号'), h('摘要'), h('科目'), h('收入(元)', 'amount'), h('支出(元)', 'amount'), h('余额(元)', 'amount'), h('备注')],
        c.entries.map((e) => [String(e.row), e.date, e.voucher, e.summary, e.account, fenToPlain(e.income), fenToPlain(e.expense), plain(e.balance), e.remark]),
      );
    case 'subsidy':
      return table(
        [
          h('行号', 'integer'), h('序号'), h('姓名'), h('身份证号(已脱敏)'), h('电话(已脱敏)'), h('银行卡号(已脱敏)'), h('数量', 'number'), h('单位'),
          h('标准(元)', 'amount'), h('标准(原文)'), h('金额(元)', 'amount'), h('发放日期', 'date'), h('发放方式'), h('备注'),
        ],
        c.rows.map((r) => [
          String(r.row), r.seq, r.name, r.idNumber, r.phone, r.bankCard, r.quantity, r.unit,
          plain(r.rate), r.rateText, fenToPlain(r.amount), r.datePaid, r.channel, r.remark,
        ]),
      );
    case 'project':
      return table(
        [
          h('行号', 'integer'), h('项目名称'), h('地点'), h('资金来源'), h('预算(元)', 'amount'), h('合同金额(元)', 'amount'), h('承建单位'), h('采购方式'),
          h('计划开工', 'date'), h('实际开工', 'date'), h('计划完工', 'date'), h('实际完工', 'date'), h('进度(%)', 'number'), h('进度'), h('已付(元)', 'amount'), h('备注'), h('照片'),
        ],
        c.projects.map((r) => [
          String(r.row), r.name, r.location, r.fundingSource, plain(r.budget), plain(r.contractAmount), r.contractor, r.procurementMethod,
          r.plannedStart, r.actualStart, r.plannedCompletion, r.actualCompletion,
          r.progress.percent === null ? null : String(r.progress.percent), r.progress.text, plain(r.amountPaid), r.remark,
          r.photos.map((ph) => `/media/${ph.id}-1200.webp`).join(' '),
        ]),
      );
    case 'contract':
      return table(
        [
          h('行号', 'integer'), h('合同编号'), h('承包(租赁)方'), h('统一社会信用代码'), h('身份证号(已脱敏)'), h('标的物'), h('坐落'), h('面积', 'number'), h('面积单位'),
          h('起始日期', 'date'), h('终止日期', 'date'), h('年租金(元)', 'amount'), h('缴费方式'), h('应收计划'), h('履约情况'), h('备注'),
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
export function villageTable(village: string, history: readonly PublicationSummary[], baseUrl: string, takedowns: ReadonlyMap<string, Takedown> = new Map()): TwinTable {
  return table(
    [
      h('编号'), h('村代码'), h('类型'), h('期间'), h('标题'), h('版本', 'integer'), h('发布时间'), h('状态'), h('更正版本编号'), h('示例数据'), h('SHA-256'), h('网址'),
      h('撤下原因'), h('撤下时间'), h('撤下记录(日志序号)', 'integer'),
    ],
    history.map((s) => {
      const t = takedowns.get(s.id);
      return [
        s.id,
        village,
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

function table(columns: TwinColumn[], rows: (string | null)[][]): TwinTable {
  return { columns, rows };
}

/** A column: text unless said otherwise. */
function h(header: string, type: TwinColumnType = 'text'): TwinColumn {
  return { header, type };
}

function plain(fen: number | null): string | null {
  return fen === null ? null : fenToPlain(fen);
}
