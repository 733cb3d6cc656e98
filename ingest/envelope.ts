import type { ColumnReading } from '../data/import/column-report.ts';
import type { ImportIssue } from '../data/import/import-result.ts';

/**
 * The one JSON envelope of the ingest API. Every response, success or failure, is an object
 * with a boolean `ok`, so a client (or a village official's script) can branch on one field.
 * Failures always carry `error.code`, a bilingual `error.message` and an `errors` array saying
 * where in the uploaded file each problem is.
 */

export interface ApiIssue {
  code: string;
  row: number | null;
  column: string | null;
  field: string | null;
  /** Chinese first, English alongside: `缺少身份令牌 / Missing bearer token` */
  message: string;
}

export interface ApiErrorBody {
  ok: false;
  error: { code: string; message: string };
  errors: ApiIssue[];
  warnings?: ApiIssue[];
  /** a refused spreadsheet: how each of its columns was read (data/import/column-report.ts) */
  columns?: ColumnReading[];
}

export type ApiSuccessBody<T extends object> = { ok: true } & T;

export function success<T extends object>(data: T): ApiSuccessBody<T> {
  return { ok: true, ...data };
}

export function failureBody(code: string, message: string, errors: ApiIssue[] = [], warnings?: ApiIssue[], columns?: ColumnReading[]): ApiErrorBody {
  const body: ApiErrorBody = { ok: false, error: { code, message }, errors };
  if (warnings) body.warnings = warnings;
  if (columns && columns.length > 0) body.columns = columns;
  return body;
}

export function bilingual(zh: string, en: string): string {
  return `${zh} / ${en}`;
}

export function issueFromImport(issue: ImportIssue): ApiIssue {
  return {
    code: issue.code,
    row: issue.row,
    column: issue.column,
    field: issue.field,
    message: bilingual(issue.message, issue.messageEn),
  };
}

/** An issue about a request field (a query parameter or form field) rather than a cell of the file. */
export function fieldIssue(code: string, field: string | null, zh: string, en: string): ApiIssue {
  return { code, row: null, column: null, field, message: bilingual(zh, en) };
}
