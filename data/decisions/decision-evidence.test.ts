import { describe, expect, it } from 'vitest';
import { checkPdf, EVIDENCE_MAX_BYTES, EvidenceAttachment } from './decision-evidence.ts';

const text = (s: string) => new TextEncoder().encode(s);
const PDF = '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';

describe('checkPdf', () => {
  it('takes a PDF by its magic bytes and end marker', () => {
    expect(checkPdf(text(PDF))).toEqual({ ok: true });
    expect(checkPdf(text(PDF.replace('%PDF-1.4', '%PDF-2.0')))).toEqual({ ok: true });
  });

  it('refuses what only claims to be a PDF, a cut-off one, an empty one and one over the limit', () => {
    expect(checkPdf(text(`<html>${PDF}`))).toEqual({ ok: false, reason: 'not-a-pdf' });
    expect(checkPdf(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toEqual({ ok: false, reason: 'not-a-pdf' });
    expect(checkPdf(text(PDF.slice(0, 40)))).toEqual({ ok: false, reason: 'truncated' });
    expect(checkPdf(new Uint8Array(0))).toEqual({ ok: false, reason: 'empty' });
    const big = new Uint8Array(EVIDENCE_MAX_BYTES + 1);
    big.set(text(PDF));
    expect(checkPdf(big)).toEqual({ ok: false, reason: 'too-large' });
  });
});

describe('EvidenceAttachment', () => {
  const sha = 'a'.repeat(64);
  const photo = { stepSeq: 3, evidence: { kind: 'sign-in-sheet', name: '签到表', photoId: 'b'.repeat(24), pdfSha256: null }, file: { sha256: sha, mediaType: 'image/webp', bytes: 1000 } };

  it('takes a photo or a PDF named by its own digest', () => {
    expect(EvidenceAttachment.safeParse(photo).success).toBe(true);
    const pdf = { ...photo, evidence: { ...photo.evidence, photoId: null, pdfSha256: sha }, file: { ...photo.file, mediaType: 'application/pdf' } };
    expect(EvidenceAttachment.safeParse(pdf).success).toBe(true);
  });

  it('refuses a file that is both or neither, a PDF under another digest, and a photo kept as a PDF', () => {
    expect(EvidenceAttachment.safeParse({ ...photo, evidence: { ...photo.evidence, pdfSha256: sha } }).success).toBe(false);
    expect(EvidenceAttachment.safeParse({ ...photo, evidence: { ...photo.evidence, photoId: null } }).success).toBe(false);
    const otherDigest = { ...photo, evidence: { ...photo.evidence, photoId: null, pdfSha256: 'c'.repeat(64) }, file: { ...photo.file, mediaType: 'application/pdf' } };
    expect(EvidenceAttachment.safeParse(otherDigest).success).toBe(false);
    expect(EvidenceAttachment.safeParse({ ...photo, file: { ...photo.file, mediaType: 'application/pdf' } }).success).toBe(false);
  });
});
