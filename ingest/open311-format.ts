import { XMLBuilder } from 'fast-xml-parser';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { failureResponse, type Failure } from './http-errors.ts';

/**
 * Open311's two formats from one object. The spec's JSON is its XML through the "Spark
 * convention" (wiki.open311.org/JSON_and_XML_Conversion): a list is a JSON array and in XML a
 * container whose children all have one name — `[{…}]` as `<service_requests><request>…`. So
 * every endpoint builds one plain value, and this module writes it either way; null is an empty
 * element (`<description/>`), as in the spec's own examples.
 */

export const OPEN311_FORMATS = ['xml', 'json'] as const;
export type Open311Format = (typeof OPEN311_FORMATS)[number];

export const OPEN311_CONTENT_TYPES: Record<Open311Format, string> = {
  xml: 'text/xml; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/** `requests.xml` → requests, xml; null without one of the two extensions. */
export function splitFormat(file: string): { name: string; format: Open311Format } | null {
  const match = /^(.+)\.(xml|json)$/.exec(file);
  return match ? { name: match[1]!, format: match[2] as Open311Format } : null;
}

/** The body in either format: `root` names the XML document element (and, for a list, its children). */
export function serialise(format: Open311Format, root: string, data: unknown): string {
  if (format === 'json') return JSON.stringify(data);
  return `<?xml version="1.0" encoding="utf-8"?>\n${builder.build({ [root]: xmlTree(root, data) }) as string}`;
}

/** A success (or error) in the spec's shape and the format asked for. */
export function open311Reply(c: Context, format: Open311Format, status: ContentfulStatusCode, root: string, data: unknown, headers: Record<string, string> = {}): Response {
  return c.body(serialise(format, root, data), status, { ...headers, 'Content-Type': OPEN311_CONTENT_TYPES[format] });
}

/**
 * Any failure as the spec's errors: one `{code, description}` per problem, bilingual descriptions,
 * in the format of the path (`.xml`, `.json`; otherwise as the Accept header prefers, JSON by
 * default). The statuses are the spec's — 404 missing, 403 refused, 400 otherwise — plus 413, 429
 * and 500, which mean what they say.
 */
export function open311Error(c: Context, failure: Failure): Response {
  const { status, headers, body } = failureResponse(failure);
  const spec = specStatus(status);
  const descriptions = body.errors.length > 0 ? body.errors.map((e) => e.message) : [body.error.message];
  return open311Reply(c, formatOfRequest(c), spec, 'errors', descriptions.map((description) => ({ code: spec, description })), headers);
}

// ——— private helpers ———

/** The child element of each list, by the list's element (the spec's names). */
const ITEM: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  errors: 'error',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
};

const builder = new XMLBuilder({ format: false, suppressEmptyNode: false, processEntities: true });

function xmlTree(name: string, value: unknown): unknown {
  if (Array.isArray(value)) {
    const item = ITEM[name];
    if (!item) throw new Error(`Open311: no element name for the items of ${name}`);
    return { [item]: value.map((v) => xmlTree(item, v)) };
  }
  if (value === null || value === undefined) return null;
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, xmlTree(k, v)]));
  return xmlText(String(value));
}

/** XML 1.0 cannot carry most control characters, even escaped; a complaint's text might hold one. */
function xmlText(s: string): string {
  return s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');
}

function formatOfRequest(c: Context): Open311Format {
  const path = c.req.path;
  if (path.endsWith('.xml')) return 'xml';
  if (path.endsWith('.json')) return 'json';
  return /\b(text|application)\/xml\b/i.test(c.req.header('accept') ?? '') ? 'xml' : 'json';
}

/** The spec: 404 for what does not exist, 403 for refusals, 400 for any other request that cannot be met. */
function specStatus(status: number): ContentfulStatusCode {
  if (status === 404 || status === 403 || status === 413 || status === 429 || status >= 500) return status as ContentfulStatusCode;
  return 400;
}
