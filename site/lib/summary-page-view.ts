import { beijingTime } from '../../data/beijing-time.ts';
import { regionSummaryDigest } from '../../data/log/log-leaf.ts';
import { fenToPlain } from '../../data/money.ts';
import { fenInWords } from '../../data/money-words.ts';
import { periodLabel } from '../../data/period.ts';
import type { StoredSummary } from '../../data/store/summary-store.ts';
import type { RegionSummary } from '../../data/summary/region-summary.ts';
import { chinaDateTime, money } from './format.ts';
import type { Crumb, PageBase, SiteInfo } from './page-model.ts';
import { summaryColumns } from './summary-datapackage.ts';
import type { TwinTable } from './twin-tables.ts';
import { regionHref, summaryHref, twinsOf, villageHref } from './urls.ts';

/**
 * A township's, county's or city's summary table (issue 15) as its page, its data twins and the
 * list on its region's page show it. A row naming a village or township under the region links
 * there; a correction is a new version, and every version keeps its page and says which is newest.
 */
export interface SummaryPage extends PageBase {
  kind: 'summary';
  crumbs: Crumb[];
  heading: string;
  /** 王家坪镇 · 2026年 · 第2版 */
  byLine: string;
  region: { name: string; href: string };
  published: string;
  publishedIso: string;
  /** this version was corrected: the newest version's page */
  superseded: { href: string; version: number } | null;
  /** the version this one corrects, and what changed from it, row by row (九龙山村：62,122.20 → 62,122.30 元) */
  supersedes: { href: string; version: number; changes: string[] } | null;
  headers: string[];
  rows: Array<{ row: number; label: string; href: string | null; cells: string[]; amount: string }>;
  total: string;
  totalWords: string;
  notes: string[];
  /** rows whose place could not be found under the region, so they are not linked */
  unlinked: number;
  history: Array<{ version: number; href: string; published: string; current: boolean; isThis: boolean }>;
  twins: { json: string; csv: string; xlsx: string };
  logIndex: number;
  sha256: string;
}

/** A summary on its region's page: the newest version of each series. */
export interface SummaryListItem {
  title: string;
  period: string;
  href: string;
  total: string;
  version: number;
  published: string;
}

/** Every version of the scope (listSummaries), one of them shown; `crumbs` lead to the region's page, `region.href` is that page. */
export function buildSummaryPageView(o: { site: SiteInfo; region: { name: string; href: string }; crumbs: Crumb[]; all: readonly StoredSummary[]; summary: StoredSummary }): SummaryPage {
  const s = o.summary;
  const d = s.document;
  const series = o.all.filter((x) => x.series === s.series).sort((a, b) => a.version - b.version);
  const newest = series[series.length - 1]!;
  const before = series.find((x) => x.seq === s.supersedes) ?? null;
  const rows = d.rows.map((r) => ({ row: r.row, label: r.label, href: placeHref(r.place), cells: r.cells.map((c) => c ?? ''), amount: money(r.amount) }));
  return {
    kind: 'summary',
    site: o.site,
    title: `${d.title}（第${s.version}版）`,
    description: `${o.region.name}公开的${d.title}：${d.rows.length} 行，合计 ${money(d.total)} 元。`,
    sample: d.sample === true,
    crumbs: [...o.crumbs, { name: o.region.name, href: o.region.href }, { name: d.title, href: null }],
    heading: d.title,
    byLine: `${o.region.name} · ${periodLabel(d.period)} · 第${s.version}版`,
    region: o.region,
    published: chinaDateTime(s.publishedAt),
    publishedIso: s.publishedAt,
    superseded: newest.seq === s.seq ? null : { href: summaryHref(s.scope, newest.seq), version: newest.version },
    supersedes: before && { href: summaryHref(s.scope, before.seq), version: before.version, changes: summaryChanges(before.document, d) },
    headers: [d.labelHeader, ...d.columns, d.amountHeader],
    rows,
    total: money(d.total),
    totalWords: fenInWords(d.total),
    notes: d.notes,
    unlinked: d.rowsAre === 'place' ? d.rows.filter((r) => r.place === null).length : 0,
    history: series.map((x) => ({ version: x.version, href: summaryHref(x.scope, x.seq), published: chinaDateTime(x.publishedAt), current: x.seq === newest.seq, isThis: x.seq === s.seq })),
    twins: twinsOf(summaryHref(s.scope, s.seq)),
    logIndex: s.logIndex,
    sha256: regionSummaryDigest(d),
  };
}

/** The newest version of each series of each scope: the tables in force (listSummaries or listSummariesUnder order kept). */
export function currentSummaries(all: readonly StoredSummary[]): StoredSummary[] {
  const superseded = new Set(all.filter((s) => s.supersedes !== null).map((s) => `${s.scope}/${s.supersedes}`));
  return all.filter((s) => !superseded.has(`${s.scope}/${s.seq}`));
}

/** The newest version of each of the scope's series, newest first. */
export function summaryListItems(all: readonly StoredSummary[]): SummaryListItem[] {
  return currentSummaries(all)
    .sort((a, b) => b.seq - a.seq)
    .map((s) => ({ title: s.document.title, period: periodLabel(s.document.period), href: summaryHref(s.scope, s.seq), total: money(s.document.total), version: s.version, published: chinaDateTime(s.publishedAt) }));
}

/** The CSV and XLSX twin: the columns of summary-datapackage.ts, one row per table row. */
export function summaryTwinTable(s: StoredSummary): TwinTable {
  const d = s.document;
  return {
    columns: summaryColumns(d).map((c) => ({ header: c.header, type: c.type })),
    rows: d.rows.map((r) => [String(r.row), r.label, r.place, ...r.cells, fenToPlain(r.amount)]),
  };
}

/** The JSON twin (and the API's view): the document as stored, which the leaf's sha256 covers, with where it sits. */
export function summaryJson(s: StoredSummary, all: readonly StoredSummary[]) {
  return {
    scope: s.scope,
    seq: s.seq,
    version: s.version,
    supersedes: s.supersedes,
    correctedBy: all.find((o) => o.supersedes === s.seq)?.seq ?? null,
    href: summaryHref(s.scope, s.seq),
    publishedAt: s.publishedAt,
    publishedAtBeijing: beijingTime(s.publishedAt),
    logIndex: s.logIndex,
    sha256: regionSummaryDigest(s.document),
    document: s.document,
  };
}

/**
 * What a correction changed, in reading order: rows whose amount or kept cells differ, rows added
 * and rows gone (a row is known by its label), then the total. Empty when only the wording of the
 * title or notes changed.
 */
export function summaryChanges(before: RegionSummary, after: RegionSummary): string[] {
  // a label written twice (a category, say) is known by its label and its turn
  const keyed = (d: RegionSummary) => {
    const turns = new Map<string, number>();
    return d.rows.map((r) => {
      const n = (turns.get(r.label) ?? 0) + 1;
      turns.set(r.label, n);
      return { key: `${r.label}\u0000${n}`, r };
    });
  };
  const old = new Map(keyed(before).map(({ key, r }) => [key, r]));
  const seen = new Set<string>();
  const lines: string[] = [];
  const cellsOf = (d: RegionSummary, r: RegionSummary['rows'][number]) => new Map(d.columns.map((h, k) => [h, r.cells[k] ?? null]));
  for (const { key, r } of keyed(after)) {
    const was = old.get(key);
    seen.add(key);
    if (!was) {
      lines.push(`新增：${r.label} ${money(r.amount)} 元`);
      continue;
    }
    const parts: string[] = [];
    if (was.amount !== r.amount) parts.push(`${money(was.amount)} → ${money(r.amount)} 元`);
    const [a, b] = [cellsOf(before, was), cellsOf(after, r)];
    for (const [header, value] of b) if (a.has(header) && a.get(header) !== value) parts.push(`${header} ${a.get(header) ?? '（空）'} → ${value ?? '（空）'}`);
    if (parts.length > 0) lines.push(`${r.label}：${parts.join('；')}`);
  }
  for (const { key, r } of keyed(before)) if (!seen.has(key)) lines.push(`删去：${r.label} ${money(r.amount)} 元`);
  if (before.total !== after.total) lines.push(`合计：${money(before.total)} → ${money(after.total)} 元`);
  return lines;
}

function placeHref(place: string | null): string | null {
  if (place === null) return null;
  return place.length === 12 ? villageHref(place) : regionHref(place);
}
