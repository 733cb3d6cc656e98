import { createHash } from 'node:crypto';
import { EvidenceAttachment } from '../decisions/decision-evidence.ts';
import type { DecisionStore } from './decision-store.ts';
import type { AttachOutcome, EvidenceStore } from './evidence-store.ts';

/** What a backend's own write of an attachment answers: the outcome without the matter read back. */
export type AttachWrite = Exclude<AttachOutcome, { kind: 'attached' }> | { kind: 'attached'; seq: number; fresh: boolean };

/**
 * `attachEvidence` around a backend's write, the same for every backend: what would not read
 * back, or bytes that are not the file the entry names, is a caller's bug and is refused before
 * anything is written; after the write the matter is read back with its new entry.
 */
export function evidenceAttacher(
  write: (matterId: string, attachment: EvidenceAttachment, bytes: Uint8Array, recordedAt: string) => AttachWrite | Promise<AttachWrite>,
  decisions: Pick<DecisionStore, 'getDecisionMatter'>,
): EvidenceStore['attachEvidence'] {
  return async (input) => {
    const attachment = EvidenceAttachment.parse(input.attachment);
    const digest = createHash('sha256').update(input.bytes).digest('hex');
    if (digest !== attachment.file.sha256 || input.bytes.byteLength !== attachment.file.bytes) {
      throw new TypeError(`evidence for matter ${input.matterId}: the bytes are not the file the attachment names`);
    }
    const done = await write(input.matterId, attachment, input.bytes, input.recordedAt);
    if (done.kind !== 'attached') return done;
    const matter = await decisions.getDecisionMatter(input.matterId);
    if (!matter) throw new Error(`decision matter ${input.matterId} vanished after an attachment`);
    return { ...done, matter };
  };
}
