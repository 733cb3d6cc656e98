import { describe, expect, it } from 'vitest';
import { publicNumberKey, publicNumberKeys, recognisePersonalNumbers } from './personal-numbers.ts';

/** kind:written text of every number found */
const read = (text: string): string[] => recognisePersonalNumbers(text).map((n) => `${n.kind}:${text.slice(n.start, n.end)}`);

describe('recognisePersonalNumbers: mobiles', () => {
  it.each([
    ['13826092975'],
    ['138 2609 2975'],
    ['138-2609-2975'],
    ['1382-6092-975'],
    ['138-26092975'],
    ['1382609-2975'],
    ['138 260 92975'],
    ['138.2609.2975'],
    ['138/2609/2975'],
    ['138–2609–2975'],
    ['138—2609—2975'],
    ['138·2609·2975'],
    ['138 - 2609 - 2975'],
    ['１３８２６０９２９７５'],
    ['１３８－２６０９－２９７５'],
    ['138　2609　2975'],
    ['138.26092975'],
  ])('reads %s as the mobile 13826092975', (written) => {
    const [n, ...more] = recognisePersonalNumbers(`电话：${written}。`);
    expect(more).toEqual([]);
    expect(n).toMatchObject({ kind: 'mobile', digits: '13826092975', start: 3, end: 3 + written.length });
  });

  it.each([['+86 138 2609 2975'], ['+8613826092975'], ['0086-138-2609-2975'], ['008613826092975'], ['86 13826092975'], ['(+86)13826092975'], ['＋86 13826092975']])(
    'takes %s with its country code, the number itself starting after it',
    (written) => {
      const text = `：${written}`;
      const [n] = recognisePersonalNumbers(text);
      expect(n).toMatchObject({ kind: 'mobile', digits: '13826092975', start: 1, end: text.length });
      expect(text.slice(n?.coreStart)).toMatch(/^138/);
    },
  );

  it('does not read 10 or 12 digits, a 12… prefix, a run glued to more digits, or groups under 3 digits', () => {
    expect(read('1382609297 138260929751 12826092975 013826092975 913826092975')).toEqual([]);
    expect(read('13 826 092 975')).toEqual([]); // thousands grouping of an amount
    expect(read('1 3826092975')).toEqual([]);
  });

  it('needs one separator throughout: coordinates in an SVG path are not a number', () => {
    expect(read('1668-458 1668')).toEqual([]);
    expect(read('1668-458-1668')).toEqual(['mobile:1668-458-1668']);
  });
});

describe('recognisePersonalNumbers: landlines', () => {
  it.each([
    ['0744-8101000', '07448101000', '0744'],
    ['0744 8101000', '07448101000', '0744'],
    ['(0744)8101000', '07448101000', '0744'],
    ['（0744）8101000', '07448101000', '0744'],
    ['(0744) 810 1000', '07448101000', '0744'],
    ['07448101000', '07448101000', '0744'],
    ['0744–8101000', '07448101000', '0744'],
    ['０７４４－８１０１０００', '07448101000', '0744'],
    ['0744-810-1000', '07448101000', '0744'],
    ['010-62345678', '01062345678', '010'],
    ['021 6234 5678', '02162345678', '021'],
    ['075586123456', '075586123456', '0755'],
  ])('reads %s with its area code', (written, digits, areaCode) => {
    const text = `监督电话：${written}（镇纪委）`;
    const [n, ...more] = recognisePersonalNumbers(text);
    expect(more).toEqual([]);
    expect(n).toMatchObject({ kind: 'landline', digits, areaCode, start: 5, end: 5 + written.length });
  });

  it('does not read a subscriber number alone, a subscriber starting 0 or 1, service numbers or a wrong length', () => {
    expect(read('8101000 0744-0101000 0744-1101000 12388 95588 400-810-1234 800-820-8820 010-1234567 0744-810100')).toEqual([]);
  });

  it('reads the number but not the extension', () => {
    expect(read('0744-8101000转123')).toEqual(['landline:0744-8101000']);
    expect(read('0744-8101000-123')).toEqual(['landline:0744-8101000']);
  });
});

describe('recognisePersonalNumbers: ID numbers', () => {
  it.each([
    ['430802196401241328'],
    ['430802 19640124 1328'],
    ['430802-19640124-1328'],
    ['430802 1964 0124 1328'],
    ['430 802 1964 0124 1328'],
    ['4308 0219 6401 2413 28'],
    ['430802 196401 241328'],
    ['430802.19640124.1328'],
    ['４３０８０２１９６４０１２４１３２８'],
  ])('reads %s as an 18-character ID', (written) => {
    const [n, ...more] = recognisePersonalNumbers(`身份证${written}，`);
    expect(more).toEqual([]);
    expect(n).toMatchObject({ kind: 'id-number', digits: '430802196401241328', start: 3, end: 3 + written.length });
  });

  it('reads a check X in any case and width as part of the ID', () => {
    for (const written of ['11010519491231002X', '11010519491231002x', '110105 19491231 002X', '11010519491231002Ｘ']) {
      expect(recognisePersonalNumbers(`ID ${written}。`)[0]).toMatchObject({ kind: 'id-number', digits: '11010519491231002X', end: 3 + written.length });
    }
  });

  it('reads the 15-digit first generation by its birth date', () => {
    expect(recognisePersonalNumbers('430802640124132')[0]).toMatchObject({ kind: 'id-number', digits: '430802640124132' });
    expect(read('430802 640124 132')).toEqual(['id-number:430802 640124 132']);
    expect(read('430802641324132')).toEqual([]); // month 13
  });

  it('does not read an impossible birth date or province, 17 digits, or an ID inside a longer run', () => {
    expect(read('430802200102290014 930802196401241328 43080219640124132 9430802196401241328')).toEqual([]);
  });

  it('keeps a 统一社会信用代码 (letters inside) and an ID glued to letters out', () => {
    expect(read('91430821MA4L8K2X7Q 93430821MA4PQ6N31B ab430802196401241328cd')).toEqual([]);
  });
});

describe('recognisePersonalNumbers: bank cards', () => {
  it.each([['6222021234567894'], ['6222 0212 3456 7894'], ['6222-0212-3456-7894'], ['6217000012345678907'], ['6217 0000 1234 5678 907'], ['622202 1234567894'], ['4111111111111111']])(
    'reads %s',
    (written) => {
      expect(read(`卡号${written}。`)).toEqual([`bank-card:${written}`]);
    },
  );

  it('reads a UnionPay number with a digit wrong, but no other number that fails Luhn', () => {
    expect(read('6222021234567895')).toEqual(['bank-card:6222021234567895']);
    expect(read('4222021234567895 9007199254740991 7222021234567892')).toEqual([]);
  });

  it('reads a card then a mobile, not a 19-digit card swallowing the mobile\'s first group', () => {
    expect(read('6222 0212 3456 7895 139 1234 5678')).toEqual(['bank-card:6222 0212 3456 7895', 'mobile:139 1234 5678']);
  });
});

describe('recognisePersonalNumbers: what ledgers are full of', () => {
  it('leaves dates, amounts, codes, vouchers, times and ids alone', () => {
    const text = [
      '2026-07-03 2026.7.3 2026/07/03 2026年7月20日 20260703 2019.01.01-2033.12.31',
      '20,150.00 2,015,000.00 1 234 567.89 110323.02 "98,488.40" ¥13,826,092,975.00 0.13826092975',
      '430802108214 /v/430802108214/ 430821211227 记-001 凭证号 202607030001 08:30:00 2026-10-10T08:30:00.000Z 1769212345678',
      '/v/430802108214/p/01k7b2x13826092975qp3mz8w/ sha256 9f86d081884c7d659a2feaa0c55ad01513826092975b2b0b822cd15d6c15b0f0 deadbeef13826092975',
      '合计  36  15770.40 1998  2000  300 3.70  105.65  390.91',
      'M0 0L1.107c.018.066.079.158.212.224.231.114.454.243.668.38',
    ].join('\n');
    expect(read(text)).toEqual([]);
  });

  it('reads a number beside a date, an amount or a short label', () => {
    expect(read('2026-07-03 13826092975 6.40')).toEqual(['mobile:13826092975']);
    expect(read('ID430802196401241328 Tel:13826092975 No.13826092975')).toEqual([
      'id-number:430802196401241328',
      'mobile:13826092975',
      'mobile:13826092975',
    ]);
    expect(read('13826092975.00元')).toEqual(['mobile:13826092975']);
  });

  it('reads a number in a percent-encoded URL, and one after a percentage', () => {
    expect(read('/search/?q=%E8%B0%B713826092975')).toEqual(['mobile:13826092975']);
    expect(read('完成100%13826092975')).toEqual(['mobile:13826092975']);
  });

  it('reads nothing in the kept ends of a masked number, but a raw one after a single *', () => {
    expect(read('430802********1328 1234567 138****2975 0744-****000 6222********7894 4308021964012413**')).toEqual([]);
    expect(read('*13826092975')).toEqual(['mobile:13826092975']);
  });
});

describe('publicNumberKey', () => {
  it('compares numbers by their digits, a mobile without its country code', () => {
    expect(publicNumberKey('（０７４４）810 1000')).toBe('07448101000');
    expect(publicNumberKey('+86 138-2609-2975')).toBe('13826092975');
    expect(publicNumberKey('12388')).toBe('12388');
    expect(publicNumberKey('11010519491231002x')).toBe('11010519491231002X');
    expect(publicNumberKey('无')).toBeNull();
    expect([...publicNumberKeys(['0744-8101000', '0744 8101000', '12'])]).toEqual(['07448101000']);
  });
});

describe('recognisePersonalNumbers: pretend masks', () => {
  it('reads a whole number against stars, which masks nothing', () => {
    expect(read('13826092975**** 6222021234567894**')).toEqual(['mobile:13826092975', 'bank-card:6222021234567894']);
  });
});
