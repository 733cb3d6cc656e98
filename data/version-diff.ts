import { canonicalJson } from './canonical-json.ts';
import { fieldLabel } from './field-labels.ts';
import { formatFen } from './money.ts';
import { statementLines, type PublicationContent } from './publication.ts';

/**
 * What changed between two versions of one series (issue 16: the upload's preview shows it before
 * a correction is published). Rows are matched by what they hold, not by their row number (a row
 * added near the top moves every row under it): identical rows are unchanged; of the rest, a row
 * and a row with the same identity (the same voucher, person, project or contract) are one row
 * changed, with the fields that differ; what is left was added or removed. Totals before and after.
 */
export interface VersionDiff {
  added: DiffRow[];
  removed: DiffRow[];
  changed: Array<{ before: DiffRow; after: DiffRow; fields: string[] }>;
  unchanged: number;
  /** each total of the content whose value differs, in Chinese, as the page shows it */
  totals: Array<{ field: string; label: string; before: string; after: string }>;
  title: { before: string; after: string } | null;
}

export interface DiffRow {
  /** the row number in its own version's file */
  row: number;
  /** what the row is, in a few words: 2026-07-03 支付村部电费 */
  text: string;
}

export function versionDiff(before: PublicationContent, after: PublicationContent): VersionDiff | null {
  if (before.kind !== after.kind) return null;
  const a = rowsOf(before);
  const b = rowsOf(after);
  const unmatchedA = new Map<string, Item[]>();
  for (const item of a) unmatchedA.set(item.sig, [...(unmatchedA.get(item.sig) ?? []), item]);
  const restB: Item[] = [];
  let unchanged = 0;
  for (const item of b) {
    const same = unmatchedA.get(item.sig);
    if (same && same.length > 0) {
      same.shift();
      unchanged++;
    } else restB.push(item);
  }
  const restA = [...unmatchedA.values()].flat().sort((x, y) => x.ref.row - y.ref.row);
  const byKey = new Map<string, Item[]>();
  for (const item of restA) byKey.set(item.key, [...(byKey.get(item.key) ?? []), item]);
  const changed: VersionDiff['changed'] = [];
  const added: DiffRow[] = [];
  for (const item of restB) {
    const match = item.key === '' ? undefined : byKey.get(item.key)?.shift();
    if (match) changed.push({ before: match.ref, after: item.ref, fields: differingFields(match.value, item.value) });
    else added.push(item.ref);
  }
  const removed = [...byKey.values()].flat().map((i) => i.ref).sort((x, y) => x.row - y.row);
  return { added, removed, changed, unchanged, totals: totalsDiff(before, after), title: before.title === after.title ? null : { before: before.title, after: after.title } };
}

// ——— private helpers ———

interface Item {
  sig: string;
  key: string;
  ref: DiffRow;
  value: Record<string, unknown>;
}

function rowsOf(c: PublicationContent): Item[] {
  const item = (value: Record<string, unknown>, key: string, text: string): Item => {
    const { row, ...rest } = value as { row: number };
    return { sig: canonicalJson(rest), key, ref: { row, text }, value: rest };
  };
  const words = (...parts: Array<string | null | undefined>) => parts.filter((p) => p).join(' ');
  switch (c.kind) {
    case 'finance':
      return c.entries.map((e) => item(e, e.voucher ? `v:${e.voucher}` : `s:${e.date ?? ''}:${e.summary}`, words(e.date, e.voucher, e.summary)));
    case 'subsidy':
      return c.rows.map((r) => item(r, `p:${r.name}:${r.idNumber ?? ''}`, words(r.seq, r.name)));
    case 'project':
      return c.projects.map((p) => item(p, `n:${p.name}`, p.name));
    case 'contract':
      return c.contracts.map((k) => item(k, k.number ? `c:${k.number}` : `p:${k.counterparty}:${k.subject}`, words(k.number, k.counterparty, k.subject)));
    case 'statement':
      // a line is known by its side and item: 管理费用 corrected from 20,000 to 21,000 is one line changed
      return statementLines(c).map(({ side, ...l }) => item(l, `l:${side}:${l.item}`, words(l.line, l.item)));
  }
}

function differingFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys.filter((k) => canonicalJson(before[k] ?? null) !== canonicalJson(after[k] ?? null)).map(fieldLabel);
}

const TOTAL_LABELS: Record<string, string> = {
  income: '收入合计', expense: '支出合计', closingBalance: '期末余额', amount: '发放总额', quantity: '合计数量', count: '条数',
  budget: '预算合计', contractAmount: '合同金额合计', amountPaid: '已付合计', annualAmount: '年租金合计', area: '面积合计',
};

/** Counts and decimals as they are, amounts (fen) in yuan. */
const MONEY = new Set(['income', 'expense', 'closingBalance', 'amount', 'budget', 'contractAmount', 'amountPaid', 'annualAmount']);

function totalsDiff(before: PublicationContent, after: PublicationContent): VersionDiff['totals'] {
  // a statement's totals are lines of it, compared as lines
  const a = ('totals' in before ? before.totals : {}) as Record<string, number | string | null>;
  const b = ('totals' in after ? after.totals : {}) as Record<string, number | string | null>;
  const shown = (field: string, v: number | string | null) => (v === null ? '—' : MONEY.has(field) && typeof v === 'number' ? `${formatFen(v)} 元` : String(v));
  return Object.keys(b)
    .filter((field) => canonicalJson(a[field] ?? null) !== canonicalJson(b[field] ?? null))
    .map((field) => ({ field, label: TOTAL_LABELS[field] ?? fieldLabel(field), before: shown(field, a[field] ?? null), after: shown(field, b[field] ?? null) }));
}
