/**
 * What a spreadsheet may run as a formula when it opens a CSV file: = + - @ or their full-width
 * forms after leading whitespace, or a leading tab or line break (OWASP, "CSV Injection"). The one
 * rule for every CSV the portal writes: the data twins (site/lib/csv-export.ts) and the power list
 * download (data/power/catalogue-table-export.ts).
 */
export const FORMULA_START = /^\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|^[\t\r\n]/;

/** Whether a spreadsheet would take this text for a formula. */
export function looksLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}
