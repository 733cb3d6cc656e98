import { formatFen, type AmountUnit } from '../money.ts';
import type { StatementContent, StatementLine } from '../publication.ts';
import { cellText, columnLetter, type Grid, type GridRow } from './grid.ts';
import { noteUnit, splitHeader, type Column } from './header-map.ts';
import { publicNotes } from './import-common.ts';
import { finalPeriod, statedPeriod } from './import-period.ts';
import type { ImportInput } from './import-result.ts';
import { quote, type IssueLog } from './issues.ts';
import { badValue, cellOf, readAmount } from './read-cell.ts';
import { textMask } from './personal-fields.ts';
import { sideBySideHalf } from './side-by-side.ts';

/**
 * 财务报表 (issue 15): 收支对照表 and 收益及收益分配统计表 as villages publish them — 项目, 行次, 金额,
 * twice per row, in 元 or 万元 — read into one list per side, or one side when the sheet has one.
 *
 * Nothing is guessed: the unit must be stated (单位：万元 under the title, or in the amount's
 * header); each 合计 line must equal the lines above it on its side (其中 lines are parts of the
 * line above and are not added again); in a 收益分配 statement the distribution side must add up to
 * the distributable total. Anything else is refused, naming the row and column.
 */
export function importStatement(grids: readonly Grid[], input: ImportInput, log: IssueLog): StatementContent | null {
  const found = grids.map(findHeader).find((h) => h !== null) ?? null;
  if (!found) {
    log.error(
      'statement-header-missing',
      { row: null, column: null, field: null },
      '找不到财务报表的表头：应有“项目”（或“收入项目”“支出项目”）和“金额”列，左右并排的报表每栏各一组（项目、行次、金额）。',
      'No statement header found: a statement has an item column (项目) and an amount column (金额), once per side when laid out side by side (item, line, amount).',
    );
    return null;
  }
  const { grid, header, sides } = found;
  const above = grid.rows
    .filter((r) => r.row < header.row)
    .map((r) => ({ row: r.row, text: r.cells.map((c) => cellText(c)).filter(Boolean).join(' ') }))
    .filter((l) => l.text !== '');
  const title = above[0]?.text ?? '';
  const unit = statedUnit(sides, [...above.map((l) => l.text), ...header.cells.map((c) => cellText(c))]);
  if (!unit) {
    log.error(
      'unit-missing',
      { row: header.row, column: sides[0]!.amount.letter, field: 'amount' },
      '报表没有写明金额单位。请在标题下写“单位：元”或“单位：万元”（或写在金额列的表头里，如“金额（万元）”），再上传：单位不明，金额可能差一万倍。',
      'The statement does not state its unit. Write 单位：元 or 单位：万元 under the title (or in the amount header, e.g. 金额（万元）) and upload again: without it an amount could be off by ten thousand times.',
    );
    return null;
  }
  const mask = textMask(input);
  const notes: Array<{ row: number; text: string }> = above.slice(1);
  const kind = statementKind(title);
  // the same heading on both sides (项目 | 项目): named by what each side of such a statement holds
  if (sides.length === 2 && sides[0]!.heading === sides[1]!.heading) {
    const [left, right] = kind === 'distribution' ? ['收益项目', '分配项目'] : [`${sides[0]!.heading}（左栏）`, `${sides[1]!.heading}（右栏）`];
    sides[0]!.heading = left;
    sides[1]!.heading = right;
  }
  const read: Array<{ heading: string; lines: StatementLine[] }> = sides.map((s) => ({ heading: s.heading, lines: [] }));
  for (const row of grid.rows.filter((r) => r.row > header.row)) {
    const parts = sides.map((side) => ({ side, item: cellText(cellOf(row, side.item)), line: cellText(cellOf(row, side.line ?? undefined)), amount: cellText(cellOf(row, side.amount)) }));
    // a line of the table has an amount or a 行次 on some side; any other row is a note or a sign-off
    if (!parts.some((p) => p.amount !== '' || p.line !== '')) {
      const text = row.cells.map((c) => cellText(c)).filter(Boolean).join(' ');
      if (text) notes.push({ row: row.row, text });
      continue;
    }
    parts.forEach((p, k) => {
      if (p.item === '' && p.amount === '' && p.line === '') return;
      const line = readLine(row, p.side, p.item, p.line, unit, log);
      if (line) read[k]!.lines.push({ ...line, item: publicNotes([line.item], log, mask, [row.row])[0]! });
    });
  }
  checkTotals(read, sides, log);
  if (kind === 'distribution') checkDistribution(read, sides, log);
  const stated = statedPeriod(input.period, title || null, log);
  const period = finalPeriod(stated, [], input.filename, log);
  if (log.hasErrors || period === null) return null;
  if (read.every((s) => s.lines.length === 0)) {
    log.error('statement-empty', { row: header.row, column: null, field: null }, '报表表头下面没有任何项目。', 'The statement has no lines under its header.');
    return null;
  }
  return {
    kind: 'statement',
    title: publicNotes([title], log, mask, [null])[0]!,
    statement: kind,
    period,
    unit: unit === 'wan' ? '万元' : '元',
    sides: read,
    notes: publicNotes(notes.map((n) => n.text), log, mask, notes.map((n) => n.row)),
  };
}

// ——— private helpers ———

/** One side's columns, as the other importers map theirs (read-cell.ts reads them). */
interface Side {
  heading: string;
  item: Column;
  line: Column | null;
  amount: Column;
}

const ITEM = /项目|指标/;
const LINE = /行次|序号|代码|编号/;
const AMOUNT = /金额|数额|本年数|本期数|年末数|本年累计|合计数/;
const TOTAL = /合计|总计|小计/;

/** The first of a sheet's first 30 rows that is a statement's header, and its sides. */
function findHeader(grid: Grid): { grid: Grid; header: GridRow; sides: Side[] } | null {
  for (const row of grid.rows.slice(0, 30)) {
    const headers = row.cells.map((c) => cellText(c));
    const half = sideBySideHalf(headers);
    const spans = half === null ? [[0, headers.length]] : [[0, half], [half, 2 * half]];
    const sides = spans.map(([from, to]) => sideOf(headers, from!, to!));
    // one side only when it has the statement's 行次: a ledger's 科目 and 金额 are not a statement
    if (sides.every((s): s is Side => s !== null) && (sides.length === 2 || sides[0]!.line !== null)) return { grid, header: row, sides };
  }
  return null;
}

function sideOf(headers: readonly string[], from: number, to: number): Side | null {
  const base = (i: number) => splitHeader(headers[i] ?? '').base;
  const range = Array.from({ length: to - from }, (_, k) => from + k);
  const item = range.find((i) => ITEM.test(base(i)));
  const amounts = range.filter((i) => AMOUNT.test(base(i)));
  // one amount a side: 本年数 beside 上年数 would need choosing, and a choice is a guess
  if (item === undefined || amounts.length !== 1) return null;
  const line = range.find((i) => i !== item && LINE.test(base(i)));
  const column = (field: string, index: number): Column => {
    const split = splitHeader(headers[index] ?? '');
    return { field, index, letter: columnLetter(index), header: headers[index] ?? '', unit: split.unit, per: split.per, measure: split.measure };
  };
  return { heading: headers[item]!, item: column('item', item), line: line === undefined ? null : column('line', line), amount: column('amount', amounts[0]!) };
}

/** 元 or 万元: the amount headers' own unit, else a 单位： line above the table; null when nothing says. */
function statedUnit(sides: readonly Side[], texts: readonly string[]): AmountUnit | null {
  const inHeaders = sides.map((s) => s.amount.unit).find((u) => u !== null);
  return inHeaders ?? texts.map(noteUnit).find((u) => u !== null) ?? null;
}

function readLine(row: GridRow, side: Side, item: string, line: string, unit: AmountUnit, log: IssueLog): StatementLine | null {
  if (item === '') {
    badValue(row, side.item, log, 'item-missing', '有金额或行次，却没有项目名称', 'an amount or line number without an item');
    return null;
  }
  // the readers every importer uses: a bad amount, or a personal number typed where one goes, is refused
  const errors = log.errors.length;
  const amount = readAmount(row, side.amount, log, unit);
  if (log.errors.length > errors) return null;
  // a statement writes a line with nothing in it as - or leaves it blank: zero
  return { row: row.row, item, line: line === '' ? null : line, amount: amount ?? 0, total: TOTAL.test(item) };
}

/** Each 合计 line equals the lines since the previous one on its side; 其中 lines are parts of the line above. */
function checkTotals(read: ReadonlyArray<{ lines: readonly StatementLine[] }>, sides: readonly Side[], log: IssueLog): void {
  read.forEach((side, k) => {
    let sum = 0;
    for (const line of side.lines) {
      if (!line.total) {
        if (!/^其中/.test(line.item)) sum += line.amount;
        continue;
      }
      if (line.amount !== sum) mismatch(log, line, sides[k]!, sum, `${sides[k]!.heading}中“${quote(line.item)}”以上各项之和`);
      sum = 0;
    }
  });
}

/** 收益分配: what was distributed and what is left (the right side) adds up to what there was to distribute. */
function checkDistribution(read: ReadonlyArray<{ lines: readonly StatementLine[] }>, sides: readonly Side[], log: IssueLog): void {
  if (read.length !== 2) return;
  const total = [...read[0]!.lines].reverse().find((l) => l.total);
  const right = read[1]!.lines;
  if (!total || right.length === 0 || right.some((l) => l.total)) return;
  const sum = right.filter((l) => !/^其中/.test(l.item)).reduce((n, l) => n + l.amount, 0);
  if (sum !== total.amount) mismatch(log, total, sides[0]!, sum, `${sides[1]!.heading}各项之和`);
}

function mismatch(log: IssueLog, line: StatementLine, side: Side, sum: number, what: string): void {
  const yuan = formatFen;
  log.error(
    'statement-total-mismatch',
    { row: line.row, column: side.amount.letter, field: 'amount' },
    `第${line.row}行${side.amount.letter}列：“${quote(line.item)}”写的是 ${yuan(line.amount)} 元，${what}是 ${yuan(sum)} 元，未发布。请核对后重新上传。`,
    `Row ${line.row}, column ${side.amount.letter}: “${quote(line.item)}” says ${yuan(line.amount)} yuan, but the lines it totals add up to ${yuan(sum)} yuan; nothing was published. Check and upload again.`,
  );
}

function statementKind(title: string): StatementContent['statement'] {
  if (/收益.*分配|分配.*统计/.test(title)) return 'distribution';
  if (/收支/.test(title)) return 'income-expense';
  return 'other';
}
