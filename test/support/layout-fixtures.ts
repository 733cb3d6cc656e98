import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { csvGrid } from '../../data/import/csv-grid.ts';
import { decodeText } from '../../data/import/decode-text.ts';
import { importPublication } from '../../data/import/import-publication.ts';
import type { ImportInput, ImportResult } from '../../data/import/import-result.ts';
import type { PublicationKind } from '../../data/publication.ts';

/**
 * The layout fixtures of issue 15 (test/fixtures/layouts): tables written after the real ones
 * villages and townships publish, each read as CSV and as the XLSX an official would have saved
 * from the same sheet (numbers as number cells, merges where the fixture says), so that both
 * give the same result.
 */
export function layoutFixture(name: string): Uint8Array {
  return readFileSync(new URL(`../fixtures/layouts/${name}`, import.meta.url));
}

/** The same sheet as XLSX: every cell that reads as a plain number becomes a number cell; `merges` as Excel ranges (A9:A11). */
export async function csvAsXlsx(csv: Uint8Array, merges: readonly string[] = []): Promise<Uint8Array> {
  const grid = csvGrid(decodeText(csv).text);
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Sheet1');
  for (const row of grid.rows) {
    row.cells.forEach((cell, i) => {
      if (cell === null || cell === '') return;
      const text = String(cell);
      const target = sheet.getCell(row.row, i + 1);
      const number = /^-?\d+(\.\d+)?$/.test(text) && !/^0\d/.test(text) && text.length < 15;
      target.value = number ? Number(text) : text;
      // shown as the CSV shows it: Excel saves a CSV with each cell's number format applied
      const places = text.split('.')[1]?.length ?? 0;
      if (number && places > 0) target.numFmt = `0.${'0'.repeat(places)}`;
    });
  }
  for (const range of merges) sheet.mergeCells(range);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

export function importFixture(bytes: Uint8Array, kind: PublicationKind, extra: Partial<ImportInput> = {}): Promise<ImportResult> {
  const format = bytes[0] === 0x50 && bytes[1] === 0x4b ? 'xlsx' : 'csv';
  return importPublication({ bytes, format, kind, idMask: { keepStart: 6, keepEnd: 4 }, ...extra });
}
