import { createHash } from 'node:crypto';
import { checkPdf, EVIDENCE_MAX_BYTES, EVIDENCE_PHOTO_WIDTH, EvidenceAttachment, evidenceKey } from '../data/decisions/decision-evidence.ts';
import type { DecisionMatter } from '../data/decisions/decision-matter.ts';
import type { DecisionEvidence } from '../data/decisions/decision-record.ts';
import type { AppDeps } from './app.ts';
import { fieldIssue } from './envelope.ts';
import type { Failure } from './http-errors.ts';
import { processImage } from './photos.ts';

/**
 * A photo or PDF attached to a recorded 四议两公开 step, whoever sent it: the API with a token
 * (routes/decision-evidence.ts) and the console signed in (console-decisions.ts), each after
 * checking who may record for the village. Images go through the photo pipeline; anything else
 * must be a whole PDF. The village's pages follow a new attachment.
 */
export type AttachDeps = Pick<AppDeps, 'store' | 'config' | 'clock' | 'afterDecisions'>;

export type AttachFileOutcome = { kind: 'failure'; failure: Failure } | { kind: 'attached'; matter: DecisionMatter; seq: number; fresh: boolean; key: string };

export async function attachEvidenceFile(
  deps: AttachDeps,
  input: { matterId: string; step: number; kind: DecisionEvidence['kind']; name: string; bytes: Uint8Array },
): Promise<AttachFileOutcome> {
  const kept = await keptFile(input.bytes, deps.config.maxPhotoPixels);
  if (!kept.ok) return { kind: 'failure', failure: { kind: 'invalid-evidence', reason: kept.reason, limitBytes: EVIDENCE_MAX_BYTES, maxPixels: deps.config.maxPhotoPixels } };
  const attachment = EvidenceAttachment.parse({
    stepSeq: input.step,
    evidence: { kind: input.kind, name: input.name, photoId: kept.photoId, pdfSha256: kept.photoId === null ? kept.sha256 : null },
    file: { sha256: kept.sha256, mediaType: kept.mediaType, bytes: kept.bytes.byteLength },
  });
  const outcome = await deps.store.attachEvidence({ matterId: input.matterId, attachment, bytes: kept.bytes, recordedAt: deps.clock().toISOString() });
  if (outcome.kind === 'matter-not-found') return { kind: 'failure', failure: { kind: 'decision-matter-not-found', id: outcome.matterId.slice(0, 20) } };
  if (outcome.kind === 'not-a-step') {
    return {
      kind: 'failure',
      failure: { kind: 'bad-request', issues: [fieldIssue('not-a-step', 'step', `事项 ${input.matterId} 没有序号为 ${outcome.seq} 的步骤登记`, `Matter ${input.matterId} has no step entry ${outcome.seq}`)] },
    };
  }
  if (outcome.fresh) {
    try {
      deps.afterDecisions?.(outcome.matter.village);
    } catch (error) {
      console.error('[ingest] afterDecisions failed:', error);
    }
  }
  return { kind: 'attached', matter: outcome.matter, seq: outcome.seq, fresh: outcome.fresh, key: evidenceKey(attachment.evidence) };
}

// ——— private helpers ———

type Kept =
  | { ok: true; bytes: Uint8Array; sha256: string; mediaType: 'image/webp' | 'application/pdf'; photoId: string | null }
  | { ok: false; reason: 'not-an-image' | 'too-many-pixels' | 'undecodable' | 'not-a-pdf' | 'truncated' | 'too-large' | 'empty' };

/** An image through the photo pipeline; anything else must be a whole PDF. */
async function keptFile(bytes: Uint8Array, maxPixels: number): Promise<Kept> {
  if (bytes.byteLength > EVIDENCE_MAX_BYTES) return { ok: false, reason: 'too-large' };
  const image = await processImage(bytes, maxPixels, { small: false, width: EVIDENCE_PHOTO_WIDTH });
  if (image.ok) return { ok: true, bytes: image.large.data, sha256: sha256(image.large.data), mediaType: 'image/webp', photoId: image.id };
  if (image.reason !== 'not-an-image') return { ok: false, reason: image.reason };
  const pdf = checkPdf(bytes);
  if (!pdf.ok) return { ok: false, reason: pdf.reason === 'not-a-pdf' ? 'not-a-pdf' : pdf.reason };
  return { ok: true, bytes, sha256: sha256(bytes), mediaType: 'application/pdf', photoId: null };
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
