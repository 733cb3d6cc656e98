import { samplePublications } from '../../data/demo/sample-publications.ts';
import { newPublication } from '../../data/new-publication.ts';
import type { Store } from '../../data/store/store.ts';
import { syntheticRegion } from './synthetic-region.ts';

/** Loads the synthetic region and one generated set of publications per village into a store. */
export async function seedSynthetic(store: Store, villages: number): Promise<{ publications: number; villages: string[] }> {
  const divisions = syntheticRegion(villages);
  await store.replaceDivisions(divisions);
  const generated = samplePublications(divisions, { count: villages, seed: 7, today: '2026-11-25' });
  let n = 0;
  const base = Date.parse('2026-10-10T08:00:00Z');
  for (const g of generated) {
    const publishedAt = new Date(base + n * 1000).toISOString();
    await store.publish(newPublication({ village: g.village, content: g.content, publishedAt, sample: true, source: { filename: null, format: 'json' } }));
    n += 1;
  }
  return { publications: n, villages: divisions.filter((d) => d.level === 'village').map((d) => d.code) };
}
