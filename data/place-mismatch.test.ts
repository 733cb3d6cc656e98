import { describe, expect, it } from 'vitest';
import type { Division } from './region.ts';
import { placeMismatch } from './place-mismatch.ts';

const d = (code: string, name: string, parent: string | null, level: Division['level']): Division => ({ code, name, officialName: name, parent, level });
const YONGDING = d('430802', '永定区', '4308', 'county');
const WANGJIAPING = d('430802108', '王家坪镇', '430802', 'township');
const MATOUXI = d('430802108214', '马头溪村', '430802108', 'village');
const CILI = d('430821', '慈利县', '4308', 'county');
const SANGUANSI = d('430821211', '三官寺土家族乡', '430821', 'township');
const LONGGANG = d('430821211227', '龙岗村', '430821211', 'village');
const TOUXI = d('430821211301', '头溪村', '430821211', 'village');
const DIVISIONS = [YONGDING, WANGJIAPING, MATOUXI, CILI, SANGUANSI, LONGGANG, TOUXI];
const check = (title: string, filename: string | null = null) => placeMismatch({ village: MATOUXI, path: [WANGJIAPING, YONGDING], title, filename, divisions: DIVISIONS });

describe('a file meant for another village', () => {
  it('refuses a file name starting with another village’s code', () => {
    expect(check('2026年工程项目公示', '430821211227-龙岗村-2026年工程项目公示.xlsx')).toEqual({ kind: 'code', code: '430821211227', other: LONGGANG });
  });

  it('asks about a title naming another village, township or county', () => {
    expect(check('龙岗村2026年工程项目公示')).toMatchObject({ kind: 'name', other: { code: LONGGANG.code }, where: 'title' });
    expect(check('慈利县三官寺土家族乡2026年补贴发放花名册')).toMatchObject({ kind: 'name', other: { code: SANGUANSI.code } });
    // the village, not its township, when both are named
    expect(check('三官寺土家族乡龙岗村2026年工程项目公示')).toMatchObject({ kind: 'name', other: { code: LONGGANG.code } });
    expect(check('2026年工程项目公示', '龙岗村项目.xlsx')).toMatchObject({ kind: 'name', where: 'filename' });
  });

  it('says nothing of a file that names the chosen village, its own places, or a name inside its own', () => {
    expect(check('马头溪村2026年工程项目公示', '430802108214-马头溪村.xlsx')).toBeNull();
    expect(check('永定区王家坪镇2026年第三季度财务公开')).toBeNull();
    expect(check('2026年第三季度财务收支明细')).toBeNull();
  });

  it('knows 头溪村 from 马头溪村', () => {
    expect(check('头溪村2026年工程项目公示')).toMatchObject({ kind: 'name', other: { code: TOUXI.code } });
  });
});
