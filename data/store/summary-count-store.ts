/**
 * How many summary tables are in force in each county (issue 15): the county's own and those of
 * the townships under it, the newest version of each series. `/data/index.json`
 * lists every county of the portal with them, so a county whose townships published their
 * 汇总表 before any village published is listed with its zip; one query for the whole region,
 * not one per county, and no document read (a country's index would otherwise load every table).
 */
export interface SummaryCount {
  /** series in force: every series once, at its newest version */
  tables: number;
  /** the newest version's time of publication */
  lastPublishedAt: string;
}

export interface SummaryCountStore {
  /** County code → its count, for every county under `prefix` with a table; a city's own tables (4-digit scopes) are in no county. */
  summaryCountsUnder(prefix: string): Promise<Map<string, SummaryCount>>;
}

/**
 * The query both backends run, with the prefix's two bounds as its parameters (`?` or `$1, $2`):
 * a version is in force when no version supersedes it (`UNIQUE (scope, supersedes)` finds that).
 */
export function summaryCountsSql(low: string, high: string): string {
  return `SELECT substr(s.scope, 1, 6) AS county, count(*) AS tables, max(s.published_at) AS last
    FROM region_summaries s
    WHERE s.scope >= ${low} AND s.scope < ${high} AND length(s.scope) >= 6
      AND NOT EXISTS (SELECT 1 FROM region_summaries n WHERE n.scope = s.scope AND n.supersedes = s.seq)
    GROUP BY substr(s.scope, 1, 6)`;
}

export function summaryCounts(rows: ReadonlyArray<{ county: string; tables: number | string; last: string }>): Map<string, SummaryCount> {
  return new Map(rows.map((r) => [r.county, { tables: Number(r.tables), lastPublishedAt: r.last }]));
}
