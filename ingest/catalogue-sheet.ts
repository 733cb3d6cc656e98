import ExcelJS from 'exceljs';
import { catalogueRows } from '../data/power/catalogue-table-export.ts';
import type { PowerCatalogue } from '../data/power/power-catalogue.ts';

/**
 * A power list as an .xlsx workbook in the layout the upload reads (data/power/catalogue-table.ts).
 * Every cell is text: Excel would otherwise turn a share written 2/3 into a date, and a 6-digit
 * scope into a number.
 */
export async function catalogueXlsx(catalogue: PowerCatalogue): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('小微权力清单');
  const rows = catalogueRows(catalogue);
  rows.forEach((cells, i) => {
    const row = sheet.getRow(i + 1);
    cells.forEach((text, j) => {
      const cell = row.getCell(j + 1);
      cell.numFmt = '@';
      cell.value = text;
      cell.alignment = { wrapText: true, vertical: 'top' };
    });
  });
  sheet.columns.forEach((column) => {
    column.width = 16;
  });
  return new Uint8Array(await book.xlsx.writeBuffer());
}
