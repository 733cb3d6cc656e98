// The minified build: the worker bundle is made in Astro's SSR pass, which does not minify.
import lunr from 'lunr/lunr.min.js';
import { snippet, type SnippetSegment } from '../../data/search/snippet.ts';
import { indexTokens, isSingleHan, queryTokens } from '../../data/search/tokenize.ts';

/**
 * The browser side of the village search, also run by the tests, so what the tests find is what
 * a villager finds.
 *
 * The index file (/v/{code}/search-index.json, written by village-index.ts) carries each row's
 * text once, not lunr's serialized index: for 2,000 rows lunr's JSON is ~270 KB gzipped (every
 * posting repeats its ref, every vector its scores) while the texts are ~30 KB, and the postings
 * follow from the texts. `lunrIndexOf` turns the file into exactly the serialized index lunr's
 * builder makes with empty pipelines and our tokenizer (a test holds it to that) in a fraction
 * of the builder's time, then `lunr.Index.load` takes it.
 *
 * Queries bypass lunr's `idx.search()` (which splits on spaces and stems): every token of
 * `queryTokens` is a required term, so 土地流转 means 土地 AND 地流 AND 流转.
 */

export interface VillageIndexFile {
  /** format version of this file */
  v: 1;
  /** one entry per current publication of the village */
  pubs: { id: string; href: string; label: string }[];
  /** [index into pubs, row number (0 = title and notes), the row's text] */
  rows: [number, number, string][];
}

/** What a result line shows. */
export interface VillageDoc {
  /** the publication page with the row's anchor, e.g. /v/…/p/…/#r5 */
  href: string;
  /** kind · period · row */
  label: string;
  text: string;
}

export interface VillageHit extends VillageDoc {
  /** `${publicationId}:${row}` */
  ref: string;
  /** the row's text around the match, the query's words marked (as on the search page) */
  snippet: SnippetSegment[];
}

export interface LoadedVillageIndex {
  idx: lunr.Index;
  docs: Map<string, VillageDoc>;
}

/** At most this many results are listed; the full search page has the rest. */
export const MAX_HITS = 20;

/** The lunr field every row's text goes into. */
export const FIELD = 't';

export function loadVillageIndex(file: VillageIndexFile): LoadedVillageIndex {
  const docs = new Map<string, VillageDoc>();
  for (const [pub, row, text] of file.rows) {
    const p = file.pubs[pub];
    if (!p) continue;
    docs.set(refOf(p.id, row), {
      href: row > 0 ? `${p.href}#r${row}` : p.href,
      label: row > 0 ? `${p.label} · 第${row}行` : `${p.label} · 标题`,
      text,
    });
  }
  return { idx: lunr.Index.load(lunrIndexOf(file)), docs };
}

export function searchVillageIndex(idx: lunr.Index, docs: ReadonlyMap<string, VillageDoc>, q: string, limit = MAX_HITS): VillageHit[] {
  const tokens = queryTokens(q);
  if (tokens.length === 0) return [];
  const results = idx.query((query) => {
    for (const token of tokens) {
      query.term(token, {
        presence: lunr.Query.presence.REQUIRED,
        usePipeline: false,
        // A lone character is matched as a prefix of the indexed tokens (see indexTokens).
        wildcard: isSingleHan(token) ? lunr.Query.wildcard.TRAILING : lunr.Query.wildcard.NONE,
      });
    }
  });
  const hits: VillageHit[] = [];
  for (const r of results) {
    const doc = docs.get(r.ref);
    if (doc) hits.push({ ref: r.ref, ...doc, snippet: snippet(doc.text, q) });
    if (hits.length >= limit) break;
  }
  return hits;
}

export function refOf(publicationId: string, row: number): string {
  return `${publicationId}:${row}`;
}

/**
 * lunr's serialized index for the file's rows, computed as lunr.Builder computes it (BM25 with
 * k1 = 1.2, b = 0.75, scores rounded to 3 places, terms numbered in order of first appearance).
 */
export function lunrIndexOf(file: VillageIndexFile): lunr.SerializedIndex {
  const postings = new Map<string, { index: number; refs: string[] }>();
  const docs: { ref: string; length: number; tf: Map<string, number> }[] = [];
  let total = 0;
  for (const [pub, row, text] of file.rows) {
    const p = file.pubs[pub];
    if (!p) continue;
    const ref = refOf(p.id, row);
    const tokens = indexTokens(text);
    const tf = new Map<string, number>();
    for (const term of tokens) {
      const seen = tf.get(term);
      tf.set(term, (seen ?? 0) + 1);
      if (seen !== undefined) continue;
      let posting = postings.get(term);
      if (!posting) postings.set(term, (posting = { index: postings.size, refs: [] }));
      posting.refs.push(ref);
    }
    docs.push({ ref, length: tokens.length, tf });
    total += tokens.length;
  }
  const average = total / docs.length;
  const fieldVectors = docs.map(({ ref, length, tf }): [string, number[]] => {
    const entries: [number, number][] = [];
    for (const [term, count] of tf) {
      const posting = postings.get(term)!;
      const x = (docs.length - posting.refs.length + 0.5) / (posting.refs.length + 0.5);
      const idf = Math.log(1 + Math.abs(x));
      const score = (idf * ((K1 + 1) * count)) / (K1 * (1 - B + B * (length / average)) + count);
      entries.push([posting.index, Math.round(score * 1000) / 1000]);
    }
    entries.sort((a, b) => a[0] - b[0]);
    return [`${FIELD}/${ref}`, entries.flat()];
  });
  const invertedIndex = [...postings.keys()].sort().map((term) => {
    const posting = postings.get(term)!;
    const refs: Record<string, object> = {};
    for (const ref of posting.refs) refs[ref] = {};
    return [term, { _index: posting.index, [FIELD]: refs }];
  });
  return { version: lunr.version, fields: [FIELD], fieldVectors, invertedIndex, pipeline: [] };
}

// lunr.Builder's defaults
const K1 = 1.2;
const B = 0.75;
