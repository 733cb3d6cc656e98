import { describe, expect, it } from 'vitest';
import { isValidIdNumber, luhnValid, maskNumbersInText, DEFAULT_ID_MASK } from '../personal-data.ts';
import { findPersonalNumbers, type Finding } from './personal-number-scan.ts';

// Real-shaped numbers whose validity the tests check first, so a typo here cannot make a test pass.
const ID = '430802196401241328'; // the sample subsidy list's row 17
const ID_X = '11010519491231002X';
const ID_HEBEI = '130102199003075672'; // province 13: starts like a mobile number
const MOBILE = '13826092975';
const CARD16 = '6222021234567894';
const CARD19 = '6217000012345678907';

const kinds = (text: string, allow?: string[]) => findPersonalNumbers(text, { allow }).map((f) => f.kind);
const one = (text: string): Finding => {
  const found = findPersonalNumbers(text);
  expect(found, text).toHaveLength(1);
  return found[0]!;
};

describe('the test numbers', () => {
  it('are valid, so the near misses below differ only in what they test', () => {
    for (const id of [ID, ID_X, ID_HEBEI]) expect(isValidIdNumber(id), id).toBe(true);
    for (const card of [CARD16, CARD19]) expect(luhnValid(card), card).toBe(true);
  });
});

describe('findPersonalNumbers: ID numbers', () => {
  it('finds the raw ID of subsidy row 17 in a CSV line, with its line and a masked form', () => {
    const text = `序号,户主姓名,身份证号码\n16,唐玉梅,430802********9031\n17,谷世军,${ID},6.40`;
    const f = one(text);
    expect(f).toEqual({ kind: 'id-number', at: text.indexOf(ID), line: 3, shown: '430802********1328' });
    expect(f.shown).not.toContain(ID.slice(6, 14));
  });

  it('finds IDs with an upper- or lower-case X check character', () => {
    expect(one(`身份证：${ID_X}。`).shown).toBe('110105********002X');
    expect(one(`身份证：${ID_X.toLowerCase()}。`).kind).toBe('id-number');
  });

  it('finds IDs written 6-8-4 with spaces or hyphens, and in full-width digits', () => {
    expect(kinds('430802 19640124 1328')).toEqual(['id-number']);
    expect(kinds('430802-19640124-1328')).toEqual(['id-number']);
    expect(kinds('证号４３０８０２１９６４０１２４１３２８')).toEqual(['id-number']);
  });

  it('finds an ID of province 13 although it starts like a mobile number', () => {
    expect(kinds(`<td>${ID_HEBEI}</td>`)).toEqual(['id-number']);
  });

  it('finds IDs inside HTML and JSON', () => {
    expect(kinds(`<td>${ID}</td>`)).toEqual(['id-number']);
    expect(kinds(`{"idNumber":"${ID}"}`)).toEqual(['id-number']);
  });

  it('flags an ID with a mistyped check digit, since it is still someone\'s, but not an impossible birth date or province', () => {
    expect(kinds('430802196401241327')).toEqual(['id-number']);
    expect(kinds('430802200102290014')).toEqual([]); // 2001-02-29
    expect(kinds('430802196413241328')).toEqual([]); // month 13
    expect(kinds('930802196401241328')).toEqual([]); // no province 93
  });

  it('does not flag 17 digits, or a valid ID inside a longer run of digits', () => {
    expect(kinds(ID.slice(0, 17))).toEqual([]);
    expect(kinds(`9${ID}`)).toEqual([]);
    expect(kinds(`${ID}0`)).toEqual([]);
  });

  it('does not flag masked IDs, however the mask is written', () => {
    expect(kinds('430802********1328 430802****1328 4308021964****1328 430802××××××××1328')).toEqual([]);
    expect(kinds('4308021964012413**')).toEqual([]);
  });
});

describe('findPersonalNumbers: mobile numbers', () => {
  it('finds a raw mobile number, plain or written 3-4-4', () => {
    expect(one(`谷世军 ${MOBILE}`)).toMatchObject({ kind: 'mobile', shown: '138****2975', line: 1 });
    for (const written of ['138 2609 2975', '138-2609-2975', '1382609 2975']) expect(kinds(`电 ${written}`), written).toEqual(['mobile']);
  });

  it('finds a mobile number behind +86, 0086 or 86', () => {
    for (const written of [`+86${MOBILE}`, `+86 ${MOBILE}`, `+86 138 2609 2975`, `0086${MOBILE}`, `86${MOBILE}`]) {
      expect(findPersonalNumbers(`：${written}`), written).toMatchObject([{ kind: 'mobile', shown: '138****2975' }]);
    }
  });

  it('finds mobile numbers in a comma-separated list and at the ends of the text', () => {
    expect(kinds(`${MOBILE},13912345678`)).toEqual(['mobile', 'mobile']);
  });

  it('does not flag numbers that are not mobiles: 10 or 12 digits, 12x prefixes, inside longer runs', () => {
    expect(kinds('1382609297')).toEqual([]);
    expect(kinds('138260929751')).toEqual([]);
    expect(kinds('12826092975')).toEqual([]); // 12…: not a mainland mobile prefix
    expect(kinds(`0${MOBILE}`)).toEqual([]);
  });

  it('does not flag masked mobiles, but flags a raw one next to a mask character', () => {
    expect(kinds('138****2975 138＊＊＊＊2975')).toEqual([]);
    expect(kinds('*13826092975')).toEqual(['mobile']);
  });

  it('does not flag the digits after a decimal point, but flags a mobile written as a whole number of yuan', () => {
    expect(kinds('0.13826092975')).toEqual([]);
    expect(kinds('13826092975.00 元')).toEqual(['mobile']);
  });

  it('keeps numbers published on purpose: the allow list, compared by digits', () => {
    expect(kinds(`举报：${MOBILE}`, ['138-2609-2975'])).toEqual([]);
    expect(kinds(`+86 ${MOBILE}`, [MOBILE])).toEqual([]);
    expect(kinds(`乡镇 ${MOBILE}`, ['+86 13826092975'])).toEqual([]);
    expect(kinds(`乡镇 13912345678`, [MOBILE])).toEqual(['mobile']);
  });

  it('flags a mobile its line presents as a contact: only the allow list keeps a number', () => {
    expect(kinds(`监督电话：${MOBILE}（村务监督委员会）`)).toEqual(['mobile']);
    expect(kinds(`<p>村务监督委员会主任 覃某某 ${MOBILE}</p>`)).toEqual(['mobile']);
    expect(kinds(`{"notes":["咨询热线 ${MOBILE}"]}`)).toEqual(['mobile']);
    expect(kinds(`{"notes":["咨询热线 ${MOBILE}"]}`, ['138 2609 2975'])).toEqual([]);
  });

  it('does not let a contact word in another cell or line exempt a mobile number', () => {
    expect(kinds(`<th>联系电话</th><td>${MOBILE}</td>`)).toEqual(['mobile']);
    expect(kinds(`序号,联系电话\n17,${MOBILE}`)).toEqual(['mobile']);
    expect(kinds(`"remark":"联系电话已变更","phone":"${MOBILE}"`)).toEqual(['mobile']);
  });

  it('never exempts an ID number, even on a contact line', () => {
    expect(kinds(`联系人身份证 ${ID}`)).toEqual(['id-number']);
    expect(kinds(ID, [ID])).toEqual([]);
  });
});

describe('findPersonalNumbers: landlines', () => {
  it('finds a landline in a footer, showing its area code and last 3 digits', () => {
    const text = '制表：康家坪村报账员\n监督电话：0744-3256110';
    expect(findPersonalNumbers(text)).toEqual([{ kind: 'landline', at: text.indexOf('0744'), line: 2, shown: '0744-****110' }]);
  });

  it('keeps a configured hotline in whatever form either side writes it', () => {
    for (const written of ['0744-3256110', '(0744) 325 6110', '０７４４－３２５６１１０', '07443256110']) {
      expect(kinds(`监督电话：${written}`, ['0744 3256110']), written).toEqual([]);
      expect(kinds(`监督电话：${written}`, ['0744-3256111']), written).toEqual(['landline']);
    }
  });
});

describe('findPersonalNumbers: bank card numbers', () => {
  it('finds 16- and 19-digit cards that pass Luhn, plain or in fours', () => {
    expect(one(`卡号 ${CARD16}`)).toMatchObject({ kind: 'bank-card', shown: '6222********7894' });
    expect(kinds(`卡号 ${CARD19}`)).toEqual(['bank-card']);
    expect(kinds('卡号 6222 0212 3456 7894')).toEqual(['bank-card']);
    expect(kinds('卡号 6217-0000-1234-5678-907')).toEqual(['bank-card']);
  });

  it('flags a UnionPay card with a digit wrong, since it is still someone\'s account', () => {
    expect(luhnValid('6222021234567895')).toBe(false);
    expect(kinds('卡号 6222021234567895')).toEqual(['bank-card']);
  });

  it('does not flag a card that fails Luhn outside UnionPay, starts outside 3–6, or has the wrong length', () => {
    expect(kinds('4222021234567895')).toEqual([]);
    expect(kinds('9007199254740991')).toEqual([]); // Number.MAX_SAFE_INTEGER in a script
    expect(luhnValid('7222021234567892')).toBe(true);
    expect(kinds('7222021234567892')).toEqual([]);
    expect(kinds('622202123456789')).toEqual([]); // 15 digits
    expect(kinds(`${CARD19}0`)).toEqual([]); // 20 digits
  });

  it('does not flag masked cards', () => {
    expect(kinds('6222********7894 6222 **** **** 7894')).toEqual([]);
  });
});

describe('findPersonalNumbers: what it must leave alone', () => {
  it('village codes, dates, amounts, voucher numbers and timestamps', () => {
    const text = [
      '/v/430802108214/ 430821211227',
      '2026-07-01 2026/7/8 2026年7月20日 20260124 2026-10-10T08:30:00.000Z 1769212345678',
      '"98,488.40" 110323.02 11032302 ¥13,826,092,975.00',
      '记-001 记-015 凭证号 202607010001',
      '12388 400-810-1234 95588',
    ].join('\n');
    expect(findPersonalNumbers(text)).toEqual([]);
  });

  it('publication ids, hashes and other words of letters and digits', () => {
    const text = [
      '/v/430802108214/p/01k7b2x13826092975qp3mz8w/',
      'sha256 9f86d081884c7d659a2feaa0c55ad01513826092975b2b0b822cd15d6c15b0f0',
      `ab${ID}cd`,
      `deadbeef${MOBILE}`,
      `${MOBILE}f00d`,
    ].join('\n');
    expect(findPersonalNumbers(text)).toEqual([]);
  });

  it('still finds a number behind a short label such as ID or Tel, or percent-encoded words', () => {
    expect(kinds(`ID${ID}`)).toEqual(['id-number']);
    expect(kinds(`Tel:${MOBILE}`)).toEqual(['mobile']);
    expect(kinds(`/search/?q=%E8%B0%B7${MOBILE}`)).toEqual(['mobile']);
  });

  it('finds nothing in what the importer masked: the masking and the scan agree', () => {
    const raw = `户主谷世军，身份证${ID}，手机${MOBILE}，卡号${CARD16}；另一张 ${CARD19}`;
    expect(kinds(raw)).toEqual(['id-number', 'mobile', 'bank-card', 'bank-card']);
    expect(findPersonalNumbers(maskNumbersInText(raw, DEFAULT_ID_MASK).text)).toEqual([]);
  });

  it('reports every finding with its own line', () => {
    const found = findPersonalNumbers(`a\n${ID}\nb\n\nc ${MOBILE} ${CARD16}`);
    expect(found.map((f) => [f.kind, f.line])).toEqual([
      ['id-number', 2],
      ['mobile', 5],
      ['bank-card', 5],
    ]);
  });
});

describe('findPersonalNumbers: grouped numbers next to each other', () => {
  it('reads a card in fours followed by a mobile as a card and a mobile', () => {
    expect(luhnValid('6222021234567894139')).toBe(false); // so "…7894 139" is not a 19-digit card
    expect(findPersonalNumbers('6222 0212 3456 7894 139 1234 5678')).toMatchObject([
      { kind: 'bank-card', shown: '6222********7894' },
      { kind: 'mobile', shown: '139****5678' },
    ]);
  });
});
