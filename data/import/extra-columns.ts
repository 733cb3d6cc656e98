import { cellText, columnLetter, type GridRow } from './grid.ts';
import { headerTexts } from './header-map.ts';
import { quote, type IssueLog } from './issues.ts';
import { freeText, maskText, type TextMask } from './personal-fields.ts';
import type { Layout } from './table-layout.ts';

type FoundLayout = Extract<Layout, { kind: 'ok' }>;

/**
 * Columns the importer does not know (户数, 特困供养金, a village's own 组别) are published as they
 * are, under their own headers, never dropped: a table is the village's disclosure, and what the
 * portal cannot read is still the village's to publish. Their cells are free text, so personal
 * numbers in them are masked like any other text.
 */
export interface ExtraColumn {
  index: number;
  letter: string;
  /** the header as written; `F列` for a column with data under an empty header */
  header: string;
}

/** Every column not mapped to a field that has a header or any data below it, in sheet order. */
export function extraColumns(layout: FoundLayout): ExtraColumn[] {
  const mapped = new Set(Object.values(layout.columns).map((c) => c!.index));
  const headers = headerTexts(layout.headerCells);
  const width = Math.max(headers.length, ...layout.body.map((r) => r.cells.length));
  const out: ExtraColumn[] = [];
  for (let i = 0; i < width; i++) {
    if (mapped.has(i)) continue;
    const header = headers[i] ?? '';
    if (header === '' && !layout.body.some((r) => cellText(r.cells[i]) !== '')) continue;
    out.push({ index: i, letter: columnLetter(i), header: header === '' ? `${columnLetter(i)}列` : header });
  }
  return out;
}

/** One row's cells of the extra columns, as published; undefined when there are none (the field is then left out). */
export function extraCells(row: GridRow, extras: readonly ExtraColumn[], log: IssueLog, mask: TextMask): Array<string | null> | undefined {
  if (extras.length === 0) return undefined;
  return extras.map((x) => freeText(row.cells[x.index], { row: row.row, column: x.letter, field: 'extra' }, x.header, log, mask));
}

/** The dry run's note: 未识别的列：户数、特困供养金，将原样公开. */
export function reportExtraColumns(extras: readonly ExtraColumn[], headerRow: number | null, log: IssueLog): void {
  if (extras.length === 0) return;
  const names = extras.map((x) => `${x.letter}列“${quote(x.header)}”`);
  log.warn(
    'unknown-columns-kept',
    { row: headerRow, column: extras.length === 1 ? extras[0]!.letter : null, field: 'extra' },
    `未识别的列：${names.join('、')}，将原样公开。`,
    `Columns not recognised: ${extras.map((x) => `${x.letter} “${quote(x.header)}”`).join(', ')}; they will be published as written.`,
  );
}

/**
 * `extraColumns` for a content object, each header masked as free text (a header is published
 * too); present only when there are any, so a table without them keeps its old shape and digest.
 */
export function extraHeaders(extras: readonly ExtraColumn[], headerRow: number | null, log: IssueLog, mask: TextMask): { extraColumns?: string[] } {
  if (extras.length === 0) return {};
  return { extraColumns: extras.map((x) => maskText(x.header, { row: headerRow, column: x.letter, field: 'extraColumns' }, null, log, mask)) };
}
