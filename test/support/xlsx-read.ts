import ExcelJS from 'exceljs';

/** A downloaded .xlsx read back as a spreadsheet would: each cell's value and number format, by sheet row. */
export async function xlsxRows(bytes: Uint8Array): Promise<Array<Array<{ value: ExcelJS.CellValue; numFmt: string } | null>>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('the workbook has no sheet');
  const rows: Array<Array<{ value: ExcelJS.CellValue; numFmt: string } | null>> = [];
  sheet.eachRow({ includeEmpty: true }, (row, n) => {
    const cells: Array<{ value: ExcelJS.CellValue; numFmt: string } | null> = [];
    for (let i = 1; i <= sheet.columnCount; i++) {
      const cell = row.getCell(i);
      cells.push(cell.value === null ? null : { value: cell.value, numFmt: cell.numFmt ?? 'General' });
    }
    rows[n - 1] = cells;
  });
  return rows;
}

/** Every cell's text, for a check that something is nowhere in the file. */
export async function xlsxText(bytes: Uint8Array): Promise<string> {
  return (await xlsxRows(bytes)).map((row) => row.map((c) => (c === null ? '' : c.value instanceof Date ? c.value.toISOString() : String(c.value))).join('\t')).join('\n');
}
