import { beforeAll, describe, expect, it } from 'vitest';
import { importPublication } from './import-publication.ts';
import type { ImportResult } from './import-result.ts';
import { buildZip, deflatedZeros, editedSample, SAMPLE_XLSX, sampleParts } from './zip-test-support.ts';

/**
 * Workbooks built to exhaust the server, thrown at the importer as an upload would be: each is
 * refused (or read safely) without the process growing by more than MAX_GROWTH, measured as
 * the peak resident size, which catches a spike that was freed again before the call returned.
 */

const MB = 1024 * 1024;
const MAX_GROWTH = 200 * MB;

async function importXlsx(bytes: Uint8Array): Promise<{ result: ImportResult; growth: number }> {
  const peakBefore = process.resourceUsage().maxRSS * 1024;
  const rssBefore = process.memoryUsage().rss;
  const result = await importPublication({ bytes, format: 'xlsx', kind: 'project', idMask: { keepStart: 6, keepEnd: 4 } });
  const growth = Math.max(process.resourceUsage().maxRSS * 1024 - peakBefore, process.memoryUsage().rss - rssBefore);
  return { result, growth };
}

function errorOf(result: ImportResult) {
  if (result.ok) throw new Error('accepted');
  expect(result.errors).toHaveLength(1);
  return result.errors[0]!;
}

let zeros: { compressed: Uint8Array; crc: number };
beforeAll(async () => {
  // 500 MB of zeros deflate to ~500 KB: a 1000:1 bomb, built as a stream so the test stays small too.
  zeros = await deflatedZeros(500 * MB);
  expect(zeros.compressed.length).toBeLessThan(1 * MB);
}, 60_000);

describe('XLSX zip bombs', () => {
  it('refuses an entry of 500 MB of zeros from its declared size, before unpacking it', async () => {
    const parts = [...sampleParts()].map(([name, data]) => ({ name, data }));
    const bomb = buildZip([...parts.filter((p) => p.name !== 'xl/sharedStrings.xml'), { name: 'xl/sharedStrings.xml', compressed: zeros.compressed, declaredSize: 500 * MB, crc: zeros.crc }]);
    const { result, growth } = await importXlsx(bomb);
    const error = errorOf(result);
    expect(error.code).toBe('unsafe-zip');
    expect(error.messageEn).toContain('100 MB');
    expect(growth).toBeLessThan(MAX_GROWTH);
  });

  it('refuses the same entry when the directory lies that it is 900 bytes, stopping the inflater there', async () => {
    const parts = [...sampleParts()].map(([name, data]) => ({ name, data }));
    const liar = buildZip([...parts.filter((p) => p.name !== 'xl/sharedStrings.xml'), { name: 'xl/sharedStrings.xml', compressed: zeros.compressed, declaredSize: 900, crc: zeros.crc }]);
    const { result, growth } = await importXlsx(liar);
    const error = errorOf(result);
    expect(error.code).toBe('unsafe-zip');
    expect(error.message).toContain('xl/sharedStrings.xml');
    expect(error.messageEn).toContain('does not unpack to the 900 bytes it declares');
    expect(growth).toBeLessThan(MAX_GROWTH);
  });

  it('refuses a workbook of 5,000 entries from the count in its end record', async () => {
    const many = buildZip(Array.from({ length: 5_000 }, (_, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: new Uint8Array([0x3c]), method: 0 as const })));
    const { result, growth } = await importXlsx(many);
    const error = errorOf(result);
    expect(error.code).toBe('unsafe-zip');
    expect(error.message).toContain('5000 个文件');
    expect(growth).toBeLessThan(MAX_GROWTH);
  });
});

describe('XLSX that exceljs would expand cell by cell', () => {
  const sheet = 'xl/worksheets/sheet1.xml';

  it('reads the sample unchanged after the parts it does not need are removed', async () => {
    const plain = await importXlsx(SAMPLE_XLSX);
    // Defined names and data validations over the whole sheet: exceljs makes one object per cell
    // (1 s / 600 MB each for A1:Z200000 when handed the file directly).
    const loaded = editedSample({
      'xl/workbook.xml': (x) => x.replace('</sheets>', '</sheets><definedNames><definedName name="bomb">工程项目公示!$A$1:$XFD$1048576</definedName></definedNames>'),
      [sheet]: (x) =>
        x.replace('</mergeCells>', '</mergeCells><dataValidations count="1"><dataValidation type="list" sqref="A1:XFD1048576"><formula1>"a,b"</formula1></dataValidation></dataValidations>'),
    });
    const { result, growth } = await importXlsx(loaded);
    expect(result.ok, JSON.stringify(result)).toBe(true);
    expect(result).toEqual(plain.result);
    expect(growth).toBeLessThan(MAX_GROWTH);
  });

  it('refuses a merge over the whole sheet, and too many merged cells altogether', async () => {
    for (const merge of ['A3:XFD1048576', 'A100:Z200000']) {
      const { result, growth } = await importXlsx(editedSample({ [sheet]: (x) => x.replace('<mergeCell ref="A1:L1"/>', `<mergeCell ref="A1:L1"/><mergeCell ref="${merge}"/>`) }));
      expect(errorOf(result)).toMatchObject({ code: 'unsafe-workbook' });
      expect(growth).toBeLessThan(MAX_GROWTH);
    }
  });

  it('refuses references outside Excel’s grid: a column range to 30 million, a row number in the billions', async () => {
    const cases: [string, (x: string) => string][] = [
      ['max=30000000', (x) => x.replace('<col min="8" max="8"', '<col min="8" max="30000000"')],
      ['2000000000', (x) => x.replace('<row r="1" ', '<row r="2000000000" ')],
      ['A4000000', (x) => x.replace('<c r="B1" ', '<c r="A4000000" ')],
    ];
    for (const [reference, edit] of cases) {
      const { result, growth } = await importXlsx(editedSample({ [sheet]: edit }));
      const error = errorOf(result);
      expect(error.code, reference).toBe('unsafe-workbook');
      expect(error.messageEn).toContain(reference);
      expect(growth).toBeLessThan(MAX_GROWTH);
    }
  });

  it('refuses a value in the last cell of the sheet, XFD1048576, naming how far the sheet reaches', async () => {
    const { result, growth } = await importXlsx(editedSample({ [sheet]: (x) => x.replace('</sheetData>', '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>') }));
    const error = errorOf(result);
    expect(error.code).toBe('workbook-too-large');
    expect(error.message).toContain('第 1048576 行、第 XFD 列');
    expect(growth).toBeLessThan(MAX_GROWTH);
  });

  it('refuses a value far to the right (XFD) in a short sheet, naming the column, before reading half a million empty cells', async () => {
    const { result } = await importXlsx(editedSample({ [sheet]: (x) => x.replace('</sheetData>', '<row r="40"><c r="XFD40" t="inlineStr"><is><t>x</t></is></c></row></sheetData>') }));
    const error = errorOf(result);
    expect(error.code).toBe('workbook-too-large');
    expect(error.message).toContain('第 XFD 列');
    expect(error.message).toContain('IV 列');
  });

  it('refuses a DTD, which could declare expanding entities', async () => {
    const { result } = await importXlsx(editedSample({ 'xl/sharedStrings.xml': (x) => x.replace('?>', '?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa">]>') }));
    expect(errorOf(result)).toMatchObject({ code: 'unsafe-workbook' });
  });
});
