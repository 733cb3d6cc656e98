import type { EvidenceAttachment } from '../decisions/decision-evidence.ts';
import type { DecisionMatter } from '../decisions/decision-matter.ts';

/**
 * Files attached to 四议两公开 steps (issue 11, point 3): their own small interface, with its
 * contract suite (evidence-contract.ts) run against every backend.
 *
 * Invariants a backend keeps under concurrent writers: the attachment is an entry of the matter,
 * numbered like its other entries (max + 1, no gap) and committed with its `decision-entry` leaf
 * and the file's bytes, or not at all; it names a step entry of that matter; the same file on the
 * same step is attached once; files are kept under their key and never replaced or removed.
 */
export interface EvidenceStore {
  attachEvidence(input: NewEvidence): Promise<AttachOutcome>;
  /** A kept file by its key (evidenceKey: a photo's id or a PDF's SHA-256); null when none. */
  getEvidenceFile(key: string): Promise<EvidenceFile | null>;
}

export interface NewEvidence {
  matterId: string;
  attachment: EvidenceAttachment;
  /** the bytes kept: the re-encoded photo, or the PDF as uploaded; their SHA-256 is attachment.file.sha256 */
  bytes: Uint8Array;
  recordedAt: string;
}

export interface EvidenceFile {
  mediaType: EvidenceAttachment['file']['mediaType'];
  bytes: Uint8Array;
  sha256: string;
}

export type AttachOutcome =
  /** `fresh` false: the same file was already on the same step, and nothing was added; `seq` is its entry */
  | { kind: 'attached'; matter: DecisionMatter; seq: number; fresh: boolean }
  | { kind: 'matter-not-found'; matterId: string }
  | { kind: 'not-a-step'; matterId: string; seq: number };
