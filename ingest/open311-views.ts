import type { Config } from '../data/config.ts';
import type { Complaint, ComplaintStatus } from '../data/complaints/complaint.ts';
import { lateness } from '../data/complaints/deadlines.ts';
import { publicComplaint, publicDepartment, type StepTakedown } from '../data/complaints/public-complaint.ts';
import type { Division } from '../data/region.ts';
import type { AppDeps } from './app.ts';
import { OPEN311_CONTENT_TYPES, OPEN311_FORMATS } from './open311-format.ts';

/**
 * What Open311 shows, as plain values with the spec's field names in the spec's order (the XML
 * and the JSON are written from them, open311-format.ts). Every field the spec documents is
 * there, null where the portal has nothing to say: no coordinates, postcode or media; and, on
 * purpose, no description (routes/open311.ts says why).
 */

export const GEOREPORT_V2 = 'http://wiki.open311.org/GeoReport_v2';

export function service(category: string) {
  return {
    service_code: category,
    service_name: category,
    description: DESCRIPTIONS[category] ?? `${category}方面的投诉举报 / Complaints about ${category}`,
    metadata: true,
    type: 'realtime',
    keywords: `${category}, 投诉, 举报, 村务公开`,
    group: '村务投诉 / Village affairs complaints',
  };
}

/**
 * The one attribute every service has: the village, for clients that locate by lat/long (which
 * cannot name a village here) and send what the user typed as `attribute[village]`, as
 * FixMyStreet does with a definition's fields. Optional: address_id or address_string do as well.
 */
export const VILLAGE_ATTRIBUTE = 'village';

export function serviceDefinition(category: string) {
  return {
    service_code: category,
    attributes: [
      {
        variable: true,
        code: VILLAGE_ATTRIBUTE,
        datatype: 'string',
        required: false,
        datatype_description: '村名（如“王家坪镇马头溪村”）或 12 位村级代码 / The village’s name (e.g. 王家坪镇马头溪村) or its 12-digit code',
        order: 1,
        description: '投诉涉及哪个村？未提供 address_id 或 address_string 时必填 / Which village is it about? Needed unless address_id or address_string is sent',
      },
    ],
  };
}

/**
 * The discovery document. `changeset` is when this portal started: the services come from its
 * configuration, which changes only with a restart, so a client that caches them refreshes then.
 */
export function discovery(config: Config, startedAt: Date) {
  const changeset = startedAt.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const keyed = (config.open311?.apiKeys.length ?? 0) > 0;
  return {
    changeset,
    contact: `阳光村务 ${config.baseUrl}：村务公开、投诉举报的受理和答复以本门户为准 / Cunwu village-affairs portal ${config.baseUrl}`,
    key_service: keyed
      ? '提交投诉（POST requests）须提供 api_key，请向本门户的管理员申请；查询不需要 / Filing (POST requests) needs an api_key: ask this portal’s administrators. Reading needs none'
      : '不需要 api_key：提交和查询都向所有人开放 / No api_key is needed to file or to read',
    endpoints: [
      {
        specification: GEOREPORT_V2,
        url: `${config.baseUrl}/open311/v2`,
        changeset,
        type: 'production',
        formats: OPEN311_FORMATS.map((f) => OPEN311_CONTENT_TYPES[f].split(';')[0]!),
      },
    ],
  };
}

export function serviceRequest(c: Complaint, address: string | null, deps: AppDeps, now: string, takedowns: readonly StepTakedown[]) {
  const deadlines = deps.config.complaints.deadlines;
  return {
    service_request_id: c.publicId,
    status: openOrClosed(c.status),
    status_notes: statusNotes(c, deps, now, takedowns),
    service_name: c.category,
    service_code: c.category,
    // Not published: see routes/open311.ts. The filer reads it with the tracking code.
    description: null,
    agency_responsible: publicDepartment(c, takedowns),
    service_notice: null,
    requested_datetime: c.receivedAt,
    updated_datetime: c.updatedAt,
    expected_datetime: lateness(c, deadlines, now).due,
    address,
    address_id: c.village,
    // The portal knows villages by code and name, not by coordinates or postcode; it keeps no media.
    zipcode: null,
    lat: null,
    long: null,
    media_url: null,
  };
}

export function openOrClosed(status: ComplaintStatus): 'open' | 'closed' {
  return status === 'closed' ? 'closed' : 'open';
}

/** 马头溪村, 王家坪镇, 永定区: most specific first, as the spec asks; read once per village per request. */
export function placeNames(deps: AppDeps): (village: string) => Promise<string | null> {
  const cache = new Map<string, Promise<string | null>>();
  const names = async (code: string): Promise<string | null> => {
    const chain: Division[] = [];
    let next: string | null = code;
    while (next && chain.length < 3) {
      const d: Division | null = await deps.store.getDivision(next);
      if (!d) break;
      chain.push(d);
      next = d.parent;
    }
    return chain.length === 0 ? null : chain.map((d) => d.name).join(', ');
  };
  return (code) => {
    let hit = cache.get(code);
    if (!hit) cache.set(code, (hit = names(code)));
    return hit;
  };
}

// ——— private helpers ———

const DESCRIPTIONS: Record<string, string> = {
  财务公开: '村级财务收支、资产资源公开中的问题 / Village finance disclosure',
  惠农补贴: '惠农补贴发放、名单中的问题 / Farm subsidy payouts and lists',
  工程项目: '村级工程项目的立项、招标、施工、验收问题 / Village public works',
  四议两公开: '村级重大事项决策程序问题 / Decision procedure for major village matters',
  干部作风: '村干部的工作作风和纪律问题 / Conduct of village officials',
  其他: '其他村务问题 / Other village affairs',
};

/** Why it is where it is: the latest step by staff or the portal, masked as on the tracking page. */
function statusNotes(c: Complaint, deps: AppDeps, now: string, takedowns: readonly StepTakedown[]): string | null {
  const events = publicComplaint(c, deps.config.complaints.deadlines, now, takedowns).events;
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (e.type === 'close') return `办结：${e.resolution}`;
    if (e.type === 'reply') return `${e.actor}答复：${e.text}`;
    if (e.type === 'dispatch') return `已转交${e.department}办理`;
    if (e.type === 'reopen') return e.reason ? `重新办理：${e.reason}` : '重新办理';
  }
  return null;
}
