import type { PublicationContent, PublicationKind } from '../publication.ts';

/**
 * What an importer says about a file. Every problem names where it is, as the official sees the
 * file in Excel: the 1-based row, the column letter (A, B, …) and header, and the field it maps to.
 * Messages are Chinese first, with English alongside.
 */
export interface ImportIssue {
  code: string;
  row: number | null;
  column: string | null;
  field: string | null;
  message: string;
  messageEn: string;
}

export type ImportResult =
  | { ok: true; content: PublicationContent; warnings: ImportIssue[] }
  | { ok: false; errors: ImportIssue[]; warnings: ImportIssue[] };

export type SourceFormat = 'csv' | 'xlsx' | 'json';

export interface ImportInput {
  bytes: Uint8Array;
  format: SourceFormat;
  kind: PublicationKind;
  /** from the request; when given it must agree with what the file states */
  period?: string;
  filename?: string;
  /** subsidy programme name when the file's title does not state it */
  programme?: string;
  idMask: { keepStart: number; keepEnd: number };
}
