import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Division } from '../data/region.ts';
import { MAX_NAME_SCAN, villageFromLocation, type DivisionReader } from './open311-address.ts';
import { failureResponse } from './http-errors.ts';
import { DIVISIONS, GAOFENG, LONGGANG, MATOUXI, testApp, WANGJIAPING_VILLAGE, type TestApp } from './test-support.ts';

/** The location of an Open311 post, against the divisions of the test region (张家界市, 4308). */

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(async () => {
  await t.cleanup();
});

const locate = (fields: Record<string, string>, store: DivisionReader = t.store, region = '4308') => villageFromLocation(store, region, new URLSearchParams(fields));

async function village(address: string): Promise<string> {
  const found = await locate({ address_string: address });
  if (!found.ok) throw new Error(failureResponse(found.failure).body.error.message);
  return found.village;
}

async function refusal(fields: Record<string, string>, store?: DivisionReader, region?: string): Promise<{ field: string | null; code: string; message: string }> {
  const found = await locate(fields, store, region);
  expect(found.ok).toBe(false);
  if (found.ok) throw new Error('found');
  const { status, body } = failureResponse(found.failure);
  expect(status).toBe(400);
  return { field: body.errors[0]!.field, code: body.errors[0]!.code, message: body.error.message };
}

describe('address_string', () => {
  it('finds a village however much of its address is written, in either order', async () => {
    for (const address of ['湖南省张家界市永定区王家坪镇马头溪村', '张家界永定区王家坪镇马头溪村', '王家坪镇马头溪村', '马头溪村', ' 马头溪村委会 ', '马头溪村, 王家坪镇, 永定区', '中国湖南省张家界市永定区王家坪镇马头溪村3组']) {
      expect(await village(address), address).toBe(MATOUXI);
    }
    expect(await village('慈利县三官寺土家族乡龙岗村')).toBe(LONGGANG);
  });

  it('does not take a township’s name for a village that shares it', async () => {
    expect(await village('王家坪镇马头溪')).toBe(MATOUXI);
    expect(await village('王家坪村')).toBe(WANGJIAPING_VILLAGE);
    expect(await village('永定区王家坪镇王家坪村')).toBe(WANGJIAPING_VILLAGE);
  });

  it('names every village that fits a name two villages share, with township, county and code, and takes the one the township or county picks', async () => {
    const twin: Division = { code: '430821212299', level: 'village', name: '马头溪村', officialName: '马头溪村委会', parent: GAOFENG };
    await t.store.replaceDivisions([...DIVISIONS, twin]);
    const both = await refusal({ address_string: '马头溪村' });
    expect(both.code).toBe('address_string-ambiguous');
    expect(both.message).toContain(`马头溪村（王家坪镇，永定区；${MATOUXI}）`);
    expect(both.message).toContain(`马头溪村（高峰土家族乡，慈利县；${twin.code}）`);
    expect(await village('高峰土家族乡马头溪村')).toBe(twin.code);
    expect(await village('慈利县马头溪村')).toBe(twin.code);
    expect(await village('马头溪村, 王家坪镇, 永定区')).toBe(MATOUXI);
  });

  it('answers 400 naming address_string when no village of the region fits', async () => {
    for (const address of ['1234 5th street', '长沙市岳麓区', '永定区']) {
      const refused = await refusal({ address_string: address });
      expect(refused, address).toMatchObject({ field: 'address_string', code: 'address_string-unknown' });
      expect(refused.message).toContain(address);
    }
  });

  it('asks for the county rather than read more villages than it may by name', async () => {
    const many: DivisionReader = {
      getDivision: () => Promise.resolve(null),
      listDivisionsTo: () => Promise.resolve([]),
      divisionCounts: (codes) => Promise.resolve(new Map(codes.map((c) => [c, { villages: MAX_NAME_SCAN + 1, publishedVillages: 0, publications: 0, lastPublishedAt: null }]))),
      listDivisions: () => Promise.reject(new Error('must not list the whole country')),
    };
    expect(await refusal({ address_string: '马头溪村' }, many, '')).toMatchObject({ code: 'address_string-too-broad' });
  });
});

describe('the other ways to locate', () => {
  it('takes address_id before address_string, as the code of the village', async () => {
    expect(await locate({ address_id: LONGGANG, address_string: '马头溪村' })).toEqual({ ok: true, village: LONGGANG });
  });

  it('reads attribute[village] as a name or a code when there is no address', async () => {
    expect(await locate({ lat: '29.1', long: '110.4', 'attribute[village]': '王家坪镇马头溪村' })).toEqual({ ok: true, village: MATOUXI });
    expect(await locate({ 'attribute[village]': LONGGANG })).toEqual({ ok: true, village: LONGGANG });
  });

  it('refuses lat/long alone, and no location at all, saying what to send', async () => {
    const coordinates = await refusal({ lat: '29.1', long: '110.4' });
    expect(coordinates.code).toBe('location-coordinates-only');
    expect(coordinates.message).toMatch(/^仅凭经纬度.*address_id.* \/ lat\/long alone cannot name a village/);
    expect((await refusal({ address_string: '  ', address_id: '' })).code).toBe('location-missing');
  });
});
