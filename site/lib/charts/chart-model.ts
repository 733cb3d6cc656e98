import type { ValueFormat } from './value-format.ts';

/**
 * What a page prints for one chart (site/components/Chart.astro): an SVG drawn at build time from
 * primitives, and the same numbers as a table and as CSV. The SVG is one picture for sighted
 * readers; the table is what screen readers, print and copy-paste rely on, so it always holds
 * every number the picture shows, in the same order.
 *
 * Empty data (no categories, or every value missing or zero) is not null: the builders return a
 * view with `empty: true`, an SVG that says 暂无数据, a table with its columns but no rows, and
 * `csvHref: null` (a header-only file helps nobody). A page can print it or skip it.
 */
export interface ChartView {
  /** kebab-case, unique on the page: prefixes the SVG's title, desc and pattern ids */
  id: string;
  /** Chinese, printed as the figure caption */
  title: string;
  /** one or two sentences: what the chart shows and its main finding, in words */
  description: string;
  /** 元, 件, 个, % … */
  unit: string;
  empty: boolean;
  svg: SvgModel;
  table: ChartTable;
  /** where the page publishes chartCsv(view); null for no link */
  csvHref: string | null;
}

export interface ChartColumn {
  /** 期间, 收入(元) … the CSV header is the same text */
  label: string;
  /** a number column: right-aligned on the page, a plain number in the CSV */
  num: boolean;
}

/**
 * One row per category, in the order the chart draws them (left to right, or top to bottom).
 * `rows` is for the page, `values` for the CSV; they line up cell by cell (chart-csv.ts).
 */
export interface ChartTable {
  caption: string;
  columns: ChartColumn[];
  /** display text: "1,234.50", "—" for a missing value */
  rows: string[][];
  /** machine text of the same cells: "1234.50", null for a missing value */
  values: (string | null)[][];
}

/** 340 user units wide; printed with width="100%" so it scales to the column. */
export interface SvgModel {
  width: number;
  height: number;
  /** "0 0 340 262" */
  viewBox: string;
  /** fills that tell series apart in black and white */
  patterns: SvgPattern[];
  /** in paint order */
  elements: SvgElement[];
}

/** A square tile repeated in user space; its first mark is the background. */
export interface SvgPattern {
  id: string;
  size: number;
  marks: SvgElement[];
}

interface Paint {
  /** a colour; ignored when `pattern` is set */
  fill?: string;
  /** an SvgPattern id: printed as fill="url(#id)" */
  pattern?: string;
  stroke?: string;
  strokeWidth?: number;
  /** stroke-dasharray, e.g. "6 4" */
  dash?: string;
}

interface Common {
  /** hooks for chart.css (print in black, muted grid); all start with ch- so no site.css rule (.bar!) reaches them */
  className?: string;
  /** aria-hidden="true": decoration that says nothing the table does not */
  decorative?: boolean;
}

export type SvgElement = SvgRect | SvgPath | SvgLine | SvgText;

export interface SvgRect extends Paint, Common {
  kind: 'rect';
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface SvgPath extends Paint, Common {
  kind: 'path';
  d: string;
  /** printed as transform="translate(x y)": markers are drawn around the origin */
  at?: { x: number; y: number };
}

export interface SvgLine extends Paint, Common {
  kind: 'line';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface SvgText extends Common {
  kind: 'text';
  x: number;
  y: number;
  text: string;
  anchor: 'start' | 'middle' | 'end';
  /** font-size in user units, never below 14 */
  size: number;
  fill?: string;
  /** degrees around (x, y), printed as transform="rotate(a x y)" */
  rotate?: number;
}

export interface ChartSeries {
  /** 收入, 支出, 受理, 办结 … */
  name: string;
  /** one per category; null is a missing value (no bar, "—" in the table, empty in the CSV) */
  values: readonly (number | null)[];
}

/** What every builder takes. */
export interface ChartInput {
  id: string;
  title: string;
  /** built from the data when left out (chart-description.ts) */
  description?: string;
  /** heading of the table's first column: 期间, 月份, 科目, 项目 */
  categoryLabel: string;
  categories: readonly string[];
  series: readonly ChartSeries[];
  /** how values are shown, written to CSV and put on an axis; also gives the unit */
  format: ValueFormat;
  csvHref?: string | null;
  /**
   * Zero is a finding, not an absence (0% of villages on time): an all-zero chart is still drawn.
   * By default a chart whose every value is missing or zero counts as empty.
   */
  zeroIsData?: boolean;
}
