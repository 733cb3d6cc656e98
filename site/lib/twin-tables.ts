import { fenToPlain } from '../../data/money.ts';
import { statementLines, type Publication, type PublicationSummary } from '../../data/publication.ts';
import type { Takedown } from '../../data/store/store.ts';
import { extraDictionaryColumns, KIND_COLUMNS, VILLAGE_COLUMNS } from './field-dictionary.ts';
import { beijingTime } from '../../data/beijing-time.ts';
import { KIND_LABEL } from './format.ts';
import { versionState } from './version-state.ts';
import { publicationHref } from './urls.ts';

/**
 * The tables of the data twins, one place for both the CSV (csv-export.ts) and the XLSX
 * (xlsx-export.ts): their columns, what kind of value each holds, and the cells as text (amounts
 * as plain yuan decimals, "20150.00"). The kind decides how a spreadsheet gets the cell: codes,
 * voucher numbers and masked IDs stay text, amounts are numbers with two decimals, dates are dates.
 * The columns, with their units and meanings, are the field dictionary (field-dictionary.ts), which
 * the Data Packages (datapackage.ts) describe the CSVs with.
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

/** Every row of one version, with all its columns: the kind's, then those kept as written (extraColumns). */
export function publicationTable(p: Publication): TwinTable {
  const known = kindTable(p);
  const c = p.content;
  if (c.kind === 'statement') return known;
  const headers = c.extraColumns ?? [];
  if (headers.length === 0) return known;
  const rows: ReadonlyArray<{ extra?: Array<string | null> | undefined }> = c.kind === 'finance' ? c.entries : c.kind === 'subsidy' ? c.rows : c.kind === 'project' ? c.projects : c.contracts;
  return {
    columns: [...known.columns, ...extraDictionaryColumns(KIND_COLUMNS[c.kind], headers)],
    rows: known.rows.map((cells, i) => [...cells, ...headers.map((_, k) => rows[i]?.extra?.[k] ?? null)]),
  };
}

function kindTable(p: Publication): TwinTable {
  const c = p.content;
  switch (c.kind) {
    case 'finance':
      return table(
        KIND_COLUMNS.finance,
        c.entries.map((e) => [String(e.row), e.date, e.voucher, e.summary, e.account, fenToPlain(e.income), fenToPlain(e.expense), plain(e.balance), e.remark]),
      );
    case 'subsidy':
      return table(
        KIND_COLUMNS.subsidy,
        c.rows.map((r) => [
          String(r.row), r.seq, r.name, r.idNumber, r.phone, r.bankCard, r.quantity, r.unit,
          plain(r.rate), r.rateText, fenToPlain(r.amount), r.datePaid, r.channel, r.remark,
        ]),
      );
    case 'project':
      return table(
        KIND_COLUMNS.project,
        c.projects.map((r) => [
          String(r.row), r.name, r.location, r.fundingSource, plain(r.budget), plain(r.contractAmount), r.contractor, r.procurementMethod,
          r.plannedStart, r.actualStart, r.plannedCompletion, r.actualCompletion,
          r.progress.percent === null ? null : String(r.progress.percent), r.progress.text, plain(r.amountPaid), r.remark,
          r.photos.map((ph) => `/media/${ph.id}-1200.webp`).join(' '),
          r.funding ? r.funding.map((f) => `${f.source} ${f.amount === null ? '' : fenToPlain(f.amount)}`.trim()).join('; ') : null,
        ]),
      );
    case 'contract':
      return table(
        KIND_COLUMNS.contract,
        c.contracts.map((r) => [
          String(r.row), r.number, r.counterparty, r.creditCode, r.idNumber, r.subject, r.location, r.area, r.areaUnit,
          r.start, r.end, plain(r.annualAmount), r.paymentTerms, r.schedule.map((d) => `${d.due} ${fenToPlain(d.amount)}`).join('; '), r.performance, r.remark,
        ]),
      );
    case 'statement':
      return table(
        KIND_COLUMNS.statement,
        statementLines(c).map((l) => [String(l.row), l.side, l.item, l.line, fenToPlain(l.amount), l.total ? '是' : '否']),
      );
  }
}

/**
 * The village's index: one line per version, current and corrected. A version taken down
 * (`takedowns` by publication id) has no title; its state is 已撤下, with the reason and its leaf.
 */
export function villageTable(village: string, history: readonly PublicationSummary[], baseUrl: string, takedowns: ReadonlyMap<string, Takedown> = new Map()): TwinTable {
  return table(
    VILLAGE_COLUMNS,
    history.map((s) => {
      const t = takedowns.get(s.id);
      return [
        s.id,
        village,
        KIND_LABEL[s.kind],
        s.period,
        t ? null : s.title,
        String(s.version),
        beijingTime(s.publishedAt),
        versionState(s, t),
        s.supersededBy,
        s.sample ? '是' : '否',
        s.sha256,
        `${baseUrl}${publicationHref(village, s.id)}`,
        t?.reason ?? null,
        t ? beijingTime(t.at) : null,
        t ? String(t.logIndex) : null,
      ];
    }),
  );
}

// ——— private helpers ———

function table(columns: readonly TwinColumn[], rows: (string | null)[][]): TwinTable {
  return { columns: [...columns], rows };
}

function plain(fen: number | null): string | null {
  return fen === null ? null : fenToPlain(fen);
}
