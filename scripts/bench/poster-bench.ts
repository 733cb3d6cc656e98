import { DEFAULT_SUPERVISION_PHONES } from '../../data/config.ts';
import type { PosterInput } from '../../data/poster/poster-content.ts';
import type { PosterOptions } from '../../data/poster/poster-options.ts';
import { villagePosterInputs } from '../../data/poster/poster-villages.ts';
import { SITE_NAME } from '../../site/build/page-builder.ts';
import { renderBatchPdf, renderVillagePdf, renderVillagePng } from '../../site/poster/poster-render.ts';
import { readDivisions } from '../lib/china-division.ts';

/**
 * The QR posters (issue 4) on the real Zhangjiajie region (data/regions/4308.json, 1,018
 * villages). Render times are without the cache: what a poster costs the first time it is asked
 * for, once the process is warm (the font parsed, the code compiled). Goals: ≤ 20 ms a poster
 * warm, ≤ 30 KB a page, one PDF of all 1,018 villages in ≤ 10 s.
 */
export async function posterBench(options: { log: (label: string, value: string) => void; singles?: number }): Promise<void> {
  const { log } = options;
  console.log('# QR posters (issue 4) — real region 4308, cache bypassed; goals: ≤ 20 ms/poster warm, ≤ 30 KB/page, 1,018 villages in one PDF ≤ 10 s');
  const divisions = await readDivisions('4308');
  const inputs = villagePosterInputs(divisions, '4308', {
    baseUrl: 'https://cunwu.example.gov.cn',
    phones: [{ label: '县纪委监委', number: '0744-8222222' }, ...DEFAULT_SUPERVISION_PHONES],
    printedOn: '2026-11-25',
    siteName: SITE_NAME,
  });
  const A4: PosterOptions = { size: 'a4', mono: false };

  // Warm-up: the 10 MB font is parsed on first use, and V8 compiles the hot paths.
  const t0 = performance.now();
  await renderVillagePdf(inputs[0]!, A4);
  log('posters: first poster in a fresh process', `${(performance.now() - t0).toFixed(0)} ms (reads and parses the font)`);
  for (const input of inputs.slice(1, 11)) await renderVillagePdf(input, A4);

  // Single posters, spread over the region so names (and glyphs) vary.
  const count = Math.min(inputs.length, Math.max(50, options.singles ?? 100));
  const sample: PosterInput[] = Array.from({ length: count }, (_, i) => inputs[Math.floor((i * inputs.length) / count)]!);
  const times: number[] = [];
  const sizes: number[] = [];
  for (const input of sample) {
    const start = performance.now();
    const pdf = await renderVillagePdf(input, A4);
    times.push(performance.now() - start);
    sizes.push(pdf.byteLength);
  }
  times.sort((a, b) => a - b);
  sizes.sort((a, b) => a - b);
  const p50 = pct(times, 50);
  const p95 = pct(times, 95);
  log(`posters: one village PDF, warm, ${count} villages`, `p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (goal ≤ 20 ms) ${mark(p50 <= 20)}${p95 > 20 ? ' (p95 over)' : ''}`);
  log('posters: one village PDF, size', `median ${kb(pct(sizes, 50))}, max ${kb(sizes[sizes.length - 1] ?? 0)} (goal ≤ 30 KB/page) ${mark((sizes[sizes.length - 1] ?? 0) <= 30 * 1024)}`);

  const a3 = await renderVillagePdf(sample[0]!, { size: 'a3', mono: false });
  const mono = await renderVillagePdf(sample[0]!, { size: 'a4', mono: true });
  log('posters: A3 / black-and-white, size', `${kb(a3.byteLength)} / ${kb(mono.byteLength)}`);

  const pngTimes: number[] = [];
  for (const input of sample.slice(0, 20)) {
    const start = performance.now();
    await renderVillagePng(input, A4);
    pngTimes.push(performance.now() - start);
  }
  pngTimes.sort((a, b) => a - b);
  log('posters: PNG preview (sharp), 20 villages', `p50 ${pct(pngTimes, 50).toFixed(0)} ms`);

  // The whole region in one document: one font subset shared by every page.
  const township = inputs.filter((i) => i.village.code.startsWith(inputs[0]!.village.code.slice(0, 9)));
  const tb = await renderBatchPdf(township, A4, 'township');
  log(`posters: batch of one township (${township.length} villages)`, `${kb(tb.byteLength)} = ${kb(tb.byteLength / township.length)}/page`);
  const start = performance.now();
  const all = await renderBatchPdf(inputs, A4, '张家界市', { yieldEvery: 4 });
  const ms = performance.now() - start;
  log(`posters: one PDF of all ${inputs.length} villages`, `${(ms / 1000).toFixed(2)} s (goal ≤ 10 s) ${mark(ms <= 10_000)}, ${(all.byteLength / 1024 / 1024).toFixed(1)} MB = ${kb(all.byteLength / inputs.length)}/page (goal ≤ 30 KB) ${mark(all.byteLength / inputs.length <= 30 * 1024)}`);
}

// ——— private helpers ———

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

function mark(met: boolean): string {
  return met ? '✓' : '✗ missed';
}
