import type { PosterOptionsResult } from './poster-options.ts';

/**
 * Why a poster cannot be made, as a value. The HTTP adapter (ingest/routes/posters.ts) and the
 * command line (scripts/portal.ts) each map these in one place.
 */
export type PosterFailure =
  | { kind: 'village-not-found'; code: string }
  /** a batch scope that is not a township or county code of this region */
  | { kind: 'scope-not-found'; code: string }
  | { kind: 'bad-options'; error: Extract<PosterOptionsResult, { ok: false }> };

export type PosterResult<T> = { ok: true; value: T } | { ok: false; failure: PosterFailure };
