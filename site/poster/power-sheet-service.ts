import { createHash } from 'node:crypto';
import { canonicalJson } from '../../data/canonical-json.ts';
import type { Config } from '../../data/config.ts';
import { ByteLru } from '../../data/poster/byte-lru.ts';
import { layoutPowerSheet } from '../../data/poster/power-sheet-layout.ts';
import { DEFAULT_CATALOGUE } from '../../data/power/default-catalogue.ts';
import type { PowerCatalogue } from '../../data/power/power-catalogue.ts';
import { SITE_NAME } from '../build/page-builder.ts';
import { posterFonts } from './poster-fonts.ts';
import { powerSheetContent } from './power-sheet-content.ts';
import { renderPowerSheetPdf } from './power-sheet-pdf.ts';

/**
 * The printable notice of each 小微权力清单 item, rendered on demand and kept in memory. The key
 * covers every string printed and the template version, so a changed list or base URL is a new
 * key, never a stale PDF.
 */

export interface PowerSheetServiceDeps {
  config: Pick<Config, 'baseUrl'>;
  cacheBytes?: number;
}

export interface PowerSheetFile {
  bytes: Uint8Array;
  /** power-major-decision.pdf */
  filename: string;
  etag: string;
}

/** Bump when the layout or the renderer changes what a notice looks like (wording invalidates by itself). */
export const POWER_SHEET_TEMPLATE_VERSION = 1;

export type PowerSheetService = ReturnType<typeof createPowerSheetService>;

export function createPowerSheetService(deps: PowerSheetServiceDeps) {
  const cache = new ByteLru(deps.cacheBytes ?? 8 * 1024 * 1024);
  const inFlight = new Map<string, Promise<Uint8Array>>();
  let renders = 0;

  return {
    /** The item's notice in this list (the national default unless a county's or city's is given), or null when the list has no such item. */
    async item(code: string, catalogue: PowerCatalogue = DEFAULT_CATALOGUE): Promise<PowerSheetFile | null> {
      const item = catalogue.items.find((i) => i.code === code);
      if (!item) return null;
      const content = powerSheetContent(item, catalogue, { siteName: SITE_NAME, baseUrl: deps.config.baseUrl });
      const key = createHash('sha256').update(canonicalJson({ template: POWER_SHEET_TEMPLATE_VERSION, content })).digest('hex');
      const file = (bytes: Uint8Array): PowerSheetFile => ({ bytes, filename: `power-${catalogue.scope === '' ? '' : `${catalogue.scope}-`}${item.code}.pdf`, etag: `"${key.slice(0, 32)}"` });
      const hit = cache.get(key);
      if (hit) return file(hit);
      // One render per key at a time: a second request for the same notice waits for the first.
      let pending = inFlight.get(key);
      if (!pending) {
        pending = (async () => {
          const layout = layoutPowerSheet(content, posterFonts().measure);
          const bytes = await renderPowerSheetPdf(layout, { title: `${item.name} 办理流程图`, author: SITE_NAME, created: chinaMidnight(catalogue.publishedOn) });
          renders += 1;
          cache.set(key, bytes);
          return bytes;
        })().finally(() => inFlight.delete(key));
        inFlight.set(key, pending);
      }
      return file(await pending);
    },

    /** Notices rendered so far (cache hits do not count). */
    get renders(): number {
      return renders;
    },
  };
}

// ——— private helpers ———

function chinaMidnight(isoDate: string): Date {
  const d = new Date(`${isoDate}T00:00:00+08:00`);
  return Number.isNaN(d.getTime()) ? new Date(0) : d;
}
