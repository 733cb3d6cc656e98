import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { expect } from 'vitest';

/**
 * Reading Open311 answers in tests, either format, into the spec's JSON shape: the XML by the
 * Spark convention the spec maps its JSON with (wiki.open311.org/JSON_and_XML_Conversion).
 */

/** The list elements of the spec's documents, by their container (what FixMyStreet's parser forces to arrays too). */
const ITEMS: Record<string, string> = { services: 'service', service_requests: 'request', errors: 'error', attributes: 'attribute', values: 'value', endpoints: 'endpoint', formats: 'format' };
export const xmlParser = new XMLParser({ isArray: (name) => Object.values(ITEMS).includes(name), parseTagValue: false, ignoreDeclaration: true });

/** The answer's status and body in the spec's JSON shape, after checking its content type (and, for XML, that it is well formed). */
export async function read(response: Response | Promise<Response>, format: 'json' | 'xml'): Promise<{ status: number; body: any }> {
  const res = await response;
  const text = await res.text();
  expect(res.headers.get('content-type')).toBe(format === 'xml' ? 'text/xml; charset=utf-8' : 'application/json; charset=utf-8');
  if (format === 'json') return { status: res.status, body: JSON.parse(text) };
  expect(text.startsWith('<?xml version="1.0" encoding="utf-8"?>\n')).toBe(true);
  expect(XMLValidator.validate(text)).toBe(true);
  const doc = xmlParser.parse(text) as Record<string, unknown>;
  const roots = Object.keys(doc);
  expect(roots).toHaveLength(1);
  return { status: res.status, body: spark(roots[0]!, doc[roots[0]!]) };
}

/** XML → the spec's JSON: a list container becomes an array, an empty element null. */
function spark(name: string, value: unknown): unknown {
  const item = ITEMS[name];
  if (item) return value === '' ? [] : ((value as Record<string, unknown[]>)[item] ?? []).map((v) => spark(item, v));
  if (value === '') return null;
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, spark(k, v)]));
  return value;
}

export async function expectErrors(answer: Promise<{ status: number; body: Array<{ code: unknown; description: string }> }>, status: number) {
  const { status: got, body } = await answer;
  expect(got).toBe(status);
  expect(body.length).toBeGreaterThan(0);
  for (const e of body) {
    expect(Object.keys(e)).toEqual(['code', 'description']);
    expect(String(e.code)).toBe(String(status));
    expect(e.description).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
  }
  return body;
}
