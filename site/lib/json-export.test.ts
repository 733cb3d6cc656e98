import { describe, expect, it } from 'vitest';
import { historyEntry, takenDownPublication, villageJson, type VillageJson } from './json-export.ts';
import { financeContent, publication, subsidyContent, summaryOf } from './test-fixtures.ts';

const takedown = { publicationId: 's1', reason: '误公开了银行卡号', at: '2026-10-11T00:00:00.000Z', logIndex: 9 };
const list = { ...publication(subsidyContent('耕地地力保护补贴', [{ name: '李四', amount: 100 }]), { id: 's1' }), source: { filename: '李四的花名册.xlsx', format: 'xlsx' as const } };
const ledger = publication(financeContent('2026-Q3', [{ summary: '办公用品', income: 200 }]), { id: 'f1' });

describe('JSON data twins', () => {
  it('writes a version taken down with what identifies it and why, and nothing the upload wrote', () => {
    expect(takenDownPublication(list, takedown)).toEqual({
      id: 's1', village: '430802108214', kind: 'subsidy', period: list.period, subject: '', version: 1, supersedes: null, supersededBy: null,
      publishedAt: list.publishedAt, sha256: list.sha256, sample: false, source: { filename: null, format: 'xlsx' }, content: null, takenDown: true,
      takedown: { reason: '误公开了银行卡号', at: '2026-10-11T00:00:00.000Z', logIndex: 9 },
    });
    // from its summary, the title goes too
    const entry = historyEntry(summaryOf(list), takedown);
    expect(entry).toMatchObject({ id: 's1', title: null, takenDown: true, takedown: { logIndex: 9 } });
    expect('content' in entry).toBe(false);
    expect(historyEntry(summaryOf(ledger), undefined)).toEqual({ ...summaryOf(ledger), takenDown: false });
  });

  it('writes the village with a taken-down version in its takedown form, in the current list and the history', () => {
    const village = { code: '430802108214', name: '马头溪村', officialName: '马头溪村委会' };
    const text = villageJson(village, [], [list, ledger], [summaryOf(list), summaryOf(ledger)], new Map([['s1', takedown]]));
    const doc = JSON.parse(text) as VillageJson;
    expect(doc.publications.map((p) => [p.id, p.content === null])).toEqual([['s1', true], ['f1', false]]);
    expect(doc.history.map((h) => [h.id, h.title, h.takenDown])).toEqual([['s1', null, true], ['f1', ledger.content.title, false]]);
    for (const words of ['耕地地力保护补贴', '李四', list.content.title]) expect(text).not.toContain(words);
    // without the takedown, it is all there: the assertions above can fail
    expect(villageJson(village, [], [list], [summaryOf(list)])).toContain('李四');
  });
});
