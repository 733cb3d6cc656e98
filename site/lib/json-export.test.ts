import { describe, expect, it } from 'vitest';
import { noChannels } from '../../data/complaints/complaint-facts.ts';
import { publicationDigest } from '../../data/publication-digest.ts';
import { historyEntry, publicationJson, takenDownPublication, villageComplaintFigures, villageJson, type VillageJson } from './json-export.ts';
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

  it('writes a version as stored, its content byte for byte, with the logged time and the same instant in Beijing time beside it', () => {
    const stored = { ...ledger, publishedAt: '2026-10-12T07:00:00.250Z' };
    const text = publicationJson(stored);
    expect(text).toContain(JSON.stringify(stored.content));
    const doc = JSON.parse(text) as Record<string, unknown>;
    expect(doc.publishedAt).toBe('2026-10-12T07:00:00.250Z');
    expect(doc.publishedAtBeijing).toBe('2026-10-12T15:00:00.250+08:00');
    // right after the time it restates, every other field in its place
    expect(Object.keys(doc)).toEqual([...Object.keys(stored).flatMap((k) => (k === 'publishedAt' ? [k, 'publishedAtBeijing'] : [k]))]);
    expect(publicationDigest(doc as unknown as typeof stored)).toBe(stored.sha256);
    const down = JSON.parse(publicationJson(stored, takedown)) as Record<string, unknown>;
    expect(down).toMatchObject({ content: null, publishedAtBeijing: '2026-10-12T15:00:00.250+08:00', takedown: { at: takedown.at, atBeijing: '2026-10-11T08:00:00+08:00', logIndex: 9 } });
  });

  it('gives every version of the village its state: 现行, 已更正 or 已撤下', () => {
    const v1 = publication(financeContent('2026-Q3', [{ summary: '办公用品', income: 200 }]), { id: 'f1', supersededBy: 'f2' });
    const v2 = publication(financeContent('2026-Q3', [{ summary: '办公用品', income: 300 }]), { id: 'f2', version: 2, supersedes: 'f1' });
    const village = { code: '430802108214', name: '马头溪村', officialName: '马头溪村委会' };
    const doc = JSON.parse(villageJson(village, [], [v2, list], [summaryOf(v2), summaryOf(v1), summaryOf(list)], new Map([['s1', takedown]]))) as VillageJson;
    expect(doc.history.map((h) => [h.id, h.state])).toEqual([['f2', '现行'], ['f1', '已更正'], ['s1', '已撤下']]);
    expect(doc.history.map((h) => h.publishedAtBeijing)).toEqual(['2026-10-10T10:00:00+08:00', '2026-10-10T10:00:00+08:00', '2026-10-10T10:00:00+08:00']);
    expect(doc.history[2]).toMatchObject({ takedown: { atBeijing: '2026-10-11T08:00:00+08:00' } });
    expect(doc.complaints).toBeNull();
  });

  it('writes the complaint figures as counted, the time they were counted in Beijing time', () => {
    const stats = { received: 3, closed: 2, overdue: 1, medianDaysToAnswer: 1.5, satisfaction: 0.5, feedbacks: 2, byChannel: { ...noChannels(), portal: 2, phone: 1 } };
    const figures = villageComplaintFigures(stats, '2026-10-20T16:30:00.000Z', false);
    expect(figures).toEqual({ ...stats, asOf: '2026-10-21T00:30:00+08:00', partial: false });
    const village = { code: '430802108214', name: '马头溪村', officialName: '马头溪村委会' };
    expect((JSON.parse(villageJson(village, [], [], [], new Map(), figures)) as VillageJson).complaints).toEqual(figures);
  });
});
