import type { Config } from '../../data/config.ts';
import { batchCacheKey, posterCacheKey, type PosterFormat } from '../../data/poster/poster-cache-key.ts';
import type { PosterInput } from '../../data/poster/poster-content.ts';
import type { PosterResult } from '../../data/poster/poster-failure.ts';
import type { PosterOptions } from '../../data/poster/poster-options.ts';
import { isBatchScope, villagePosterInputs, type PosterCommon } from '../../data/poster/poster-villages.ts';
import { ByteLru } from '../../data/poster/byte-lru.ts';
import { levelOf } from '../../data/region.ts';
import type { Store } from '../../data/store/store.ts';
import { SITE_NAME } from '../build/page-builder.ts';
import { chinaDate } from '../lib/format.ts';
import { renderBatchPdf, renderVillagePdf, renderVillagePng } from './poster-render.ts';

/**
 * Posters on demand: read the village (or every village of a township or county) from the store,
 * render, and keep the bytes in a memory cache. The cache key covers everything printed (names,
 * base URL, phone numbers, printed date, template version, size, colour), so a poster is never
 * served stale: a changed input is simply a different key, and old entries age out of the LRU.
 */

export interface PosterServiceDeps {
  store: Store;
  config: Config;
  clock: () => Date;
  /** memory for rendered posters; 0 renders every time (the command line) */
  cacheBytes?: number;
}

export interface PosterFile {
  bytes: Uint8Array;
  contentType: 'application/pdf' | 'image/png';
  /** a download name: poster-430802108214-a3-mono.pdf */
  filename: string;
  /** changes whenever the poster would */
  etag: string;
  /** one per village */
  pages: number;
}

export type PosterService = ReturnType<typeof createPosterService>;

export const DEFAULT_POSTER_CACHE_BYTES = 64 * 1024 * 1024;

export function createPosterService(deps: PosterServiceDeps) {
  const cache = new ByteLru(deps.cacheBytes ?? DEFAULT_POSTER_CACHE_BYTES);
  const inFlight = new Map<string, Promise<Uint8Array>>();
  let renders = 0;

  const common = (): PosterCommon => ({
    baseUrl: deps.config.baseUrl,
    phones: deps.config.supervisionPhones,
    printedOn: chinaDate(deps.clock().toISOString()),
    siteName: SITE_NAME,
  });

  /** One render per key at a time: a second request for the same poster waits for the first. */
  const cached = (key: string, render: () => Promise<Uint8Array>): Promise<Uint8Array> => {
    const hit = cache.get(key);
    if (hit) return Promise.resolve(hit);
    let pending = inFlight.get(key);
    if (!pending) {
      pending = render()
        .then((bytes) => {
          renders += 1;
          cache.set(key, bytes);
          return bytes;
        })
        .finally(() => inFlight.delete(key));
      inFlight.set(key, pending);
    }
    return pending;
  };

  const villageInput = async (code: string): Promise<PosterInput | null> => {
    if (levelOf(code) !== 'village') return null;
    const village = await deps.store.getDivision(code);
    if (!village || village.level !== 'village' || !village.parent) return null;
    const township = await deps.store.getDivision(village.parent);
    const county = township?.parent ? await deps.store.getDivision(township.parent) : null;
    if (!township || !county) return null;
    return villagePosterInputs([county, township, village], code, common())[0] ?? null;
  };

  return {
    /** One village's poster, as a PDF to print or a PNG preview. */
    async village(code: string, options: PosterOptions, format: PosterFormat): Promise<PosterResult<PosterFile>> {
      const input = await villageInput(code);
      if (!input) return { ok: false, failure: { kind: 'village-not-found', code } };
      const key = posterCacheKey(input, options, format);
      const bytes = await cached(key, () => (format === 'pdf' ? renderVillagePdf(input, options) : renderVillagePng(input, options)));
      return {
        ok: true,
        value: { bytes, contentType: format === 'pdf' ? 'application/pdf' : 'image/png', filename: `poster-${code}${suffix(options)}.${format}`, etag: etagOf(key), pages: 1 },
      };
    },

    /** Every village of a township or county, one page each, in region order. */
    async batch(scope: string, options: PosterOptions, onPage?: (done: number, total: number) => void): Promise<PosterResult<PosterFile>> {
      const notFound = { ok: false as const, failure: { kind: 'scope-not-found' as const, code: scope } };
      if (!isBatchScope(scope)) return notFound;
      const division = await deps.store.getDivision(scope);
      if (!division || division.level !== levelOf(scope)) return notFound;
      // The county's divisions: the villages, their townships, and the county itself.
      const divisions = await deps.store.listDivisions(scope.slice(0, 6));
      const inputs = villagePosterInputs(divisions, scope, common());
      if (inputs.length === 0) return notFound;
      const first = inputs[0]!.village;
      const title = division.level === 'county' ? first.county : `${first.county}${first.township}`;
      const key = batchCacheKey(scope, inputs, options);
      const bytes = await cached(key, () => renderBatchPdf(inputs, options, title, { onPage, yieldEvery: 4 }));
      return { ok: true, value: { bytes, contentType: 'application/pdf', filename: `posters-${scope}${suffix(options)}.pdf`, etag: etagOf(key), pages: inputs.length } };
    },

    /** Posters rendered so far (cache hits do not count). */
    get renders(): number {
      return renders;
    },
  };
}

// ——— private helpers ———

function suffix(options: PosterOptions): string {
  return `${options.size === 'a4' ? '' : `-${options.size}`}${options.mono ? '-mono' : ''}`;
}

function etagOf(key: string): string {
  return `"${key.slice(0, 32)}"`;
}
