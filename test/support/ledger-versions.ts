import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';

/**
 * The field sample ledger (GBK, as the village saved it) and corrections of it. Uploading the same
 * file again publishes nothing (issue 16), so a test that needs a second version uploads a
 * correction: version n + 1 has one summary changed, saved as UTF-8 with a BOM.
 */
const SAMPLE = readFileSync(new URL('../fixtures/430802108214-马头溪村-2026Q3-财务收支明细.csv', import.meta.url));

export function ledgerVersion(n: number): Uint8Array<ArrayBuffer> {
  if (n === 0) return new Uint8Array(SAMPLE);
  const text = iconv.decode(SAMPLE, 'gbk');
  if (!text.includes('村部电费')) throw new Error('the sample ledger no longer has the summary its corrections change');
  return new Uint8Array(Buffer.from(`\uFEFF${text.replace('村部电费', `村部电费（第${n + 1}版更正）`)}`, 'utf8'));
}

const published = new WeakMap<object, number>();

/** The next version of the ledger for this portal: the sample first, then corrections. */
export function nextLedger(portal: object): Uint8Array<ArrayBuffer> {
  const n = published.get(portal) ?? 0;
  published.set(portal, n + 1);
  return ledgerVersion(n);
}
