import { Hono, type Context } from 'hono';
import type { Config } from '../data/config.ts';
import type { Division } from '../data/region.ts';
import type { Store } from '../data/store/store.ts';
import { publicationCsv, villageCsv } from '../site/lib/csv-export.ts';
import { publicationJson, villageJson } from '../site/lib/json-export.ts';

/**
 * The data twins of the village and publication pages, `index.json` and `index.csv` beside each
 * `index.html`, served from the store as they are asked for: always what the store holds, and
 * nothing for a full build to write. JSON carries each version exactly as stored, so its
 * SHA-256 can be recomputed; CSV is UTF-8 with a BOM so Excel opens it.
 */
export function createDataTwins(store: Store, config: Config): Hono {
  const app = new Hono();

  for (const kind of ['json', 'csv'] as const) {
    app.get(`/v/:code{[0-9]{12}}/index.${kind}`, async (c) => {
      const village = await store.getDivision(c.req.param('code'));
      if (!village || village.level !== 'village') return c.notFound();
      const [current, history, path] = await Promise.all([
        store.currentPublications(village.code),
        store.listPublications(village.code),
        pathTo(store, village, config.region),
      ]);
      return kind === 'json'
        ? twin(c, villageJson(village, path, current, history), kind)
        : twin(c, villageCsv(village.code, history, config.baseUrl), kind);
    });

    app.get(`/v/:code{[0-9]{12}}/p/:id{[0-9a-z]{1,40}}/index.${kind}`, async (c) => {
      const publication = await store.getPublication(c.req.param('id'));
      if (!publication || publication.village !== c.req.param('code')) return c.notFound();
      return twin(c, kind === 'json' ? publicationJson(publication) : publicationCsv(publication), kind);
    });
  }

  return app;
}

// ——— private helpers ———

function twin(c: Context, body: string, kind: 'json' | 'csv'): Response {
  c.header('Cache-Control', 'public, max-age=0, must-revalidate');
  if (kind === 'csv') c.header('Content-Disposition', 'inline');
  return c.body(body, 200, { 'Content-Type': kind === 'json' ? 'application/json; charset=utf-8' : 'text/csv; charset=utf-8' });
}

/** The divisions from the county (or the region's top) down to the village. */
async function pathTo(store: Store, village: Division, region: string): Promise<{ code: string; name: string }[]> {
  const path: { code: string; name: string }[] = [];
  let current: Division | null = village;
  while (current && current.code.length > region.length && (current.level === 'village' || current.level === 'township' || current.level === 'county')) {
    path.unshift({ code: current.code, name: current.name });
    current = current.parent ? await store.getDivision(current.parent) : null;
  }
  return path;
}
