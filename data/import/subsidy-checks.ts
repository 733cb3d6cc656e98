import { formatFen, productFen, sumDecimals } from '../money.ts';
import { quote, type IssueLog, type Where } from './issues.ts';

/**
 * The arithmetic of a payout list, shared by the spreadsheet and JSON importers: quantity × rate
 * must give the amount (rounded half-up, half-even or truncated to the fen, as the county's
 * software does), and a 合计 must equal the sums.
 */
export function checkProduct(
  row: number,
  quantity: string,
  rateText: string,
  amount: number,
  where: Where,
  log: IssueLog,
  toleranceFen = 0,
): void {
  const p = product(quantity, rateText);
  if (p === null) {
    log.error(
      'amount-out-of-range',
      where,
      `第${row}行：数量 ${quote(quantity)} × 标准 ${quote(rateText)} 元 超出可计算的金额范围，请检查这两个数。`,
      `Row ${row}: quantity ${quote(quantity)} × rate ${quote(rateText)} is beyond any amount that can be computed; check both numbers.`,
    );
    return;
  }
  const distance = distanceOf(p, amount);
  if (distance === 0) return;
  // A few fen off is how some county software rounds per mu before multiplying: worth a look, not a refusal.
  const withinTolerance = distance <= toleranceFen;
  (withinTolerance ? log.warn.bind(log) : log.error.bind(log))(
    withinTolerance ? 'amount-near-product' : 'amount-mismatch',
    where,
    `第${row}行：数量 ${quantity} × 标准 ${rateText} 元 应为 ${formatFen(p.halfUp)} 元，但表中金额为 ${formatFen(amount)} 元${withinTolerance ? `（相差 ${formatFen(distance)} 元，在允许的 ${formatFen(toleranceFen)} 元之内，已按表中金额公开）` : ''}`,
    `Row ${row}: quantity ${quantity} × rate ${rateText} gives ${formatFen(p.halfUp)}, but the amount is ${formatFen(amount)}${withinTolerance ? ` (${formatFen(distance)} off, within the tolerance of ${formatFen(toleranceFen)}; published as written)` : ''}`,
  );
}

/** How many fen `amount` is from quantity × rate (under any of the roundings accepted); null when the product cannot be computed. */
export function productDistance(quantity: string, rateText: string, amount: number): number | null {
  const p = product(quantity, rateText);
  return p === null ? null : distanceOf(p, amount);
}

/** The rate in whole fen for the schema's `rate`; the exact text stays in `rateText`. Null (and an error) past the largest amount. */
export function rateFen(rateText: string, where: Where, log: IssueLog): number | null {
  const p = product('1', rateText);
  if (p !== null) return p.halfUp;
  log.error(
    'amount-out-of-range',
    where,
    `补贴标准 ${quote(rateText)} 元超出可计算的金额范围，请检查。`,
    `The rate ${quote(rateText)} is beyond any amount that can be computed; check it.`,
  );
  return null;
}

export function sameDecimal(a: string, b: string): boolean {
  return /^-?0(\.0+)?$/.test(sumDecimals([a, negate(b)]));
}

export function checkSubsidyTotal(
  label: { row: number; text: string },
  stated: { amount: number | null; quantity: string | null },
  sums: { amount: number; quantity: string | null },
  where: { amount: Where; quantity: Where },
  scopeZh: string,
  scopeEn: string,
  log: IssueLog,
): void {
  if (stated.amount !== null && stated.amount !== sums.amount) {
    log.error(
      'total-mismatch',
      where.amount,
      `第${label.row}行“${label.text}”金额为 ${formatFen(stated.amount)} 元，但${scopeZh}为 ${formatFen(sums.amount)} 元`,
      `Row ${label.row} “${label.text}” amount is ${formatFen(stated.amount)} but ${scopeEn} ${formatFen(sums.amount)}`,
    );
  }
  if (stated.quantity !== null && sums.quantity !== null && !sameDecimal(stated.quantity, sums.quantity)) {
    log.error(
      'total-mismatch',
      where.quantity,
      `第${label.row}行“${label.text}”数量为 ${stated.quantity}，但${scopeZh}为 ${sums.quantity}`,
      `Row ${label.row} “${label.text}” quantity is ${stated.quantity} but ${scopeEn} ${sums.quantity}`,
    );
  }
}

/**
 * The programme a payout list is for, from its title: '马头溪村2026年耕地地力保护补贴发放花名册'
 * → '耕地地力保护补贴'. Place names (up to 村/社区), the year or period, and list words go.
 */
export function programmeFromTitle(title: string): string | null {
  let t = title.normalize('NFKC').replace(/\s+/g, '').replace(/^关于/, '');
  const year = /\d{4}年(?:度)?(?:第?[一二三四1-4]季度|\d{1,2}(?:-\d{1,2})?月(?:份)?)?/.exec(t);
  if (year) t = t.slice(year.index + year[0].length);
  else {
    const place = /^.{1,24}?(村民委员会|村委会|居委会|社区|(?<!农)村)/.exec(t);
    if (place && t.length - place[0].length >= 4) t = t.slice(place[0].length);
  }
  let previous = '';
  while (previous !== t) {
    previous = t;
    t = t
      .replace(/的?(公示|公告|公示表|名单)$/, '')
      .replace(/(发放|兑付|兑现|花名册|名册|清册|公示|公开|表|明细|一览|情况|汇总|统计|清单|资金)$/, '');
  }
  return t.length >= 2 ? t : null;
}

// ——— private helpers ———

/**
 * productFen, or null when the product does not fit in a safe integer of fen. Such numbers
 * reach here from the file (an ID number typed into the 面积 column); productFen throws on
 * them, which made the importer throw (a 500) instead of reporting the cell.
 */
function product(quantity: string, rateText: string): ReturnType<typeof productFen> | null {
  try {
    return productFen(quantity, rateText);
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
}

function distanceOf(p: ReturnType<typeof productFen>, amount: number): number {
  return Math.min(Math.abs(amount - p.halfUp), Math.abs(amount - p.halfEven), Math.abs(amount - p.truncated));
}

function negate(d: string): string {
  return d.startsWith('-') ? d.slice(1) : `-${d}`;
}
