import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { imageHeader, processPhotos } from './photos.ts';
import { bearer, FIXTURE_NAMES, FIXTURES, json, LONGGANG, postForm, testApp, XLSX_TYPE, type TestApp } from './test-support.ts';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.cleanup();
  t = undefined;
});

const MB = 1024 * 1024;
const MAX_PIXELS = 40_000_000;
const projectFile = { bytes: FIXTURES.project, name: FIXTURE_NAMES.project, type: XLSX_TYPE };

/** A well-formed PNG (valid chunk CRCs) whose header claims width × height, with one byte of pixels behind it. */
function pngClaiming(width: number, height: number): Uint8Array {
  const chunk = (type: string, data: number[]): number[] => {
    const body = [...new TextEncoder().encode(type), ...data];
    const be32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
    return [...be32(data.length), ...body, ...be32(crc32(new Uint8Array(body)) >>> 0)];
  };
  const be32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
  return new Uint8Array([
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a,
    ...chunk('IHDR', [...be32(width), ...be32(height), 8, 2, 0, 0, 0]),
    ...chunk('IDAT', [0x78, 0x9c, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01]),
    ...chunk('IEND', []),
  ]);
}

/** A JPEG whose EXIF segment carries a 1×1 thumbnail frame header, before the real frame of width × height. */
function jpegClaiming(width: number, height: number): Uint8Array {
  const sof = (w: number, h: number) => [0xff, 0xc2, 0x00, 0x11, 0x08, h >> 8, h & 255, w >> 8, w & 255, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01];
  const exif = [...new TextEncoder().encode('Exif\0\0'), 0xff, 0xd8, ...sof(1, 1), 0xff, 0xd9];
  return new Uint8Array([0xff, 0xd8, 0xff, 0xe1, (exif.length + 2) >> 8, (exif.length + 2) & 255, ...exif, ...sof(width, height), 0xff, 0xd9]);
}

/** A WebP with an extended (VP8X) header claiming a canvas of width × height. */
function webpClaiming(width: number, height: number): Uint8Array {
  const le24 = (n: number) => [n & 255, (n >> 8) & 255, (n >> 16) & 255];
  const vp8x = [0x10, 0, 0, 0, ...le24(width - 1), ...le24(height - 1)];
  const body = [...new TextEncoder().encode('WEBPVP8X'), 10, 0, 0, 0, ...vp8x];
  return new Uint8Array([...new TextEncoder().encode('RIFF'), body.length & 255, 0, 0, 0, ...body]);
}

async function peakGrowth<T>(run: () => Promise<T>): Promise<{ value: T; growth: number }> {
  const peak = process.resourceUsage().maxRSS * 1024;
  const rss = process.memoryUsage().rss;
  const value = await run();
  return { value, growth: Math.max(process.resourceUsage().maxRSS * 1024 - peak, process.memoryUsage().rss - rss) };
}

describe('imageHeader', () => {
  it('reads the pixel size of JPEG (baseline and progressive), PNG and the three kinds of WebP as sharp does', async () => {
    const base = () => sharp({ create: { width: 123, height: 45, channels: 4, background: { r: 10, g: 20, b: 30, alpha: 0.5 } } });
    const images = {
      jpeg: await base().jpeg().toBuffer(),
      progressive: await base().jpeg({ progressive: true }).withMetadata({ orientation: 6 }).toBuffer(),
      png: await base().png().toBuffer(),
      lossy: await base().flatten().webp({ quality: 50 }).toBuffer(),
      lossless: await base().webp({ lossless: true }).toBuffer(),
      alpha: await base().webp({ quality: 50 }).toBuffer(),
    };
    for (const [name, buffer] of Object.entries(images)) {
      const header = imageHeader(new Uint8Array(buffer));
      const meta = await sharp(buffer).metadata();
      expect(header, name).toEqual({ kind: 'image', format: meta.format, width: meta.width, height: meta.height });
    }
  });

  it('walks JPEG segments rather than searching for a frame marker, so an EXIF thumbnail does not hide the real size', () => {
    expect(imageHeader(jpegClaiming(50_000, 40_000))).toEqual({ kind: 'image', format: 'jpeg', width: 50_000, height: 40_000 });
  });

  it('knows anything else by its first bytes, whatever it is called, and a truncated header as unreadable', () => {
    const text = (s: string) => new TextEncoder().encode(s);
    for (const other of [text('GIF89a'), text('<svg xmlns="http://www.w3.org/2000/svg"/>'), text('II*\0'), text('BM6'), text('\0\0\0\u0018ftypheic'), text('%PDF-1.7'), text('日期,摘要')]) {
      expect(imageHeader(other)).toEqual({ kind: 'not-an-image' });
    }
    expect(imageHeader(pngClaiming(10, 10).subarray(0, 20))).toEqual({ kind: 'unreadable' });
    expect(imageHeader(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a]))).toEqual({ kind: 'unreadable' });
  });
});

describe('photo uploads', () => {
  it('refuses pixel bombs from their headers (PNG with valid CRCs, JPEG, WebP) without memory growing', async () => {
    for (const [name, bytes] of [
      ['png', pngClaiming(50_000, 50_000)],
      ['jpeg', jpegClaiming(60_000, 60_000)],
      ['webp', webpClaiming(16_384, 16_384)],
    ] as const) {
      expect(bytes.length, name).toBeLessThan(200);
      const { value, growth } = await peakGrowth(() => processPhotos([{ field: 'photo.1', project: 1, bytes }], 1, MAX_PIXELS));
      expect(value, name).toEqual({ ok: false, failure: { kind: 'invalid-photo', field: 'photo.1', reason: 'too-many-pixels', maxPixels: MAX_PIXELS } });
      expect(growth, name).toBeLessThan(200 * MB);
    }
  });

  it('answers a PNG pixel bomb with 422 naming the field, and publishes nothing', async () => {
    t = await testApp();
    const res = await postForm(t, LONGGANG, { kind: 'project' }, projectFile, bearer(t.tokens.longgang), [{ field: 'photo.2', bytes: pngClaiming(50_000, 50_000), name: 'a.png', type: 'image/png' }]);
    expect(res.status).toBe(422);
    const body = await json(res);
    expect(body.errors[0]).toMatchObject({ field: 'photo.2', code: 'photo-too-many-pixels' });
    expect(body.errors[0].message).toContain('40000000');
    expect(await t.store.listPublications(LONGGANG)).toEqual([]);
  });

  it('refuses an SVG, a TIFF or a CSV sent as image/jpeg, by their bytes', async () => {
    t = await testApp();
    const tiff = new Uint8Array(await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } }).tiff().toBuffer());
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>');
    for (const [name, bytes] of [
      ['tiff', tiff],
      ['svg', svg],
      ['csv', FIXTURES.finance],
    ] as const) {
      const res = await postForm(t, LONGGANG, { kind: 'project' }, projectFile, bearer(t.tokens.longgang), [{ field: 'photo', bytes, name: 'IMG_0001.jpg', type: 'image/jpeg' }]);
      expect(res.status, name).toBe(422);
      expect((await json(res)).errors[0], name).toMatchObject({ field: 'photo', code: 'photo-not-an-image' });
    }
    expect(await t.store.listPublications(LONGGANG)).toEqual([]);
  });
});
