import { createHash } from 'node:crypto';
import sharp from 'sharp';
import type { ImportIssue } from '../data/import/import-result.ts';
import type { PhotoRef, PublicationContent, ProjectContent } from '../data/publication.ts';
import type { NewPhoto } from '../data/store/store.ts';
import type { PhotoTakedowns } from '../data/store/takedown-store.ts';
import type { Failure } from './http-errors.ts';
import type { PhotoUpload } from './upload.ts';

/**
 * Site photos for public-works projects. Every photo is decoded and re-encoded, which both
 * auto-orients it and drops EXIF (GPS position, camera serial): sharp writes no metadata unless
 * asked to. A photo must be JPEG, PNG or WebP by its bytes, whatever it is called, and pixel
 * bombs (a few KB claiming 50,000 × 50,000 pixels) are refused from the size in the header,
 * before anything is decoded; sharp's limitInputPixels stays on behind that check.
 */

export const LARGE_WIDTH = 1200;
export const SMALL_WIDTH = 320;

export interface ProcessedPhoto {
  project: number;
  photo: NewPhoto;
  ref: PhotoRef;
}

export type PhotosResult = { ok: true; photos: ProcessedPhoto[] } | { ok: false; failure: Failure };

/** Processes the photos one at a time, so a batch of large images never sits decoded at once. */
export async function processPhotos(uploads: readonly PhotoUpload[], projectCount: number, maxPixels: number): Promise<PhotosResult> {
  const photos: ProcessedPhoto[] = [];
  for (const upload of uploads) {
    if (upload.project > projectCount) return { ok: false, failure: { kind: 'invalid-photo', field: upload.field, reason: 'no-such-project' } };
    const result = await processPhoto(upload, maxPixels);
    if (!result.ok) return result;
    photos.push(result.photo);
  }
  return { ok: true, photos };
}

/** The content with each photo's reference added to its project, in upload order. */
export function attachPhotos(content: ProjectContent, photos: readonly ProcessedPhoto[]): ProjectContent {
  return {
    ...content,
    projects: content.projects.map((project, index) => ({
      ...project,
      photos: [...project.photos, ...photos.filter((p) => p.project === index + 1).map((p) => p.ref)],
    })),
  };
}

/**
 * A photo taken down with its version must not come back: photos are stored once by id, so a JSON
 * upload naming that id (or a re-upload of the same bytes, which hashes to it) would put it on a
 * page again. Refuses, naming each project row and photo, any photo that only versions taken down
 * show; a photo another version still shows is allowed. Null when nothing is refused. Call it with
 * the content about to be stored (after attachPhotos), before publishing.
 */
export async function refuseTakenDownPhotos(store: PhotoTakedowns, content: PublicationContent): Promise<Failure | null> {
  if (content.kind !== 'project') return null;
  const ids = content.projects.flatMap((p) => p.photos.map((ph) => ph.id));
  if (ids.length === 0) return null;
  const down = new Set(await store.takenDownPhotos(ids));
  if (down.size === 0) return null;
  const errors: ImportIssue[] = content.projects.flatMap((p) =>
    p.photos
      .filter((ph) => down.has(ph.id))
      .map((ph) => ({
        code: 'photo-taken-down',
        row: p.row,
        column: null,
        field: 'photos',
        message: `第 ${p.row} 行项目（${p.name}）的照片 ${ph.id} 已随所在版本撤下，不能再次公开；请删去这张照片`,
        messageEn: `The photo ${ph.id} of the project in row ${p.row} (${p.name}) was taken down with its version and cannot be published again; remove it`,
      })),
  );
  return { kind: 'invalid-file', errors, warnings: [] };
}

async function processPhoto(upload: PhotoUpload, maxPixels: number): Promise<{ ok: true; photo: ProcessedPhoto } | { ok: false; failure: Failure }> {
  const image = await processImage(upload.bytes, maxPixels, { small: true });
  if (!image.ok) return { ok: false, failure: { kind: 'invalid-photo', field: upload.field, reason: image.reason, maxPixels } };
  const { id, large, small } = image;
  return {
    ok: true,
    photo: {
      project: upload.project,
      photo: { id, large: large.data, small: small!.data },
      ref: { id, width: large.width, height: large.height, caption: null },
    },
  };
}

export type ImageResult =
  | { ok: true; id: string; large: EncodedVariant; small: EncodedVariant | null }
  | { ok: false; reason: 'not-an-image' | 'too-many-pixels' | 'undecodable' };

export interface EncodedVariant {
  data: Uint8Array;
  width: number;
  height: number;
}

/**
 * The pipeline for one image, for project photos and for the evidence of 四议两公开 steps alike:
 * checked by its bytes and declared size, then re-encoded (oriented, metadata gone). `id`: the
 * first 24 hex digits of the large variant's SHA-256.
 */
export async function processImage(bytes: Uint8Array, maxPixels: number, want: { small: boolean; width?: number }): Promise<ImageResult> {
  const header = imageHeader(bytes);
  if (header.kind === 'not-an-image') return { ok: false, reason: 'not-an-image' };
  if (header.kind === 'unreadable') return { ok: false, reason: 'undecodable' };
  if (header.width * header.height > maxPixels) return { ok: false, reason: 'too-many-pixels' };
  try {
    const large = await variant(bytes, want.width ?? LARGE_WIDTH, maxPixels);
    const small = want.small ? await variant(bytes, SMALL_WIDTH, maxPixels) : null;
    const id = createHash('sha256').update(large.data).digest('hex').slice(0, 24);
    return { ok: true, id, large, small };
  } catch (error) {
    return { ok: false, reason: error instanceof Error && /pixel limit/i.test(error.message) ? 'too-many-pixels' : 'undecodable' };
  }
}

async function variant(input: Uint8Array, width: number, maxPixels: number): Promise<EncodedVariant> {
  const { data, info } = await sharp(input, { limitInputPixels: maxPixels, failOn: 'error' })
    .rotate()
    .resize({ width, withoutEnlargement: true })
    .webp({ quality: 80 })
    .toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
}

export type ImageHeader =
  | { kind: 'image'; format: 'jpeg' | 'png' | 'webp'; width: number; height: number }
  | { kind: 'not-an-image' }
  /** the magic bytes of a JPEG, PNG or WebP, but no size where the format puts it */
  | { kind: 'unreadable' };

/**
 * JPEG, PNG or WebP by their magic bytes, with the pixel size their header declares (the size
 * a decoder will allocate for). sharp would also open TIFF, SVG, HEIF, GIF … which we do not want.
 */
export function imageHeader(b: Uint8Array): ImageHeader {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const has = (at: number, n: number) => at >= 0 && at + n <= b.length;
  const ascii = (from: number, to: number) => String.fromCharCode(...b.subarray(from, to));
  const sized = (format: 'jpeg' | 'png' | 'webp', width: number, height: number): ImageHeader =>
    width > 0 && height > 0 ? { kind: 'image', format, width, height } : { kind: 'unreadable' };

  if ([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((v, i) => b[i] === v)) {
    // The first chunk must be IHDR: width and height as 32-bit big-endian numbers.
    if (!has(8, 16) || ascii(12, 16) !== 'IHDR') return { kind: 'unreadable' };
    return sized('png', view.getUint32(16), view.getUint32(20));
  }
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return jpegSize(b, view);
  if (has(0, 16) && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') {
    const chunk = ascii(12, 16);
    if (chunk === 'VP8 ' && has(20, 10) && b[23] === 0x9d && b[24] === 0x01 && b[25] === 0x2a) {
      return sized('webp', view.getUint16(26, true) & 0x3fff, view.getUint16(28, true) & 0x3fff);
    }
    if (chunk === 'VP8L' && has(20, 5) && b[20] === 0x2f) {
      const bits = view.getUint32(21, true);
      return sized('webp', (bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
    }
    if (chunk === 'VP8X' && has(20, 10)) {
      const u24 = (at: number) => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8) | ((b[at + 2] ?? 0) << 16);
      return sized('webp', u24(24) + 1, u24(27) + 1);
    }
    return { kind: 'unreadable' };
  }
  return { kind: 'not-an-image' };
}

/** The size in the first start-of-frame segment, found by walking the segments from the start. */
function jpegSize(b: Uint8Array, view: DataView): ImageHeader {
  let at = 2;
  while (at + 4 <= b.length) {
    if (b[at] !== 0xff) return { kind: 'unreadable' };
    const marker = b[at + 1] ?? 0;
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    // Markers without a length: TEM and the restart markers.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    }
    // Start of scan or end of image before any frame header: there is no size to read.
    if (marker === 0xda || marker === 0xd9) return { kind: 'unreadable' };
    const length = view.getUint16(at + 2);
    if (length < 2) return { kind: 'unreadable' };
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) {
      if (at + 9 > b.length) return { kind: 'unreadable' };
      const height = view.getUint16(at + 5);
      const width = view.getUint16(at + 7);
      return width > 0 && height > 0 ? { kind: 'image', format: 'jpeg', width, height } : { kind: 'unreadable' };
    }
    at += 2 + length;
  }
  return { kind: 'unreadable' };
}
