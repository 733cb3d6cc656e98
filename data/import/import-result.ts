import type { PublicationContent, PublicationKind } from '../publication.ts';
import type { BeneficiaryKey } from '../store/store.ts';
import type { ColumnReading } from './column-report.ts';

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
  | {
      ok: true;
      content: PublicationContent;
      warnings: ImportIssue[];
      /** subsidy lists imported with a `beneficiaryKey`: fingerprints of the rows' ID numbers; never published */
      beneficiaryKeys: BeneficiaryKey[];
      /** how each source column of a spreadsheet was read (none for JSON), for the dry run */
      columns: ColumnReading[];
    }
  | { ok: false; errors: ImportIssue[]; warnings: ImportIssue[]; columns: ColumnReading[] };

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
  /** how many fen quantity × rate may be off an amount with a warning rather than an error (config PORTAL_AMOUNT_TOLERANCE_FEN); 0 when absent */
  amountToleranceFen?: number;
  /**
   * Numbers published on purpose (config.publicPhones: the supervision phones and
   * PORTAL_PUBLIC_PHONES), in any written form. Every other personal number is masked, a hotline
   * in a footer included.
   */
  publicNumbers?: readonly string[];
  /**
   * Secret for the beneficiary fingerprints of a subsidy list (beneficiary-key.ts), so that one
   * person paid in two villages can be found without keeping their ID number. None without it.
   */
  beneficiaryKey?: Uint8Array;
}
