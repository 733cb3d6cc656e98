import fc from 'fast-check';
import { luhnValid } from './personal-numbers.ts';

/**
 * fast-check arbitraries for the property tests: valid personal numbers of every kind, and the
 * ways people write them — groupings, separators, full-width digits and punctuation, +86 /
 * 0086 / 86, brackets round an area code. Test support only.
 */
export type NumberKind = 'id-number' | 'mobile' | 'landline' | 'bank-card';

export interface PlantedNumber {
  kind: NumberKind;
  /** what must never be stored: an ID's 18 (or 15) characters, a mobile's 11 digits, a landline with its area code, a card */
  digits: string;
  /** as written in the file */
  written: string;
  /** written without separators, country code or full width: the form a JSON number or Decimal can hold */
  plain: boolean;
}

export const SEPARATORS = [' ', '-', '.', '/', '–', '—', '－', '．', '／', '\u3000', '·', ' - '] as const;

export const idNumber18: fc.Arbitrary<string> = fc
  .record({
    province: fc.constantFrom('11', '13', '22', '31', '37', '43', '44', '51', '53', '65'),
    county: fc.integer({ min: 100, max: 9999 }),
    birth: fc.date({ min: new Date('1930-01-01T00:00:00Z'), max: new Date('2012-12-31T00:00:00Z'), noInvalidDate: true }),
    seq: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ province, county, birth, seq }) => {
    const body = `${province}${String(county).padStart(4, '0')}${birth.toISOString().slice(0, 10).replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
    return body + idCheck(body);
  });

export const idNumber15: fc.Arbitrary<string> = fc
  .record({
    province: fc.constantFrom('11', '43', '51', '65'),
    county: fc.integer({ min: 100, max: 9999 }),
    birth: fc.date({ min: new Date('1930-01-01T00:00:00Z'), max: new Date('1999-12-31T00:00:00Z'), noInvalidDate: true }),
    seq: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ province, county, birth, seq }) => `${province}${String(county).padStart(4, '0')}${birth.toISOString().slice(2, 10).replace(/-/g, '')}${String(seq).padStart(3, '0')}`);

export const mobile: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 3, max: 9 }), fc.integer({ min: 0, max: 999_999_999 }))
  .map(([second, rest]) => `1${second}${String(rest).padStart(9, '0')}`);

export const landline: fc.Arbitrary<{ area: string; subscriber: string }> = fc.oneof(
  fc.record({
    area: fc.constantFrom('010', '020', '021', '027'),
    subscriber: fc.integer({ min: 20_000_000, max: 89_999_999 }).map(String),
  }),
  fc.record({
    area: fc.constantFrom('0744', '0731', '0571', '0898', '0351'),
    subscriber: fc.oneof(fc.integer({ min: 2_000_000, max: 8_999_999 }), fc.integer({ min: 20_000_000, max: 89_999_999 })).map(String),
  }),
);

export const bankCard: fc.Arbitrary<string> = fc
  .record({
    prefix: fc.constantFrom('6222', '6217', '6228', '4367', '5187', '9558'),
    length: fc.integer({ min: 16, max: 19 }),
    body: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 15, maxLength: 15 }),
  })
  .map(({ prefix, length, body }) => {
    const partial = (prefix + body.join('')).slice(0, length - 1);
    const check = [...'0123456789'].find((d) => luhnValid(partial + d)) as string;
    return partial + check;
  });

/** A valid number of any kind written in any of the forms people use. */
export const plantedNumber: fc.Arbitrary<PlantedNumber> = fc.oneof(
  fc.tuple(idNumber18, fc.constantFrom([18], [6, 8, 4], [6, 4, 4, 4], [3, 3, 4, 4, 4], [4, 4, 4, 4, 2], [6, 6, 6]), style()).map(([id, sizes, s]) => ({
    kind: 'id-number' as const,
    digits: id,
    written: s.width(group(s.lowerX ? id.toLowerCase() : id, sizes, s.separator)),
    plain: sizes.length === 1 && !s.fullWidth && !id.endsWith('X'),
  })),
  fc.tuple(idNumber15, fc.constantFrom([15], [6, 6, 3], [6, 9]), style()).map(([id, sizes, s]) => ({
    kind: 'id-number' as const,
    digits: id,
    written: s.width(group(id, sizes, twoGroups(sizes, s.separator))),
    plain: sizes.length === 1 && !s.fullWidth,
  })),
  fc
    .tuple(mobile, fc.constantFrom([11], [3, 4, 4], [4, 4, 3], [3, 8], [7, 4], [3, 3, 5]), fc.constantFrom('', '+86 ', '+86', '0086 ', '0086-', '86 ', '(+86)', '＋86 '), style())
    .map(([m, sizes, prefix, s]) => ({
      kind: 'mobile' as const,
      digits: m,
      written: s.width(prefix + group(m, sizes, s.separator)),
      plain: sizes.length === 1 && prefix === '' && !s.fullWidth,
    })),
  fc
    .tuple(landline, fc.constantFrom('sep', 'brackets', 'full-width brackets', 'glued', 'split'), style())
    .map(([{ area, subscriber }, how, s]) => {
      const sub = how === 'split' ? group(subscriber, [subscriber.length - 4, 4], s.separator) : subscriber;
      const written =
        how === 'brackets' ? `(${area})${sub}` : how === 'full-width brackets' ? `（${area}）${sub}` : how === 'glued' ? area + sub : `${area}${s.separator}${sub}`;
      return { kind: 'landline' as const, digits: area + subscriber, written: s.width(written), plain: false };
    }),
  fc.tuple(bankCard, fc.constantFrom('whole', 'fours', 'six'), style()).map(([card, how, s]) => {
    const sizes = how === 'whole' ? [card.length] : how === 'six' ? [6, card.length - 6] : fours(card.length);
    return { kind: 'bank-card' as const, digits: card, written: s.width(group(card, sizes, twoGroups(sizes, s.separator))), plain: how === 'whole' && !s.fullWidth };
  }),
);

/** The digits a text holds once full width and separators are gone: what a leak check compares. */
export function compactDigits(text: string): string {
  return text
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000\-\u2010-\u2015\u2212\uFF0D.\uFF0E·/\uFF0F()\uFF08\uFF09]/g, '');
}

// ——— private helpers ———

function style() {
  return fc.record({ separator: fc.constantFrom(...SEPARATORS), fullWidth: fc.boolean(), lowerX: fc.boolean() }).map((s) => ({
    ...s,
    width: (text: string) => (s.fullWidth ? text.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)) : text),
  }));
}

function group(digits: string, sizes: readonly number[], separator: string): string {
  const parts: string[] = [];
  let at = 0;
  for (const size of sizes) {
    parts.push(digits.slice(at, at + size));
    at += size;
  }
  return parts.join(separator);
}

/** Two groups with one dot between them are a decimal (430802.640124132): only phones are written so. */
function twoGroups(sizes: readonly number[], separator: string): string {
  return sizes.length === 2 && (separator === '.' || separator === '．') ? '-' : separator;
}

function fours(length: number): number[] {
  const sizes = Array<number>(Math.floor(length / 4)).fill(4);
  if (length % 4 > 0) sizes.push(length % 4);
  return sizes;
}

function idCheck(body17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(body17[i]), 0);
  return '10X98765432'[sum % 11] as string;
}
