import lunr from 'lunr';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { samplePublications } from '../../data/demo/sample-publications.ts';
import { statementLines, type Publication } from '../../data/publication.ts';
import type { Division } from '../../data/region.ts';
import { indexTokens, queryTokens } from '../../data/search/tokenize.ts';
import { DIVISIONS, financeContent, publication, subsidyContent } from './test-fixtures.ts';
import { buildVillageIndex, type VillageIndexFile } from './village-index.ts';
import { FIELD, loadVillageIndex, lunrIndexOf, refOf, searchVillageIndex } from './village-search-query.ts';

/** The budget of issue 3: the index of a village with 2,000 rows, gzipped. */
const BUDGET_BYTES = 50 * 1024;

describe('buildVillageIndex', () => {
  const finance = publication(
    financeContent('2026-Q3', [
      { summary: '收到上级转移支付', income: 4_600_000 },
      { summary: '收到土地流转费', income: 2_015_000, account: '其他收入' },
      { summary: '支付村干部误工补贴', expense: 840_000 },
      { summary: '土地整理费', expense: 120_000 },
    ]),
    { id: 'F1' },
  );
  const subsidy = publication(
    subsidyContent('耕地地力保护补贴', [
      { name: '张三丰', amount: 38_650 },
      { name: '李四', amount: 20_150 },
    ]),
    { id: 'S1' },
  );
  const { idx, docs } = loadVillageIndex(roundTrip(buildVillageIndex([finance, subsidy])));
  const refs = (q: string) => searchVillageIndex(idx, docs, q, Infinity).map((h) => h.ref).sort();

  it('finds 土地流转 only in the row that has all its bigrams, and links to that row', () => {
    // row 5 is the second ledger row; 土地整理费 shares 土地 but not 地流 or 流转
    expect(refs('土地流转')).toEqual([refOf('F1', 5)]);
    const [hit] = searchVillageIndex(idx, docs, '土地流转');
    expect(hit?.href).toBe('/v/430802108214/p/F1/#r5');
    expect(hit?.label).toBe('财务收支 · 2026年第三季度 · 第5行');
    expect(hit?.text).toContain('收到土地流转费');
    expect(hit?.snippet.filter((s) => s.hit).map((s) => s.text)).toEqual(['土地流转']);
  });

  it('finds a person by name and by a single character of it', () => {
    expect(refs('张三丰')).toEqual([refOf('S1', 3)]);
    expect(refs('丰')).toEqual([refOf('S1', 3)]);
  });

  it('finds an amount however it is typed', () => {
    for (const q of ['20,150.00', '20150', '20150元']) expect(refs(q)).toEqual([refOf('F1', 5)]);
    expect(refs('201.5')).toEqual([refOf('S1', 4)]);
  });

  it('finds nothing for an empty query or a word no row has', () => {
    expect(refs('   ')).toEqual([]);
    expect(refs('拖拉机')).toEqual([]);
  });

  it('expands to exactly the index lunr’s own builder makes with empty pipelines and our tokens', () => {
    const file = villageWithRows(300);
    expect(lunrIndexOf(file)).toEqual(JSON.parse(JSON.stringify(builtByLunr(file))));
  });

  it(`stays within ${BUDGET_BYTES / 1024} KB gzipped for a village with 2,000 rows`, () => {
    const file = villageWithRows(2_000);
    expect(file.rows.length).toBeGreaterThanOrEqual(2_000);
    const size = gzipSync(JSON.stringify(file)).length;
    expect(size, `search-index.json of ${file.rows.length} rows is ${size} bytes gzipped; the budget is ${BUDGET_BYTES}`).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  it('finds in a 2,000-row village exactly the rows that hold every token of the query', () => {
    const file = villageWithRows(2_000);
    const loaded = loadVillageIndex(roundTrip(file));
    const sample = file.rows[1_234]!;
    // a name or summary, an amount, and a pair of words from one real row
    const words = sample[2].split(' ').filter((w) => queryTokens(w).length > 0);
    for (const q of [words[0]!, words.at(-1)!, `${words[0]} ${words.at(-1)}`]) {
      const expected = file.rows
        .filter(([, , text]) => {
          const have = new Set(indexTokens(text));
          return queryTokens(q).every((t) => have.has(t));
        })
        .map(([pub, row]) => refOf(file.pubs[pub]!.id, row))
        .sort();
      expect(expected, `query ${q}`).toContain(refOf(file.pubs[sample[0]]!.id, sample[1]));
      const found = searchVillageIndex(loaded.idx, loaded.docs, q, Infinity).map((h) => h.ref).sort();
      expect(found, `query ${q}`).toEqual(expected);
    }
  });
});

function roundTrip(file: VillageIndexFile): VillageIndexFile {
  return JSON.parse(JSON.stringify(file)) as VillageIndexFile;
}

/** The reference: lunr's builder with both pipelines emptied and our tokenizer. */
function builtByLunr(file: VillageIndexFile): lunr.SerializedIndex {
  return lunr(function () {
    this.pipeline.reset();
    this.searchPipeline.reset();
    this.metadataWhitelist = [];
    this.tokenizer = (obj) => (typeof obj === 'string' ? indexTokens(obj).map((t) => new lunr.Token(t, {})) : []);
    this.ref('ref');
    this.field(FIELD);
    for (const [pub, row, text] of file.rows) this.add({ ref: refOf(file.pubs[pub]!.id, row), [FIELD]: text });
  }).toJSON();
}

/**
 * One village's index with at least `rows` rows: the demo generator's ledgers and subsidy lists
 * (varied names, amounts, dates) for many made-up villages, all filed under one village code.
 */
function villageWithRows(rows: number): VillageIndexFile {
  const divisions: Division[] = DIVISIONS.filter((d) => d.level !== 'village');
  for (let i = 0; i < 150; i++) {
    divisions.push({ code: `430802108${300 + i}`, level: 'village', name: `试验${i}村`, officialName: `试验${i}村`, parent: '430802108' });
  }
  const chosen: Publication[] = [];
  let count = 0;
  for (const [i, s] of samplePublications(divisions, { count: 150, seed: 11, today: '2026-11-25' }).entries()) {
    if (count >= rows) break;
    const p = publication(s.content, { id: `01KSAMPLE${String(i).padStart(17, '0')}` });
    chosen.push(p);
    const c = p.content;
    count += 1 + (c.kind === 'finance' ? c.entries.length : c.kind === 'subsidy' ? c.rows.length : c.kind === 'project' ? c.projects.length : c.kind === 'contract' ? c.contracts.length : statementLines(c).length);
  }
  return buildVillageIndex(chosen);
}
