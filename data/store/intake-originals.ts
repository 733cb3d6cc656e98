import { createHash } from 'node:crypto';
import { checkStaffStamp } from './staff-stamp.ts';

/**
 * The original of a complaint staff recorded from another channel (issue 17): a screenshot of the
 * WeChat group message or a photo of the letter, kept so a reviewer can compare what was recorded
 * with what was said. For staff only, NEVER served publicly: it may show names, faces, phone
 * numbers and handwriting that the published complaint leaves out. The store knows nothing of who
 * reads it; every route that serves one must check the reader is staff of the complaint's area.
 *
 * The caller has already re-encoded the image (EXIF and location stripped); the store keeps those
 * bytes as given, under their SHA-256 (the id), at most MAX_ORIGINALS_PER_COMPLAINT per
 * complaint, numbered 1, 2, 3 … in the order saved. The limit holds with two connections saving
 * at once: SQLite counts inside an IMMEDIATE transaction (one writer per file), PostgreSQL after
 * locking the complaint's row. An original cannot exist without its complaint (a foreign key), and
 * once saved it is never edited or deleted (the database refuses both).
 */
export interface IntakeOriginals {
  /** keeps one image for the complaint with this public number; at most MAX_ORIGINALS_PER_COMPLAINT per complaint */
  saveOriginal(complaint: string, original: NewOriginal): Promise<SaveOriginalOutcome>;
  /** the complaint's originals, in the order saved; [] for a complaint with none or none at all */
  listOriginals(complaint: string): Promise<OriginalMeta[]>;
  getOriginal(complaint: string, id: string): Promise<{ meta: OriginalMeta; bytes: Buffer } | null>;
}

export type SaveOriginalOutcome = { kind: 'saved'; meta: OriginalMeta } | { kind: 'too-many'; limit: number } | { kind: 'no-such-complaint' };

export const ORIGINAL_MIMES = ['image/webp', 'image/jpeg', 'image/png'] as const;
export type OriginalMime = (typeof ORIGINAL_MIMES)[number];

export interface NewOriginal {
  /** sha256 hex of bytes, 64 lower-case characters */
  id: string;
  mime: OriginalMime;
  width: number;
  height: number;
  bytes: Buffer;
  savedBy: string;
  at: string;
}

export interface OriginalMeta extends Omit<NewOriginal, 'bytes'> {
  /** the complaint's public number */
  complaint: string;
  /** 1, 2, 3 … per complaint, in the order saved */
  seq: number;
  /** bytes.length */
  size: number;
}

export const MAX_ORIGINALS_PER_COMPLAINT = 6;
export const MAX_ORIGINAL_BYTES = 3 * 1024 * 1024;

/**
 * Caller bugs, refused before anything is written. The id must be the SHA-256 of the bytes: it is
 * what makes saving the same image twice idempotent, so an id that does not match them (bytes cut
 * short or swapped on the way) would keep one image under another's name.
 */
export function checkOriginal(original: NewOriginal): void {
  const { id, mime, width, height, bytes } = original;
  if (typeof id !== 'string' || !/^[0-9a-f]{64}$/.test(id)) throw new TypeError(`an original's id must be 64 lower-case hex characters (its SHA-256), not ${JSON.stringify(id)}`);
  if (!(ORIGINAL_MIMES as readonly string[]).includes(mime)) throw new TypeError(`an original must be ${ORIGINAL_MIMES.join(', ')}, not ${JSON.stringify(mime)}`);
  for (const [name, n] of [['width', width], ['height', height]] as const) {
    if (!Number.isSafeInteger(n) || n < 1) throw new TypeError(`an original's ${name} must be a whole number ≥ 1, not ${n}`);
  }
  if (!(bytes instanceof Uint8Array) || bytes.byteLength === 0 || bytes.byteLength > MAX_ORIGINAL_BYTES) {
    throw new TypeError(`an original must have 1 to ${MAX_ORIGINAL_BYTES} bytes, not ${bytes instanceof Uint8Array ? bytes.byteLength : typeof bytes}`);
  }
  if (createHash('sha256').update(bytes).digest('hex') !== id) throw new TypeError(`an original's id ${id} is not the SHA-256 of its ${bytes.byteLength} bytes`);
  checkStaffStamp('an original', original.savedBy, original.at);
}

/** A stored row as both backends read it, without its bytes. */
export interface OriginalRow {
  complaint: number | string;
  seq: number;
  id: string;
  mime: OriginalMime;
  width: number;
  height: number;
  size: number;
  saved_by: string;
  at: string;
}

export const ORIGINAL_COLUMNS = 'complaint, seq, id, mime, width, height, size, saved_by, at';

export function toOriginalMeta(row: OriginalRow): OriginalMeta {
  return {
    complaint: String(row.complaint),
    seq: Number(row.seq),
    id: row.id,
    mime: row.mime,
    width: Number(row.width),
    height: Number(row.height),
    size: Number(row.size),
    savedBy: row.saved_by,
    at: row.at,
  };
}
