import { z } from 'zod';
import type { ConsistencyProofResult, InclusionProofResult } from '../store/store.ts';
import { fromBase64, toBase64 } from './base64.ts';
import { HASH_BYTES } from './merkle.ts';

/**
 * The JSON shapes of the log's proofs as the API serves them and the verify CLI reads them:
 * hashes in standard base64, as in checkpoints. The schemas are the contract between the two.
 *
 *     GET /api/v1/publications/{id}/proof → InclusionProofJson
 *     GET /api/v1/log/consistency?from=&to= → ConsistencyProofJson
 */
export const Base64Hash = z.string().refine((s) => fromBase64(s)?.length === HASH_BYTES, `base64 of ${HASH_BYTES} bytes`);

const Count = z.number().int().nonnegative().refine(Number.isSafeInteger);

export const InclusionProofJson = z
  .object({
    index: Count,
    size: Count,
    /** the leaf's canonical JSON, when served with the proof (so the reader can hash it themselves) */
    leaf: z.string().optional(),
    leafHash: Base64Hash,
    root: Base64Hash,
    path: z.array(Base64Hash),
  })
  .strict();
export type InclusionProofJson = z.infer<typeof InclusionProofJson>;

export const ConsistencyProofJson = z
  .object({
    from: Count,
    to: Count,
    fromRoot: Base64Hash,
    toRoot: Base64Hash,
    path: z.array(Base64Hash),
  })
  .strict();
export type ConsistencyProofJson = z.infer<typeof ConsistencyProofJson>;

export function inclusionProofJson(proof: Extract<InclusionProofResult, { kind: 'proof' }>, leaf?: string): InclusionProofJson {
  return {
    index: proof.index,
    size: proof.size,
    ...(leaf === undefined ? {} : { leaf }),
    leafHash: toBase64(proof.leafHash),
    root: toBase64(proof.root),
    path: proof.path.map(toBase64),
  };
}

export function consistencyProofJson(proof: Extract<ConsistencyProofResult, { kind: 'proof' }>): ConsistencyProofJson {
  return { from: proof.from, to: proof.to, fromRoot: toBase64(proof.fromRoot), toRoot: toBase64(proof.toRoot), path: proof.path.map(toBase64) };
}

/** A hash from a parsed (already validated) proof. */
export function hashBytes(base64: string): Uint8Array {
  const bytes = fromBase64(base64);
  if (!bytes || bytes.length !== HASH_BYTES) throw new TypeError(`not a base64 SHA-256 hash: ${JSON.stringify(base64)}`);
  return bytes;
}
