import { describe, expect, it } from 'vitest';
import { snippet, snippetText } from './snippet.ts';

const hits = (segments: { text: string; hit: boolean }[]) => segments.filter((s) => s.hit).map((s) => s.text);

describe('snippet', () => {
  it('marks both characters of a bigram and merges overlapping bigrams into one hit', () => {
    const s = snippet('2026-07-03 记-001 收到土地流转租金（唐某，66.98亩） 经营收入 20,150.00', '土地流转');
    expect(hits(s)).toEqual(['土地流转']);
    expect(snippetText(s)).toBe('2026-07-03 记-001 收到土地流转租金（唐某，66.98亩） 经营收入 20,150.00');
  });

  it('marks every query token where it occurs, and keeps separate hits apart', () => {
    const s = snippet('支付村干部6月误工补贴 管理费用', '误工 管理');
    expect(hits(s)).toEqual(['误工', '管理']);
    expect(s.map((x) => x.hit)).toEqual([false, true, false, true, false]);
  });

  it('merges adjacent hits of different tokens', () => {
    const s = snippet('收到光伏发电收益', '光伏 发电');
    expect(hits(s)).toEqual(['光伏发电']);
  });

  it('marks a single Han character wherever it stands', () => {
    const s = snippet('马头溪村 王家坪村', '村');
    expect(hits(s)).toEqual(['村', '村']);
  });

  it('marks an amount however it was typed', () => {
    for (const q of ['20150', '20,150.00', '20150元', '２０１５０']) {
      expect(hits(snippet('收到租金 20,150.00 经营收入', q)), q).toEqual(['20,150.00']);
    }
    expect(hits(snippet('收到租金 120,150.00', '20150'))).toEqual([]);
  });

  it('matches Latin words case-insensitively and keeps the original spelling', () => {
    expect(hits(snippet('PPP 项目 EPC 总承包', 'epc'))).toEqual(['EPC']);
  });

  it('cuts a long row to a window around the first hit, with ellipses where text was left out', () => {
    const text = `${'甲'.repeat(100)}土地流转${'乙'.repeat(100)}`;
    const s = snippet(text, '土地流转', 40);
    const out = snippetText(s);
    expect(out.startsWith('…')).toBe(true);
    expect(out.endsWith('…')).toBe(true);
    expect(Array.from(out.replace(/…/g, '')).length).toBe(40);
    expect(hits(s)).toEqual(['土地流转']);
  });

  it('starts a long row at its beginning when nothing matches', () => {
    const s = snippet('甲'.repeat(100), '土地', 10);
    expect(s).toEqual([{ text: `${'甲'.repeat(10)}…`, hit: false }]);
  });

  it('returns the whole short row as one plain segment for an empty query', () => {
    expect(snippet('上期结余', '')).toEqual([{ text: '上期结余', hit: false }]);
  });

  it('never splits a character outside the basic plane', () => {
    const s = snippet('𠀀𠀁土地', '土地');
    expect(s).toEqual([{ text: '𠀀𠀁', hit: false }, { text: '土地', hit: true }]);
  });
});
