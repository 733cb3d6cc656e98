import { z } from 'zod';

/**
 * Shares (quorum, approval) as whole-number fractions, for the power catalogue's steps (data/power)
 * and the 四议两公开 checks (data/decisions/checks) alike: 2/3 of 31 is judged in integers
 * (31 × 2 ≤ 21 × 3) rather than in floating point, and a county can write 3/5 or 4/5 exactly.
 */
export const Fraction = z
  .object({ num: z.number().int().min(1).max(99), den: z.number().int().min(1).max(99) })
  .strict()
  .refine((f) => f.num <= f.den, '比例须满足 0 < 分子 ≤ 分母 / a share needs 0 < num ≤ den');
export type Fraction = z.infer<typeof Fraction>;

export const TWO_THIRDS: Fraction = { num: 2, den: 3 };
export const ONE_HALF: Fraction = { num: 1, den: 2 };

/** The fewest people that make at least `share` of `whole`: 2/3 of 31 → 21. */
export function atLeast(whole: number, share: Fraction): number {
  return Math.floor((whole * share.num + share.den - 1) / share.den);
}

/** The fewest people that make more than `share` of `whole`: more than half of 31 → 16, of 30 → 16. */
export function moreThan(whole: number, share: Fraction): number {
  return Math.floor((whole * share.num) / share.den) + 1;
}

/** As a villager says it: 1/2 → 半数, 2/3 → 三分之二, 4/5 → 五分之四. */
export function shareName(share: Fraction): string {
  if (share.num * 2 === share.den) return '半数';
  if (share.num === share.den) return '全部';
  return `${chineseNumber(share.den)}分之${chineseNumber(share.num)}`;
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1–99 in Chinese numerals: 3 → 三, 10 → 十, 15 → 十五, 42 → 四十二. */
function chineseNumber(n: number): string {
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  if (tens === 0) return DIGITS[ones] ?? String(n);
  return `${tens === 1 ? '' : (DIGITS[tens] ?? '')}十${ones === 0 ? '' : (DIGITS[ones] ?? '')}`;
}
