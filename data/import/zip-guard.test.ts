import { describe, expect, it } from 'vitest';
import { readZipDirectory, zipRefusalMessage, XLSX_ZIP_LIMITS, type ZipDirectory } from './zip-guard.ts';
import { storedZip, unpackZip } from './zip-unpack.ts';
import { buildZip, deflatedZeros, SAMPLE_XLSX, sampleParts } from './zip-test-support.ts';

const MB = 1024 * 1024;
const text = (s: string) => new TextEncoder().encode(s);

function refusal(result: ZipDirectory) {
  if (result.ok) throw new Error('accepted');
  return result.refusal;
}

describe('readZipDirectory', () => {
  it('lists the sample workbook with the names and sizes its directory declares', () => {
    const dir = readZipDirectory(SAMPLE_XLSX);
    if (!dir.ok) throw new Error(JSON.stringify(dir.refusal));
    // `unzip -lv` on the sample: 16 entries, 19,268 bytes unpacked.
    expect(dir.entries).toHaveLength(16);
    expect(dir.entries.reduce((n, e) => n + e.uncompressedSize, 0)).toBe(19_268);
    expect(dir.entries.find((e) => e.name === 'xl/worksheets/sheet1.xml')).toMatchObject({ method: 8, compressedSize: 912, uncompressedSize: 3244 });
    const unpacked = unpackZip(SAMPLE_XLSX, dir.entries);
    expect(unpacked.ok && new TextDecoder().decode(unpacked.files.find((f) => f.name === 'xl/workbook.xml')?.data).includes('<workbook')).toBe(true);
  });

  it('refuses more than 1,000 entries from the end record, before reading them', () => {
    const many = buildZip(Array.from({ length: 1_001 }, (_, i) => ({ name: `xl/media/${i}.txt`, data: text('x'), method: 0 as const })));
    expect(refusal(readZipDirectory(many))).toEqual({ kind: 'too-many-entries', count: 1_001, limit: XLSX_ZIP_LIMITS.maxEntries });
  });

  it('refuses a declared total over 100 MB and an entry compressed over 200:1', async () => {
    const big = await deflatedZeros(150 * MB);
    const tooLarge = buildZip([{ name: 'xl/worksheets/sheet1.xml', compressed: big.compressed, declaredSize: 150 * MB, crc: big.crc }]);
    expect(refusal(readZipDirectory(tooLarge))).toMatchObject({ kind: 'too-large', limit: 100 * MB });
    // Many entries, each too small for the ratio check, add up past it too.
    const shared = await deflatedZeros(1 * MB);
    const split = buildZip(Array.from({ length: 101 }, (_, i) => ({ name: `xl/media/${i}.bin`, compressed: shared.compressed, declaredSize: 1 * MB, crc: shared.crc })));
    expect(refusal(readZipDirectory(split))).toMatchObject({ kind: 'too-large', totalBytes: 101 * MB });

    const dense = await deflatedZeros(20 * MB);
    const ratio = refusal(readZipDirectory(buildZip([{ name: 'xl/sharedStrings.xml', compressed: dense.compressed, declaredSize: 20 * MB, crc: dense.crc }])));
    expect(ratio).toMatchObject({ kind: 'ratio', name: 'xl/sharedStrings.xml', limit: 200 });
    expect(ratio.kind === 'ratio' && ratio.ratio).toBeGreaterThan(900);
    expect(zipRefusalMessage(ratio).message).toContain('压缩炸弹');
  });

  it('refuses names that climb out of the archive or are absolute', () => {
    for (const name of ['../../etc/passwd', 'xl/../../x.xml', '/etc/passwd', 'C:/Windows/x', 'xl\\..\\x.xml', '']) {
      expect(refusal(readZipDirectory(buildZip([{ name, data: text('x') }]))), name).toMatchObject({ kind: 'unsafe-name' });
    }
  });

  it('refuses ZIP64 markers, encryption and unknown compression instead of reading them', () => {
    expect(refusal(readZipDirectory(buildZip([{ name: 'a.xml', data: text('x'), declaredSize: 0xffffffff }])))).toEqual({ kind: 'zip64' });
    expect(refusal(readZipDirectory(buildZip([{ name: 'a.xml', data: text('x') }], { count: 0xffff })))).toEqual({ kind: 'zip64' });
    expect(refusal(readZipDirectory(buildZip([{ name: 'a.xml', data: text('x'), flags: 1 }])))).toMatchObject({ kind: 'encrypted' });
    const bzip2 = buildZip([{ name: 'a.xml', data: text('x'), method: 0 }]);
    new DataView(bzip2.buffer).setUint16(bzip2.length - 22 - 46 - 5 + 10, 12, true);
    expect(refusal(readZipDirectory(bzip2))).toMatchObject({ kind: 'unsupported-method', method: 12 });
  });

  it('refuses a directory that disagrees with itself: wrong count, wrong offset, truncation, overlapping entries', () => {
    const entries = [
      { name: 'a.xml', data: text('<a/>') },
      { name: 'b.xml', data: text('<b/>') },
    ];
    expect(refusal(readZipDirectory(buildZip(entries, { count: 1 }))).kind).toBe('damaged');
    expect(refusal(readZipDirectory(buildZip(entries, { count: 3 }))).kind).toBe('damaged');
    expect(refusal(readZipDirectory(buildZip(entries, { cdOffsetShift: -4 }))).kind).toBe('damaged');
    const whole = buildZip(entries);
    expect(refusal(readZipDirectory(whole.subarray(0, whole.length - 30))).kind).toBe('damaged');
    // Two records pointing at one local header: the overlapping-file zip bomb.
    expect(refusal(readZipDirectory(buildZip([...entries, { name: 'c.xml', data: text('<a/>'), localHeaderOf: 0 }]))).kind).toBe('damaged');
    expect(refusal(readZipDirectory(text('PK\u0003\u0004 not really a zip'))).kind).toBe('damaged');
  });
});

describe('unpackZip', () => {
  it('refuses an entry whose directory lies about its size, stopping at the declared size', async () => {
    const bomb = await deflatedZeros(200 * MB);
    const lying = buildZip([{ name: 'xl/worksheets/sheet1.xml', compressed: bomb.compressed, declaredSize: 1_000, crc: bomb.crc }]);
    const dir = readZipDirectory(lying);
    if (!dir.ok) throw new Error('the directory itself is within limits');
    const before = process.memoryUsage().rss;
    expect(unpackZip(lying, dir.entries)).toEqual({ ok: false, refusal: { kind: 'size-mismatch', name: 'xl/worksheets/sheet1.xml', declared: 1_000 } });
    expect(process.memoryUsage().rss - before).toBeLessThan(50 * MB);
  });

  it('refuses an entry that unpacks to less than declared, or is not deflate at all', () => {
    const short = buildZip([{ name: 'a.xml', data: text('<a/>'), declaredSize: 10 }]);
    const garbage = buildZip([{ name: 'a.xml', compressed: text('not deflate at all'), declaredSize: 10 }]);
    for (const zip of [short, garbage]) {
      const dir = readZipDirectory(zip);
      if (!dir.ok) throw new Error('the directory itself is fine');
      expect(unpackZip(zip, dir.entries)).toMatchObject({ ok: false, refusal: { kind: 'size-mismatch' } });
    }
  });

  it('repacks the unpacked parts into a stored zip that reads back the same', () => {
    const parts = sampleParts();
    const repacked = storedZip([...parts].map(([name, data]) => ({ name, data })));
    const dir = readZipDirectory(repacked);
    if (!dir.ok) throw new Error(JSON.stringify(dir.refusal));
    expect(dir.entries.every((e) => e.method === 0)).toBe(true);
    const again = unpackZip(repacked, dir.entries);
    if (!again.ok) throw new Error('the repacked zip does not unpack');
    expect(new Map(again.files.map((f) => [f.name, Buffer.from(f.data).toString('hex')]))).toEqual(
      new Map([...parts].map(([name, data]) => [name, Buffer.from(data).toString('hex')])),
    );
  });
});
