import { fenToPlain } from '../../data/money.ts';

/**
 * A valid village ledger (收支明细, CSV, UTF-8) of about `targetBytes`: a title naming the quarter,
 * the header row, an opening balance and entries with a running balance, every one of which
 * reconciles to the fen. For the stall test and the stall bench: the largest file an official
 * could upload that the importer still has to read to the end. At most `maxRows` entries (the
 * importer refuses more than 100,000 rows).
 */
export function bigLedgerCsv(targetBytes: number, maxRows = 99_000): Uint8Array<ArrayBuffer> {
  const head = ['张家界市永定区王家坪镇马头溪村2026年第三季度村级财务收支明细公开表', '日期,凭证号,摘要,科目,收入金额（元）,支出金额（元）,余额（元）', '2026-07-01,,上期结余,,,,1000000.00'];
  const lines = [...head];
  let bytes = Buffer.byteLength(lines.join('\n'));
  let balance = 100_000_000;
  // Filler keeps a row near 200 bytes, so a 20 MB file stays under the row limit.
  const pad = '（按村民代表会议决议列支，附件齐全，经村务监督委员会审核）';
  for (let i = 1; i <= maxRows; i++) {
    const day = 1 + (i % 90);
    const date = new Date(Date.UTC(2026, 6, day)).toISOString().slice(0, 10);
    const income = i % 3 === 0 ? 12_345 + (i % 1000) : 0;
    const expense = income === 0 ? 1_001 + (i % 500) : 0;
    balance += income - expense;
    const line = `${date},记-${String(i).padStart(6, '0')},第${i}笔日常收支${pad}${i % 2 === 0 ? pad : ''},${income ? '经营收入' : '管理费用'},${income ? fenToPlain(income) : ''},${expense ? fenToPlain(expense) : ''},${fenToPlain(balance)}`;
    const size = Buffer.byteLength(line) + 1;
    if (bytes + size > targetBytes) break;
    lines.push(line);
    bytes += size;
  }
  return new Uint8Array(Buffer.from(`${lines.join('\n')}\n`, 'utf8'));
}
