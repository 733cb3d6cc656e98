import { resolve } from 'node:path';
import { z } from 'zod';

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
    .regex(/^\d{2}(\d{2})?(0{2})?(0{2})?$/, 'a province or prefecture code such as 43 / 430000 or 4308 / 430800')
    .default('430800'),
  PORTAL_BASE_URL: z.url().optional(),
  /** how unmasked ID numbers are masked before storage: digits kept at the start and the end */
  PORTAL_ID_MASK: z
    .string()
    .regex(/^\d{1,2},\d{1,2}$/, 'two numbers, kept at the start and at the end, e.g. 6,4')
    .default('6,4'),
  PORTAL_BODY_LIMIT_MB: z.coerce.number().positive().max(200).default(20),
  PORTAL_MAX_PHOTO_PIXELS: z.coerce.number().int().positive().default(40_000_000),
  /** load the demo region's sample publications into an empty data folder */
  PORTAL_DEMO: z.enum(['0', '1', 'true', 'false']).default('1'),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** normalised region code: 2 digits (province) or 4 (prefecture) */
  region: string;
  baseUrl: string;
  idMask: { keepStart: number; keepEnd: number };
  bodyLimitBytes: number;
  maxPhotoPixels: number;
  demo: boolean;
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
  return {
    ok: true,
    config: {
      port: e.PORT,
      host: e.HOST,
      dataDir: resolve(cwd, e.PORTAL_DATA_DIR ?? 'portal-data'),
      region: normaliseRegion(e.PORTAL_REGION),
      baseUrl: (e.PORTAL_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
      idMask: { keepStart, keepEnd },
      bodyLimitBytes: Math.round(e.PORTAL_BODY_LIMIT_MB * 1024 * 1024),
      maxPhotoPixels: e.PORTAL_MAX_PHOTO_PIXELS,
      demo: e.PORTAL_DEMO === '1' || e.PORTAL_DEMO === 'true',
    },
  };
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

/** 430800 → 4308, 430000 → 43: trailing zero pairs are not part of the code. */
function normaliseRegion(code: string): string {
  let c = code;
  while (c.length > 2 && c.endsWith('00')) c = c.slice(0, -2);
  return c;
}
