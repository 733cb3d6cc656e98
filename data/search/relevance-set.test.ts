import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDivisions } from '../../scripts/lib/china-division.ts';
import { samplePublications } from '../demo/sample-publications.ts';
import { importPublication } from '../import/import-publication.ts';
import { newPublication } from '../new-publication.ts';
import { openSqliteStore, type SqliteStore } from '../store/sqlite-store.ts';
import type { SearchPage } from '../store/store.ts';
import { RELEVANCE_CORPUS, RELEVANCE_SET, type RelevanceCase } from './relevance-set.ts';

const PUBLISHED_AT = '2026-10-10T08:00:00.000Z';

describe('search relevance set (SQLite)', () => {
  let store: SqliteStore;

  beforeAll(async () => {
    store = await openSqliteStore(':memory:');
    const divisions = await readDivisions(RELEVANCE_CORPUS.region);
    await store.replaceDivisions(divisions);
    for (const [i, demo] of samplePublications(divisions, RELEVANCE_CORPUS.demo).entries()) {
      const input = { village: demo.village, content: demo.content, publishedAt: PUBLISHED_AT, sample: true, id: `demo-${i}` };
      await store.publish(newPublication({ ...input, source: { filename: null, format: 'json' } }));
    }
    for (const [i, f] of RELEVANCE_CORPUS.fixtures.entries()) {
      const bytes = readFileSync(new URL(`../../test/fixtures/${f.file}`, import.meta.url));
      const result = await importPublication({ bytes, format: f.format, kind: f.kind, filename: f.file, idMask: { keepStart: 6, keepEnd: 4 } });
      if (!result.ok) throw new Error(`fixture ${f.file} does not import: ${JSON.stringify(result.errors[0])}`);
      const input = { village: f.village, content: result.content, publishedAt: PUBLISHED_AT, sample: false, id: `field-${i}` };
      await store.publish(newPublication({ ...input, source: { filename: f.file, format: f.format } }));
    }
  });
  afterAll(async () => {
    await store?.close();
  });

  it('has at least 40 cases', () => {
    expect(RELEVANCE_SET.length).toBeGreaterThanOrEqual(40);
  });

  it.each(RELEVANCE_SET.map((c) => [c.query, c] as const))('finds what a person expects for %s', async (_q, c: RelevanceCase) => {
    const top = c.top ?? 10;
    const page = await store.search({ q: c.query, sort: 'relevance', page: 1, pageSize: Math.max(top, 10) });
    const first = page.hits.slice(0, top);
    expect(page.fallback, listing(page)).toBe(c.fallback ?? false);
    for (const e of c.expect) {
      const found = first.some((h) => h.village === e.village && h.kind === e.kind && h.text.includes(e.rowContains));
      expect(found, `${e.village} ${e.kind} “${e.rowContains}” in the first ${top}\n${listing(page)}`).toBe(true);
    }
    for (const text of c.reject ?? []) {
      expect(first.filter((h) => h.text.includes(text)).map((h) => h.text), `no “${text}” in the first ${top}`).toEqual([]);
    }
  });
});

function listing(page: SearchPage): string {
  return page.hits.map((h, i) => `${i + 1}. ${h.village} ${h.kind} ${h.row} ${h.score.toFixed(3)} ${h.text.slice(0, 60)}`).join('\n');
}
