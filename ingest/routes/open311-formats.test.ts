import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_COMPLAINT_CATEGORIES } from '../../data/complaints/complaint.ts';
import { expectErrors, read } from '../open311-test-support.ts';
import { LONGGANG, MATOUXI, testApp, type TestApp } from '../test-support.ts';

/**
 * The Open311 suite in both formats: the same requests to `.json` and `.xml`, each answer read
 * back into the spec's JSON shape (the XML by the Spark convention, the way the spec maps one to
 * the other), so one set of expectations holds for both. The requests and the documents are the
 * spec's own examples (https://wiki.open311.org/GeoReport_v2, Service_Discovery) with our
 * service codes and villages.
 */

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(async () => {
  await t.cleanup();
});

const REQUEST_FIELDS = [
  'service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description', 'agency_responsible', 'service_notice',
  'requested_datetime', 'updated_datetime', 'expected_datetime', 'address', 'address_id', 'zipcode', 'lat', 'long', 'media_url',
];

describe.each(['json', 'xml'] as const)('Open311 in %s', (format) => {
  const get = (path: string) => read(t.app.request(`/open311${path.replace('{f}', format)}`), format);
  const file = (fields: Record<string, string>) =>
    read(t.app.request(`/open311/v2/requests.${format}`, { method: 'POST', body: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' } }), format);

  it('lists the services with every field the spec documents', async () => {
    const { status, body } = await get('/v2/services.{f}?jurisdiction_id=city.gov');
    expect(status).toBe(200);
    expect(body.map((s: Record<string, unknown>) => s.service_code)).toEqual([...DEFAULT_COMPLAINT_CATEGORIES]);
    for (const s of body) {
      expect(Object.keys(s)).toEqual(['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group']);
      expect({ metadata: String(s.metadata), type: s.type }).toEqual({ metadata: 'true', type: 'realtime' });
    }
  });

  it('defines each service with its one optional attribute, the village, and answers 404 for an unknown code', async () => {
    const { status, body } = await get(`/v2/services/${encodeURIComponent('财务公开')}.{f}`);
    expect(status).toBe(200);
    expect(body.service_code).toBe('财务公开');
    expect(body.attributes).toHaveLength(1);
    expect(body.attributes[0]).toMatchObject({ code: 'village', datatype: 'string' });
    expect([String(body.attributes[0].variable), String(body.attributes[0].required), String(body.attributes[0].order)]).toEqual(['true', 'false', '1']);
    await expectErrors(get('/v2/services/001.{f}'), 404);
  });

  it('files the spec’s example post and reads it back alone and in the list, every field present', async () => {
    const posted = await file({
      api_key: 'xyz', jurisdiction_id: 'city.gov', service_code: '工程项目', lat: '37.76524078', long: '-122.4212043', address_string: '马头溪村, 王家坪镇, 永定区',
      email: 'smit333@sfgov.edu', device_id: 'tt222111', account_id: '123456', first_name: 'john', last_name: 'smith', phone: '13812345678',
      description: 'A large sinkhole is destroying the street 村道塌陷', media_url: 'http://farm3.static.flickr.com/2002/2212426634_5ed477a060.jpg',
      'attribute[WHISPAWN]': '123456', 'attribute[WHISDORN]': 'COISL001',
    });
    expect(posted.status).toBe(201);
    expect(posted.body).toHaveLength(1);
    expect(posted.body[0]).toMatchObject({ service_request_id: '1', account_id: null });
    expect(posted.body[0].service_notice).toContain(posted.body[0].tracking_code);

    const one = await get('/v2/requests/1.{f}?jurisdiction_id=city.gov');
    const list = await get('/v2/requests.{f}?start_date=2026-10-01T00:00:00Z&end_date=2026-10-31T00:00:00Z&status=open&jurisdiction_id=city.gov');
    for (const { status, body } of [one, list]) {
      expect(status).toBe(200);
      expect(body).toHaveLength(1);
      expect(Object.keys(body[0])).toEqual(REQUEST_FIELDS);
      expect(body[0]).toMatchObject({ service_request_id: '1', status: 'open', service_code: '工程项目', address: '马头溪村, 王家坪镇, 永定区', address_id: MATOUXI });
      for (const field of ['description', 'status_notes', 'agency_responsible', 'service_notice', 'zipcode', 'lat', 'long', 'media_url']) expect(body[0][field], field).toBeNull();
    }
  });

  it('takes repeated parameters as the spec’s comma lists', async () => {
    for (const [village, code] of [[MATOUXI, '财务公开'], [LONGGANG, '工程项目'], [MATOUXI, '其他']] as const) {
      expect((await file({ service_code: code, address_id: village, description: '村务公开栏三个月没有更新。' })).status).toBe(201);
    }
    const ids = async (query: string) => (await get(`/v2/requests.{f}?${query}`)).body.map((r: { service_request_id: string }) => r.service_request_id);
    expect(await ids('status=open&status=closed')).toEqual(['3', '2', '1']);
    expect(await ids(`service_code=${encodeURIComponent('财务公开')}&service_code=${encodeURIComponent('其他')}`)).toEqual(['3', '1']);
    expect(await ids('service_request_id=1&service_request_id=3,2')).toEqual(['3', '2', '1']);
    expect(await ids('status=closed')).toEqual([]);
  });

  it('answers the spec’s errors in the same format: 404 unknown, 400 otherwise, one error per problem', async () => {
    await expectErrors(get('/v2/requests/99.{f}'), 404);
    await expectErrors(get('/v2/requests.{f}?service_code=006'), 404);
    await expectErrors(get('/v2/tokens/12345.{f}'), 404);
    expect((await expectErrors(get('/v2/requests.{f}?status=pending&start_date=yesterday'), 400))).toHaveLength(2);
    const located = await expectErrors(file({ service_code: '其他', lat: '29.1', long: '110.4', description: '村道塌陷无人修。' }), 400);
    expect(located[0]!.description).toMatch(/lat\/long/);
  });

  it('serves the discovery document with the one GeoReport v2 endpoint and both formats', async () => {
    const { status, body } = await get('/discovery.{f}');
    expect(status).toBe(200);
    expect(Object.keys(body)).toEqual(['changeset', 'contact', 'key_service', 'endpoints']);
    expect(body.changeset).toMatch(/^2026-10-12T08:00:\d\dZ$/);
    expect(body.key_service).toMatch(/不需要 api_key/);
    expect(body.endpoints).toEqual([
      { specification: 'http://wiki.open311.org/GeoReport_v2', url: 'https://cunwu.example.cn/open311/v2', changeset: body.changeset, type: 'production', formats: ['text/xml', 'application/json'] },
    ]);
  });
});
