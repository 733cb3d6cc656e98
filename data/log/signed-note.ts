import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { fromBase64, toBase64 } from './base64.ts';

/**
 * C2SP signed notes (https://c2sp.org/signed-note) with Ed25519 signatures (type 0x01), the
 * envelope of a checkpoint. Compatible with golang.org/x/mod/sumdb/note: the same key, name and
 * text give byte-for-byte the same note (Ed25519 is deterministic).
 *
 *     <text ending in \n>
 *     <blank line>
 *     — <key name> base64(key ID ‖ signature)
 */

/** A key that signs notes: the Ed25519 private key and the name its signature lines carry. */
export interface NoteSigner {
  name: string;
  key: KeyObject;
}

/** A key a reader trusts, as parsed from a verifier key string (`verifierKey`). */
export interface NoteVerifier {
  name: string;
  keyId: number;
  publicKey: KeyObject;
}

export type NoteFailure =
  /** not a signed note: control characters, no blank line before the signatures, a bad signature line */
  | 'malformed-note'
  /** the verifier key string is not `<name>+<8 hex>+<base64(0x01 ‖ 32-byte key)>` or its ID does not match */
  | 'malformed-key'
  /** no signature by a trusted key (a wrong key is an unknown key: its ID differs) */
  | 'no-trusted-signature'
  /** a trusted key's signature does not verify: the text was changed after signing */
  | 'bad-signature';

export type NoteResult =
  /** signedBy: `<name>+<hex key ID>` of each trusted key whose signature verified */
  | { ok: true; text: string; signedBy: string[] }
  | { ok: false; reason: NoteFailure; detail: string };

/** key ID = SHA-256(key name ‖ 0x0A ‖ 0x01 ‖ 32-byte Ed25519 public key)[:4], big-endian. */
export function noteKeyId(name: string, publicKey: Uint8Array): number {
  const digest = createHash('sha256').update(name, 'utf8').update(Uint8Array.of(0x0a, ED25519)).update(publicKey).digest();
  return digest.readUInt32BE(0);
}

/** The verifier key string readers are given: `<name>+<hex key ID>+<base64(0x01 ‖ public key)>`. */
export function verifierKey(name: string, key: KeyObject): string {
  checkName(name);
  const publicKey = rawPublicKey(key);
  return `${name}+${hex8(noteKeyId(name, publicKey))}+${toBase64(Uint8Array.of(ED25519, ...publicKey))}`;
}

export function parseVerifierKey(vkey: string): { ok: true; verifier: NoteVerifier } | { ok: false; reason: 'malformed-key'; detail: string } {
  const bad = (detail: string) => ({ ok: false as const, reason: 'malformed-key' as const, detail });
  // the base64 may itself contain '+', so split at the first two only
  const first = vkey.indexOf('+');
  const second = first < 0 ? -1 : vkey.indexOf('+', first + 1);
  if (second < 0) return bad('a verifier key is <name>+<key ID>+<key>');
  const name = vkey.slice(0, first);
  const id = vkey.slice(first + 1, second);
  const key = fromBase64(vkey.slice(second + 1));
  if (!isValidName(name)) return bad(`invalid key name ${JSON.stringify(name)}`);
  if (!/^[0-9a-f]{8}$/.test(id)) return bad('the key ID is 8 lower-case hex digits');
  if (!key || key.length !== 33 || key[0] !== ED25519) return bad('the key is base64 of 0x01 and a 32-byte Ed25519 public key');
  const publicKey = key.subarray(1);
  const keyId = noteKeyId(name, publicKey);
  if (hex8(keyId) !== id) return bad(`the key ID ${id} does not belong to this name and key (${hex8(keyId)})`);
  const jwk = { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey).toString('base64url') };
  return { ok: true, verifier: { name, keyId, publicKey: createPublicKey({ key: jwk, format: 'jwk' }) } };
}

/** Signs `text` (which must end in a newline) with each signer, in order. */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  if (!text.endsWith('\n')) throw new TypeError('a note text ends with a newline');
  const problem = textProblem(text);
  if (problem) throw new TypeError(`a note text ${problem}`);
  if (signers.length === 0) throw new TypeError('a signed note needs at least one signer');
  const message = Buffer.from(text, 'utf8');
  const lines = signers.map((s) => {
    checkName(s.name);
    const keyId = noteKeyId(s.name, rawPublicKey(s.key));
    const signature = sign(null, message, s.key);
    const blob = new Uint8Array(4 + signature.length);
    new DataView(blob.buffer).setUint32(0, keyId);
    blob.set(signature, 4);
    return `${SIGNATURE_PREFIX}${s.name} ${toBase64(blob)}\n`;
  });
  return `${text}\n${lines.join('')}`;
}

/**
 * Parses a note and checks its signatures against the trusted keys: signatures by other keys
 * are ignored (C2SP: verifiers MUST ignore unknown keys); one failing signature by a trusted key
 * rejects the note; at least one must verify.
 */
export function openNote(note: string | Uint8Array, trusted: readonly NoteVerifier[]): NoteResult {
  const malformed = (detail: string): NoteResult => ({ ok: false, reason: 'malformed-note', detail });
  const decoded = typeof note === 'string' ? note : decodeUtf8(note);
  if (decoded === null) return malformed('not valid UTF-8');
  const problem = textProblem(decoded);
  if (problem) return malformed(`the note ${problem}`);
  const split = decoded.lastIndexOf('\n\n');
  if (split < 0) return malformed('no blank line before the signatures');
  const text = decoded.slice(0, split + 1);
  const block = decoded.slice(split + 2);
  if (block === '' || !block.endsWith('\n')) return malformed('the signature lines must end with a newline');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) return malformed(`more than ${MAX_SIGNATURES} signatures`);
  const message = Buffer.from(text, 'utf8');
  const signedBy: string[] = [];
  for (const line of lines) {
    if (!line.startsWith(SIGNATURE_PREFIX)) return malformed(`a signature line starts with "— ": ${JSON.stringify(line.slice(0, 40))}`);
    const rest = line.slice(SIGNATURE_PREFIX.length);
    const space = rest.indexOf(' ');
    const name = space < 0 ? rest : rest.slice(0, space);
    const blob = space < 0 ? null : fromBase64(rest.slice(space + 1));
    if (!isValidName(name) || !blob || blob.length < 5) return malformed(`unreadable signature line for ${JSON.stringify(name)}`);
    const keyId = new DataView(blob.buffer, blob.byteOffset).getUint32(0);
    const key = trusted.find((k) => k.name === name && k.keyId === keyId);
    const id = `${name}+${hex8(keyId)}`;
    if (!key || signedBy.includes(id)) continue;
    if (!verify(null, message, key.publicKey, blob.subarray(4))) {
      return { ok: false, reason: 'bad-signature', detail: `the signature of ${id} does not match the text` };
    }
    signedBy.push(id);
  }
  if (signedBy.length === 0) {
    return { ok: false, reason: 'no-trusted-signature', detail: `not signed by ${trusted.map((k) => `${k.name}+${hex8(k.keyId)}`).join(', ') || 'any trusted key'}` };
  }
  return { ok: true, text, signedBy };
}

/** The 32 raw bytes of an Ed25519 public key, from the private or the public KeyObject. */
export function rawPublicKey(key: KeyObject): Uint8Array {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  if (publicKey.asymmetricKeyType !== 'ed25519') throw new TypeError(`a note key is Ed25519, not ${publicKey.asymmetricKeyType}`);
  const { x } = publicKey.export({ format: 'jwk' });
  if (typeof x !== 'string') throw new TypeError('the Ed25519 key has no public part');
  return new Uint8Array(Buffer.from(x, 'base64url'));
}

// ——— private helpers ———

const ED25519 = 0x01;
const SIGNATURE_PREFIX = '\u2014 ';
/** C2SP: verifiers must accept at least 16; sumdb/note stops at 100. */
const MAX_SIGNATURES = 100;

/** Key names are non-empty, without Unicode spaces or '+'. */
function isValidName(name: string): boolean {
  return name !== '' && !/[\s+]/u.test(name) && isWellFormed(name);
}

function checkName(name: string): void {
  if (!isValidName(name)) throw new TypeError(`invalid note key name ${JSON.stringify(name)}: non-empty, no spaces, no '+'`);
}

/** Signed notes are UTF-8 without ASCII control characters other than newline. */
function textProblem(text: string): string | null {
  if (!isWellFormed(text)) return 'is not valid UTF-8';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0009\u000b-\u001f]/.test(text)) return 'contains a control character';
  return null;
}

function isWellFormed(text: string): boolean {
  return !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);
}

function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

function hex8(n: number): string {
  return n.toString(16).padStart(8, '0');
}
