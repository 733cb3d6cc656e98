import { fieldIssue, type ApiIssue } from './envelope.ts';
import type { Failure } from './http-errors.ts';

/**
 * The query of GET requests, as the spec has it: `service_request_id` overrides everything else;
 * `service_code` and `status` may be comma lists or given several times (`status=open&status=closed`);
 * dates are W3C datetimes with a zone; without them the last 90 days, and never more than 90.
 */
export interface RequestsQuery {
  ids: string[] | null;
  services: string[] | null;
  statuses: ('open' | 'closed')[];
  /** ISO instants */
  start: string;
  end: string;
}

/** the most ids one query may name (verify asks for 100 at a time: scripts/lib/verify-complaints.ts) */
export const MAX_IDS = 100;

export function readRequestsQuery(params: URLSearchParams, categories: readonly string[], now: Date): { ok: true; query: RequestsQuery } | { ok: false; failure: Failure } {
  const issues: ApiIssue[] = [];
  const ids = list(params, 'service_request_id');
  if (ids && (ids.length > MAX_IDS || ids.some((id) => !/^\d{1,12}$/.test(id)))) {
    issues.push(fieldIssue('service_request_id-invalid', 'service_request_id', `service_request_id 须为以逗号分隔的数字，最多 ${MAX_IDS} 个`, `service_request_id must be numbers separated by commas, at most ${MAX_IDS}`));
  }
  const services = list(params, 'service_code');
  const unknown = services?.find((s) => !categories.includes(s));
  if (!ids && unknown !== undefined) return { ok: false, failure: { kind: 'unknown-service', code: unknown.slice(0, 40) } };
  const statuses = list(params, 'status') ?? ['open', 'closed'];
  if (statuses.some((s) => s !== 'open' && s !== 'closed')) issues.push(fieldIssue('status-invalid', 'status', 'status 须为 open 或 closed', 'status must be open or closed'));
  const date = (name: string) => {
    const v = params.getAll(name).map((x) => x.trim()).find((x) => x !== '');
    if (v === undefined) return undefined;
    if (W3_DATETIME.test(v) && !Number.isNaN(Date.parse(v))) return Date.parse(v);
    issues.push(fieldIssue(`${name}-invalid`, name, `${name} 须为带时区的 W3C 时间，如 2026-10-01T00:00:00Z`, `${name} must be a W3C datetime with a time zone, e.g. 2026-10-01T00:00:00Z`));
    return undefined;
  };
  const startArg = date('start_date');
  const endArg = date('end_date');
  const end = endArg ?? (startArg !== undefined ? startArg + 90 * DAY : now.getTime());
  const start = startArg ?? end - 90 * DAY;
  if (!ids && (end < start || end - start > 90 * DAY)) {
    issues.push(fieldIssue('date-range-invalid', 'start_date', 'start_date 到 end_date 须在 90 天之内且不能颠倒', 'start_date to end_date must span at most 90 days, start first'));
  }
  if (issues.length > 0) return { ok: false, failure: { kind: 'bad-request', issues } };
  return {
    ok: true,
    query: { ids: ids && [...new Set(ids)], services, statuses: [...new Set(statuses)] as ('open' | 'closed')[], start: new Date(start).toISOString(), end: new Date(end).toISOString() },
  };
}

// ——— private helpers ———

const DAY = 86_400_000;
const W3_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Every value of a parameter given once or more, each split at commas; null when there is none. */
function list(params: URLSearchParams, name: string): string[] | null {
  const values = params
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((x) => x.trim())
    .filter((x) => x !== '');
  return values.length > 0 ? values : null;
}
