import { z } from 'zod';
import { DecisionEvidence } from './decision-record.ts';

/**
 * Evidence attached to a recorded 四议两公开 step (issue 11, point 3): a photo of the 会议记录 or
 * 签到表 (through the photo pipeline: re-encoded, EXIF gone) or a PDF, appended to the matter as an
 * entry of its own, with its own log leaf, naming the step entry it belongs to. The file's SHA-256
 * is in the entry, so anyone holding the file can show it is the one recorded that day.
 *
 * The files themselves are not published: a 签到表 carries signatures and often phone or ID
 * numbers, which no one can mask in a photo. The public page lists each attachment with its
 * fingerprint; officials whose scope covers the village open the file.
 */
export const EVIDENCE_MEDIA_TYPES = ['image/webp', 'application/pdf'] as const;

/** The largest file accepted, photo or PDF: a scanned multi-page 会议记录 fits well under it. */
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;

/** A photo of a handwritten 签到表 is kept this wide (not the 1,200 px of site photos), so names stay legible. */
export const EVIDENCE_PHOTO_WIDTH = 2000;

export const EvidenceAttachment = z
  .object({
    /** the seq of the step entry it documents */
    stepSeq: z.number().int().positive(),
    evidence: DecisionEvidence,
    file: z
      .object({
        /** SHA-256 of the bytes kept (the re-encoded photo, or the PDF as uploaded) */
        sha256: z.string().regex(/^[0-9a-f]{64}$/),
        mediaType: z.enum(EVIDENCE_MEDIA_TYPES),
        bytes: z.number().int().positive().max(EVIDENCE_MAX_BYTES),
      })
      .strict(),
  })
  .strict()
  .refine((a) => (a.evidence.photoId === null) !== (a.evidence.pdfSha256 === null), 'evidence is a photo or a PDF, exactly one')
  .refine((a) => (a.evidence.pdfSha256 === null) === (a.file.mediaType === 'image/webp'), 'a PDF is kept as application/pdf, a photo as image/webp')
  .refine((a) => a.evidence.pdfSha256 === null || a.evidence.pdfSha256 === a.file.sha256, 'a PDF is named by its own SHA-256');
export type EvidenceAttachment = z.infer<typeof EvidenceAttachment>;

/** The key a file is kept and fetched under: the photo's id, or the PDF's SHA-256. */
export function evidenceKey(evidence: DecisionEvidence): string {
  const key = evidence.photoId ?? evidence.pdfSha256;
  if (key === null) throw new Error('evidence without a file');
  return key;
}

export type PdfCheck = { ok: true } | { ok: false; reason: 'not-a-pdf' | 'truncated' | 'too-large' | 'empty' };

/**
 * A PDF by its bytes, whatever it is called: `%PDF-1.x` or `%PDF-2.x` at the very start (the spec
 * allows junk before it; nothing a village's scanner writes does) and an `%%EOF` marker in the last
 * kilobyte, so a truncated upload is refused rather than kept as evidence nobody can open.
 */
export function checkPdf(bytes: Uint8Array): PdfCheck {
  if (bytes.byteLength === 0) return { ok: false, reason: 'empty' };
  if (bytes.byteLength > EVIDENCE_MAX_BYTES) return { ok: false, reason: 'too-large' };
  const head = String.fromCharCode(...bytes.subarray(0, 8));
  if (!/^%PDF-[12]\.\d/.test(head)) return { ok: false, reason: 'not-a-pdf' };
  const tail = new TextDecoder('latin1').decode(bytes.subarray(Math.max(0, bytes.byteLength - 1024)));
  if (!tail.includes('%%EOF')) return { ok: false, reason: 'truncated' };
  return { ok: true };
}
