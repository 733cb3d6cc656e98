import type { Publication, PublicationSummary } from '../../data/publication.ts';
import type { Crumb } from './page-model.ts';

/**
 * The JSON data twins. A publication is written exactly as the `Publication` schema has it, so
 * anyone can recompute its SHA-256 from village, kind, period, subject and content
 * (data/publication-digest.ts) and compare it with `sha256`.
 */
export function publicationJson(p: Publication): string {
  return `${JSON.stringify(p)}\n`;
}

export interface VillageJson {
  village: { code: string; name: string; officialName: string; path: { code: string; name: string }[] };
  /** current versions, with content */
  publications: Publication[];
  /** every version, newest first, without content */
  history: PublicationSummary[];
}

export function villageJson(
  village: { code: string; name: string; officialName: string },
  crumbs: readonly Crumb[],
  current: readonly Publication[],
  history: readonly PublicationSummary[],
): string {
  const doc: VillageJson = {
    village: {
      code: village.code,
      name: village.name,
      officialName: village.officialName,
      path: crumbs.map((c) => ({ code: codeOfHref(c.href), name: c.name })).filter((c) => c.code !== ''),
    },
    publications: [...current],
    history: [...history],
  };
  return `${JSON.stringify(doc)}\n`;
}

function codeOfHref(href: string | null): string {
  return /\/(?:r|v)\/(\d+)\/$/.exec(href ?? '')?.[1] ?? '';
}
