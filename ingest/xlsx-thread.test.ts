import { threadId } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { TwinTable } from '../site/lib/twin-tables.ts';
import { tableXlsx } from '../site/lib/xlsx-export.ts';
import { xlsxRows } from '../test/support/xlsx-read.ts';
import { xlsxThread, type XlsxThread } from './xlsx-thread.ts';

const table: TwinTable = {
  columns: [{ header: '村代码', type: 'text' }, { header: '金额(元)', type: 'amount' }, { header: '日期', type: 'date' }],
  rows: [['430802108214', '20150.00', '2026-07-03'], ['0012', '-300.00', null]],
};

let thread: XlsxThread | null = null;
afterEach(async () => {
  await thread?.close();
  thread = null;
});

describe('XLSX twins off the main thread', () => {
  it('writes in another thread the workbook the main thread would write', async () => {
    thread = xlsxThread();
    const made = await thread.make('财务收支', table);
    expect(made.threadId).not.toBe(threadId);
    expect(await xlsxRows(made.bytes)).toEqual(await xlsxRows(await tableXlsx('财务收支', table)));
  });

  it('fails what it was writing when closed, and starts again on the next twin', async () => {
    thread = xlsxThread();
    const big: TwinTable = { columns: table.columns, rows: Array.from({ length: 20_000 }, (_, i) => [String(i), '1.00', '2026-07-03']) };
    const writing = thread.make('大表', big).then(() => 'written', (error: Error) => error.message);
    await thread.close();
    expect(await writing).toMatch(/closed/);
    const again = await thread.make('财务收支', table);
    expect((await xlsxRows(again.bytes))[1]?.[0]?.value).toBe('430802108214');
  });
});
