import type { Action } from '../data/accounts/permissions.ts';
import { tokenAllows, tokenPublishes } from '../data/accounts/token-permissions.ts';
import type { Division } from '../data/region.ts';
import type { Store, TokenRecord } from '../data/store/store.ts';
import { hashToken } from '../data/token.ts';
import type { Failure } from './http-errors.ts';

/**
 * Who a token is, and what it may do for which village: the table decides
 * (data/accounts/token-permissions.ts). A token's scope is a division code; it covers every
 * village whose code starts with it, so a township token publishes for all its villages.
 */

export type AuthResult = { ok: true; token: TokenRecord } | { ok: false; failure: Failure };

export type VillageResult = { ok: true; village: Division } | { ok: false; failure: Failure };

/** `now`: expired tokens (made in the console with an expiry) answer as unknown ones, as revoked ones do. */
export async function authenticate(store: Pick<Store, 'findTokenByHash'>, authorization: string | undefined, now: Date = new Date()): Promise<AuthResult> {
  if (authorization === undefined || authorization.trim() === '') {
    return { ok: false, failure: { kind: 'unauthenticated', reason: 'missing' } };
  }
  const match = /^Bearer[ \t]+([\x21-\x7e]{1,512})[ \t]*$/i.exec(authorization);
  if (!match?.[1]) return { ok: false, failure: { kind: 'unauthenticated', reason: 'malformed' } };
  const token = await store.findTokenByHash(hashToken(match[1]));
  if (!token || token.revokedAt || (token.expiresAt && token.expiresAt <= now.toISOString())) return { ok: false, failure: { kind: 'unauthenticated', reason: 'unknown' } };
  return { ok: true, token };
}

/** The village a request names, if it exists and is a village (not a township or county). */
export async function findVillage(store: Pick<Store, 'getDivision'>, code: string): Promise<VillageResult> {
  if (!/^\d{12}$/.test(code)) return { ok: false, failure: { kind: 'village-not-found', code: code.slice(0, 40) } };
  const division = await store.getDivision(code);
  if (!division || division.level !== 'village') return { ok: false, failure: { kind: 'village-not-found', code } };
  return { ok: true, village: division };
}

/** Whether the token may take `action` for the village, by the table (data/accounts/token-permissions.ts). */
export function authorise(token: TokenRecord, village: Division, action: Action): Failure | null {
  return tokenAllows(token, action, village.code).ok ? null : { kind: 'forbidden', village: village.code };
}

/**
 * A request that writes for a village, checked in the order a client can fix it: who you are
 * (401), the village (404), whether you may (403) — by default whether the token publishes there
 * at all; the upload route asks again for the kind once it has read it.
 */
export async function villageWriter(
  store: Store,
  authorization: string | undefined,
  code: string,
  action?: Action,
): Promise<{ ok: true; token: TokenRecord; village: Division } | { ok: false; failure: Failure }> {
  const auth = await authenticate(store, authorization);
  if (!auth.ok) return auth;
  const found = await findVillage(store, code);
  if (!found.ok) return found;
  const allowed = action === undefined ? tokenPublishes(auth.token, found.village.code).ok : tokenAllows(auth.token, action, found.village.code).ok;
  return allowed ? { ok: true, token: auth.token, village: found.village } : { ok: false, failure: { kind: 'forbidden', village: found.village.code } };
}
