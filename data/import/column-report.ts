import type { PublicationKind } from '../publication.ts';
import type { ColumnNote } from './amount-column.ts';
import type { ExtraColumn } from './extra-columns.ts';
import { FIELD_NAMES, type ColumnMap } from './header-map.ts';
import { safe } from './issues.ts';
import { FUNDING_FIELD } from './project-funding.ts';

/**
 * How each source column was understood, for the dry run (`收入金额（元）` → 收入), so an official
 * can see a misreading before publishing: every mapped column with the field it fills and the
 * money unit read from its header, every column kept as written, and why a money column was or
 * was not taken for the amount.
 */
export interface ColumnReading {
  /** A, B, … as Excel shows it */
  column: string;
  /** the header as written */
  header: string;
  /** the field it fills; null when it is published as written */
  field: string | null;
  /** what it was read as, in Chinese: 收入, 发放金额, 未识别（原样公开） */
  readAs: string;
  readAsEn: string;
  /** 元 or 万元 for a money column, from its header or a 单位：万元 note */
  unit: string | null;
  note: string | null;
  noteEn: string | null;
}

export function columnReport(
  kind: PublicationKind,
  columns: ColumnMap,
  extras: readonly ExtraColumn[],
  readings: readonly ColumnNote[] = [],
): ColumnReading[] {
  const notes = new Map(readings.map((r) => [r.column.letter, r]));
  const mapped: Array<ColumnReading & { index: number }> = Object.values(columns).map((c) => {
    const note = notes.get(c!.letter);
    const label = fieldLabel(kind, c!.field);
    return {
      index: c!.index,
      column: c!.letter,
      header: safe(c!.header),
      field: c!.field,
      readAs: label.zh,
      readAsEn: label.en,
      unit: isMoney(c!.field) ? (c!.unit === 'wan' ? '万元' : '元') : null,
      note: note?.zh ?? null,
      noteEn: note?.en ?? null,
    };
  });
  const kept = extras.map((x) => {
    const note = notes.get(x.letter);
    return {
      index: x.index,
      column: x.letter,
      header: safe(x.header),
      field: null,
      readAs: '未识别，原样公开',
      readAsEn: 'not recognised: published as written',
      unit: null,
      note: note?.zh ?? null,
      noteEn: note?.en ?? null,
    };
  });
  return [...mapped, ...kept].sort((a, b) => a.index - b.index).map(({ index: _index, ...reading }) => reading);
}

// ——— private helpers ———

const isMoney = (field: string) => MONEY_FIELDS.has(field) || field.startsWith(FUNDING_FIELD);
const MONEY_FIELDS = new Set(['income', 'expense', 'balance', 'amount', 'rate', 'budget', 'contractAmount', 'amountPaid', 'annualAmount', 'receivable', 'received', 'arrears']);

/** Where a field's first header name is not the clearest word for it. */
const LABELS: Partial<Record<PublicationKind, Record<string, { zh: string; en: string }>>> = {
  finance: { counterparty: { zh: '收付款单位', en: 'counterparty' } },
  subsidy: {
    quantity: { zh: '数量', en: 'quantity' },
    rate: { zh: '标准（单价）', en: 'rate' },
    amount: { zh: '发放金额', en: 'amount paid' },
  },
  contract: {
    receivable: { zh: '应收（不公开，按缴费计划推算）', en: 'receivable (not published: worked out from the schedule)' },
    received: { zh: '已收（不公开，按财务账推算）', en: 'received (not published: worked out from the ledger)' },
    arrears: { zh: '欠缴（不公开，按缴费计划推算）', en: 'arrears (not published: worked out from the schedule)' },
  },
};

function fieldLabel(kind: PublicationKind, field: string): { zh: string; en: string } {
  if (field.startsWith(FUNDING_FIELD)) return { zh: `资金来源：${field.slice(FUNDING_FIELD.length)}`, en: `funds from ${field.slice(FUNDING_FIELD.length)}` };
  return LABELS[kind]?.[field] ?? { zh: FIELD_NAMES[kind][field]?.[0] ?? field, en: field };
}
