import { Hono, type Context } from 'hono';
import type { PosterFailure, PosterResult } from '../../data/poster/poster-failure.ts';
import { parsePosterOptions, type PosterOptions } from '../../data/poster/poster-options.ts';
import type { PosterFile, PosterService } from '../../site/poster/poster-service.ts';
import { bilingual } from '../envelope.ts';

export interface PosterRouteDeps {
  posters: PosterService;
  /** the site's own 404 page (ingest/static-site.ts notFoundPage) */
  notFound: (c: Context) => Response | Promise<Response>;
}

/**
 * The printable QR posters: `/v/<code>/poster.pdf` (and its `.png` preview) for one village,
 * `/posters/<township or county code>.pdf` for a page per village. `?size=a3` and `?mono=1`
 * choose the variant. A code that is not a village (or not a township or county, for a batch)
 * gets the site's 404 page, never an empty poster.
 */
export function posterRoutes(deps: PosterRouteDeps): Hono {
  const app = new Hono();

  for (const format of ['pdf', 'png'] as const) {
    app.get(`/v/:code{[0-9]{12}}/poster.${format}`, async (c) => {
      const options = optionsOf(c);
      if (!options.ok) return answer(c, options);
      return answer(c, await deps.posters.village(c.req.param('code'), options.value, format));
    });
  }

  app.get('/posters/:file{[0-9]{1,12}\\.pdf}', async (c) => {
    const options = optionsOf(c);
    if (!options.ok) return answer(c, options);
    return answer(c, await deps.posters.batch(c.req.param('file').slice(0, -'.pdf'.length), options.value));
  });

  // A malformed code is as unknown as a missing one: the same 404 page.
  app.get('/v/:code/poster.pdf', (c) => deps.notFound(c));
  app.get('/v/:code/poster.png', (c) => deps.notFound(c));
  app.get('/posters/:file', (c) => deps.notFound(c));

  /** The one place a poster failure becomes an HTTP response. */
  const failed = (c: Context, failure: PosterFailure): Response | Promise<Response> => {
    switch (failure.kind) {
      case 'village-not-found':
      case 'scope-not-found':
        return deps.notFound(c);
      case 'bad-options':
        return c.html(messagePage(bilingual(failure.error.message, failure.error.messageEn)), 400);
      default:
        return unreachable(failure);
    }
  };

  const answer = (c: Context, result: PosterResult<PosterFile>): Response | Promise<Response> => {
    if (!result.ok) return failed(c, result.failure);
    const file = result.value;
    const headers = {
      ETag: file.etag,
      // Revalidated every time: the printed date, the base URL or a phone number may have changed.
      'Cache-Control': 'public, max-age=0, must-revalidate',
    };
    if (c.req.header('If-None-Match') === file.etag) return c.body(null, 304, headers);
    return c.body(file.bytes as Uint8Array<ArrayBuffer>, 200, {
      ...headers,
      'Content-Type': file.contentType,
      'Content-Disposition': `inline; filename="${file.filename}"`,
    });
  };

  return app;
}

// ——— private helpers ———

function optionsOf(c: Context): PosterResult<PosterOptions> {
  const parsed = parsePosterOptions((name) => c.req.query(name));
  return parsed.ok ? { ok: true, value: parsed.options } : { ok: false, failure: { kind: 'bad-options', error: parsed } };
}

function messagePage(message: string): string {
  const text = message.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>海报参数有误</title></head><body><p>${text}</p></body></html>`;
}

function unreachable(value: never): never {
  throw new Error(`unmapped poster failure ${JSON.stringify(value)}`);
}
