import type { SupervisionPhone } from '../config.ts';
import { levelOf, type Division } from '../region.ts';
import type { PosterInput } from './poster-content.ts';

/** What every poster printed at one time shares: where the portal is, whom to call, the day. */
export interface PosterCommon {
  baseUrl: string;
  phones: readonly SupervisionPhone[];
  printedOn: string;
  siteName: string;
}

/** Scopes a batch of posters can be printed for: one page per village below them. */
export function isBatchScope(code: string): boolean {
  const level = levelOf(code);
  return level === 'township' || level === 'county';
}

/**
 * The poster inputs for every village under `scope` (a village code gives just that village),
 * in code order, which is region order: each township's villages together, townships in order.
 * `divisions` must hold the villages and their townships and counties; a village whose township
 * or county is missing is left out rather than printed with a hole in its name.
 */
export function villagePosterInputs(divisions: readonly Division[], scope: string, common: PosterCommon): PosterInput[] {
  const names = new Map(divisions.map((d) => [d.code, d]));
  const inputs: PosterInput[] = [];
  for (const d of divisions) {
    if (d.level !== 'village' || !d.code.startsWith(scope)) continue;
    const township = d.parent ? names.get(d.parent) : undefined;
    const county = township?.parent ? names.get(township.parent) : undefined;
    if (!township || !county) continue;
    inputs.push({
      village: { code: d.code, name: d.name, township: township.name, county: county.name },
      baseUrl: common.baseUrl,
      phones: common.phones,
      printedOn: common.printedOn,
      siteName: common.siteName,
    });
  }
  return inputs.sort((a, b) => (a.village.code < b.village.code ? -1 : a.village.code > b.village.code ? 1 : 0));
}
