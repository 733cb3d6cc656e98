import { resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_COMPLAINT_CATEGORIES } from './complaints/complaint.ts';
import type { Deadlines } from './complaints/deadlines.ts';
import { MAX_DISPATCH_DAYS } from './complaints/complaint-facts.ts';
import { publicNumberKey } from './privacy/personal-numbers.ts';

/**
 * The one place that reads the environment. Parsed with zod at start-up; a bad value stops the
 * process with a message that says which variable and what it should look like.
 */
const Env = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(4321),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORTAL_DATA_DIR: z.string().min(1).optional(),
  PORTAL_REGION: z
    .string()
    .regex(/^\d{2}(\d{2})?(0{2})?(0{2})?$/, 'a province or prefecture code such as 43 / 430000 or 4308 / 430800, or 000000 for the whole country')
    .default('430800'),
  PORTAL_BASE_URL: z.url().optional(),
  /** the transparency log's name, fixed when its key is first made (then kept with the key) */
  PORTAL_LOG_ORIGIN: z
    .string()
    .regex(/^[^\s+]+$/, 'one word without spaces or "+", such as cunwu.example.cn/log')
    .max(200)
    .optional(),
  /** how unmasked ID numbers are masked before storage: digits kept at the start and the end */
  PORTAL_ID_MASK: z
    .string()
    .regex(/^\d{1,2},\d{1,2}$/, 'two numbers, kept at the start and at the end, e.g. 6,4')
    .default('6,4'),
  PORTAL_BODY_LIMIT_MB: z.coerce.number().positive().max(200).default(20),
  /** quantity × rate may be this many fen off a payout list's amount with a warning, not a refusal (0: exact) */
  PORTAL_AMOUNT_TOLERANCE_FEN: z.coerce.number().int().min(0).max(100).default(5),
  PORTAL_MAX_PHOTO_PIXELS: z.coerce.number().int().positive().default(40_000_000),
  /** load the demo region's sample publications into an empty data folder */
  PORTAL_DEMO: z.enum(['0', '1', 'true', 'false']).default('1'),
  /** printed on every QR poster: `label:number` pairs separated by `;` */
  PORTAL_SUPERVISION_PHONES: z.string().optional().transform(parseSupervisionPhones),
  /** other hotlines published on purpose (printed in footers, not on the poster), separated by , or 、 */
  PORTAL_PUBLIC_PHONES: z.string().optional().transform(parsePublicPhones),
  /** complaint categories, separated by , or 、 */
  PORTAL_COMPLAINT_CATEGORIES: z.string().optional(),
  /** working days the office has to dispatch a complaint, and calendar days the department has to answer */
  PORTAL_COMPLAINT_DISPATCH_DAYS: z.coerce.number().int().min(1).max(MAX_DISPATCH_DAYS).default(2),
  PORTAL_COMPLAINT_ANSWER_DAYS: z.coerce.number().int().min(1).max(90).default(15),
  /** complaints one client (address) may file per hour, and tracking-code lookups per minute */
  PORTAL_COMPLAINTS_PER_HOUR: z.coerce.number().int().min(1).max(1_000_000).default(20),
  PORTAL_LOOKUPS_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(30),
  /** reverse proxies whose X-Forwarded-For is believed, comma-separated addresses; none by default */
  PORTAL_TRUSTED_PROXIES: z.string().optional(),
  /** Open311 api_keys, comma-separated; set, filing over Open311 needs one of them (reads never do) */
  PORTAL_OPEN311_KEYS: z.string().optional().transform(parseOpen311Keys),
  /**
   * A PostgreSQL database for a province or the nation (postgres://user@host:port/db); unset, the
   * embedded SQLite file in the data folder (docs/postgresql.md says what runs on PostgreSQL yet)
   */
  PORTAL_DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || /^postgres(ql)?:\/\/[^\s]+$/.test(v), '须为 postgres:// 地址 / must be a postgres:// URL'),
});

export interface SupervisionPhone {
  /** who answers: 县纪委监委, 乡镇纪委, 举报电话 */
  label: string;
  /** as printed: digits with an optional area-code hyphen, 0744-8888888 or 12388 */
  number: string;
}

/** 12388 is the national hotline of the discipline inspection and supervision commissions (纪检监察). */
export const DEFAULT_SUPERVISION_PHONES: readonly SupervisionPhone[] = [{ label: '纪检监察举报电话', number: '12388' }];

/** A poster has room for this many numbers. */
export const MAX_SUPERVISION_PHONES = 4;

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** PORTAL_DATABASE_URL: the PostgreSQL store, or null for the embedded SQLite file */
  databaseUrl: string | null;
  /** normalised region code: 2 digits (province), 4 (prefecture), or '' (the whole country: PORTAL_REGION=000000) */
  region: string;
  baseUrl: string;
  /**
   * The name a new transparency-log key gets (PORTAL_LOG_ORIGIN, else `<host of baseUrl>/log`).
   * Used only when the key is made: the key file keeps its origin for good. Optional so that a
   * Config built by hand still works: `defaultLogOrigin(baseUrl)` then applies.
   */
  logOrigin?: string;
  idMask: { keepStart: number; keepEnd: number };
  /** PORTAL_AMOUNT_TOLERANCE_FEN; optional so that a Config built by hand still works (then 0: exact) */
  amountToleranceFen?: number;
  bodyLimitBytes: number;
  maxPhotoPixels: number;
  demo: boolean;
  /** the supervision phone numbers printed on the QR posters */
  supervisionPhones: SupervisionPhone[];
  /**
   * Every number published on purpose, normalised to its digits (a mobile without +86): the
   * supervision phones and PORTAL_PUBLIC_PHONES. Only these stay unmasked in uploads, and the
   * privacy audit allows only these.
   */
  publicPhones: string[];
  complaints: {
    categories: string[];
    deadlines: Deadlines;
    perHour: number;
    lookupsPerMinute: number;
  };
  /** addresses of reverse proxies whose X-Forwarded-For is believed (rate limits key on the client's address) */
  trustedProxies: string[];
  /**
   * PORTAL_OPEN311_KEYS: the api_keys Open311 filing accepts; empty (or absent, for a Config built
   * by hand), filing needs none, as on the village page.
   */
  open311?: { apiKeys: string[] };
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; message: string };

export function parseConfig(env: Record<string, string | undefined>, cwd: string): ConfigResult {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    return { ok: false, message: `环境变量有误 / invalid environment:\n${lines.join('\n')}` };
  }
  const e = parsed.data;
  const [keepStart, keepEnd] = e.PORTAL_ID_MASK.split(',').map(Number) as [number, number];
  const baseUrl = (e.PORTAL_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  return {
    ok: true,
    config: {
      port: e.PORT,
      host: e.HOST,
      dataDir: resolve(cwd, e.PORTAL_DATA_DIR ?? 'portal-data'),
      databaseUrl: e.PORTAL_DATABASE_URL ?? null,
      region: normaliseRegion(e.PORTAL_REGION),
      baseUrl,
      logOrigin: e.PORTAL_LOG_ORIGIN ?? defaultLogOrigin(baseUrl),
      idMask: { keepStart, keepEnd },
      amountToleranceFen: e.PORTAL_AMOUNT_TOLERANCE_FEN,
      bodyLimitBytes: Math.round(e.PORTAL_BODY_LIMIT_MB * 1024 * 1024),
      maxPhotoPixels: e.PORTAL_MAX_PHOTO_PIXELS,
      demo: e.PORTAL_DEMO === '1' || e.PORTAL_DEMO === 'true',
      supervisionPhones: e.PORTAL_SUPERVISION_PHONES,
      publicPhones: [...new Set([...e.PORTAL_SUPERVISION_PHONES.map((p) => p.number), ...e.PORTAL_PUBLIC_PHONES].flatMap((n) => publicNumberKey(n) ?? []))],
      complaints: {
        categories: list(e.PORTAL_COMPLAINT_CATEGORIES) ?? [...DEFAULT_COMPLAINT_CATEGORIES],
        deadlines: { dispatchWorkingDays: e.PORTAL_COMPLAINT_DISPATCH_DAYS, answerDays: e.PORTAL_COMPLAINT_ANSWER_DAYS },
        perHour: e.PORTAL_COMPLAINTS_PER_HOUR,
        lookupsPerMinute: e.PORTAL_LOOKUPS_PER_MINUTE,
      },
      trustedProxies: list(e.PORTAL_TRUSTED_PROXIES) ?? [],
      open311: { apiKeys: e.PORTAL_OPEN311_KEYS },
    },
  };
}

/** The C2SP origin of the portal's log: its public host (with the port, if any) and `/log`. */
export function defaultLogOrigin(baseUrl: string): string {
  return `${new URL(baseUrl).host}/log`;
}

let cached: Config | undefined;

/** The process configuration; exits with a friendly message when the environment is wrong. */
export function config(): Config {
  if (cached) return cached;
  const result = parseConfig(process.env, process.cwd());
  if (!result.ok) {
    console.error(result.message);
    process.exit(78); // EX_CONFIG
  }
  cached = result.config;
  return cached;
}

/**
 * `县纪委监委:0744-8888888;举报电话:12388` → label/number pairs. Full-width ：and ；are accepted
 * too, since the value is often typed with a Chinese input method. Unset or blank: the default.
 */
function parseSupervisionPhones(value: string | undefined, ctx: z.RefinementCtx): SupervisionPhone[] {
  if (value === undefined || value.trim() === '') return DEFAULT_SUPERVISION_PHONES.map((p) => ({ ...p }));
  const phones: SupervisionPhone[] = [];
  const entries = value.split(/[;；]/).map((e) => e.trim()).filter((e) => e !== '');
  for (const entry of entries) {
    const match = /^([^:：]+)[:：]\s*([0-9][0-9 -]*[0-9])$/.exec(entry);
    const label = match?.[1]?.trim() ?? '';
    const number = match?.[2]?.replace(/\s+/g, '') ?? '';
    if (!match || label === '' || label.length > 20 || !/^\d+(-\d+)*$/.test(number) || number.replace(/-/g, '').length < 3 || number.length > 20) {
      ctx.addIssue({
        code: 'custom',
        message: `“${entry}”应写成“名称:号码”，号码只含数字和连字符，如 县纪委监委:0744-8888888 / "${entry}" should be "label:number", the number digits and hyphens only, e.g. 县纪委监委:0744-8888888`,
      });
      return [];
    }
    phones.push({ label, number });
  }
  if (phones.length > MAX_SUPERVISION_PHONES) {
    ctx.addIssue({ code: 'custom', message: `最多 ${MAX_SUPERVISION_PHONES} 个电话 / at most ${MAX_SUPERVISION_PHONES} numbers (got ${phones.length})` });
    return [];
  }
  return phones;
}

/**
 * `0744-8101000、(0744) 3256110, +86 138 2609 2975` → the numbers as written. Any grouping and
 * width an official might type is accepted; an entry with letters or without 3 digits is refused.
 */
function parsePublicPhones(value: string | undefined, ctx: z.RefinementCtx): string[] {
  const entries = (value ?? '').split(/[,，、;；]/).map((e) => e.trim()).filter((e) => e !== '');
  for (const entry of entries) {
    const digits = publicNumberKey(entry);
    if (/^[0-9０-９\s+＋\-–—－.．/／()（）·]+$/.test(entry) && digits !== null && digits.length <= 20) continue;
    ctx.addIssue({
      code: 'custom',
      message: `“${entry}”不是电话号码：号码只含数字、空格、连字符和括号，多个号码用逗号或顿号分隔，如 0744-8101000、0744-3256110 / "${entry}" is not a phone number: digits, spaces, hyphens and brackets only, numbers separated by commas, e.g. 0744-8101000,0744-3256110`,
    });
    return [];
  }
  return entries;
}

/** An Open311 key is a shared secret sent in form posts: long enough not to be guessed, and URL-safe. */
const OPEN311_KEY = /^[A-Za-z0-9._~-]{16,200}$/;

/** `key1,key2` → the keys; unset or blank → none (filing needs no key). */
function parseOpen311Keys(value: string | undefined, ctx: z.RefinementCtx): string[] {
  const keys = (value ?? '').split(',').map((k) => k.trim()).filter((k) => k !== '');
  const bad = keys.find((k) => !OPEN311_KEY.test(k));
  if (bad !== undefined) {
    ctx.addIssue({
      code: 'custom',
      message: `api_key “${bad.slice(0, 4)}…”须为 16 到 200 个字母、数字或 . _ ~ -，多个用逗号分隔 / each api_key must be 16 to 200 letters, digits or . _ ~ -, keys separated by commas`,
    });
    return [];
  }
  return [...new Set(keys)];
}

/** `a, b、c` → ['a', 'b', 'c']; unset or blank → null */
function list(value: string | undefined): string[] | null {
  const items = (value ?? '').split(/[,，、]/).map((v) => v.trim()).filter((v) => v !== '');
  return items.length === 0 ? null : items;
}

/** 430800 → 4308, 430000 → 43: trailing zero pairs are not part of the code; 000000 → '' (the whole country). */
function normaliseRegion(code: string): string {
  let c = code;
  while (c.length > 2 && c.endsWith('00')) c = c.slice(0, -2);
  return c === '00' ? '' : c;
}
