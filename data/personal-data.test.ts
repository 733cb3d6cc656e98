import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ID_MASK,
  isValidIdNumber,
  luhnValid,
  maskBankCard,
  maskIdNumber,
  maskMiddle,
  maskNumbersInText,
  maskPhone,
  type MaskOutcome,
} from './personal-data.ts';

const fmt = DEFAULT_ID_MASK;

/** The published value, and proof that no run of 5+ raw digits survived. */
function expectNoLeak(outcome: MaskOutcome, raw: string): void {
  if (outcome.kind === 'empty') return;
  const digits = raw.replace(/\D/g, '');
  const value = outcome.value.replace(/\D/g, '');
  // the middle of the raw number must not appear in what is published
  if (digits.length >= 11 && outcome.kind !== 'already-masked') {
    expect(value).not.toContain(digits.slice(6, 11));
  }
}

describe('the sample subsidy row 17 (谷世军)', () => {
  it('masks the unmasked ID number and phone', () => {
    const [, id, phone] = '谷世军,430802196401241328,13826092975'.split(',');
    expect(maskIdNumber(id, fmt)).toEqual({ kind: 'masked', value: '430802********1328' });
    expect(maskPhone(phone)).toEqual({ kind: 'masked', value: '138****2975' });
  });
});

describe('maskIdNumber', () => {
  it('masks 18- and 15-digit numbers in the configured format', () => {
    expect(maskIdNumber('11010519491231002X', fmt)).toEqual({ kind: 'masked', value: '110105********002X' });
    expect(maskIdNumber('11010519491231002x', fmt)).toEqual({ kind: 'masked', value: '110105********002X' });
    expect(maskIdNumber('430802640124132', fmt)).toEqual({ kind: 'masked', value: '430802*****4132' });
    expect(maskIdNumber('430802196401241328', { keepStart: 3, keepEnd: 2 })).toEqual({
      kind: 'masked',
      value: '430*************28',
    });
  });

  it('reads full-width digits, spaces and Excel text apostrophes', () => {
    expect(maskIdNumber('４３０８０２１９６４０１２４１３２８', fmt)).toEqual({ kind: 'masked', value: '430802********1328' });
    expect(maskIdNumber(" '430802 19640124 1328 ", fmt)).toEqual({ kind: 'masked', value: '430802********1328' });
  });

  it('passes already-masked numbers through, normalising the mask characters', () => {
    expect(maskIdNumber('430802********7238', fmt)).toEqual({ kind: 'already-masked', value: '430802********7238' });
    expect(maskIdNumber('430802****7238', fmt)).toEqual({ kind: 'already-masked', value: '430802****7238' });
    expect(maskIdNumber('4308021964****1328', fmt)).toEqual({ kind: 'already-masked', value: '4308021964****1328' });
    expect(maskIdNumber('430802＊＊＊＊＊＊＊＊7238', fmt)).toEqual({ kind: 'already-masked', value: '430802********7238' });
    expect(maskIdNumber('430802××××××××7238', fmt)).toEqual({ kind: 'already-masked', value: '430802********7238' });
    expect(maskIdNumber('430802xxxxxxxx723x', fmt)).toEqual({ kind: 'already-masked', value: '430802********723X' });
    expect(maskIdNumber('430802XXXXXXXX7238', fmt)).toEqual({ kind: 'already-masked', value: '430802********7238' });
  });

  it('masks again a number that hides too little', () => {
    expect(maskIdNumber('4308021964012413**', fmt)).toEqual({ kind: 'masked', value: '430802********13**' });
  });

  it('reports an ID that Excel turned into a number, without its unreliable tail', () => {
    for (const raw of [Number('430802196401241328'), '4.30802196401241e17', '4.30802196401241E+17']) {
      const r = maskIdNumber(raw, fmt);
      expect(r.kind).toBe('invalid');
      if (r.kind === 'invalid') {
        expect(r.value).toBe('430802************');
        expect(r.reason).toContain('Excel');
      }
    }
  });

  it('masks a 15-digit ID that Excel stored as an exact number', () => {
    expect(maskIdNumber(430802640124132, fmt)).toEqual({ kind: 'masked', value: '430802*****4132' });
  });

  it('rejects wrong lengths and letters but still returns a safe value', () => {
    const short = maskIdNumber('43080219640124132', fmt);
    expect(short.kind).toBe('invalid');
    if (short.kind === 'invalid') {
      expect(short.value).toBe('430802*******4132');
      expect(short.reason).toContain('17位');
      expect(short.reasonEn).toContain('17');
    }
    const letters = maskIdNumber('A3080219640124132B', fmt);
    expect(letters.kind).toBe('invalid');
    if (letters.kind === 'invalid') expect(letters.value).toBe('A30802********132B');
    const tiny = maskIdNumber('12345678', fmt);
    expect(tiny.kind === 'invalid' && tiny.value).toBe('12****78');
    expectNoLeak(short, '43080219640124132');
  });

  it('treats blanks as empty', () => {
    for (const v of ['', ' ', '-', '/', null, undefined]) expect(maskIdNumber(v, fmt)).toEqual({ kind: 'empty' });
  });
});

describe('maskPhone', () => {
  it('masks mobile numbers with or without a country code and separators', () => {
    for (const raw of ['13826092975', '+86 138 2609 2975', '86-138-2609-2975', '138-2609-2975', '１３８２６０９２９７５', 13826092975]) {
      expect(maskPhone(raw), String(raw)).toEqual({ kind: 'masked', value: '138****2975' });
    }
  });

  it('passes an already-masked mobile number through', () => {
    expect(maskPhone('138****5678')).toEqual({ kind: 'already-masked', value: '138****5678' });
    expect(maskPhone('138xxxx5678')).toEqual({ kind: 'already-masked', value: '138****5678' });
  });

  it('masks a landline as free text does: the area code and the last 3 digits kept', () => {
    expect(maskPhone('0744-8101000')).toEqual({ kind: 'masked', value: '0744-****000' });
    expect(maskPhone('(0744)8101000')).toEqual({ kind: 'masked', value: '0744-****000' });
    expect(maskPhone('（０７４４）８１０１０００')).toEqual({ kind: 'masked', value: '0744-****000' });
    expect(maskPhone('010-62345678')).toEqual({ kind: 'masked', value: '010-*****678' });
    expect(maskNumbersInText('0744-8101000', fmt).text).toBe('0744-****000');
  });

  it('masks the middle of a subscriber number written without an area code', () => {
    expect(maskPhone('8101000')).toEqual({ kind: 'masked', value: '81***00' });
  });

  it('reads mobiles grouped with dots, slashes and dashes of any width', () => {
    for (const raw of ['138.2609.2975', '138/2609/2975', '138–2609–2975', '138—2609—2975', '138 ２６０９ ２９７５']) {
      expect(maskPhone(raw), raw).toEqual({ kind: 'masked', value: '138****2975' });
    }
  });

  it('rejects what is not a phone number with a masked value', () => {
    const r = maskPhone('2382609297');
    expect(r.kind).toBe('invalid');
    if (r.kind === 'invalid') {
      expect(r.value).toBe('238*****97');
      expect(r.reasonEn).toContain('phone');
    }
  });
});

describe('maskBankCard', () => {
  it('keeps the first and last four and the original length', () => {
    expect(maskBankCard('6217001234561234')).toEqual({ kind: 'masked', value: '6217********1234' });
    expect(maskBankCard('6217 0012 3456 7890 123')).toEqual({ kind: 'masked', value: '6217***********0123' });
    expect(maskBankCard('621700123456')).toEqual({ kind: 'masked', value: '6217****3456' });
  });

  it('passes an already-masked card through', () => {
    expect(maskBankCard('6217********1234')).toEqual({ kind: 'already-masked', value: '6217********1234' });
    expect(maskBankCard('6217 **** **** 1234')).toEqual({ kind: 'already-masked', value: '6217********1234' });
  });

  it('reports a card number Excel has rounded', () => {
    const r = maskBankCard(Number('6217001234567890000'));
    expect(r.kind).toBe('invalid');
    if (r.kind === 'invalid') expect(r.value).toBe('6217***************');
  });

  it('rejects other lengths without leaking the number', () => {
    const r = maskBankCard('62170012345');
    expect(r.kind).toBe('invalid');
    if (r.kind === 'invalid') expect(r.value).toBe('6217****345');
    expectNoLeak(r, '62170012345');
  });
});

describe('isValidIdNumber', () => {
  it('accepts GB 11643-1999 test vectors', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('430802196401241328')).toBe(true);
  });

  it('rejects a wrong check character, a bad birth date and bad shapes', () => {
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    expect(isValidIdNumber('430802196401241327')).toBe(false);
    expect(isValidIdNumber('430802196402301328')).toBe(false);
    expect(isValidIdNumber('43080219640124132')).toBe(false);
    expect(isValidIdNumber('430802********1328')).toBe(false);
  });

  it('shape-checks the old 15-digit form', () => {
    expect(isValidIdNumber('430802640124132')).toBe(true);
    expect(isValidIdNumber('430802641324132')).toBe(false);
  });
});

describe('luhnValid', () => {
  it('checks card numbers', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('79927398710')).toBe(false);
    expect(luhnValid('')).toBe(false);
    expect(luhnValid('4111 1111')).toBe(false);
  });
});

describe('maskNumbersInText', () => {
  it('masks an ID number, a mobile number and a card number in a remark', () => {
    const r = maskNumbersInText('户主谷世军身份证430802196401241328，电话13826092975，卡号4111111111111111', fmt);
    expect(r.text).toBe('户主谷世军身份证430802********1328，电话138****2975，卡号4111********1111');
    expect(r.found).toEqual(['id-number', 'phone', 'bank-card']);
  });

  it('masks numbers written in groups and in full-width digits', () => {
    expect(maskNumbersInText('电话 138 2609 2975', fmt).text).toBe('电话 138****2975');
    expect(maskNumbersInText('卡 4111 1111 1111 1111', fmt).text).toBe('卡 4111********1111');
    expect(maskNumbersInText('ID:430802 19640124 1328', fmt).text).toBe('ID:430802********1328');
    expect(maskNumbersInText('身份证４３０８０２１９６４０１２４１３２８', fmt).text).toBe('身份证430802********1328');
  });

  it('masks an ID with a check X and one glued to letters', () => {
    expect(maskNumbersInText('ID11010519491231002X。', fmt).text).toBe('ID110105********002X。');
  });

  it('leaves dates, amounts, village codes and longer digit runs of other kinds alone', () => {
    const text = '2026-07-03 支付工程款 20,150.00 元，凭证号 202607030001，村代码 430802100201';
    expect(maskNumbersInText(text, fmt)).toEqual({ text, found: [], numbers: [] });
  });

  it('does not take a mobile number out of a longer digit run', () => {
    expect(maskNumbersInText('编号 913826092975', fmt).found).toEqual([]);
  });

  it('keeps a date next to a phone number intact', () => {
    expect(maskNumbersInText('2026-07-03 13826092975', fmt).text).toBe('2026-07-03 138****2975');
  });
});

describe('maskMiddle', () => {
  it('always hides at least a third and at least four characters', () => {
    expect(maskMiddle('123456', { keepStart: 6, keepEnd: 4 })).toBe('1****6');
    expect(maskMiddle('谷世军', { keepStart: 6, keepEnd: 4 })).toBe('***');
    expect(maskMiddle('430802196401241328', { keepStart: 18, keepEnd: 18 })).toBe('430802******241328');
  });
});
