import { gzipSync } from 'node:zlib';
import { samplePublications } from '../../data/demo/sample-publications.ts';
import { newPublication } from '../../data/new-publication.ts';
import type { Publication } from '../../data/publication.ts';
import { rowSearchText } from '../../data/search/tokenize.ts';
import { openSqliteStore } from '../../data/store/sqlite-store.ts';
import { buildVillageIndex } from '../../site/lib/village-index.ts';
import { syntheticRegion } from './synthetic-region.ts';

/**
 * The in-browser index (site/lib/village-index.ts) of one village with about `rows` rows, as the
 * browser downloads it: the JSON of /v/{code}/search-index.json, gzipped (level 9). No real
 * village has that many rows in the demo data, so the generated publications of many villages
 * are re-homed to one village, each as its own current publication, until there are enough rows.
 */
export async function villageIndexSize(rows: number): Promise<{ kind: 'measured'; rows: number; raw: number; gzipped: number } | { kind: 'not-measured'; reason: string }> {
  const divisions = syntheticRegion(400);
  const home = divisions.find((d) => d.level === 'village')!.code;
  const publications: Publication[] = [];
  let total = 0;
  const base = Date.parse('2026-10-10T08:00:00Z');
  for (const g of samplePublications(divisions, { count: 400, seed: 7, today: '2026-11-25' })) {
    if (total >= rows) break;
    const input = newPublication({ village: home, content: g.content, publishedAt: new Date(base + publications.length * 1000).toISOString(), sample: true, source: { filename: null, format: 'json' } });
    publications.push({ ...input, version: 1, supersedes: null, supersededBy: null });
    total += rowSearchText(g).length;
  }
  if (total < rows) return { kind: 'not-measured', reason: `only ${total} rows generated` };
  const json = Buffer.from(JSON.stringify(buildVillageIndex(publications)));
  return { kind: 'measured', rows: total, raw: json.length, gzipped: gzipSync(json, { level: 9 }).length };
}

/** The gzipped in-browser index of every village with publications in a store, sorted. */
export async function villageIndexSizes(storeFile: string): Promise<number[]> {
  const store = await openSqliteStore(storeFile);
  try {
    const sizes: number[] = [];
    for (const village of (await store.publicationStats('')).keys()) {
      const json = Buffer.from(JSON.stringify(buildVillageIndex(await store.currentPublications(village))));
      sizes.push(gzipSync(json, { level: 9 }).length);
    }
    return sizes.sort((a, b) => a - b);
  } finally {
    await store.close();
  }
}
