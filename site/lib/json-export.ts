import type { Publication, PublicationSummary } from '../../data/publication.ts';

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

/** `path` runs from the county down to the village itself. */
export function villageJson(
  village: { code: string; name: string; officialName: string },
  path: readonly { code: string; name: string }[],
  current: readonly Publication[],
  history: readonly PublicationSummary[],
): string {
  const doc: VillageJson = {
    village: { code: village.code, name: village.name, officialName: village.officialName, path: [...path] },
    publications: [...current],
    history: [...history],
  };
  return `${JSON.stringify(doc)}\n`;
}
