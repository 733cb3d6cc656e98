import { parseAmount, parseDecimal } from '../money.ts';
import type { PublicationKind } from '../publication.ts';
import { cellOf } from './read-cell.ts';
import type { GridRow } from './grid.ts';
import { makeColumn, matchColumn, splitHeader, type Column, type ColumnMap } from './header-map.ts';
import { quote, type IssueLog } from './issues.ts';
import { productDistance } from './subsidy-checks.ts';
import type { Layout } from './table-layout.ts';

type FoundLayout = Extract<Layout, { kind: 'ok' }>;

/**
 * Which column of a payout list is the amount paid (issue 15: "the amount is never a guess").
 *
 * A header alone can mislead: 补贴金额（元/亩） names an amount but holds a rate, and renaming one
 * header made the importer publish a per-mu rate as the amount paid. So:
 * - a header with a per-unit (元/亩, 元/人) or a rate word (标准, 单价, 每) is a rate, never the amount;
 * - when several columns could be the amount, quantity × rate decides: the one it gives on every
 *   row is the amount; with a quantity but no rate column, the pair (rate, amount) that the
 *   quantity links on every row decides;
 * - still several, and any of them named only by part of its header: refused, naming them. Two
 *   exact amount names (应发金额 and 实发金额) are both amounts: the preferred one (实发) is taken and
 *   the other is published as a column of its own, as every column not used is.
 */
export type AmountDecision =
  | { kind: 'ok'; columns: ColumnMap; readings: ColumnNote[] }
  | { kind: 'no-amount'; rates: Column[] }
  | { kind: 'ambiguous'; candidates: Column[]; quantity: Column | null; rate: Column | null };

/** Why a column was read as it was (taken for the amount, kept from it): shown in the dry run. */
export interface ColumnNote {
  column: Column;
  zh: string;
  en: string;
}

export function decideAmountColumn(kind: PublicationKind, layout: FoundLayout, toleranceFen: number): AmountDecision {
  const columns: ColumnMap = { ...layout.columns };
  const readings: ColumnNote[] = [];
  const candidates = moneyColumns(kind, layout);
  const rates = candidates.filter(isRateLike);
  const amounts = candidates.filter((c) => !isRateLike(c));
  for (const c of rates) {
    if (c.field !== 'amount') continue;
    readings.push({ column: c, zh: '表头写明是单价或标准（每单位金额），不作为发放金额', en: 'its header makes it a rate (an amount per unit), not the amount paid' });
  }
  let rate = columns.rate ?? rates.find((c) => c.field === 'amount') ?? null;
  if (rate && rate.field !== 'rate') rate = { ...rate, field: 'rate' };
  const quantity = columns.quantity ?? null;
  delete columns.amount;
  if (rate) columns.rate = rate;
  else delete columns.rate;

  if (amounts.length === 0) return { kind: 'no-amount', rates };
  if (amounts.length === 1) return { kind: 'ok', columns: { ...columns, amount: amounts[0]! }, readings };

  const body = layout.body;
  if (quantity && rate) {
    const scores = amounts.map((a) => productScore(body, quantity, rate, a, toleranceFen));
    const best = Math.max(...scores);
    const winners = amounts.filter((_, i) => scores[i] === best && best > 0);
    if (winners.length >= 1 && (winners.length === 1 || winners.every(isExactName))) {
      const amount = preferred(winners);
      readings.push({ column: amount, zh: '数量 × 标准与这一列相符，作为发放金额', en: 'quantity × rate gives this column: taken as the amount paid' });
      return { kind: 'ok', columns: { ...columns, amount }, readings };
    }
  } else if (quantity) {
    // No rate column: a column the quantity turns into another on every row is that one's rate.
    const pairs = amounts.flatMap((r) => amounts.filter((a) => a !== r && productScore(body, quantity, r, a, toleranceFen) === rowsWithValues(body, [quantity, r, a])).map((a) => ({ r, a })));
    const viable = pairs.filter((p) => rowsWithValues(body, [quantity, p.r, p.a]) > 0);
    if (viable.length === 1) {
      const { r, a } = viable[0]!;
      readings.push({ column: r, zh: `数量 × 这一列等于 ${a.letter} 列，是标准（单价），不作为发放金额`, en: `quantity × this column gives column ${a.letter}: it is the rate, not the amount paid` });
      readings.push({ column: a, zh: `数量 × ${r.letter} 列与这一列相符，作为发放金额`, en: `quantity × column ${r.letter} gives this column: taken as the amount paid` });
      return { kind: 'ok', columns: { ...columns, rate: { ...r, field: 'rate' }, amount: a }, readings };
    }
  }
  if (amounts.every(isExactName)) return { kind: 'ok', columns: { ...columns, amount: preferred(amounts) }, readings };
  return { kind: 'ambiguous', candidates: amounts, quantity, rate };
}

/** A rate by its header: a per-unit (元/亩) or a rate word. */
export function isRateLike(c: Column): boolean {
  const base = splitHeader(c.header.split(' / ').pop() ?? '').base;
  return c.per !== null || /标准|单价|每/.test(base);
}

// ——— private helpers ———

/** Every column whose header names an amount or a rate, each with its match rank kept in `rank`. */
function moneyColumns(kind: PublicationKind, layout: FoundLayout): RankedColumn[] {
  const width = Math.max(0, ...layout.headerCells.map((r) => r.length));
  const out: RankedColumn[] = [];
  for (let i = 0; i < width; i++) {
    const texts = layout.headerCells.map((r) => r[i] ?? '');
    const match = matchColumn(kind, texts);
    if (!match || (match.field !== 'amount' && match.field !== 'rate')) continue;
    out.push(Object.assign(makeColumn(match.field, i, texts, layout.defaultUnit), { rank: match.rank }));
  }
  return out;
}

type RankedColumn = Column & { rank?: number };

function isExactName(c: RankedColumn): boolean {
  return c.rank !== undefined && c.rank < 1000;
}

function preferred(columns: RankedColumn[]): Column {
  return [...columns].sort((a, b) => (a.rank ?? 9999) - (b.rank ?? 9999))[0]!;
}

/** Rows where quantity × rate gives the amount column (within the tolerance). */
function productScore(body: readonly GridRow[], quantity: Column, rate: Column, amount: Column, toleranceFen: number): number {
  let n = 0;
  for (const row of body) {
    const q = parseDecimal(cellOf(row, quantity) ?? null);
    const r = parseDecimal(cellOf(row, rate) ?? null);
    const a = parseAmount(cellOf(row, amount) ?? null, amount.unit ?? 'yuan');
    if (q.kind !== 'ok' || r.kind !== 'ok' || a.kind !== 'ok') continue;
    const distance = productDistance(q.text, r.text, a.fen);
    if (distance !== null && distance <= toleranceFen) n++;
  }
  return n;
}

function rowsWithValues(body: readonly GridRow[], columns: Column[]): number {
  return body.filter((row) => columns.every((c) => parseDecimal(cellOf(row, c) ?? null).kind === 'ok')).length;
}

/** The refusal when no column can be trusted as the amount paid, naming the columns in doubt. */
export function reportAmountRefusal(decision: Exclude<AmountDecision, { kind: 'ok' }>, headerRow: number | null, log: IssueLog): void {
  const named = (cs: readonly Column[]) => cs.map((c) => `${c.letter}列“${quote(c.header)}”`).join('、');
  const namedEn = (cs: readonly Column[]) => cs.map((c) => `${c.letter} “${quote(c.header)}”`).join(', ');
  if (decision.kind === 'no-amount') {
    const rates = decision.rates;
    log.error(
      'missing-column',
      { row: headerRow, column: null, field: 'amount' },
      `表头中找不到发放金额列（如“补贴金额（元）”“实发金额”）。${rates.length > 0 ? `${named(rates)}是每单位的标准，不是发放给每户的金额。` : ''}请加上发放金额列后重新上传。`,
      `The header has no column for the amount paid (such as 补贴金额（元） or 实发金额).${rates.length > 0 ? ` ${namedEn(rates)} ${rates.length > 1 ? 'are rates' : 'is a rate'} per unit, not the amount paid to each household.` : ''} Add the amount column and upload again.`,
    );
    return;
  }
  const { candidates, quantity, rate } = decision;
  const why = quantity && rate
    ? { zh: `数量（${quantity.letter}列）× 标准（${rate.letter}列）与其中任何一列都对不上`, en: `quantity (column ${quantity.letter}) × rate (column ${rate.letter}) gives none of them` }
    : { zh: '表中没有可以核对的数量和标准', en: 'there is no quantity and rate to tell them apart' };
  log.error(
    'amount-ambiguous',
    { row: headerRow, column: null, field: 'amount' },
    `无法确定哪一列是发放金额：${named(candidates)}都可能是，而${why.zh}。为免把标准当作金额公开，未发布。请把发放金额列的表头写作“发放金额（元）”，标准列写作“补贴标准（元/亩）”后重新上传。`,
    `Cannot tell which column is the amount paid: ${namedEn(candidates)} could each be, and ${why.en}. Nothing was published, so that a rate is never published as an amount. Head the amount column 发放金额（元） and the rate column 补贴标准（元/亩）, and upload again.`,
  );
}
