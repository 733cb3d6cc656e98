import { fromBase64, toBase64 } from './base64.ts';
import { HASH_BYTES } from './merkle.ts';
import { openNote, parseVerifierKey, signNote, type NoteFailure, type NoteSigner, type NoteVerifier } from './signed-note.ts';

/**
 * Checkpoints in the C2SP tlog-checkpoint format (https://c2sp.org/tlog-checkpoint): the log's
 * tree head as the text of a signed note.
 *
 *     <origin>
 *     <tree size, decimal>
 *     <base64 root hash>
 *
 *     — <key name> <base64(key ID ‖ Ed25519 signature)>
 *
 * The portal publishes the latest one as /log/checkpoint; a journalist keeps a copy, and a later
 * consistency proof shows the log only grew since.
 */
export interface Checkpoint {
  /** the log's identity, e.g. `cunwu.example.cn/log`; the signing key has the same name */
  origin: string;
  size: number;
  root: Uint8Array;
  /** optional extra lines after the root (C2SP discourages them; none are written here) */
  extensions?: string[];
}

export type CheckpointFailure = NoteFailure | 'malformed-checkpoint' | 'origin-mismatch';

export type CheckpointResult = { ok: true; checkpoint: Checkpoint; signedBy: string[] } | { ok: false; reason: CheckpointFailure; detail: string };

/** The note text of a checkpoint (what is signed). */
export function checkpointText(checkpoint: Checkpoint): string {
  const { origin, size, root } = checkpoint;
  if (origin === '' || /[\n\r]/.test(origin)) throw new TypeError('a checkpoint origin is one non-empty line');
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`a tree size is a whole number ≥ 0, not ${size}`);
  if (root.length !== HASH_BYTES) throw new RangeError(`a root hash has ${HASH_BYTES} bytes, not ${root.length}`);
  const extensions = checkpoint.extensions ?? [];
  if (extensions.some((line) => line === '' || line.includes('\n'))) throw new TypeError('extension lines are non-empty single lines');
  return [origin, String(size), toBase64(root), ...extensions].map((line) => `${line}\n`).join('');
}

/** The checkpoint as a signed note. C2SP: the key's name should be the origin. */
export function signCheckpoint(checkpoint: Checkpoint, signer: NoteSigner): string {
  return signNote(checkpointText(checkpoint), [signer]);
}

/**
 * Verifies a signed checkpoint against the log's verifier key (a `verifierKey` string or a parsed
 * verifier) and reads it. The origin must be `origin` when given, else the key's name.
 */
export function openCheckpoint(note: string | Uint8Array, key: string | NoteVerifier, options: { origin?: string } = {}): CheckpointResult {
  let verifier: NoteVerifier;
  if (typeof key === 'string') {
    const parsed = parseVerifierKey(key);
    if (!parsed.ok) return parsed;
    verifier = parsed.verifier;
  } else {
    verifier = key;
  }
  const opened = openNote(note, [verifier]);
  if (!opened.ok) return opened;
  const parsed = parseCheckpointText(opened.text);
  if (!parsed.ok) return parsed;
  const origin = options.origin ?? verifier.name;
  if (parsed.checkpoint.origin !== origin) {
    return { ok: false, reason: 'origin-mismatch', detail: `the checkpoint is of ${JSON.stringify(parsed.checkpoint.origin)}, not ${JSON.stringify(origin)}` };
  }
  return { ok: true, checkpoint: parsed.checkpoint, signedBy: opened.signedBy };
}

/** Reads a checkpoint's note text without checking any signature (for display, never for trust). */
export function parseCheckpointText(text: string): { ok: true; checkpoint: Checkpoint } | { ok: false; reason: 'malformed-checkpoint'; detail: string } {
  const bad = (detail: string) => ({ ok: false as const, reason: 'malformed-checkpoint' as const, detail });
  if (!text.endsWith('\n')) return bad('the text must end with a newline');
  const lines = text.slice(0, -1).split('\n');
  const [origin, size, root, ...extensions] = lines;
  if (origin === undefined || size === undefined || root === undefined) return bad('a checkpoint has an origin, a size and a root hash');
  if (origin === '') return bad('the origin line is empty');
  if (!/^(0|[1-9]\d*)$/.test(size) || !Number.isSafeInteger(Number(size))) return bad(`the tree size ${JSON.stringify(size)} is not a decimal number without leading zeros`);
  const hash = fromBase64(root);
  if (!hash || hash.length !== HASH_BYTES) return bad('the root hash is not base64 of 32 bytes');
  if (extensions.some((line) => line === '')) return bad('extension lines are non-empty');
  return { ok: true, checkpoint: { origin, size: Number(size), root: hash, ...(extensions.length > 0 ? { extensions } : {}) } };
}

/**
 * A short form of a root for pages and print-outs ("3f2a 9c01 77de 0b45"): 64 bits, enough for a
 * reader to compare a printed copy with the current log by eye; the full hash is in the checkpoint.
 */
export function rootFingerprint(root: Uint8Array): string {
  const hex = Buffer.from(root.subarray(0, 8)).toString('hex');
  return hex.match(/.{4}/g)?.join(' ') ?? hex;
}
