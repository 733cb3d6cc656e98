import { describe, expect, it } from 'vitest';
import { buildMySubsidyView } from './my-subsidy-view.ts';

const site = { name: '阳光村务', regionName: '张家界市', baseUrl: 'http://x.test' };
const csrf = { name: '_csrf', value: 'a'.repeat(32) };

describe('the 查我的补贴 page', () => {
  it('lists each row found with its programme, period, village, amount and a link to the row', () => {
    const view = buildMySubsidyView({
      site, csrf, typedName: '谷世军',
      lookup: { kind: 'found', rows: [{ village: '430802108214', villageName: '马头溪村', publicationId: 's1', row: 19, programme: '耕地地力保护补贴', period: '2026', amount: 67_616, datePaid: '2026-05-20', sample: true }] },
    });
    expect(view.message).toEqual({ text: '查到 1 条补贴记录。', warn: false });
    expect(view.rows).toEqual([{ href: '/v/430802108214/p/s1/#r19', village: '马头溪村', programme: '耕地地力保护补贴', periodLabel: '2026年', amount: '676.16 元', datePaid: '2026-05-20', sample: true }]);
    expect(view.typedName).toBe('谷世军');
  });

  it('says plainly when nothing was found, the number was not an ID number, or the lookups ran out', () => {
    const say = (lookup: Parameters<typeof buildMySubsidyView>[0]['lookup']) => buildMySubsidyView({ site, csrf, typedName: '', lookup }).message?.text ?? '';
    expect(say({ kind: 'found', rows: [] })).toMatch(/^没有查到/);
    expect(say({ kind: 'invalid', problem: 'id-number' })).toMatch(/18 位/);
    expect(say({ kind: 'rate-limited', retryAfterSeconds: 61 })).toBe('查询太频繁，请 2 分钟后再试。');
    expect(say({ kind: 'form' })).toBe('');
  });
});
