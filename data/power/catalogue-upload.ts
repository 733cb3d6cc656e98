import type { ImportIssue } from '../import/import-result.ts';
import { IssueLog } from '../import/issues.ts';
import { sheetGrids } from '../import/sheet-grids.ts';
import { catalogueFromGrids } from './catalogue-table.ts';
import type { PowerCatalogue } from './power-catalogue.ts';

export type CatalogueUpload = { ok: true; catalogue: PowerCatalogue; warnings: ImportIssue[] } | { ok: false; errors: ImportIssue[]; warnings: ImportIssue[] };

/**
 * A county's power list uploaded as a spreadsheet (CSV or XLSX, the layout of catalogue-table.ts),
 * read through the guarded sheet readers the registers use: every problem names its row and column.
 */
export async function catalogueFromSheet(bytes: Uint8Array, format: 'csv' | 'xlsx'): Promise<CatalogueUpload> {
  const log = new IssueLog();
  const grids = await sheetGrids(bytes, format, log, { zh: '小微权力清单', en: 'power list' });
  if (grids === null) return { ok: false, errors: log.errors, warnings: log.warnings };
  const read = catalogueFromGrids(grids);
  return read.ok ? { ok: true, catalogue: read.catalogue, warnings: [...log.warnings, ...read.warnings] } : { ok: false, errors: read.errors, warnings: [...log.warnings, ...read.warnings] };
}
