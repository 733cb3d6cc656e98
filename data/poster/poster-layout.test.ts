import { describe, expect, it } from 'vitest';
import { posterContent, type PosterInput } from './poster-content.ts';
import { layoutPoster, MIN_VILLAGE_QR_MM, type PosterItem, type PosterLayout } from './poster-layout.ts';
import type { PosterOptions } from './poster-options.ts';
import { QUIET_ZONE_MODULES, type QrMatrix } from './qr-runs.ts';
import type { Measure } from './text-wrap.ts';

/** Chinese characters one em wide, everything else 0.55: close to Noto Sans SC. */
const measure: Measure = (text) => [...text].reduce((w, ch) => w + (/[\u0000-\u00ff]/.test(ch) ? 0.55 : 1), 0);

/** A pseudo-random symbol of the size qrcode gives the posters' URLs (version 4: 33 modules). */
function matrix(size: number, seed: number): QrMatrix {
  const data = Array.from({ length: size * size }, (_, i) => ((i * 2654435761 + seed) >>> 7) % 3 === 0);
  return { size, data };
}

const input: PosterInput = {
  village: { code: '430802108214', name: '马头溪村', township: '王家坪镇', county: '永定区' },
  baseUrl: 'http://portal.test',
  phones: [
    { label: '县纪委监委', number: '0744-8888888' },
    { label: '乡镇纪委', number: '0744-8333333' },
    { label: '举报电话', number: '12388' },
    { label: '纪检监察举报电话', number: '0744-8222222' },
  ],
  printedOn: '2026-08-01',
  siteName: '阳光村务',
};
const qr = { village: matrix(33, 1), complaint: matrix(37, 2) };
const layout = (options: PosterOptions, i: PosterInput = input): PosterLayout => layoutPoster(posterContent(i), qr, options, measure);
const A4: PosterOptions = { size: 'a4', mono: false };

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

function box(item: PosterItem): Box {
  switch (item.kind) {
    case 'text':
      return { left: item.x, top: item.baseline - 0.88 * item.size, right: item.x + measure(item.text, item.weight) * item.size, bottom: item.baseline + 0.12 * item.size };
    case 'rect':
      return { left: item.x, top: item.y, right: item.x + item.width, bottom: item.y + item.height };
    case 'qr':
      return { left: item.x, top: item.y, right: item.x + item.modules * item.module, bottom: item.y + item.modules * item.module };
  }
}

const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
const qrs = (l: PosterLayout) => l.items.filter((i): i is Extract<PosterItem, { kind: 'qr' }> => i.kind === 'qr');

describe('poster layout', () => {
  it('draws the village QR at least 7 cm wide on A4, and the complaint QR smaller', () => {
    const [village, complaint] = qrs(layout(A4)).sort((a, b) => b.module - a.module);
    expect(village!.modules * village!.module).toBeGreaterThanOrEqual(MIN_VILLAGE_QR_MM);
    expect(complaint!.modules * complaint!.module).toBeLessThan(village!.modules * village!.module);
  });

  it('keeps a quiet zone of four modules around each QR that nothing but its own frame enters', () => {
    const l = layout(A4);
    for (const code of qrs(l)) {
      const q = QUIET_ZONE_MODULES * code.module;
      const zone = box(code);
      const padded = { left: zone.left - q, top: zone.top - q, right: zone.right + q, bottom: zone.bottom + q };
      for (const item of l.items) {
        if (item === code) continue;
        // The complaint box's outline is drawn around its QR's quiet zone, not across it.
        if (item.kind === 'rect' && item.stroke !== null) {
          const half = item.stroke / 2;
          const b = box(item);
          const inner = { left: b.left + half, top: b.top + half, right: b.right - half, bottom: b.bottom - half };
          const encloses = inner.left <= padded.left && inner.top <= padded.top && inner.right >= padded.right && inner.bottom >= padded.bottom;
          expect(encloses || !overlaps({ left: b.left - half, top: b.top - half, right: b.right + half, bottom: b.bottom + half }, padded)).toBe(true);
          continue;
        }
        expect(overlaps(box(item), padded), JSON.stringify(item).slice(0, 120)).toBe(false);
      }
    }
  });

  it('keeps everything at least 5 mm inside the sheet, where office printers print, on A4 and A3', () => {
    for (const size of ['a4', 'a3'] as const) {
      const l = layout({ size, mono: false });
      for (const item of l.items) {
        const b = box(item);
        expect(b.left, item.kind).toBeGreaterThanOrEqual(5);
        expect(b.top, item.kind).toBeGreaterThanOrEqual(5);
        expect(b.right, item.kind).toBeLessThanOrEqual(l.width - 5);
        expect(b.bottom, item.kind).toBeLessThanOrEqual(l.height - 5);
      }
    }
  });

  it('lets no two pieces of text overlap, even with four phone numbers', () => {
    const texts = layout(A4).items.filter((i) => i.kind === 'text');
    for (let i = 0; i < texts.length; i++) {
      for (let j = i + 1; j < texts.length; j++) {
        expect(overlaps(box(texts[i]!), box(texts[j]!)), `${JSON.stringify(texts[i])} × ${JSON.stringify(texts[j])}`).toBe(false);
      }
    }
  });

  it('prints under the QR the very URL it encodes, and the phone numbers given', () => {
    const printed = layout(A4).items.flatMap((i) => (i.kind === 'text' ? [i.text] : []));
    expect(printed).toContain('http://portal.test/v/430802108214/');
    for (const phone of input.phones) expect(printed).toContain(phone.number);
  });

  it('makes A3 the A4 poster scaled by √2', () => {
    const a4 = layout(A4);
    const a3 = layout({ size: 'a3', mono: false });
    expect([a3.width, a3.height]).toEqual([297, 420]);
    expect(a3.items.length).toBe(a4.items.length);
    const s = 297 / 210;
    a4.items.forEach((item, i) => {
      const big = a3.items[i]!;
      expect(box(big).left).toBeCloseTo(box(item).left * s, 6);
      expect(box(big).bottom).toBeCloseTo(box(item).bottom * s, 6);
    });
  });

  it('uses only black and greys in the black-and-white version, and red in the colour one', () => {
    const grey = (c: string) => c.slice(1, 3) === c.slice(3, 5) && c.slice(3, 5) === c.slice(5, 7);
    const colours = (l: PosterLayout) => l.items.map((i) => i.colour);
    expect(colours(layout({ size: 'a4', mono: true })).every(grey)).toBe(true);
    expect(colours(layout(A4)).some((c) => !grey(c))).toBe(true);
  });

  it('shrinks a long village name to the width of the sheet instead of running off it', () => {
    const long = { ...input, village: { ...input.village, name: '天子山街道办事处某某某某社区居民委员会' } };
    const name = layout(A4, long).items.find((i) => i.kind === 'text' && i.text === long.village.name);
    expect(name?.kind).toBe('text');
    const b = box(name!);
    expect(b.left).toBeGreaterThanOrEqual(15 - 1e-9);
    expect(b.right).toBeLessThanOrEqual(195 + 1e-9);
  });
});
