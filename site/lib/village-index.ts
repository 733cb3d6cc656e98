import { periodLabel } from '../../data/period.ts';
import type { Publication } from '../../data/publication.ts';
import { rowSearchText } from '../../data/search/tokenize.ts';
import { KIND_LABEL } from './format.ts';
import { publicationHref } from './urls.ts';
import type { VillageIndexFile } from './village-search-query.ts';

export type { VillageIndexFile } from './village-search-query.ts';

/**
 * The search index of one village, written as /v/{code}/search-index.json and fetched by the
 * village page only when its search box is used: every row of every publication passed in, as
 * `rowSearchText` gives it (the same text the server's FTS5 index holds). The browser turns it
 * into a lunr index (village-search-query.ts explains why the file holds texts, not lunr's JSON).
 * Pass current publications only: a corrected version is not where a villager should land.
 */
export function buildVillageIndex(publications: readonly Publication[]): VillageIndexFile {
  const pubs: VillageIndexFile['pubs'] = [];
  const rows: VillageIndexFile['rows'] = [];
  for (const p of publications) {
    const n = pubs.length;
    pubs.push({ id: p.id, href: publicationHref(p.village, p.id), label: `${KIND_LABEL[p.kind]} · ${periodLabel(p.period)}` });
    for (const r of rowSearchText(p)) rows.push([n, r.row, r.text]);
  }
  return { v: 1, pubs, rows };
}

/** The index file's name in the village's folder: /v/{code}/search-index.json */
export const INDEX_FILE = 'search-index.json';
