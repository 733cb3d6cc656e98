import { createHash } from 'node:crypto';
import sharp from 'sharp';
import type { PhotoRef, ProjectContent } from '../data/publication.ts';
import type { NewPhoto } from '../data/store/store.ts';
import type { Failure } from './http-errors.ts';
import type { PhotoUpload } from './upload.ts';

/**
 * Site photos for public-works projects. Every photo is decoded and re-encoded, which both
 * auto-orients it and drops EXIF (GPS position, camera serial): sharp writes no metadata unless
 * asked to. Pixel bombs are refused before they are decoded, via limitInputPixels.
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

async function processPhoto(upload: PhotoUpload, maxPixels: number): Promise<{ ok: true; photo: ProcessedPhoto } | { ok: false; failure: Failure }> {
  const fail = (reason: 'not-an-image' | 'too-many-pixels' | 'undecodable') => ({
    ok: false as const,
    failure: { kind: 'invalid-photo' as const, field: upload.field, reason, maxPixels },
  });
  if (!isSupportedImage(upload.bytes)) return fail('not-an-image');
  try {
    const large = await variant(upload.bytes, LARGE_WIDTH, maxPixels);
    const small = await variant(upload.bytes, SMALL_WIDTH, maxPixels);
    const id = createHash('sha256').update(large.data).digest('hex').slice(0, 24);
    return {
      ok: true,
      photo: {
        project: upload.project,
        photo: { id, large: large.data, small: small.data },
        ref: { id, width: large.width, height: large.height, caption: null },
      },
    };
  } catch (error) {
    return fail(error instanceof Error && /pixel limit/i.test(error.message) ? 'too-many-pixels' : 'undecodable');
  }
}

async function variant(input: Uint8Array, width: number, maxPixels: number): Promise<{ data: Uint8Array; width: number; height: number }> {
  const { data, info } = await sharp(input, { limitInputPixels: maxPixels, failOn: 'error' })
    .rotate()
    .resize({ width, withoutEnlargement: true })
    .webp({ quality: 80 })
    .toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
}

/** JPEG, PNG or WebP by their magic bytes; sharp would also open TIFF, SVG, HEIF, … which we do not want. */
function isSupportedImage(b: Uint8Array): boolean {
  const jpeg = b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((v, i) => b[i] === v);
  const ascii = (from: number, to: number) => String.fromCharCode(...b.subarray(from, to));
  const webp = b.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP';
  return jpeg || png || webp;
}
