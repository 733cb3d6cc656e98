import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importPublication } from './import-publication.ts';
import type { ImportInput, ImportResult } from './import-result.ts';

/** Inputs the fuzz test (import-fuzz.test.ts) found breaking the importer, each pinned down. */

const SUBSIDY = readFileSync(new URL('../../test/fixtures/430802108214-马头溪村-2026年耕地地力保护补贴花名册.csv', import.meta.url), 'utf8');
const RAW_ID = '430802196401241328';

function run(text: string, extra: Partial<ImportInput> = {}): Promise<ImportResult> {
  return importPublication({ bytes: new TextEncoder().encode(text), format: 'csv', kind: 'subsidy', idMask: { keepStart: 6, keepEnd: 4 }, ...extra });
}

/** The sample with the cell in CSV line `line` (1-based), column `column` (0-based) replaced. */
function withCell(line: number, column: number, value: string): string {
  const lines = SUBSIDY.split('\n');
  const cells = (lines[line - 1] ?? '').split(',');
  cells[column] = value;
  lines[line - 1] = cells.join(',');
  return lines.join('\n');
}

describe('importer hardening', () => {
  it('refuses an ID number typed into the 面积 column as a personal number, naming the cell', async () => {
    const result = await run(withCell(3, 4, RAW_ID));
    if (result.ok) throw new Error('accepted');
    expect(result.errors.map((e) => [e.code, e.row, e.column])).toEqual([['personal-number-in-number', 3, 'E']]);
    expect(JSON.stringify(result)).not.toContain(RAW_ID);
  });

  it('reports a 面积 too large for quantity × rate as an amount out of range instead of throwing', async () => {
    // quantity × rate no longer fits in a safe integer of fen; money.ts throws a RangeError for that.
    const result = await run(withCell(3, 4, '9'.repeat(18)));
    if (result.ok) throw new Error('accepted');
    expect(result.errors.find((e) => e.code === 'amount-out-of-range')).toMatchObject({ row: 3 });
  });

  it('reports an absurd 补贴标准 the same way', async () => {
    const result = await run(withCell(3, 5, '9'.repeat(30)));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.code)).toContain('amount-out-of-range');
  });

  it('masks an ID number in the programme, whether it comes from the title or the request', async () => {
    const titled = SUBSIDY.replace('马头溪村2026年耕地地力保护补贴发放花名册', `马头溪村2026年耕地地力保护补贴${RAW_ID}发放花名册`);
    for (const [text, programme] of [
      [titled, undefined],
      [SUBSIDY, `耕地补贴 ${RAW_ID}`],
    ] as const) {
      const result = await run(text, { programme });
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
      if (result.content.kind !== 'subsidy') throw new Error('not subsidy');
      expect(result.content.programme).not.toContain(RAW_ID);
      expect(result.content.programme).toContain('430802********1328');
      expect(result.warnings.map((w) => w.field)).toContain('programme');
    }
  });

  it('names a JSON kind that is a deeply nested array instead of overflowing the stack', async () => {
    const depth = 200_000;
    const bytes = new TextEncoder().encode(`{"kind": ${'['.repeat(depth)}${']'.repeat(depth)}}`);
    const result = await importPublication({ bytes, format: 'json', kind: 'finance', idMask: { keepStart: 6, keepEnd: 4 } });
    if (result.ok) throw new Error('accepted');
    expect(result.errors[0]).toMatchObject({ code: 'kind-mismatch' });
  });

  it('refuses a CSV of 200,000 empty lines, and a JSON list of 200,000 items, before building them', async () => {
    const csv = await run('\n'.repeat(200_000));
    if (csv.ok) throw new Error('accepted');
    expect(csv.errors.map((e) => e.code)).toEqual(['file-too-large']);
    const items = `{"period":"2026","entries":[${Array(200_000).fill('{}').join(',')}]}`;
    const json = await importPublication({ bytes: new TextEncoder().encode(items), format: 'json', kind: 'finance', idMask: { keepStart: 6, keepEnd: 4 } });
    if (json.ok) throw new Error('accepted');
    expect(json.errors.map((e) => [e.code, e.field])).toEqual([['file-too-large', 'entries']]);
  });

  it('answers a 20,000-line file without a header with one no-header error', async () => {
    // The header search used to rescan every line above each candidate: 80 s for this file,
    // past the test timeout.
    const lines = Array.from({ length: 20_000 }, (_, i) => `行${i},甲,乙`).join('\n');
    const result = await importPublication({ bytes: new TextEncoder().encode(lines), format: 'csv', kind: 'finance', idMask: { keepStart: 6, keepEnd: 4 } });
    if (result.ok) throw new Error('accepted');
    expect(result.errors.map((e) => e.code)).toEqual(['no-header']);
  });
});
