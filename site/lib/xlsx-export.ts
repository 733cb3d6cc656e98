import ExcelJS from 'exceljs';
import type { TwinTable } from './twin-tables.ts';

/**
 * The XLSX data twin (issue 15): the same table as the CSV twin (twin-tables.ts), with typed cells,
 * so a spreadsheet shows what was published. A CSV cell "430802108214" opens as 4.30802E+11 and a
 * voucher "0012" as 12; here codes, voucher numbers and masked IDs are text cells (format "@"),
 * amounts numbers shown with two decimals, dates dates. A text cell is never a formula, so no
 * apostrophe is needed. A value that does not fit its column's kind (a quantity written "3亩")
 * stays text rather than being guessed at.
 */
export async function tableXlsx(sheetName: string, table: TwinTable): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '阳光村务';
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31).replace(/[\\/?*[\]:]/g, ' ') || 'Sheet1', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(table.columns.map((c) => c.header)).font = { bold: true };
  for (const values of table.rows) {
    const row = sheet.addRow([]);
    table.columns.forEach((column, i) => {
      const value = values[i] ?? null;
      if (value === null) return;
      const cell = row.getCell(i + 1);
      const typed = typedValue(column.type, value);
      cell.value = typed.value;
      cell.numFmt = typed.numFmt;
    });
  }
  table.columns.forEach((column, i) => {
    let widest = width(column.header);
    for (const r of table.rows) widest = Math.max(widest, width(r[i] ?? ''));
    sheet.getColumn(i + 1).width = Math.min(60, Math.max(8, widest + 2));
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer() as ArrayBuffer);
}

/** The MIME type of an .xlsx file. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// ——— private helpers ———

const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function typedValue(type: TwinTable['columns'][number]['type'], value: string): { value: string | number | Date; numFmt: string } {
  if ((type === 'amount' || type === 'integer' || type === 'number') && PLAIN_NUMBER.test(value)) {
    return { value: Number(value), numFmt: type === 'amount' ? '0.00' : type === 'integer' ? '0' : 'General' };
  }
  const date = type === 'date' ? ISO_DATE.exec(value) : null;
  if (date) {
    const at = new Date(Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3])));
    // a date that does not exist (2026-02-30) stays the text it was published as
    if (at.toISOString().slice(0, 10) === value) return { value: at, numFmt: 'yyyy-mm-dd' };
  }
  return { value, numFmt: '@' };
}

/** Columns of a CJK character count about twice a Latin one. */
function width(text: string): number {
  let n = 0;
  for (const ch of text) n += /[\u2e80-\uffff]/.test(ch) ? 2 : 1;
  return n;
}
