import { covers, type Division } from '../data/region.ts';
import type { Store, TokenRecord } from '../data/store/store.ts';
import { hashToken } from '../data/token.ts';
import type { Failure } from './http-errors.ts';

/**
 * Who may publish for which village. A token's scope is a division code; it covers every
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
export async function findVillage(store: Store, code: string): Promise<VillageResult> {
  if (!/^\d{12}$/.test(code)) return { ok: false, failure: { kind: 'village-not-found', code: code.slice(0, 40) } };
  const division = await store.getDivision(code);
  if (!division || division.level !== 'village') return { ok: false, failure: { kind: 'village-not-found', code } };
  return { ok: true, village: division };
}

export function authorise(token: TokenRecord, village: Division): Failure | null {
  return covers(token.scope, village.code) ? null : { kind: 'forbidden', village: village.code };
}

/** A request that writes for a village, checked in the order a client can fix it: who you are (401), the village (404), whether you may (403). */
export async function villageWriter(
  store: Store,
  authorization: string | undefined,
  code: string,
): Promise<{ ok: true; token: TokenRecord; village: Division } | { ok: false; failure: Failure }> {
  const auth = await authenticate(store, authorization);
  if (!auth.ok) return auth;
  const found = await findVillage(store, code);
  if (!found.ok) return found;
  const denied = authorise(auth.token, found.village);
  return denied ? { ok: false, failure: denied } : { ok: true, token: auth.token, village: found.village };
}
