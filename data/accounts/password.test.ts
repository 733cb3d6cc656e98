import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SCRYPT,
  hashPassword,
  needsRehash,
  PasswordRecord,
  passwordProblem,
  verifyPassword,
  type ScryptParams,
} from './password.ts';

// small enough that every test stays in milliseconds; the defaults are exercised once below
const FAST: ScryptParams = { N: 2 ** 10, r: 8, p: 1, keyLength: 32 };

describe('password hashing', () => {
  it('verifies the password a record was made from', async () => {
    const record = await hashPassword('村里的账要晒在阳光下', FAST);
    expect(await verifyPassword('村里的账要晒在阳光下', record)).toBe(true);
  });

  it('refuses a wrong password, even one differing by a single character or by case', async () => {
    const record = await hashPassword('Correct horse battery', FAST);
    expect(await verifyPassword('Correct horse batterY', record)).toBe(false);
    expect(await verifyPassword('correct horse battery', record)).toBe(false);
    expect(await verifyPassword('', record)).toBe(false);
  });

  it('treats the full-width form typed through a Chinese input method as the same password', async () => {
    const record = await hashPassword('abc 123 hello', FAST);
    expect(await verifyPassword('ａｂｃ　１２３　ｈｅｌｌｏ', record)).toBe(true);
  });

  it('records the algorithm and its parameters in a record the schema accepts', async () => {
    const record = await hashPassword('a long enough phrase', FAST);
    expect(PasswordRecord.parse(record)).toEqual(record);
    expect(record).toMatchObject({ algorithm: 'scrypt', N: 1024, r: 8, p: 1, keyLength: 32 });
    expect(Buffer.from(record.salt, 'base64')).toHaveLength(16);
    expect(Buffer.from(record.hash, 'base64')).toHaveLength(32);
  });

  it('honours the parameters stored in the record rather than the current defaults', async () => {
    const record = await hashPassword('made with old parameters', FAST);
    // the same salt and password under the defaults would give another hash, so this passes only if N=2^10 is used
    expect(await verifyPassword('made with old parameters', record)).toBe(true);
    expect(await verifyPassword('made with old parameters', { ...record, N: 2 ** 11 })).toBe(false);
    expect(needsRehash(record, DEFAULT_SCRYPT)).toBe(true);
  });

  it('says no rehash is needed for a record made with the current parameters', async () => {
    const record = await hashPassword('current parameters', FAST);
    expect(needsRehash(record, FAST)).toBe(false);
    expect(needsRehash(record, { ...FAST, r: 16 })).toBe(true);
    expect(needsRehash(record, { ...FAST, p: 2 })).toBe(true);
    expect(needsRehash(record, { ...FAST, keyLength: 64 })).toBe(true);
  });

  it('hashes with N=2^15, r=8, p=3 by default (OWASP’s equivalent at 32 MiB), within Node’s memory limit', async () => {
    const record = await hashPassword('default parameters here');
    expect(record).toMatchObject({ N: 2 ** 15, r: 8, p: 3, keyLength: 32 });
    expect(needsRehash(record)).toBe(false);
    expect(await verifyPassword('default parameters here', record)).toBe(true);
  });

  it('gives two hashes of the same password different salts and hashes', async () => {
    const a = await hashPassword('same password twice', FAST);
    const b = await hashPassword('same password twice', FAST);
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
  });

  it('refuses records whose parameters or sizes are out of range', async () => {
    const record = await hashPassword('schema checks', FAST);
    expect(PasswordRecord.safeParse({ ...record, N: 1000 }).success).toBe(false);
    expect(PasswordRecord.safeParse({ ...record, N: 2 ** 9 }).success).toBe(false);
    expect(PasswordRecord.safeParse({ ...record, algorithm: 'md5' }).success).toBe(false);
    expect(PasswordRecord.safeParse({ ...record, salt: Buffer.alloc(8).toString('base64') }).success).toBe(false);
    expect(PasswordRecord.safeParse({ ...record, keyLength: 64 }).success).toBe(false);
    await expect(hashPassword('x', { ...FAST, N: 1000 })).rejects.toThrow();
  });
});

describe('password policy', () => {
  const context = { name: '张三', mobile: '13800138000' };

  it('accepts a plain phrase of ten characters or more with no composition rules', () => {
    expect(passwordProblem('tea on the hill', context)).toBeNull();
    expect(passwordProblem('村口的老槐树开花了吗', {})).toBeNull();
  });

  it('refuses fewer than 10 characters, counting characters not bytes', () => {
    expect(passwordProblem('abcdefgh9', context)?.code).toBe('too-short');
    expect(passwordProblem('村口的老槐树开花了', context)?.code).toBe('too-short');
    expect(passwordProblem('abcdefgh9x', context)).toBeNull();
  });

  it('refuses more than 128 characters', () => {
    expect(passwordProblem('ab'.repeat(64), context)).toBeNull();
    expect(passwordProblem('ab'.repeat(64) + 'c', context)?.code).toBe('too-long');
  });

  it('refuses a common password in any case or width', () => {
    expect(passwordProblem('woaini1314', context)?.code).toBe('common');
    expect(passwordProblem('1QAZ2WSX3EDC', context)?.code).toBe('common');
    expect(passwordProblem('ｐａｓｓｗｏｒｄ１２３', context)?.code).toBe('common');
    expect(passwordProblem('woaini1314 forever', context)).toBeNull();
  });

  it('refuses a password containing the account’s mobile number, with or without separators or +86', () => {
    expect(passwordProblem('zs13800138000', context)?.code).toBe('contains-mobile');
    expect(passwordProblem('138-0013-8000 ok', context)?.code).toBe('contains-mobile');
    expect(passwordProblem('zs13800138000', { mobile: '+86 138 0013 8000' })?.code).toBe('contains-mobile');
    expect(passwordProblem('zs13800138001', context)).toBeNull();
    expect(passwordProblem('zs13800138000', {})).toBeNull();
    expect(passwordProblem('tea on the hill', { mobile: '' })).toBeNull();
    // a placeholder such as 暂无 or 0 in the mobile field must not match every password with a digit
    expect(passwordProblem('meet at 10 by the well', { mobile: '暂无' })).toBeNull();
    expect(passwordProblem('meet at 10 by the well', { mobile: '0' })).toBeNull();
  });

  it('refuses the account’s name with digits or symbols added, or repeated', () => {
    expect(passwordProblem('张三19800101', context)?.code).toBe('is-name');
    expect(passwordProblem('张三张三张三张三张三', context)?.code).toBe('is-name');
    expect(passwordProblem('Zhang San 2024!', { name: 'zhang san' })?.code).toBe('is-name');
    expect(passwordProblem('张三家的大黄狗2024', context)).toBeNull();
    expect(passwordProblem('Zhang San 2024!', { name: '李四' })).toBeNull();
  });

  it('refuses one character repeated', () => {
    expect(passwordProblem('zzzzzzzzzzzz', context)?.code).toBe('one-character');
    expect(passwordProblem('好好好好好好好好好好', context)?.code).toBe('one-character');
    expect(passwordProblem('zzzzzzzzzzzy', context)).toBeNull();
  });

  it('refuses a run of consecutive digits either way, wrapping past 9', () => {
    expect(passwordProblem('12345678901', context)?.code).toBe('sequential-digits');
    expect(passwordProblem('34567890123', context)?.code).toBe('sequential-digits');
    expect(passwordProblem('3210987654', context)?.code).toBe('sequential-digits');
    expect(passwordProblem('1234567891', context)).toBeNull();
    expect(passwordProblem('1357913579', context)).toBeNull();
  });

  it('gives each refusal a Chinese message with an English one alongside', () => {
    const refused = passwordProblem('short', context);
    expect(refused?.message).toMatch(/[\u4e00-\u9fff]/);
    expect(refused?.messageEn).toMatch(/at least 10 characters/);
  });
});
