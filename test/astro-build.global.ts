import { ensureAstroBundle } from '../scripts/lib/astro-bundle.ts';

/**
 * Vitest global setup: the site builder tests render through the Astro SSR bundle, so it must
 * exist and be current. `astro build` runs at most once per test run, and only when a file under
 * site/ or astro.config.mjs is newer than dist/server/entry.mjs.
 */
export default async function setup(): Promise<void> {
  await ensureAstroBundle((line) => console.log(line));
}
