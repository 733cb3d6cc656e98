import { z } from 'zod';
import { Fen, Period } from '../publication.ts';

/**
 * A region's summary table (issue 15): 补贴资金汇总表 / 分配表 whose rows are townships, villages or
 * categories, not people. A township, county or city publishes it for its region; it is shown on
 * that region's page, and a row naming a village or township under it links there.
 *
 * Amounts are integer fen, whatever unit the sheet was written in. `total` is the 合计 the sheet
 * states (checked equal to the rows), or the rows' sum when it states none. Columns the importer
 * does not read as label or amount are kept under their own headers, cell for cell, as written
 * (personal numbers masked).
 */
export const RegionScope = z.string().regex(/^(\d{4}|\d{6}|\d{9})$/, 'a city (4 digits), county (6) or township (9)');

export const SummaryRow = z
  .object({
    /** the sheet's row (1-based), so a reader can find it in the original */
    row: z.number().int().positive(),
    /** 乡镇 / 村 / 类别 as written */
    label: z.string().min(1),
    /** the division under the scope this row names, null for a category or a name not found */
    place: z.string().regex(/^(\d{6}|\d{9}|\d{12})$/).nullable(),
    amount: Fen,
    /** the kept columns' cells, in `columns` order; null where empty */
    cells: z.array(z.string().nullable()),
  })
  .strict();
export type SummaryRow = z.infer<typeof SummaryRow>;

export const RegionSummary = z
  .object({
    scope: RegionScope,
    title: z.string().min(1).max(200),
    period: Period,
    /** what a row is: a division (township or village) or a category (补贴类别) */
    rowsAre: z.enum(['place', 'category']),
    labelHeader: z.string().min(1),
    amountHeader: z.string().min(1),
    columns: z.array(z.string().min(1)),
    rows: z.array(SummaryRow).min(1).max(5000),
    total: Fen,
    /** lines above and below the table (单位, 制表, a sign-off), masked */
    notes: z.array(z.string()),
    /** the demo's sample data (示例数据), labelled so wherever it is shown; absent for real tables */
    sample: z.literal(true).optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    const sum = s.rows.reduce((n, r) => n + r.amount, 0);
    if (sum !== s.total) ctx.addIssue({ code: 'custom', path: ['total'], message: `total ${s.total} is not the rows' sum ${sum}` });
    s.rows.forEach((r, i) => {
      if (r.cells.length !== s.columns.length) ctx.addIssue({ code: 'custom', path: ['rows', i, 'cells'], message: `${r.cells.length} cells for ${s.columns.length} columns` });
      if (r.place !== null && !r.place.startsWith(s.scope)) ctx.addIssue({ code: 'custom', path: ['rows', i, 'place'], message: `${r.place} is not under ${s.scope}` });
    });
  });
export type RegionSummary = z.infer<typeof RegionSummary>;

/** A summary's series: one scope's table of one title and period; a correction is its next version. */
export function summarySeries(s: Pick<RegionSummary, 'title' | 'period'>): string {
  return `${s.period}|${s.title.normalize('NFKC').replace(/\s+/g, '')}`;
}
