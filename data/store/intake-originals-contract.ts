import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newComplaint } from '../complaints/complaint-workflow.ts';
import { trackingCodeFrom } from '../complaints/tracking-code.ts';
import { MAX_ORIGINAL_BYTES, MAX_ORIGINALS_PER_COMPLAINT, type IntakeOriginals, type NewOriginal } from './intake-originals.ts';
import type { Store } from './store.ts';

export type OriginalsContractStore = IntakeOriginals & Pick<Store, 'fileComplaint'>;
export type OpenIntakeOriginals = () => Promise<{ store: OriginalsContractStore; connect: () => Promise<OriginalsContractStore>; cleanup: () => Promise<void> }>;

const VILLAGE = '430802108214';
const at = (minute: number) => new Date(Date.UTC(2026, 11, 7, 1, minute)).toISOString();

/** What every backend must do with the originals of complaints staff recorded (intake-originals.ts). */
export function describeIntakeOriginalsContract(name: string, open: OpenIntakeOriginals): void {
  describe(`Intake originals contract: ${name}`, () => {
    let opened: Awaited<ReturnType<OpenIntakeOriginals>>;
    beforeEach(async () => {
      opened = await open();
    });
    afterEach(async () => {
      await opened.cleanup();
    });

    /** Files complaints 1..n, as staff recording from a WeChat group would. */
    const file = async (n: number) => {
      const ids = [];
      for (let i = 1; i <= n; i++) ids.push((await opened.store.fileComplaint(newComplaint({ village: VILLAGE, category: '惠农补贴', text: '三组有几户耕地补贴没发', anonymous: false }, code(i), at(0)))).publicId);
      return ids;
    };

    it('keeps each image with its complaint, numbered in the order saved, and another connection reads the same bytes', async () => {
      const [first, second] = await file(2);
      const a = image(1, { mime: 'image/jpeg', width: 1080, height: 2340 });
      const b = image(2);
      const savedA = await opened.store.saveOriginal(first!, a);
      expect(savedA).toEqual({ kind: 'saved', meta: { complaint: first, seq: 1, id: a.id, mime: 'image/jpeg', width: 1080, height: 2340, size: a.bytes.length, savedBy: '王家坪镇纪委', at: at(1) } });
      const savedB = await opened.store.saveOriginal(first!, b);
      expect(savedB.kind === 'saved' && savedB.meta.seq).toBe(2);
      const other = await opened.connect();
      expect((await other.listOriginals(first!)).map((m) => m.id)).toEqual([a.id, b.id]);
      const read = await other.getOriginal(first!, a.id);
      expect(read?.meta).toEqual(savedA.kind === 'saved' ? savedA.meta : null);
      expect(Buffer.isBuffer(read?.bytes)).toBe(true);
      expect(read!.bytes.equals(a.bytes)).toBe(true);
      // one complaint's original is not found under another's number
      expect(await other.getOriginal(second!, a.id)).toBeNull();
      expect(await other.listOriginals(second!)).toEqual([]);
      expect(await other.getOriginal(first!, image(3).id)).toBeNull();
    });

    it('keeps an image of the largest size allowed, byte for byte', async () => {
      const [complaint] = await file(1);
      const big = image(7, { size: MAX_ORIGINAL_BYTES });
      expect((await opened.store.saveOriginal(complaint!, big)).kind).toBe('saved');
      expect((await opened.store.getOriginal(complaint!, big.id))!.bytes.equals(big.bytes)).toBe(true);
    });

    it('answers the image already kept when the same one is saved again, even once the complaint is full', async () => {
      const [complaint] = await file(1);
      const first = await opened.store.saveOriginal(complaint!, image(1));
      expect(await opened.store.saveOriginal(complaint!, { ...image(1), savedBy: '另一人', at: at(9) })).toEqual(first);
      for (let i = 2; i <= MAX_ORIGINALS_PER_COMPLAINT; i++) expect((await opened.store.saveOriginal(complaint!, image(i))).kind).toBe('saved');
      expect(await opened.store.saveOriginal(complaint!, image(99))).toEqual({ kind: 'too-many', limit: MAX_ORIGINALS_PER_COMPLAINT });
      expect(await opened.store.saveOriginal(complaint!, image(1))).toEqual(first);
      expect((await opened.store.listOriginals(complaint!)).map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    });

    it('keeps exactly six when two connections save five each for one complaint at once', async () => {
      const [complaint] = await file(1);
      const other = await opened.connect();
      const outcomes = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? opened.store : other).saveOriginal(complaint!, image(i + 1))));
      expect(outcomes.filter((o) => o.kind === 'saved')).toHaveLength(MAX_ORIGINALS_PER_COMPLAINT);
      expect(outcomes.filter((o) => o.kind === 'too-many')).toHaveLength(10 - MAX_ORIGINALS_PER_COMPLAINT);
      const listed = await opened.store.listOriginals(complaint!);
      expect(listed.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(new Set(listed.map((m) => m.id))).toEqual(new Set(outcomes.flatMap((o) => (o.kind === 'saved' ? [o.meta.id] : []))));
    });

    it('answers no-such-complaint for a number no complaint has, writing nothing', async () => {
      await file(1);
      expect(await opened.store.saveOriginal('2', image(1))).toEqual({ kind: 'no-such-complaint' });
      expect(await opened.store.saveOriginal('abc', image(1))).toEqual({ kind: 'no-such-complaint' });
      expect(await opened.store.listOriginals('2')).toEqual([]);
      expect(await opened.store.listOriginals('abc')).toEqual([]);
      expect(await opened.store.getOriginal('abc', image(1).id)).toBeNull();
    });

    it('refuses what only a caller’s bug would send, writing nothing', async () => {
      const [complaint] = await file(1);
      const good = image(1);
      const bad: NewOriginal[] = [
        { ...good, id: good.id.slice(1) },
        { ...good, id: good.id.toUpperCase() },
        // an id that is not the SHA-256 of the bytes: the bytes were cut short or swapped on the way
        { ...good, id: image(2).id },
        { ...good, bytes: good.bytes.subarray(1) },
        { ...good, mime: 'image/gif' as never },
        { ...good, width: 0 },
        { ...good, height: 1.5 },
        { ...good, width: Number.NaN },
        image(3, { size: 0 }),
        image(4, { size: MAX_ORIGINAL_BYTES + 1 }),
        { ...good, savedBy: '' },
        { ...good, savedBy: '纪'.repeat(61) },
        { ...good, at: 'now' },
      ];
      for (const original of bad) await expect(opened.store.saveOriginal(complaint!, original)).rejects.toThrow(TypeError);
      expect(await opened.store.listOriginals(complaint!)).toEqual([]);
    });
  });
}

// ——— private helpers ———

function code(n: number): string {
  return trackingCodeFrom(Uint8Array.from([n >> 16, (n >> 8) & 255, n & 255, 0x20, 0x0a, 0x5e, 0]));
}

/** Bytes that differ per n and span all 256 values (no text encoding may touch them), under their SHA-256. */
function image(n: number, options: { mime?: NewOriginal['mime']; width?: number; height?: number; size?: number } = {}): NewOriginal {
  const bytes = Buffer.alloc(options.size ?? 2_000 + n);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31 + n * 17) & 255;
  return {
    id: createHash('sha256').update(bytes).digest('hex'),
    mime: options.mime ?? 'image/webp',
    width: options.width ?? 1200,
    height: options.height ?? 900,
    bytes,
    savedBy: '王家坪镇纪委',
    at: at(1),
  };
}
