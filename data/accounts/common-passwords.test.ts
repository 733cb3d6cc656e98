import { describe, expect, it } from 'vitest';
import { COMMON_PASSWORDS, isCommonPassword } from './common-passwords.ts';

describe('common passwords', () => {
  it.each(['123456', '123456789', '111111', '000000', '5201314', 'a123456', 'qq123456', 'woaini1314', 'password',
    'abc123456', '1qaz2wsx', 'iloveyou', '88888888', '147258369', 'zxcvbnm', 'aa123456'])(
    'lists %s, from the heads of the Chinese and worldwide breach lists',
    (password) => {
      expect(isCommonPassword(password)).toBe(true);
    },
  );

  it('compares ignoring case and full-width forms', () => {
    expect(isCommonPassword('PassWord')).toBe(true);
    expect(isCommonPassword('ＷＯＡＩＮＩ１３１４')).toBe(true);
  });

  it('does not list passwords merely resembling common ones', () => {
    expect(isCommonPassword('1234567')).toBe(true);
    expect(isCommonPassword('1234567x')).toBe(false);
    expect(isCommonPassword('password 2 village')).toBe(false);
    expect(isCommonPassword('')).toBe(false);
  });

  it('keeps about two hundred lower-case entries, so the case-folded lookup can find them all', () => {
    expect(COMMON_PASSWORDS.size).toBeGreaterThanOrEqual(180);
    expect(COMMON_PASSWORDS.size).toBeLessThanOrEqual(300);
    for (const entry of COMMON_PASSWORDS) expect(entry).toBe(entry.normalize('NFKC').toLowerCase());
  });
});
