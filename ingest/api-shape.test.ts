import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_COMPLAINT_CATEGORIES } from '../data/complaints/complaint.ts';
import { DEFAULT_DEADLINES } from '../data/complaints/deadlines.ts';
import { bearer, FIXTURES, LONGGANG, MATOUXI, testApp, type TestApp } from './test-support.ts';

/**
 * Walks every route through its success and each of its failure statuses and checks that every
 * answer is the one envelope: JSON, a boolean `ok`, and on failure `error.code`, a bilingual
 * `error.message` and an `errors` array whose items say row, column, field and message.
 */

let t: TestApp;
/** an app whose one filing an hour is already used */
let limited: TestApp;
let publicationId = '';
let trackingCode = '';
let longgangCode = '';
/** staff address complaints by these public numbers, never by tracking code */
let publicId = '';
let longgangId = '';
beforeAll(async () => {
  t = await testApp();
  limited = await testApp({ complaints: { categories: [...DEFAULT_COMPLAINT_CATEGORIES], deadlines: { ...DEFAULT_DEADLINES }, perHour: 1, lookupsPerMinute: 1 } });
  const file = async (app: Hono, village: string) => {
    const res = await app.request('/api/v1/complaints', { method: 'POST', body: JSON.stringify(complaintBody(village)), headers: jsonType });
    return ((await res.json()) as { complaint: { trackingCode: string } }).complaint.trackingCode;
  };
  trackingCode = await file(t.app, MATOUXI);
  longgangCode = await file(t.app, LONGGANG);
  const numberOf = async (code: string) => (await t.store.getComplaint(code.replace('-', '')))!.publicId;
  publicId = await numberOf(trackingCode);
  longgangId = await numberOf(longgangCode);
  await file(limited.app, MATOUXI);
  await limited.app.request(`/api/v1/complaints/${trackingCode}`);
  const res = await t.app.request(`/api/v1/villages/${MATOUXI}/publications?kind=finance`, {
    method: 'POST',
    body: FIXTURES.finance,
    headers: { ...bearer(t.tokens.matouxi), 'content-type': 'text/csv' },
  });
  publicationId = ((await res.json()) as { publication: { id: string } }).publication.id;
});
afterAll(async () => {
  await t.cleanup();
  await limited.cleanup();
});

interface Case {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: () => string;
  headers?: () => Record<string, string>;
  body?: () => Uint8Array<ArrayBuffer> | string;
  status: number;
  /** a success that is not JSON (the CSV download); its failures are still the envelope */
  contentType?: RegExp;
  /** the app under test; `t.app` unless given */
  app?: () => Hono;
  /** a 405's Allow header */
  allow?: string;
}

const csv = () => ({ ...bearer(t.tokens.matouxi), 'content-type': 'text/csv' });
const upload = `/api/v1/villages/${MATOUXI}/publications`;
const jsonType = { 'content-type': 'application/json' };
const formType = { 'content-type': 'application/x-www-form-urlencoded', cookie: 'cw_csrf=0123456789abcdefghjkmnpqrstvwxyz', origin: 'https://cunwu.example.cn' };
const staff = (token: () => string) => () => ({ ...bearer(token()), ...jsonType });
const complaintBody = (village: string) => ({ village, category: '财务公开', text: '账上这笔支出没有说明用途。' });
const complaintForm = (extra: Record<string, string>) => () =>
  new URLSearchParams({ village: MATOUXI, category: '其他', text: '表单提交的投诉内容。', _csrf: '0123456789abcdefghjkmnpqrstvwxyz', ...extra }).toString();
const complaints = '/api/v1/complaints';
const staffComplaints = '/api/v1/staff/complaints';
const round = { scope: '430802108', title: '2026年巡察', team: '县委第一巡察组', start: '2026-09-01', end: '2026-10-31', contact: '0744-8101000' };

const CASES: Case[] = [
  { name: 'health', method: 'GET', path: () => '/api/v1/health', status: 200 },
  { name: 'village', method: 'GET', path: () => `/api/v1/villages/${MATOUXI}`, status: 200 },
  { name: 'village unknown', method: 'GET', path: () => '/api/v1/villages/430802108299', status: 404 },
  { name: 'village is a township', method: 'GET', path: () => '/api/v1/villages/430802108', status: 404 },
  { name: 'village list', method: 'GET', path: () => upload, status: 200 },
  { name: 'village list unknown', method: 'GET', path: () => '/api/v1/villages/999999999999/publications', status: 404 },
  { name: 'publication', method: 'GET', path: () => `/api/v1/publications/${publicationId}`, status: 200 },
  { name: 'publication unknown', method: 'GET', path: () => '/api/v1/publications/nope', status: 404 },
  { name: 'publication odd id', method: 'GET', path: () => '/api/v1/publications/%3Cscript%3E', status: 404 },
  { name: 'upload', method: 'POST', path: () => `${upload}?kind=subsidy`, headers: csv, body: () => FIXTURES.subsidy, status: 201 },
  { name: 'upload unchanged', method: 'POST', path: () => `${upload}?kind=finance`, headers: csv, body: () => FIXTURES.finance, status: 200 },
  { name: 'upload dry run', method: 'POST', path: () => `${upload}?kind=finance&dryRun=1`, headers: csv, body: () => FIXTURES.finance, status: 200 },
  { name: 'upload no kind', method: 'POST', path: () => upload, headers: csv, body: () => FIXTURES.finance, status: 400 },
  { name: 'upload empty', method: 'POST', path: () => `${upload}?kind=finance`, headers: csv, body: () => '', status: 400 },
  { name: 'upload bad key', method: 'POST', path: () => `${upload}?kind=finance`, headers: () => ({ ...csv(), 'idempotency-key': ' ' }), body: () => FIXTURES.finance, status: 400 },
  { name: 'upload no token', method: 'POST', path: () => `${upload}?kind=finance`, body: () => FIXTURES.finance, status: 401 },
  { name: 'upload bad token', method: 'POST', path: () => `${upload}?kind=finance`, headers: () => bearer('cw_x'), body: () => FIXTURES.finance, status: 401 },
  { name: 'upload basic auth', method: 'POST', path: () => `${upload}?kind=finance`, headers: () => ({ authorization: 'Basic YTpi' }), body: () => FIXTURES.finance, status: 401 },
  { name: 'upload other village', method: 'POST', path: () => `/api/v1/villages/${LONGGANG}/publications?kind=finance`, headers: csv, body: () => FIXTURES.finance, status: 403 },
  { name: 'upload unknown village', method: 'POST', path: () => '/api/v1/villages/430802108299/publications?kind=finance', headers: csv, body: () => FIXTURES.finance, status: 404 },
  { name: 'upload too large', method: 'POST', path: () => `${upload}?kind=finance`, headers: csv, body: () => new Uint8Array(t.config.bodyLimitBytes + 1), status: 413 },
  { name: 'upload pdf', method: 'POST', path: () => `${upload}?kind=finance`, headers: csv, body: () => '%PDF-1.4 junk', status: 415 },
  { name: 'upload garbage csv', method: 'POST', path: () => `${upload}?kind=finance`, headers: csv, body: () => 'a,b\n1,2\n', status: 422 },
  { name: 'upload broken json', method: 'POST', path: () => `${upload}?kind=finance`, headers: () => ({ ...csv(), 'content-type': 'application/json' }), body: () => '{"kind": "finance", ', status: 422 },
  { name: 'upload broken multipart', method: 'POST', path: () => `${upload}?kind=finance`, headers: () => ({ ...csv(), 'content-type': 'multipart/form-data; boundary=zzz' }), body: () => 'not multipart', status: 400 },
  { name: 'search', method: 'GET', path: () => `/api/v1/search?q=${encodeURIComponent('土地流转')}&kind=finance&village=${MATOUXI}&sort=date`, status: 200 },
  { name: 'search no hits', method: 'GET', path: () => '/api/v1/search?q=zzzz', status: 200 },
  { name: 'search no q (browsing)', method: 'GET', path: () => '/api/v1/search', status: 200 },
  { name: 'search bad sort', method: 'GET', path: () => '/api/v1/search?sort=size', status: 400 },
  { name: 'search bad amount', method: 'GET', path: () => '/api/v1/search?q=x&min=abc&pageSize=0', status: 400 },
  { name: 'search csv', method: 'GET', path: () => `/api/v1/search.csv?q=${encodeURIComponent('土地流转')}`, status: 200, contentType: /^text\/csv; charset=utf-8$/ },
  { name: 'search csv no q (browsing)', method: 'GET', path: () => '/api/v1/search.csv?kind=finance', status: 200, contentType: /^text\/csv; charset=utf-8$/ },
  { name: 'search csv bad sort', method: 'GET', path: () => '/api/v1/search.csv?sort=size', status: 400 },
  { name: 'search wrong method', method: 'POST', path: () => '/api/v1/search?q=x', status: 405, allow: 'GET, HEAD' },
  { name: 'complaint file', method: 'POST', path: () => complaints, headers: () => jsonType, body: () => JSON.stringify(complaintBody(MATOUXI)), status: 201 },
  { name: 'complaint file invalid', method: 'POST', path: () => complaints, headers: () => jsonType, body: () => '{"village":"1","text":"短"}', status: 422 },
  { name: 'complaint file broken json', method: 'POST', path: () => complaints, headers: () => jsonType, body: () => '{"village":', status: 400 },
  { name: 'complaint file as text', method: 'POST', path: () => complaints, headers: () => ({ 'content-type': 'text/plain' }), body: () => '{}', status: 415 },
  { name: 'complaint file too large', method: 'POST', path: () => complaints, headers: () => jsonType, body: () => new Uint8Array(40 * 1024), status: 413 },
  { name: 'complaint file unknown village', method: 'POST', path: () => complaints, headers: () => jsonType, body: () => JSON.stringify(complaintBody('430802108299')), status: 404 },
  { name: 'complaint form', method: 'POST', path: () => complaints, headers: () => formType, body: complaintForm({}), status: 303 },
  { name: 'complaint form invalid', method: 'POST', path: () => complaints, headers: () => formType, body: complaintForm({ text: '' }), status: 422 },
  { name: 'complaint form no csrf', method: 'POST', path: () => complaints, headers: () => formType, body: complaintForm({ _csrf: '' }), status: 403 },
  { name: 'complaint form honeypot', method: 'POST', path: () => complaints, headers: () => formType, body: complaintForm({ website: 'x' }), status: 400 },
  { name: 'complaint file rate-limited', method: 'POST', path: () => complaints, headers: () => jsonType, body: () => JSON.stringify(complaintBody(MATOUXI)), status: 429, app: () => limited.app },
  { name: 'complaint', method: 'GET', path: () => `${complaints}/${trackingCode}`, status: 200 },
  { name: 'complaint unknown', method: 'GET', path: () => `${complaints}/ZZZZZ-ZZZZZ`, status: 404 },
  { name: 'complaint not a code', method: 'GET', path: () => `${complaints}/%3Cscript%3E`, status: 404 },
  { name: 'complaint lookup rate-limited', method: 'GET', path: () => `${complaints}/${trackingCode}`, status: 429, app: () => limited.app },
  { name: 'complaint feedback too early', method: 'POST', path: () => `${complaints}/${trackingCode}/feedback`, headers: () => jsonType, body: () => '{"satisfied":true}', status: 409 },
  { name: 'complaint feedback bad', method: 'POST', path: () => `${complaints}/${trackingCode}/feedback`, headers: () => jsonType, body: () => '{"satisfied":"very"}', status: 400 },
  { name: 'complaint feedback unknown', method: 'POST', path: () => `${complaints}/ZZZZZ-ZZZZZ/feedback`, headers: () => jsonType, body: () => '{"satisfied":true}', status: 404 },
  { name: 'complaint list', method: 'GET', path: () => complaints, headers: staff(() => t.tokens.township), status: 200 },
  { name: 'complaint list filtered', method: 'GET', path: () => `${complaints}?status=received&overdue=1&page=1`, headers: staff(() => t.tokens.county), status: 200 },
  { name: 'complaint list no token', method: 'GET', path: () => complaints, status: 401 },
  { name: 'complaint list village token', method: 'GET', path: () => complaints, headers: staff(() => t.tokens.matouxi), status: 403 },
  { name: 'complaint list outside scope', method: 'GET', path: () => `${complaints}?scope=430821`, headers: staff(() => t.tokens.township), status: 403 },
  { name: 'complaint list bad query', method: 'GET', path: () => `${complaints}?status=lost`, headers: staff(() => t.tokens.township), status: 400 },
  { name: 'complaint feedback with a staff token', method: 'POST', path: () => `${complaints}/${trackingCode}/feedback`, headers: staff(() => t.tokens.township), body: () => '{"satisfied":true}', status: 403 },
  { name: 'staff complaint list', method: 'GET', path: () => staffComplaints, headers: staff(() => t.tokens.township), status: 200 },
  { name: 'staff complaint list village token', method: 'GET', path: () => staffComplaints, headers: staff(() => t.tokens.matouxi), status: 403 },
  { name: 'staff complaint', method: 'GET', path: () => `${staffComplaints}/${publicId}`, headers: staff(() => t.tokens.township), status: 200 },
  { name: 'staff complaint by tracking code', method: 'GET', path: () => `${staffComplaints}/${trackingCode}`, headers: staff(() => t.tokens.township), status: 404 },
  { name: 'staff complaint other township', method: 'GET', path: () => `${staffComplaints}/${longgangId}`, headers: staff(() => t.tokens.township), status: 403 },
  { name: 'complaint dispatch', method: 'POST', path: () => `${staffComplaints}/${publicId}/events`, headers: staff(() => t.tokens.township), body: () => '{"type":"dispatch","department":"镇纪委"}', status: 200 },
  { name: 'complaint close too early', method: 'POST', path: () => `${staffComplaints}/${publicId}/events`, headers: staff(() => t.tokens.township), body: () => '{"type":"close","resolution":"好"}', status: 409 },
  { name: 'complaint bad action', method: 'POST', path: () => `${staffComplaints}/${publicId}/events`, headers: staff(() => t.tokens.township), body: () => '{"type":"erase"}', status: 400 },
  { name: 'complaint other township', method: 'POST', path: () => `${staffComplaints}/${longgangId}/events`, headers: staff(() => t.tokens.township), body: () => '{"type":"reopen"}', status: 403 },
  { name: 'complaint action no token', method: 'POST', path: () => `${staffComplaints}/${publicId}/events`, headers: () => jsonType, body: () => '{"type":"reopen"}', status: 401 },
  { name: 'complaint action unknown', method: 'POST', path: () => `${staffComplaints}/999/events`, headers: staff(() => t.tokens.township), body: () => '{"type":"reopen"}', status: 404 },
  { name: 'complaint action by tracking code', method: 'POST', path: () => `${staffComplaints}/${trackingCode}/events`, headers: staff(() => t.tokens.township), body: () => '{"type":"reopen"}', status: 404 },
  { name: 'complaint action at the old code path', method: 'POST', path: () => `${complaints}/${trackingCode}/events`, headers: staff(() => t.tokens.township), body: () => '{"type":"reopen"}', status: 410 },
  { name: 'complaint wrong method', method: 'DELETE', path: () => `${complaints}/${trackingCode}`, status: 405, allow: 'GET, HEAD' },
  { name: 'flag rules', method: 'GET', path: () => '/api/v1/flag-rules', status: 200 },
  { name: 'flags', method: 'GET', path: () => `/api/v1/flags?scope=${MATOUXI}&status=active`, status: 200 },
  { name: 'flags bad query', method: 'GET', path: () => '/api/v1/flags?scope=12&status=lost&limit=0', status: 400 },
  { name: 'flags bad token', method: 'GET', path: () => '/api/v1/flags', headers: () => bearer('cw_x'), status: 401 },
  { name: 'flag unknown', method: 'GET', path: () => '/api/v1/flags/999', status: 404 },
  { name: 'flag action no token', method: 'POST', path: () => '/api/v1/flags/1/events', headers: () => jsonType, body: () => '{"type":"explain","text":"说明一下情况"}', status: 401 },
  { name: 'flag action unknown', method: 'POST', path: () => '/api/v1/flags/999/events', headers: staff(() => t.tokens.matouxi), body: () => '{"type":"explain","text":"说明一下情况"}', status: 404 },
  { name: 'flag run', method: 'POST', path: () => `/api/v1/flags/run?scope=${MATOUXI}`, headers: staff(() => t.tokens.township), status: 404 },
  { name: 'flag run village token', method: 'POST', path: () => `/api/v1/flags/run?scope=${MATOUXI}`, headers: staff(() => t.tokens.matouxi), status: 403 },
  { name: 'flag run bad scope', method: 'POST', path: () => '/api/v1/flags/run?scope=12', headers: staff(() => t.tokens.township), status: 400 },
  { name: 'flag settings', method: 'GET', path: () => '/api/v1/flag-settings/430802', status: 200 },
  { name: 'flag settings unknown', method: 'GET', path: () => '/api/v1/flag-settings/430899', status: 404 },
  { name: 'flag settings save', method: 'PUT', path: () => '/api/v1/flag-settings/430802', headers: staff(() => t.tokens.region), body: () => '{"publication":{"mode":"immediate"}}', status: 201 },
  { name: 'flag settings invalid', method: 'PUT', path: () => '/api/v1/flag-settings/430802', headers: staff(() => t.tokens.region), body: () => '{"rules":{"split-payments":{"windowDays":-3}}}', status: 422 },
  { name: 'flag settings township token', method: 'PUT', path: () => '/api/v1/flag-settings/430802', headers: staff(() => t.tokens.township), body: () => '{}', status: 403 },
  { name: 'flag settings too large', method: 'PUT', path: () => '/api/v1/flag-settings/430802', headers: staff(() => t.tokens.region), body: () => new Uint8Array(70 * 1024), status: 413 },
  { name: 'round open', method: 'POST', path: () => '/api/v1/rectification/rounds', headers: staff(() => t.tokens.township), body: () => JSON.stringify(round), status: 201 },
  { name: 'round open invalid', method: 'POST', path: () => '/api/v1/rectification/rounds', headers: staff(() => t.tokens.township), body: () => '{"scope":"430802108"}', status: 400 },
  { name: 'round open village token', method: 'POST', path: () => '/api/v1/rectification/rounds', headers: staff(() => t.tokens.matouxi), body: () => JSON.stringify(round), status: 403 },
  { name: 'round open unknown division', method: 'POST', path: () => '/api/v1/rectification/rounds', headers: staff(() => t.tokens.region), body: () => JSON.stringify({ ...round, scope: '430899' }), status: 404 },
  { name: 'rounds', method: 'GET', path: () => '/api/v1/rectification/rounds?scope=430802', status: 200 },
  { name: 'rounds bad scope', method: 'GET', path: () => '/api/v1/rectification/rounds?scope=x', status: 400 },
  { name: 'round', method: 'GET', path: () => '/api/v1/rectification/rounds/1', status: 200 },
  { name: 'round unknown', method: 'GET', path: () => '/api/v1/rectification/rounds/999', status: 404 },
  { name: 'round action', method: 'POST', path: () => '/api/v1/rectification/rounds/1/events', headers: staff(() => t.tokens.township), body: () => '{"type":"adopt-rule","title":"合同管理办法"}', status: 200 },
  { name: 'round action refused', method: 'POST', path: () => '/api/v1/rectification/rounds/1/events', headers: staff(() => t.tokens.township), body: () => '{"type":"submit-evidence","task":"T9","text":"材料"}', status: 422 },
  { name: 'round action bad', method: 'POST', path: () => '/api/v1/rectification/rounds/1/events', headers: staff(() => t.tokens.township), body: () => '{"type":"erase"}', status: 400 },
  { name: 'round action forbidden', method: 'POST', path: () => '/api/v1/rectification/rounds/1/events', headers: staff(() => t.tokens.county), body: () => '{"type":"adopt-rule","title":"x"}', status: 403 },
  { name: 'reminders', method: 'GET', path: () => '/api/v1/rectification/reminders', headers: staff(() => t.tokens.township), status: 200 },
  { name: 'reminders outside scope', method: 'GET', path: () => '/api/v1/rectification/reminders?scope=430821', headers: staff(() => t.tokens.township), status: 403 },
  { name: 'unknown api route', method: 'GET', path: () => '/api/v1/nothing-here', status: 404 },
  { name: 'wrong method', method: 'DELETE', path: () => `/api/v1/publications/${publicationId}`, status: 405, allow: 'GET, HEAD' },
  { name: 'wrong method on an upload path', method: 'PUT', path: () => upload, headers: csv, body: () => FIXTURES.finance, status: 405, allow: 'GET, HEAD, POST' },
  { name: 'unversioned api', method: 'PUT', path: () => '/api/v2/villages', status: 404 },
];

describe('every API response is the one JSON envelope', () => {
  it.each(CASES)('$method $name → $status', async (c) => {
    const res = await (c.app?.() ?? t.app).request(c.path(), { method: c.method, headers: c.headers?.(), body: c.body?.() });
    const text = await res.text();
    expect(res.status, text).toBe(c.status);
    if (c.allow) expect(res.headers.get('allow')).toBe(c.allow);
    if (c.status >= 300 && c.status < 400) {
      expect(res.headers.get('location')).toMatch(/^\//);
      return;
    }
    if (c.contentType) {
      expect(res.headers.get('content-type')).toMatch(c.contentType);
      return;
    }
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = JSON.parse(text) as Record<string, unknown>;
    expect(typeof body.ok).toBe('boolean');
    expect(body.ok).toBe(c.status < 400);
    if (body.ok) return;
    const error = body.error as { code: unknown; message: unknown };
    expect(typeof error.code).toBe('string');
    expect(error.message).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
    expect(Array.isArray(body.errors)).toBe(true);
    for (const issue of body.errors as Record<string, unknown>[]) {
      expect(Object.keys(issue)).toEqual(expect.arrayContaining(['row', 'column', 'field', 'message']));
      expect(typeof issue.message).toBe('string');
    }
    expect(text).not.toMatch(/at .*\.ts:\d+|SqliteError|TypeError/);
  });

  it('answers 500 with the envelope and no internals when a handler really fails', async () => {
    const broken = await testApp();
    await broken.breakStore();
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const res = await broken.app.request(`/api/v1/villages/${MATOUXI}`);
      const text = await res.text();
      expect(res.status).toBe(500);
      const body = JSON.parse(text);
      expect(body).toMatchObject({ ok: false, error: { code: 'internal' }, errors: [] });
      expect(text).not.toMatch(/sqlite|database|\.ts/i);
      expect(log).toHaveBeenCalled();
    } finally {
      log.mockRestore();
      await broken.cleanup().catch(() => undefined);
    }
  });
});
