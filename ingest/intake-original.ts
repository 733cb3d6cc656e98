import { createHash } from 'node:crypto';
import type { IntakeOriginals, OriginalMeta } from '../data/store/intake-originals.ts';
import { MAX_ORIGINAL_BYTES } from '../data/store/intake-originals.ts';
import { MAX_ORIGINAL_UPLOAD_BYTES, type KeepOriginalRefusal } from '../data/complaints/original-refusal.ts';
import { bodyLimit } from 'hono/body-limit';
import { processImage } from './photos.ts';

/**
 * The original words of a recorded complaint as staff received them (issue 17, item 1): a
 * screenshot of the WeChat group or a photo of the letter, through the photo pipeline (checked by
 * its bytes and declared size, re-encoded, so EXIF and location are gone) and kept for staff only
 * (data/store/intake-originals.ts). It is never published: it may show names, faces and numbers
 * that no masking can find in pixels; what is public is the text staff recorded, masked as every
 * complaint's text is. The API (routes/staff-intake.ts) and the console (console-intake.ts) both
 * keep originals through here.
 */


/**
 * Tall enough for a long chat screenshot read at a phone's width, the width the project photos use:
 * text in a 1080-pixel screenshot stays legible at 1200.
 */
const ORIGINAL_WIDTH = 1200;

export type KeepOriginalOutcome = { kind: 'kept'; meta: OriginalMeta } | { kind: 'refused'; reason: KeepOriginalRefusal; limit?: number };

export async function keepOriginal(
  store: Pick<IntakeOriginals, 'saveOriginal'>,
  input: { complaint: string; bytes: Uint8Array; savedBy: string; at: string; maxPixels: number },
): Promise<KeepOriginalOutcome> {
  if (input.bytes.byteLength === 0) return { kind: 'refused', reason: 'empty' };
  if (input.bytes.byteLength > MAX_ORIGINAL_UPLOAD_BYTES) return { kind: 'refused', reason: 'too-large', limit: MAX_ORIGINAL_UPLOAD_BYTES };
  const image = await processImage(input.bytes, input.maxPixels, { small: false, width: ORIGINAL_WIDTH });
  if (!image.ok) return { kind: 'refused', reason: image.reason };
  const bytes = Buffer.from(image.large.data);
  // re-encoded at 1200 px wide a screenshot is far under the limit; one that is not is refused, not truncated
  if (bytes.byteLength > MAX_ORIGINAL_BYTES) return { kind: 'refused', reason: 'too-large', limit: MAX_ORIGINAL_BYTES };
  const saved = await store.saveOriginal(input.complaint, {
    id: createHash('sha256').update(bytes).digest('hex'),
    mime: 'image/webp',
    width: image.large.width,
    height: image.large.height,
    bytes,
    savedBy: input.savedBy,
    at: input.at,
  });
  if (saved.kind === 'saved') return { kind: 'kept', meta: saved.meta };
  return saved.kind === 'too-many' ? { kind: 'refused', reason: 'too-many', limit: saved.limit } : { kind: 'refused', reason: 'no-such-complaint' };
}

/**
 * The console's limit on a form carrying a screenshot (the intake form, 补传 on the work page): the
 * photo pipeline's, plus room for the form's fields.
 */
export function consoleOriginalBodyLimit() {
  const mb = MAX_ORIGINAL_UPLOAD_BYTES / (1024 * 1024);
  return bodyLimit({ maxSize: MAX_ORIGINAL_UPLOAD_BYTES + 64 * 1024, onError: (c) => c.text(`截图或照片超过 ${mb} MB 上限 / the file is over ${mb} MB`, 413) });
}
