import { createHmac } from 'node:crypto';
import { maskIdNumber } from '../personal-data.ts';
import type { BeneficiaryKey } from '../store/store.ts';
import { cellText, type Cell } from './grid.ts';

/**
 * Keyed fingerprints of subsidy beneficiaries, made at import before the ID number is masked, so
 * that the same person on two lists (in two villages) can be found while no ID number is kept. A
 * keyed HMAC rather than a plain hash: there are few enough ID numbers that a plain hash of one
 * could be reversed by trying them all.
 */

/** HMAC-SHA-256 (hex) of a full ID number, normalised (18 characters upper case, or 15 digits). */
export function beneficiaryKey(key: Uint8Array, idNumber: string): string {
  const id = fullIdNumber(idNumber);
  if (id === null) throw new RangeError('not a full ID number');
  return hmac(key, id);
}

/**
 * For a list that arrives masked: HMAC of the name with the visible head and tail of the ID
 * (张三|430821|7201). Weaker than the full number — two people can share all three — so it is
 * kept apart (`match: 'name-masked-id'`) and rules treat a hit as worth a look, not as the same person.
 */
export function maskedBeneficiaryKey(key: Uint8Array, name: string, maskedId: string): string {
  const id = maskedId.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  const head = /^[^*]*/.exec(id)?.[0] ?? '';
  const tail = /[^*]*$/.exec(id)?.[0] ?? '';
  return hmac(key, `${name.normalize('NFKC').replace(/\s+/g, '')}|${head}|${tail}`);
}

/** The full ID number in a cell, normalised; null when it is empty, masked, malformed or lost digits in Excel. */
export function fullIdNumber(raw: Cell | undefined): string | null {
  if (typeof raw === 'number') return Number.isSafeInteger(raw) && /^\d{15}$/.test(String(raw)) ? String(raw) : null;
  const id = cellText(raw ?? null).normalize('NFKC').replace(/^'/, '').replace(/[\s-]/g, '').toUpperCase();
  return /^\d{17}[\dX]$/.test(id) || /^\d{15}$/.test(id) ? id : null;
}

/** A row's fingerprint: of the full ID, else of the name and the masked ID, else none. */
export function rowBeneficiaryKey(key: Uint8Array | undefined, row: number, name: string | null, raw: Cell | undefined): BeneficiaryKey | null {
  if (key === undefined) return null;
  const full = fullIdNumber(raw);
  if (full !== null) return { row, key: hmac(key, full), match: 'id' };
  if (name === null || name.trim() === '') return null;
  const masked = maskIdNumber(raw ?? null, { keepStart: 6, keepEnd: 4 });
  return masked.kind === 'already-masked' ? { row, key: maskedBeneficiaryKey(key, name, masked.value), match: 'name-masked-id' } : null;
}

// ——— private helpers ———

function hmac(key: Uint8Array, text: string): string {
  return createHmac('sha256', key).update(text, 'utf8').digest('hex');
}
