import { readFileSync } from 'node:fs';
import { samplePublications } from '../../data/demo/sample-publications.ts';
import { importPublication } from '../../data/import/import-publication.ts';
import { newPublication } from '../../data/new-publication.ts';
import { RELEVANCE_CORPUS } from '../../data/search/relevance-set.ts';
import type { Store } from '../../data/store/store.ts';
import { readDivisions } from './china-division.ts';

export const RELEVANCE_PUBLISHED_AT = '2026-10-10T08:00:00.000Z';

/**
 * The corpus data/search/relevance-set.ts is written against, published into `store`: the real
 * divisions of the corpus region, the demo generator's publications over them, and the sample
 * files from the field (test/fixtures/) through the importer, as an upload would. Deterministic:
 * ids are `demo-<i>` and `field-<i>`, so two stores loaded this way hold the same publications.
 * It reads fixture files, so it lives with the scripts rather than in data/.
 */
export async function publishRelevanceCorpus(store: Store): Promise<{ publications: number }> {
  const divisions = await readDivisions(RELEVANCE_CORPUS.region);
  await store.replaceDivisions(divisions);
  let publications = 0;
  for (const [i, demo] of samplePublications(divisions, RELEVANCE_CORPUS.demo).entries()) {
    const input = { village: demo.village, content: demo.content, publishedAt: RELEVANCE_PUBLISHED_AT, sample: true, id: `demo-${i}` };
    await store.publish(newPublication({ ...input, source: { filename: null, format: 'json' } }));
    publications += 1;
  }
  for (const [i, f] of RELEVANCE_CORPUS.fixtures.entries()) {
    const bytes = readFileSync(new URL(`../../test/fixtures/${f.file}`, import.meta.url));
    const result = await importPublication({ bytes, format: f.format, kind: f.kind, filename: f.file, idMask: { keepStart: 6, keepEnd: 4 } });
    if (!result.ok) throw new Error(`fixture ${f.file} does not import: ${JSON.stringify(result.errors[0])}`);
    const input = { village: f.village, content: result.content, publishedAt: RELEVANCE_PUBLISHED_AT, sample: false, id: `field-${i}` };
    await store.publish(newPublication({ ...input, source: { filename: f.file, format: f.format } }));
    publications += 1;
  }
  return { publications };
}
