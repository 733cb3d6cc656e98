import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishRelevanceCorpus } from '../../scripts/lib/relevance-corpus.ts';
import { openSqliteStore, type SqliteStore } from '../store/sqlite-store.ts';
import type { SearchPage } from '../store/store.ts';
import { RELEVANCE_SET, type RelevanceCase } from './relevance-set.ts';

describe('search relevance set (SQLite)', () => {
  let store: SqliteStore;

  beforeAll(async () => {
    store = await openSqliteStore(':memory:');
    await publishRelevanceCorpus(store);
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
