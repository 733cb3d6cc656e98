import { maskNumbersInText, DEFAULT_ID_MASK } from '../personal-data.ts';
import type { ImportIssue } from './import-result.ts';
import type { Column } from './header-map.ts';

/** Past this many errors the file is clearly the wrong one; listing more helps nobody. */
export const MAX_ISSUES = 200;

export interface Where {
  row: number | null;
  column: string | null;
  field: string | null;
}

/** Collects errors and warnings for one import, all of them rather than stopping at the first. */
export class IssueLog {
  readonly errors: ImportIssue[] = [];
  readonly warnings: ImportIssue[] = [];

  error(code: string, where: Where, message: string, messageEn: string): void {
    push(this.errors, { code, ...where, message, messageEn });
  }

  warn(code: string, where: Where, message: string, messageEn: string): void {
    push(this.warnings, { code, ...where, message, messageEn });
  }

  get hasErrors(): boolean {
    return this.errors.length > 0;
  }
}

/** Where a cell is: row number, and the column's letter and field when it is a mapped column. */
export function at(row: number | null, column?: Column | null, field?: string): Where {
  return { row, column: column?.letter ?? null, field: column?.field ?? field ?? null };
}

/** 第5行E列（收入金额（元）） / row 5, column E (收入金额（元）) */
export function place(where: Where, header?: string | null, seq?: string | null): { zh: string; en: string } {
  const col = where.column ? `${where.column}列${header ? `（${header}）` : ''}` : '';
  const colEn = where.column ? `, column ${where.column}${header ? ` (${header})` : ''}` : '';
  if (where.row === null) return { zh: col, en: colEn.replace(/^, /, '') };
  // 序号 is what officials call a row in a list, so it is named alongside the sheet row.
  const seqZh = seq ? `（序号${seq}）` : '';
  const seqEn = seq ? ` (no. ${seq})` : '';
  return { zh: `第${where.row}行${seqZh}${col}`, en: `Row ${where.row}${seqEn}${colEn}` };
}

/**
 * Cell text fit to quote in a message: ID, phone and card numbers masked (a message must never
 * carry a raw number, even one typed into the wrong column) and long text shortened.
 */
export function quote(text: string): string {
  const masked = maskNumbersInText(text, DEFAULT_ID_MASK).text.replace(/\s+/g, ' ').trim();
  return masked.length > 40 ? `${masked.slice(0, 40)}…` : masked;
}

/** Any text headed for a message (a parser's reason quoting the cell) with numbers masked. */
export function safe(text: string): string {
  return maskNumbersInText(text, DEFAULT_ID_MASK).text;
}

// ——— private helpers ———

/** Every message is masked on its way in, whatever a check chose to quote. */
function push(list: ImportIssue[], issue: ImportIssue): void {
  if (list.length < MAX_ISSUES - 1) {
    list.push({ ...issue, message: safe(issue.message), messageEn: safe(issue.messageEn) });
  } else if (list.length === MAX_ISSUES - 1) {
    list.push({
      code: 'too-many-issues',
      row: null,
      column: null,
      field: null,
      message: `问题超过 ${MAX_ISSUES} 处，只列出前 ${MAX_ISSUES - 1} 处。请先检查是否选错了文件或表格类型。`,
      messageEn: `More than ${MAX_ISSUES} problems; only the first ${MAX_ISSUES - 1} are listed. Check that this is the right file and kind of table.`,
    });
  }
}
