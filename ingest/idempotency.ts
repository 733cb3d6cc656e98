import { createHash } from 'node:crypto';
import { fieldIssue } from './envelope.ts';
import type { Failure } from './http-errors.ts';
import type { UploadParams } from './upload.ts';

/**
 * Idempotency-Key support: a client on a flaky village connection can retry an upload and is
 * told about the one publication the first attempt made, instead of making a second version.
 */

export type KeyResult = { ok: true; key: string | null } | { ok: false; failure: Failure };

/**
 * Keys are opaque to us; printable ASCII, 1–255 characters (a UUID is typical). `min`: a filing
 * answered again with its tracking code needs a key nobody else can guess, so the complaint API
 * asks for at least 16 characters; an upload's key is scoped to its token.
 */
export function readIdempotencyKey(header: string | undefined, min = 1): KeyResult {
  if (header === undefined) return { ok: true, key: null };
  const key = header.trim();
  if (key.length >= min && /^[\x21-\x7e]{1,255}$/.test(key)) return { ok: true, key };
  return {
    ok: false,
    failure: {
      kind: 'bad-request',
      issues: [fieldIssue('idempotency-key-invalid', 'Idempotency-Key', `Idempotency-Key 须为 ${min}–255 个可打印 ASCII 字符`, `Idempotency-Key must be ${min}–255 printable ASCII characters`)],
    },
  };
}

/**
 * What makes two requests "the same": method, path, the effective parameters in a fixed order,
 * and the exact body bytes. Parameters are taken after parsing so `?dryRun=0` and no dryRun agree.
 */
export function requestHash(method: string, path: string, params: UploadParams, body: Uint8Array): string {
  const query = [
    ['kind', params.kind],
    ['period', params.period ?? ''],
    ['programme', params.programme ?? ''],
    ['dryRun', params.dryRun ? '1' : '0'],
    // only when given, so the requests hashed before it existed hash as they did
    ...(params.confirmPlace ? [['confirmPlace', '1']] : []),
  ]
    .map(([k, v]) => `${k}=${encodeURIComponent(v ?? '')}`)
    .join('&');
  return createHash('sha256').update(`${method.toUpperCase()}\n${path}\n${query}\n`, 'utf8').update(body).digest('hex');
}
