import { Hono, type Context } from 'hono';
import type { PowerCatalogue } from '../../data/power/power-catalogue.ts';
import type { PowerSheetFile, PowerSheetService } from '../../site/poster/power-sheet-service.ts';

export interface PowerPdfRouteDeps {
  sheets: PowerSheetService;
  /** the newest list of each county or city that published one (the default is the sheets' own) */
  catalogues?: () => Promise<readonly PowerCatalogue[]>;
  /** the site's own 404 page (ingest/static-site.ts notFoundPage) */
  notFound: (c: Context) => Response | Promise<Response>;
}

/**
 * `/power/<item code>.pdf`: an item of the 小微权力清单 as an A4 notice to print (data/poster/
 * poster-paths.ts powerSheetPath). A code the list does not have gets the site's 404 page, as an
 * unknown village's poster does.
 */
export function powerPdfRoutes(deps: PowerPdfRouteDeps): Hono {
  const app = new Hono();

  app.get('/power/:file{[a-z0-9-]{1,80}\\.pdf}', async (c) => {
    const file = await deps.sheets.item(c.req.param('file').slice(0, -'.pdf'.length));
    return file ? pdf(c, file) : deps.notFound(c);
  });
  // A county's or city's own list: /power/<scope>/<item code>.pdf, as its pages sit under /power/<scope>/.
  app.get('/power/:scope{[0-9]{4,6}}/:file{[a-z0-9-]{1,80}\\.pdf}', async (c) => {
    const list = (await deps.catalogues?.())?.find((l) => l.scope === c.req.param('scope'));
    const file = list ? await deps.sheets.item(c.req.param('file').slice(0, -'.pdf'.length), list) : null;
    return file ? pdf(c, file) : deps.notFound(c);
  });
  // A malformed code is as unknown as a missing one: the same 404 page.
  app.get('/power/:file{[^/]+\\.pdf}', (c) => deps.notFound(c));
  app.get('/power/:scope/:file{[^/]+\\.pdf}', (c) => deps.notFound(c));

  return app;
}

function pdf(c: Context, file: PowerSheetFile): Response {
  const headers = {
    ETag: file.etag,
    // Revalidated every time: the list or the base URL may have changed since.
    'Cache-Control': 'public, max-age=0, must-revalidate',
  };
  if (c.req.header('If-None-Match') === file.etag) return c.body(null, 304, headers);
  return c.body(file.bytes as Uint8Array<ArrayBuffer>, 200, { ...headers, 'Content-Type': 'application/pdf', 'Content-Disposition': `inline; filename="${file.filename}"` });
}
