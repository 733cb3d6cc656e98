import type { ContractItem } from '../publication.ts';
import { cellText, type Cell } from './grid.ts';
import { place, type IssueLog, type Where } from './issues.ts';
import { maskedNumber, type TextMask } from './personal-fields.ts';

export type Party = Pick<ContractItem, 'partyKind' | 'creditCode' | 'idNumber'>;

/**
 * Who holds a contract, from the 身份证号/统一社会信用代码 column and the name. A company's or a
 * co-operative's 统一社会信用代码 is public by law and kept as written; a person's ID number is
 * masked exactly as in subsidy lists, and never appears raw in the content or a message.
 */
export function readParty(name: string | null, idCell: Cell | undefined, where: Where, header: string | null, log: IssueLog, mask: TextMask): Party {
  const organisation = name !== null && isOrganisationName(name);
  const text = cellText(idCell).normalize('NFKC').replace(/[\s-]/g, '').toUpperCase();
  if (text === '' || /^[—/无]+$/.test(text)) return { partyKind: organisation ? 'organisation' : null, creditCode: null, idNumber: null };
  if (isCreditCode(text)) return { partyKind: 'organisation', creditCode: text, idNumber: null };
  if (organisation && /[A-WYZ]/.test(text.replace(/X$/, ''))) {
    const p = place(where, header);
    log.warn(
      'invalid-credit-code',
      where,
      `${p.zh}的统一社会信用代码格式不对（应为18位数字或大写字母，不含I、O、Z、S、V），未发布，请核对。`,
      `${p.en}: the unified social credit code is malformed (18 digits or capital letters other than I, O, Z, S, V); it was not published, please check it.`,
    );
    return { partyKind: 'organisation', creditCode: null, idNumber: null };
  }
  const idNumber = maskedNumber('id-number', idCell, where, header, log, mask);
  return { partyKind: organisation ? 'organisation' : 'person', creditCode: null, idNumber };
}

/**
 * 18 characters of digits and capital letters but I, O, Z, S, V, with a letter other than X before the last
 * or a valid GB 32100 check character: an ID number, even one with a character mistyped, is not
 * one, and is masked instead of published.
 */
export function isCreditCode(text: string): boolean {
  if (!/^[0-9A-HJ-NP-RTUWXY]{18}$/.test(text) || /^\d{17}[\dX]$/.test(text)) return false;
  return /[A-HJ-NP-RTUWY]/.test(text.slice(0, 17)) || creditCheckValid(text);
}

/** 张家界金坪生态农业开发有限公司, 慈利县康源养殖专业合作社, 三组 … rather than a person's name. */
export function isOrganisationName(name: string): boolean {
  const text = name.normalize('NFKC').replace(/\s+/g, '').replace(/(\([^()]*\))+$/, '');
  return ORGANISATION.test(text);
}

// ——— private helpers ———

const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

function creditCheckValid(code: string): boolean {
  const sum = CREDIT_WEIGHTS.reduce((s, w, i) => s + w * CREDIT_CHARS.indexOf(code[i] ?? ''), 0);
  return CREDIT_CHARS[(31 - (sum % 31)) % 31] === code[17];
}

const ORGANISATION =
  /(公司|合作社|联合社|联社|厂|场|中心|协会|委员会|村委会|居委会|站|队|店|部|社|所|院|校|集团|基地|组|工作室|商行|超市|宾馆|山庄|农庄|银行|政府)$/;
