import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ID_MASK, maskNumbersInText } from '../personal-data.ts';
import { findPersonalNumbers } from './personal-number-scan.ts';
import { recognisePersonalNumbers } from './personal-numbers.ts';
import { compactDigits, plantedNumber, type PlantedNumber } from './written-numbers-test-support.ts';

/**
 * The masker (maskNumbersInText) and the scanner (findPersonalNumbers) read text with one
 * recogniser, so on any text they agree: what one reports the other masks, with the same
 * masked form, and masked text scans clean. Checked on generated ledger text: real-shaped
 * filler (dates, amounts, codes, hashes) around numbers written in every form, glued or apart,
 * with and without an allow list.
 */

const filler = fc.constantFrom(
  '2026-07-03', '2026.7.3', '2026/07/03', '2026年7月20日', '20,150.00', '2,015,000.00', '1 234 567.89', '110323.02', '0.13826092975',
  '430802108214', '91430821MA4L8K2X7Q', '记-001', '08:30:00', '12388', '400-810-1234', '01k7b2x13826092975qp3mz8w',
  '9f86d081884c7d659a2feaa0c55ad015', '收到土地流转租金', '支付村部电费（6月）', '合计', '66.98亩', '70%', '第3组', 'No.', 'Tel:', '*', '¥', '',
);

const joint = fc.constantFrom(' ', '，', '\n', '、', '：', '  ', '', '-', '<td>', '</td><td>', '"', ',');

const corpus = fc.array(fc.oneof(filler.map((text) => ({ text, planted: null as PlantedNumber | null })), plantedNumber.map((p) => ({ text: p.written, planted: p }))), { maxLength: 24 });

describe('the masker and the scanner agree (property)', () => {
  it('report and mask the same numbers, with the same masked forms, on any text', () => {
    fc.assert(
      fc.property(corpus, fc.array(joint, { minLength: 24, maxLength: 24 }), fc.boolean(), (pieces, joints, withAllow) => {
        const text = pieces.map((p, i) => p.text + joints[i]).join('');
        const allow = withAllow ? pieces.flatMap((p) => (p.planted ? [p.planted.written] : [])).slice(0, 1) : [];
        const found = findPersonalNumbers(text, { allow });
        const masked = maskNumbersInText(text, DEFAULT_ID_MASK, { allow });
        expect(masked.numbers.map((n) => n.masked)).toEqual(found.map((f) => f.shown));
        expect(masked.numbers.map((n) => n.kind)).toEqual(found.map((f) => f.kind));
        expect(findPersonalNumbers(masked.text, { allow })).toEqual([]);
        expect(maskNumbersInText(masked.text, DEFAULT_ID_MASK, { allow }).text).toBe(masked.text);
      }),
      { seed: 20261012, numRuns: 2000 },
    );
  });

  it('find and hide every number standing apart, however it is written', () => {
    fc.assert(
      fc.property(fc.array(plantedNumber, { minLength: 1, maxLength: 6 }), fc.array(filler, { minLength: 6, maxLength: 6 }), (numbers, words) => {
        const text = numbers.map((n, i) => `${words[i]}，${n.written}。`).join('');
        expect(findPersonalNumbers(text).map((f) => f.kind)).toHaveLength(numbers.length);
        const masked = compactDigits(maskNumbersInText(text, DEFAULT_ID_MASK).text).toUpperCase();
        for (const n of numbers) expect(masked.includes(n.digits), n.written).toBe(false);
      }),
      { seed: 20261013, numRuns: 2000 },
    );
  });

  it('reads each written form back to its digits and kind', () => {
    fc.assert(
      fc.property(plantedNumber, (n) => {
        const text = `电话：${n.written}。`;
        const [found, ...more] = recognisePersonalNumbers(text);
        expect(more).toEqual([]);
        expect(found?.digits).toBe(n.digits);
        expect(text.slice(found?.start, found?.end)).toBe(n.written);
        // an 18-digit UnionPay card can be ID-shaped too: masked either way
        if (!(n.kind === 'bank-card' && found?.kind === 'id-number')) expect(found?.kind).toBe(n.kind);
      }),
      { seed: 20261014, numRuns: 3000 },
    );
  });
});
