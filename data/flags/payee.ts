import type { FinanceEntry } from '../publication.ts';
import { normaliseText } from './ledger-match.ts';

/**
 * Who an expense row paid. The ledger's own column (收款单位) when it has one; else an
 * organisation named in the summary (支付张家界某某建筑工程有限公司道路工程款 → 张家界某某建筑工程有限公司).
 * People are never read out of a summary: a person's name cannot be told from other words there,
 * and the rules that use payees look for firms.
 */
export function payeeOf(entry: Pick<FinanceEntry, 'summary' | 'counterparty'>): string | null {
  const column = normaliseText(entry.counterparty ?? '');
  return column !== '' ? column : extractPayee(entry.summary);
}

/** The organisation a summary says was paid, or null when it names none. */
export function extractPayee(summary: string): string | null {
  const s = normaliseText(summary);
  const verb = PAY_VERB.exec(s);
  const from = verb ? verb.index + verb[0].length : 0;
  for (const suffixes of [STRONG_SUFFIX, WEAK_SUFFIX]) {
    suffixes.lastIndex = from;
    for (let m = suffixes.exec(s); m; m = suffixes.exec(s)) {
      let start = m.index;
      while (start > from && NAME_CHAR.test(s[start - 1] ?? '') && !BREAKS.some((b) => s.slice(from, start).endsWith(b))) start--;
      const name = s.slice(start, m.index + m[0].length);
      if (m.index - start >= 2 && !NOT_A_PAYEE.test(name)) return name;
    }
  }
  return null;
}

// ——— private helpers ———

const PAY_VERB = /支付|付给|购买|付|支/;
const STRONG_SUFFIX = /股份有限公司|有限责任公司|有限公司|公司|专业合作社|合作社|中心/g;
/** 部 and 队 only in the compounds firms use: 干部, 全部 and 生产队 are not payees */
const WEAK_SUFFIX = /厂|店|站|(?:门市|服务|经营|营业|销售|小卖|批发|商)部|(?:施工|工程|建筑|装修|运输|劳务|机耕|安装)队/g;
const NAME_CHAR = /[\u4e00-\u9fffA-Za-z]/;
/** words a name does not run back across: the verb or what is paid for */
const BREAKS = ['支付', '付给', '购买', '向', '给', '付', '款', '费', '的', '于'];
/** the village's own bodies and the township's work teams are not payees */
const NOT_A_PAYEE = /(村部|支部|村委|村委会|村民委员会|居委会|工作队)$|^本/;
