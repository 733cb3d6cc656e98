import { describe, expect, it } from 'vitest';
import { DEFAULT_SIMILARITY_THRESHOLD, similarComplaints, similarityIndex, textSimilarity } from './similar-complaints.ts';

// One village's complaints, grouped by the problem they are about, each told in other words.
const IGNORE = ['马头溪村', '马头溪', '王家坪镇', '王家坪'];
const PROBLEMS: Record<string, string[]> = {
  subsidy: ['马头溪村三组有几户耕地补贴到现在还没发下来', '我家的耕地地力保护补贴今年一直没有到账', '耕地补贴没发，问了村里也说不清楚'],
  streetlight: ['村口的路灯坏了两个月了没人修', '三组路灯坏了好久，一直没人来修'],
  dibao: ['村干部亲戚吃低保，真正困难的没评上', '我家困难申请低保没评上，村干部的亲戚却评上了'],
  road: ['村里修路的工程款账目没有公开', '马头溪村三组修路工程款去向不明，要求公开'],
  finance: ['村里的财务账好久没有公开了', '村务公开栏半年没更新财务收支', '马头溪村财务收支两年没公开'],
  water: ['三组自来水停了一个星期没人管'],
};
const ALL = Object.entries(PROBLEMS).flatMap(([problem, texts]) => texts.map((text) => ({ problem, text })));
const pairs = ALL.flatMap((a, i) => ALL.slice(i + 1).map((b) => ({ a, b, score: textSimilarity(a.text, b.text, IGNORE) })));

describe('similar open complaints', () => {
  it('finds one problem told in other words above the default threshold', () => {
    const same = pairs.filter((p) => p.a.problem === p.b.problem);
    const found = same.filter((p) => p.score >= DEFAULT_SIMILARITY_THRESHOLD);
    // a rewording that shares only the problem's name is below it (我家的耕地地力保护补贴… /
    // 耕地补贴没发…); most are not, and the literal restatements all are
    expect(found.length).toBeGreaterThanOrEqual(Math.ceil(same.length / 2));
    expect(textSimilarity('耕地补贴没发，问了村里也说不清楚', '马头溪村三组有几户耕地补贴到现在还没发下来', IGNORE)).toBeGreaterThanOrEqual(DEFAULT_SIMILARITY_THRESHOLD);
    expect(textSimilarity('村口的路灯坏了两个月了没人修', '三组路灯坏了好久，一直没人来修', IGNORE)).toBeGreaterThanOrEqual(DEFAULT_SIMILARITY_THRESHOLD);
  });

  it('keeps different problems of the same village below it', () => {
    const different = pairs.filter((p) => p.a.problem !== p.b.problem && p.score >= DEFAULT_SIMILARITY_THRESHOLD);
    expect(different.map((p) => `${p.a.text} / ${p.b.text}`)).toEqual([]);
  });

  it('does not count the village’s own name, its groups or words every complaint says', () => {
    const a = '马头溪村三组的路灯坏了没人修，我们反映了好几次';
    const b = '马头溪村三组的低保评得不公平，我们反映了好几次';
    expect(textSimilarity(a, b, IGNORE)).toBeLessThan(DEFAULT_SIMILARITY_THRESHOLD);
    expect(textSimilarity(a, b, IGNORE)).toBeLessThan(textSimilarity(a, b));
  });

  it('reads masked numbers, digits and spaces alike however they are written', () => {
    expect(textSimilarity('有3户耕地补贴没发，电话139****1234', '有 5 户耕地补贴没发，电话 186-****-0001')).toBe(1);
    expect(textSimilarity('耕地补贴没发', '耕地 补贴 没发')).toBe(1);
    expect(textSimilarity('ＡＢＣ水管爆了', 'abc水管爆了')).toBe(1);
  });

  it('ranks the most similar first, keeps to the limit and the threshold', () => {
    const candidates = ALL.map((c, i) => ({ publicId: `2026-${String(i + 1).padStart(4, '0')}`, text: c.text }));
    const query = '三组好几户的耕地补贴还没发下来';
    const all = similarComplaints(query, candidates, { threshold: 0, limit: 100, ignore: IGNORE });
    const scores = all.map((s) => s.score);
    expect(scores).toEqual([...scores].sort((x, y) => y - x));
    const byId = new Map(candidates.map((c) => [c.publicId, c.text]));
    expect(PROBLEMS.subsidy).toContain(byId.get(all[0]!.publicId));
    expect(similarComplaints(query, candidates, { threshold: 0, limit: 2, ignore: IGNORE })).toEqual(all.slice(0, 2));
    const shown = similarComplaints(query, candidates, { ignore: IGNORE });
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.every((s) => s.score >= DEFAULT_SIMILARITY_THRESHOLD && PROBLEMS.subsidy!.includes(byId.get(s.publicId)!))).toBe(true);
  });

  it('halves the score of a complaint filed under another category', () => {
    const candidates = [
      { publicId: '1', text: '耕地补贴没发，问了村里也说不清楚', category: '惠农补贴' },
      { publicId: '2', text: '耕地补贴没发，问了村里也说不清楚', category: '财务公开' },
    ];
    const [same, other] = similarComplaints('三组耕地补贴还没发', candidates, { threshold: 0, category: '惠农补贴' });
    expect(same?.publicId).toBe('1');
    expect(other?.score).toBeCloseTo(same!.score / 2);
  });

  it('answers the same on every search of one index', () => {
    const index = similarityIndex(ALL.map((c, i) => ({ publicId: String(i), text: c.text })), IGNORE);
    const first = index.search('路灯坏了没人修', { threshold: 0 });
    expect(first.length).toBeGreaterThan(0);
    index.search('耕地补贴没发', { threshold: 0 });
    expect(index.search('路灯坏了没人修', { threshold: 0 })).toEqual(first);
    expect(index.search('，。！', { threshold: 0 })).toEqual([]);
  });
});
