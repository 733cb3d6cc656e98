import type { PageViewTotals } from './store/page-views.ts';

/**
 * How the region dashboards write page views (issue 17): "累计浏览 14.5 万人次", as the seed
 * platform's "14.5万人次参与监督". Counts from 1万 on are written in 万 (from 1亿 on, in 亿) with one
 * decimal, rounded down, so a page never claims a view that was not counted; smaller counts in full.
 */
export interface ViewCount {
  /** "14.5", "3,210" */
  value: string;
  /** "万人次", "亿人次" or "人次": printed after the value */
  unit: string;
}

/** A figure as the dashboards print one (site/lib/page-model.ts's Figure has this shape). */
export interface PageViewFigure extends ViewCount {
  label: string;
}

/** 145_960 → { value: "14.5", unit: "万人次" }; 9_876 → { value: "9,876", unit: "人次" }; 10_000 → "1" 万人次. */
export function viewCount(n: number): ViewCount {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`a number of views must be a whole number ≥ 0, not ${n}`);
  if (n >= YI) return { value: tenths(Math.floor(n / (YI / 10))), unit: '亿人次' };
  if (n >= WAN) return { value: tenths(Math.floor(n / (WAN / 10))), unit: '万人次' };
  return { value: n.toLocaleString('en'), unit: '人次' };
}

/** "累计浏览 14.5 万人次", "累计浏览 326 人次": one line for a page's heading or footer. */
export function pageViewSentence(totals: Pick<PageViewTotals, 'total'>): string {
  const { value, unit } = viewCount(totals.total);
  return `累计浏览 ${value} ${unit}`;
}

/**
 * The dashboard's figures: the views since counting began (and the day it began, when there are
 * any) and those of the last 30 days.
 */
export function pageViewFigures(totals: PageViewTotals): PageViewFigure[] {
  return [
    { label: totals.since ? `累计浏览（${totals.since} 起）` : '累计浏览', ...viewCount(totals.total) },
    { label: '近30天浏览', ...viewCount(totals.recent) },
  ];
}

// ——— private helpers ———

const WAN = 10_000;
const YI = 100_000_000;

/** 145 → "14.5", 10 → "1", 99999 → "9999.9": tenths of the unit, without a trailing ".0" */
function tenths(n: number): string {
  const whole = Math.floor(n / 10);
  const tenth = n % 10;
  return tenth === 0 ? String(whole) : `${whole}.${tenth}`;
}
