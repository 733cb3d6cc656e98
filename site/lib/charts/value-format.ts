import { fenToPlain } from '../../../data/money.ts';
import { money } from '../format.ts';

/**
 * How a chart's numbers are written in each of its three places. The table shows `display`,
 * the CSV holds `plain`, and they differ only by thousands separators ("1,234.50" ↔ "1234.50"),
 * so a reader can match every table cell to its CSV cell. Axis labels are the only rounded
 * numbers on the page (axis-ticks.ts); the table and CSV keep exact amounts.
 */
export interface ValueFormat {
  /** 元, 件, 个, % */
  unit: string;
  display(n: number): string;
  plain(n: number): string;
  /** the unit tick labels count in for an axis whose largest absolute value is maxAbs */
  axisUnit(maxAbs: number): AxisUnit;
  /** ticks only at whole values (counts: no 2.5件) */
  wholeTicks: boolean;
  /** a total means something (money, counts); not for rates */
  summable: boolean;
}

export interface AxisUnit {
  /** values are divided by this before they reach the scale: 1_000_000 fen = 1万元 */
  per: number;
  /** after each non-zero tick label: "12.5万" */
  suffix: string;
}

/** Integer fen shown as yuan: "98,488.40" / "98488.40"; the axis counts in 万 or 亿 when large. */
export const moneyFormat: ValueFormat = {
  unit: '元',
  display: (fen) => money(fen),
  plain: (fen) => fenToPlain(fen),
  axisUnit: (maxAbs) => (maxAbs >= YI_FEN ? { per: YI_FEN, suffix: '亿' } : maxAbs >= WAN_FEN ? { per: WAN_FEN, suffix: '万' } : { per: 100, suffix: '' }),
  wholeTicks: false,
  summable: true,
};

/** Whole numbers of things: "1,234" / "1234". */
export function countFormat(unit: string): ValueFormat {
  return {
    unit,
    display: (n) => groupThousands(countText(n)),
    plain: countText,
    axisUnit: () => ({ per: 1, suffix: '' }),
    wholeTicks: true,
    summable: true,
  };
}

/** Percentages with one decimal: "87.5" (the unit % is in the column heading, not the cell). */
export const percentFormat: ValueFormat = {
  unit: '%',
  display: (n) => groupThousands(percentText(n)),
  plain: percentText,
  axisUnit: () => ({ per: 1, suffix: '%' }),
  wholeTicks: false,
  summable: false,
};

/** "-1234567.5" → "-1,234,567.5": the only difference between a table cell and its CSV cell. */
export function groupThousands(plain: string): string {
  return plain.replace(/^(-?)(\d+)/, (_, sign: string, int: string) => sign + int.replace(/\B(?=(\d{3})+$)/g, ','));
}

// ——— private helpers ———

const WAN_FEN = 1_000_000;
const YI_FEN = 10_000_000_000;

function countText(n: number): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`a count must be a whole number, got ${n}`);
  return String(n);
}

function percentText(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`a percentage must be finite, got ${n}`);
  const text = n.toFixed(1);
  return text === '-0.0' ? '0.0' : text;
}
