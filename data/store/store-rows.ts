import { DivisionLevel, type Division } from '../region.ts';
import { Publication, type PublicationContent, type PublicationSummary } from '../publication.ts';
import type { TokenRecord } from './store.ts';

/**
 * The core Store's rows, shared by the SQLite and PostgreSQL backends: divisions, publications
 * and tokens back to their domain types (SQLite's 0 / 1 and PostgreSQL's booleans read alike).
 */

export interface DivisionRow {
  code: string;
  level: string;
  name: string;
  official_name: string;
  parent: string | null;
}

export interface SummaryRow {
  id: string;
  village: string;
  kind: string;
  period: string;
  subject: string;
  version: number;
  supersedes: string | null;
  superseded_by: string | null;
  published_at: string;
  sha256: string;
  sample: number | boolean;
  source_filename: string | null;
  source_format: string;
  title: string;
}

export type PublicationRow = Omit<SummaryRow, 'title'> & { content: string };

export interface TokenRow {
  id: string;
  hash: string;
  scope: string;
  name: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  created_by: string | null;
}

/** The fields added by migration 12 only where they say something, so older tokens read as before. */
export function toTokenRecord(row: TokenRow): TokenRecord {
  const record: TokenRecord = { id: row.id, hash: row.hash, scope: row.scope, name: row.name, createdAt: row.created_at };
  if (row.expires_at !== null || row.revoked_at !== null || row.created_by !== null) Object.assign(record, { expiresAt: row.expires_at, revokedAt: row.revoked_at, createdBy: row.created_by });
  return record;
}

function summaryFields(row: SummaryRow | PublicationRow) {
  return {
    id: row.id,
    village: row.village,
    kind: row.kind,
    period: row.period,
    subject: row.subject,
    version: row.version,
    supersedes: row.supersedes,
    supersededBy: row.superseded_by,
    publishedAt: row.published_at,
    sha256: row.sha256,
    sample: row.sample === 1 || row.sample === true,
    source: { filename: row.source_filename, format: row.source_format },
  };
}

/** Built once: zod compiles a schema on first use, and `omit` makes a new schema each call. */
const SUMMARY_FIELDS = Publication.omit({ content: true });

export function toPublication(row: PublicationRow): Publication {
  // Every row was checked against the schema before it was inserted, and rows are never
  // updated; the summary fields are still parsed (cheap), the large content is not parsed again.
  const summary = SUMMARY_FIELDS.parse(summaryFields(row));
  return { ...summary, content: JSON.parse(row.content) as PublicationContent };
}

export function toSummary(row: SummaryRow): PublicationSummary {
  // Content was validated on the way in; parse the summary fields without it.
  const summary = SUMMARY_FIELDS.parse(summaryFields(row));
  return { ...summary, title: row.title };
}

export function toDivision(row: DivisionRow): Division {
  return { code: row.code, level: DivisionLevel.parse(row.level), name: row.name, officialName: row.official_name, parent: row.parent };
}
