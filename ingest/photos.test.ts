import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { refuseTakenDownPhotos } from './photos.ts';
import { bearer, FIXTURE_NAMES, FIXTURES, json, LONGGANG, postForm, testApp, XLSX_TYPE, type TestApp } from './test-support.ts';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.cleanup();
  t = undefined;
});

const projectFile = { bytes: FIXTURES.project, name: FIXTURE_NAMES.project, type: XLSX_TYPE };

/** A landscape JPEG whose EXIF says "rotate 90° clockwise to view", as phones write them. */
async function sidewaysJpeg(width: number, height: number): Promise<Uint8Array> {
  const top = await sharp({ create: { width, height: height / 2, channels: 3, background: { r: 220, g: 20, b: 20 } } }).png().toBuffer();
  const buf = await sharp({ create: { width, height, channels: 3, background: { r: 20, g: 20, b: 220 } } })
    .composite([{ input: top, top: 0, left: 0 }])
    .jpeg()
    .withMetadata({ orientation: 6 })
    .toBuffer();
  return new Uint8Array(buf);
}

describe('project photos', () => {
  it('auto-orients a photo by its EXIF orientation, strips the metadata and stores 1200/320 px WebP variants', async () => {
    t = await testApp();
    const jpeg = await sidewaysJpeg(1600, 800);
    expect((await sharp(jpeg).metadata()).orientation).toBe(6);
    const res = await postForm(t, LONGGANG, { kind: 'project' }, projectFile, bearer(t.tokens.longgang), [
      { field: 'photo.2', bytes: jpeg, name: 'IMG_0001.jpg', type: 'image/jpeg' },
    ]);
    const body = await json(res);
    expect(res.status, JSON.stringify(body)).toBe(201);

    const stored = await t.store.getPublication(body.publication.id);
    if (stored?.content.kind !== 'project') throw new Error('expected a project publication');
    expect(stored.content.projects[0]?.photos).toEqual([]);
    const [ref] = stored.content.projects[1]?.photos ?? [];
    // 1600×800 turned upright is 800×1600; 800 is under 1200, so it is not enlarged.
    expect(ref).toMatchObject({ width: 800, height: 1600, caption: null });
    expect(ref?.id).toMatch(/^[0-9a-f]{24}$/);

    const large = await t.store.getPhoto(ref!.id, 'large');
    const small = await t.store.getPhoto(ref!.id, 'small');
    const largeMeta = await sharp(large!).metadata();
    const smallMeta = await sharp(small!).metadata();
    expect(largeMeta).toMatchObject({ format: 'webp', width: 800, height: 1600 });
    expect(smallMeta).toMatchObject({ format: 'webp', width: 320, height: 640 });
    expect(largeMeta.exif).toBeUndefined();
    expect(largeMeta.orientation).toBeUndefined();
    // The red half was on top of the sideways image; upright, it is on the right.
    const { data } = await sharp(large!).raw().toBuffer({ resolveWithObject: true });
    const pixel = (x: number, y: number) => data[(y * 800 + x) * 3];
    expect(pixel(750, 800)).toBeGreaterThan(150);
    expect(pixel(50, 800)).toBeLessThan(100);
  });

  it('attaches a plain `photo` field to the first project', async () => {
    t = await testApp();
    const png = new Uint8Array(await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3a7' } }).png().toBuffer());
    const res = await postForm(t, LONGGANG, { kind: 'project' }, projectFile, bearer(t.tokens.longgang), [{ field: 'photo', bytes: png, name: 'a.png', type: 'image/png' }]);
    expect(res.status).toBe(201);
    const stored = await t.store.getPublication((await json(res)).publication.id);
    if (stored?.content.kind !== 'project') throw new Error('expected a project publication');
    expect(stored.content.projects[0]?.photos).toHaveLength(1);
    expect(stored.content.projects[0]?.photos[0]).toMatchObject({ width: 64, height: 48 });
  });

  it('refuses a pixel bomb with 422 naming the field, and publishes nothing', async () => {
    t = await testApp({ maxPhotoPixels: 1_000_000 });
    const bomb = new Uint8Array(await sharp({ create: { width: 2000, height: 2000, channels: 3, background: '#fff' } }).png({ compressionLevel: 9 }).toBuffer());
    expect(bomb.byteLength).toBeLessThan(t.config.bodyLimitBytes);
    const res = await postForm(t, LONGGANG, { kind: 'project' }, projectFile, bearer(t.tokens.longgang), [{ field: 'photo.1', bytes: bomb, name: 'bomb.png', type: 'image/png' }]);
    const body = await json(res);
    expect(res.status).toBe(422);
    expect(body.errors[0]).toMatchObject({ field: 'photo.1', code: 'photo-too-many-pixels' });
    expect(await t.store.listPublications(LONGGANG)).toEqual([]);
  });

  it('refuses a damaged image and a non-image with 422 naming the field', async () => {
    t = await testApp();
    const broken = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 1, 2, 3]);
    const gif = new TextEncoder().encode('GIF89a....');
    for (const [field, bytes] of [
      ['photo.3', broken],
      ['photo.4', gif],
    ] as const) {
      const res = await postForm(t, LONGGANG, { kind: 'project' }, projectFile, bearer(t.tokens.longgang), [{ field, bytes, name: 'x.jpg', type: 'image/jpeg' }]);
      expect(res.status, field).toBe(422);
      expect((await json(res)).errors[0].field).toBe(field);
    }
  });

  it('refuses a photo for a project number the file does not have', async () => {
    t = await testApp();
    const png = new Uint8Array(await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } }).png().toBuffer());
    const res = await postForm(t, LONGGANG, { kind: 'project' }, projectFile, bearer(t.tokens.longgang), [{ field: 'photo.99', bytes: png, name: 'a.png', type: 'image/png' }]);
    expect(res.status).toBe(422);
    expect((await json(res)).errors[0].field).toBe('photo.99');
  });

  it('refuses a photo that only a version taken down shows, naming the project row and the photo', async () => {
    t = await testApp();
    const png = new Uint8Array(await sharp({ create: { width: 64, height: 48, channels: 3, background: '#a33' } }).png().toBuffer());
    const res = await postForm(t, LONGGANG, { kind: 'project' }, projectFile, bearer(t.tokens.longgang), [{ field: 'photo.2', bytes: png, name: 'a.png', type: 'image/png' }]);
    expect(res.status).toBe(201);
    const stored = await t.store.getPublication((await json(res)).publication.id);
    if (stored?.content.kind !== 'project') throw new Error('expected a project publication');
    const item = stored.content.projects[1]!;
    const photo = item.photos[0]!.id;
    // while its version is up, naming the photo again is fine
    expect(await refuseTakenDownPhotos(t.store, stored.content)).toBeNull();

    await t.store.tombstone(stored.id, '照片中有村民身份证', '2026-10-13T01:00:00.000Z');
    const refused = await refuseTakenDownPhotos(t.store, stored.content);
    expect(refused).toEqual({
      kind: 'invalid-file',
      warnings: [],
      errors: [
        {
          code: 'photo-taken-down', row: item.row, column: null, field: 'photos',
          message: `第 ${item.row} 行项目（${item.name}）的照片 ${photo} 已随所在版本撤下，不能再次公开；请删去这张照片`,
          messageEn: `The photo ${photo} of the project in row ${item.row} (${item.name}) was taken down with its version and cannot be published again; remove it`,
        },
      ],
    });
    const withoutIt = { ...stored.content, projects: stored.content.projects.map((p) => ({ ...p, photos: [] })) };
    expect(await refuseTakenDownPhotos(t.store, withoutIt)).toBeNull();
  });
});
