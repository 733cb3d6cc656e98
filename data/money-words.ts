import nzh from 'nzh/cn';
import { fenToPlain } from './money.ts';

/**
 * An amount in fen as it is written on a receipt or a bank slip (大写金额): 12345.67 元 →
 * 壹万贰仟叁佰肆拾伍元陆角柒分, 100 元 → 壹佰元整. Villagers check amounts in these words (the
 * issue's "amounts also readable in Chinese numerals"); the conversion is nzh's, given the amount
 * as a decimal string built from the integer fen, never a float.
 */
export function fenInWords(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not an amount in fen: ${fen}`);
  // forceZheng: 整 after every amount that ends before 分, as the payment rules ask after 元
  return nzh.toMoney(fenToPlain(fen), { outSymbol: false, forceZheng: true });
}
