import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { isCommonPassword } from './common-passwords.ts';

/**
 * Officials' passwords.
 *
 * Storage: scrypt, because it is memory-hard (a GPU or ASIC rig pays for every guess in RAM, not
 * only in cycles) and ships with Node, so no native dependency. Each password gets its own random
 * 16-byte salt, so equal passwords give unrelated hashes and no table can be precomputed. The
 * record carries the algorithm and every parameter, so the defaults can be raised later: old
 * records still verify with the parameters they were made with, and needsRehash tells the login
 * code to store a fresh hash while it still holds the plain password.
 *
 * Text is NFKC-normalised before hashing and checking (NIST SP 800-63B 5.1.1.2), so a password
 * typed with a Chinese input method left in full-width mode (ａｂｃ１２３) is the same password
 * as its half-width form.
 *
 * Policy (passwordProblem), after NIST SP 800-63B: length and a deny list, no composition rules
 * ("one capital, one digit, one symbol") and no forced periodic changes — those rules push people
 * to Password1! and to passwords written on the office wall, and add little entropy. Refused:
 * - fewer than 10 characters: the minimum that lets a short phrase through yet keeps an online
 *   guesser, throttled by the login route, far from the space of likely choices;
 * - more than 128 characters: generous for passphrases and password managers, and bounds the
 *   work of hashing hostile input;
 * - the most common passwords (common-passwords.ts), in any case or width;
 * - the account's own mobile number anywhere among its digits (138 0013 8000 counts): the number
 *   is printed on village notice boards, so it is the first thing a neighbour would try;
 * - the account's name, possibly repeated, with digits or punctuation added (张三19800101,
 *   Zhang San 2024): no pinyin conversion is attempted, only the name as it is written;
 * - one character repeated, and a run of consecutive digits either way (1234567890, 3210987654),
 *   as these are what people type to get past a length rule.
 */

const SALT_BYTES = 16;

/** scrypt's parameters. N is a power of two; memory is about 128·N·r bytes (32 MiB for the defaults). */
export const ScryptParams = z.object({
  N: z
    .number()
    .int()
    .min(2 ** 10)
    .max(2 ** 20)
    .refine((n) => (n & (n - 1)) === 0, 'N must be a power of two'),
  r: z.number().int().min(1).max(32),
  p: z.number().int().min(1).max(16),
  keyLength: z.number().int().min(16).max(128),
});
export type ScryptParams = z.infer<typeof ScryptParams>;

/** What the accounts store: enough to verify the password and to tell whether it needs rehashing. */
export const PasswordRecord = z
  .object({
    algorithm: z.literal('scrypt'),
    ...ScryptParams.shape,
    salt: z.base64(),
    hash: z.base64(),
  })
  .refine((rec) => Buffer.from(rec.salt, 'base64').length >= SALT_BYTES, {
    message: `salt must be at least ${SALT_BYTES} bytes`,
    path: ['salt'],
  })
  .refine((rec) => Buffer.from(rec.hash, 'base64').length === rec.keyLength, {
    message: 'hash must be keyLength bytes',
    path: ['hash'],
  });
export type PasswordRecord = z.infer<typeof PasswordRecord>;

/**
 * N=2^15, r=8, p=1 (32 MiB per hash): twice the cost scrypt's paper suggests for interactive logins
 * (2^14), yet cheap enough that a county's officials logging in at 8 a.m. do not queue. A 32-byte key
 * is as strong as anything that will compare against it.
 */
/** OWASP's scrypt equivalents (Password Storage Cheat Sheet): N=2^15, r=8, p=3 costs 32 MiB a hash like p=1, three times the work. */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 3, keyLength: 32 };

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 128;

function normalise(plain: string): string {
  return plain.normalize('NFKC');
}

/** Node refuses scrypt above maxmem (32 MiB by default, just below what N=2^15, r=8 needs), so allow twice the need. */
function derive(plain: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const { N, r, p, keyLength } = params;
  const maxmem = 2 * 128 * N * r + 128 * r * p;
  return new Promise((resolve, reject) => {
    scrypt(normalise(plain), salt, keyLength, { N, r, p, maxmem }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** A new record for the password, with a fresh salt. */
export async function hashPassword(plain: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<PasswordRecord> {
  const checked = ScryptParams.parse(params);
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(plain, salt, checked);
  return { algorithm: 'scrypt', ...checked, salt: salt.toString('base64'), hash: key.toString('base64') };
}

/** Whether the password matches the record, compared in constant time so timing does not reveal how much of the hash matched. */
export async function verifyPassword(plain: string, stored: PasswordRecord): Promise<boolean> {
  const expected = Buffer.from(stored.hash, 'base64');
  const key = await derive(plain, Buffer.from(stored.salt, 'base64'), stored);
  // timingSafeEqual throws on unequal lengths; a record whose hash is not keyLength bytes matches nothing
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** Whether the record was made with other parameters than the current ones (the login code then stores a fresh hash). */
export function needsRehash(stored: PasswordRecord, current: ScryptParams = DEFAULT_SCRYPT): boolean {
  return (
    stored.algorithm !== 'scrypt' ||
    stored.N !== current.N ||
    stored.r !== current.r ||
    stored.p !== current.p ||
    stored.keyLength !== current.keyLength ||
    Buffer.from(stored.salt, 'base64').length < SALT_BYTES
  );
}

export const PasswordProblemCode = z.enum([
  'too-long',
  'too-short',
  'one-character',
  'sequential-digits',
  'common',
  'contains-mobile',
  'is-name',
]);
export type PasswordProblemCode = z.infer<typeof PasswordProblemCode>;
export type PasswordProblem = { code: PasswordProblemCode; message: string; messageEn: string };

const MESSAGES: Record<PasswordProblemCode, { message: string; messageEn: string }> = {
  'too-long': {
    message: `密码不能超过 ${MAX_PASSWORD_LENGTH} 个字符。`,
    messageEn: `A password may have at most ${MAX_PASSWORD_LENGTH} characters.`,
  },
  'too-short': {
    message: `密码至少需要 ${MIN_PASSWORD_LENGTH} 个字符；几个词连成一句好记的话就很好。`,
    messageEn: `A password needs at least ${MIN_PASSWORD_LENGTH} characters; a memorable phrase of a few words works well.`,
  },
  'one-character': {
    message: '密码不能由同一个字符重复组成。',
    messageEn: 'A password cannot be one character repeated.',
  },
  'sequential-digits': {
    message: '密码不能是一串连续的数字（如 1234567890）。',
    messageEn: 'A password cannot be a run of consecutive digits (like 1234567890).',
  },
  common: {
    message: '这是最常被猜中的密码之一，请换一个。',
    messageEn: 'This is one of the most commonly guessed passwords; please choose another.',
  },
  'contains-mobile': {
    message: '密码不能包含本人的手机号。',
    messageEn: 'A password cannot contain your mobile number.',
  },
  'is-name': {
    message: '密码不能只是本人的姓名加数字或符号。',
    messageEn: 'A password cannot be just your name with digits or symbols.',
  },
};

function problem(code: PasswordProblemCode): PasswordProblem {
  return { code, ...MESSAGES[code] };
}

/** Digits that each follow the one before by +1, or each by −1, wrapping 9→0 as on a keyboard row. */
function isSequentialDigits(text: string): boolean {
  if (!/^\d{2,}$/.test(text)) return false;
  const steps = new Set<number>();
  for (let i = 1; i < text.length; i++) steps.add((Number(text[i]) - Number(text[i - 1]) + 10) % 10);
  return steps.size === 1 && (steps.has(1) || steps.has(9));
}

/** The subscriber number of a Chinese mobile without +86 or separators, or null when too short to be meaningful. */
function mobileDigits(mobile: string | undefined): string | null {
  if (!mobile) return null;
  let digits = normalise(mobile).replace(/\D/g, '');
  if (digits.length === 13 && digits.startsWith('86')) digits = digits.slice(2);
  // an empty or short string would match inside every password
  return digits.length >= 7 ? digits : null;
}

/** Whether the password's letters are only the name, once or repeated (ignoring digits, spaces, symbols and case). */
function isNameVariant(text: string, name: string | undefined): boolean {
  if (!name) return false;
  const key = normalise(name).toLowerCase().replace(/[^\p{L}]/gu, '');
  if (key.length < 2) return false;
  const letters = text.toLowerCase().replace(/[^\p{L}]/gu, '');
  if (letters.length === 0 || letters.length % key.length !== 0) return false;
  return letters === key.repeat(letters.length / key.length);
}

/** Why the password may not be chosen, or null when it may. The context is the account's own name and mobile. */
export function passwordProblem(plain: string, context: { name?: string; mobile?: string }): PasswordProblem | null {
  const text = normalise(plain);
  const length = [...text].length;
  if (length > MAX_PASSWORD_LENGTH) return problem('too-long');
  if (length < MIN_PASSWORD_LENGTH) return problem('too-short');
  if (new Set(text).size === 1) return problem('one-character');
  if (isSequentialDigits(text)) return problem('sequential-digits');
  if (isCommonPassword(text)) return problem('common');
  const mobile = mobileDigits(context.mobile);
  if (mobile && text.replace(/\D/g, '').includes(mobile)) return problem('contains-mobile');
  if (isNameVariant(text, context.name)) return problem('is-name');
  return null;
}
