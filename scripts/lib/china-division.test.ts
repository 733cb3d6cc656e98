import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Division } from '../../data/region.ts';
import { parseCsvLine, readDivisions, readRegionFile, regionFile, streamDivisions } from './china-division.ts';

describe('data/regions/4308.json (张家界市)', () => {
  let fromFile: Division[];
  let streamed: Division[];
  const byCode = () => new Map(fromFile.map((d) => [d.code, d]));

  beforeAll(async () => {
    fromFile = await readRegionFile(regionFile('4308'));
    streamed = await streamDivisions('4308');
  });

  it('holds the prefecture, 4 counties, 74 townships and 1,018 villages', () => {
    const count = (level: Division['level']) => fromFile.filter((d) => d.level === level).length;
    expect(fromFile.filter((d) => d.level === 'prefecture').map((d) => d.name)).toEqual(['张家界市']);
    expect(count('province')).toBe(0);
    expect(fromFile.filter((d) => d.level === 'county').map((d) => d.name)).toEqual(['永定区', '武陵源区', '慈利县', '桑植县']);
    expect(count('township')).toBe(74);
    expect(count('village')).toBe(1018);
  });

  it('matches what streaming the package CSV for 4308 gives', () => {
    expect(streamed.length).toBe(fromFile.length);
    expect(streamed).toEqual(fromFile);
  });

  it('knows 430802108214 as 马头溪村 in 王家坪镇, 永定区', () => {
    const divisions = byCode();
    const village = divisions.get('430802108214');
    expect(village).toMatchObject({ level: 'village', name: '马头溪村', officialName: '马头溪村委会', parent: '430802108' });
    expect(divisions.get('430802108')).toMatchObject({ level: 'township', name: '王家坪镇', parent: '430802' });
    expect(divisions.get('430802')).toMatchObject({ level: 'county', name: '永定区', parent: '4308' });
  });

  it('knows 430821211227 as 龙岗村 in 三官寺土家族乡, 慈利县', () => {
    const divisions = byCode();
    expect(divisions.get('430821211227')).toMatchObject({ level: 'village', name: '龙岗村', parent: '430821211' });
    expect(divisions.get('430821211')).toMatchObject({ level: 'township', name: '三官寺土家族乡', parent: '430821' });
    expect(divisions.get('430821')).toMatchObject({ level: 'county', name: '慈利县', parent: '4308' });
  });

  it('links every division below the prefecture to a parent one level up that is in the file', () => {
    const divisions = byCode();
    const expectedParentLevel = { county: 'prefecture', township: 'county', village: 'township' } as const;
    for (const d of fromFile) {
      if (d.level === 'prefecture') continue;
      if (d.level === 'province') throw new Error(`unexpected province ${d.code}`);
      const parent = d.parent === null ? undefined : divisions.get(d.parent);
      expect(parent?.level, `${d.code} ${d.officialName}`).toBe(expectedParentLevel[d.level]);
      expect(d.code.startsWith(parent?.code ?? '-')).toBe(true);
    }
  });

  it('shows no village by its committee name except the 居委会 ones', () => {
    const committee = fromFile.filter((d) => d.level === 'village' && /(村委会|委员会)$/.test(d.name));
    expect(committee.map((d) => d.name)).toEqual([]);
  });
});

describe('readDivisions', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cunwu-regions-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('uses an extracted region file when there is one', async () => {
    const only: Division[] = [{ code: '4308', level: 'prefecture', name: '示例市', officialName: '示例市', parent: '43' }];
    await writeFile(regionFile('4308', dir), JSON.stringify(only));
    await expect(readDivisions('4308', dir)).resolves.toEqual(only);
  });

  it('streams the package when no region file exists', async () => {
    const divisions = await readDivisions('4308', join(dir, 'missing'));
    expect(divisions.filter((d) => d.level === 'village')).toHaveLength(1018);
  });

  it('streams the whole country for the national root: 31 provinces at the top, 620,573 villages', async () => {
    const divisions = await readDivisions('', join(dir, 'missing'));
    const count = (level: string) => divisions.filter((d) => d.level === level).length;
    expect([count('province'), count('village')]).toEqual([31, 620_573]);
    expect(divisions.filter((d) => d.parent === null).map((d) => d.level)).toEqual(Array(31).fill('province'));
    expect(divisions.length).toBe(665_276);
  }, 60_000);

  it('rejects a region that is not a 2- or 4-digit code', async () => {
    await expect(readDivisions('430802', dir)).rejects.toThrow(/2 位（省）、4 位/);
  });

  it('rejects a region the package does not know', async () => {
    await expect(streamDivisions('4399')).rejects.toThrow(/4399.*not found/);
  });
});

describe('parseCsvLine', () => {
  it('splits quoted names, keeping commas and doubled quotes inside them', () => {
    expect(parseCsvLine('430802108214,"马头溪村委会",430802108,43')).toEqual(['430802108214', '马头溪村委会', '430802108', '43']);
    expect(parseCsvLine('1,"甲,乙 ""丙""",')).toEqual(['1', '甲,乙 "丙"', '']);
  });
});
