import { CODE_LENGTHS, pathCodes, type Division } from '../data/region.ts';
import type { PortalStore } from '../data/store/portal-store.ts';
import { fieldIssue } from './envelope.ts';
import type { Failure } from './http-errors.ts';
import { VILLAGE_ATTRIBUTE } from './open311-views.ts';

/**
 * Which village an Open311 request is about. The spec takes one of `lat`+`long`, `address_string`
 * or `address_id`; the portal's divisions have codes and names but no coordinates, so:
 *
 * - `address_id` is the 12-digit village code (its existence is checked when filing: 404);
 * - `address_string` is matched against the names of the region's divisions — 湖南省张家界市永定区
 *   王家坪镇马头溪村, 王家坪镇马头溪村, 马头溪村 or, most specific first as the spec writes it,
 *   “马头溪村, 王家坪镇, 永定区” — narrowing down county and township where the text names them; two villages that fit equally are a 400 naming both, with their township,
 *   county and code, so the client can say which;
 * - `attribute[village]` (the services' one attribute, open311-views.ts), a name or a code, is
 *   read like `address_string`: how a client that locates by lat/long names the village;
 * - `lat`/`long` alone cannot name a village: a 400 saying what to send instead. Sent along with
 *   an address they are accepted and not kept (a complaint has no coordinates).
 */
export type VillageLookup = { ok: true; village: string } | { ok: false; failure: Failure };

export type DivisionReader = Pick<PortalStore, 'getDivision' | 'listDivisions' | 'listDivisionsTo' | 'divisionCounts'>;

/**
 * Villages read to match a bare village name: a province's (Hunan has about 24,000 after the
 * mergers) but not the whole country's 600,000; above that the text must name the county.
 */
export const MAX_NAME_SCAN = 60_000;

export async function villageFromLocation(store: DivisionReader, region: string, fields: URLSearchParams): Promise<VillageLookup> {
  const value = (name: string) => fields.getAll(name).map((v) => v.trim()).find((v) => v !== '');
  const id = value('address_id');
  if (id !== undefined) return { ok: true, village: id };
  const text = value('address_string') ?? value(`attribute[${VILLAGE_ATTRIBUTE}]`);
  if (text !== undefined) return /^\d{12}$/.test(text) ? { ok: true, village: text } : matchAddress(store, region, text);
  const onlyCoordinates = value('lat') !== undefined || value('long') !== undefined;
  return { ok: false, failure: onlyCoordinates ? coordinatesAlone() : noLocation() };
}

/** The village `text` names, under `region` ('' for the whole country). */
export async function matchAddress(store: DivisionReader, region: string, text: string): Promise<VillageLookup> {
  let rest = normalise(text);
  // The region and what is above it (湖南省张家界市 for 4308) may be written or not.
  for (const code of pathCodes(region)) {
    const d = await store.getDivision(code);
    const hit = d ? find(rest, d) : null;
    if (hit) rest = cut(rest, hit);
  }
  // Down through the levels the text names, as far as one division fits at each.
  let scope = region;
  for (;;) {
    const next = CODE_LENGTHS.find((n) => n > scope.length);
    if (next === undefined || next >= 12) break;
    // A text may skip the prefecture (永定区王家坪镇…): counties are looked at directly, as long as
    // there are few enough (a country's 2,850).
    const lengths = next < 6 ? [next, 6] : [next];
    let moved = false;
    for (const length of lengths) {
      const children = (await store.listDivisionsTo(scope, length)).filter((d) => d.code.length === length);
      // A township only by its whole name: 王家坪村 must not be read as 王家坪(镇) + 村.
      const best = bestOf(children.flatMap((d) => withHit(rest, d)).filter((h) => h.hit.full || length < 9));
      if (best) {
        scope = best.d.code;
        rest = cut(rest, best.hit);
        moved = true;
        break;
      }
    }
    if (!moved) break;
  }
  const count = (await store.divisionCounts([scope])).get(scope)?.villages;
  if (count !== undefined && count > MAX_NAME_SCAN) return { ok: false, failure: tooBroad(text) };
  const divisions = await store.listDivisions(scope);
  const byCode = new Map(divisions.map((d) => [d.code, d]));
  const candidates: Candidate[] = [];
  for (const v of divisions) {
    if (v.level !== 'village') continue;
    const township = v.parent ? byCode.get(v.parent) : undefined;
    const townshipHit = township && scope.length < 9 ? find(rest, township) : null;
    // Looked for outside the township's name first, so 王家坪镇马头溪 does not also find 王家坪村;
    // then in the whole text, so 王家坪村 is not lost to 王家坪(镇).
    const inTownship = townshipHit ? find(cut(rest, townshipHit), v) : null;
    const hit = inTownship ?? find(rest, v);
    if (hit) candidates.push({ village: v, full: hit.full, townshipNamed: inTownship !== null });
  }
  const named = candidates.some((c) => c.townshipNamed) ? candidates.filter((c) => c.townshipNamed) : candidates;
  const fits = named.some((c) => c.full) ? named.filter((c) => c.full) : named;
  if (fits.length === 1) return { ok: true, village: fits[0]!.village.code };
  if (fits.length === 0) return { ok: false, failure: noMatch(text) };
  return { ok: false, failure: await ambiguous(store, text, fits.map((c) => c.village)) };
}

// ——— private helpers ———

interface Hit {
  start: number;
  end: number;
  /** the whole name (马头溪村, 马头溪村委会), not the name without its 村 */
  full: boolean;
}

interface Candidate {
  village: Division;
  full: boolean;
  townshipNamed: boolean;
}

/** What names end with; a name is also found without it, when at least two characters are left. */
const SUFFIXES = ['村民委员会', '居民委员会', '村委会', '居委会', '街道办事处', '街道', '社区', '村', '镇', '乡', '苏木', '自治县', '自治旗', '县', '区', '旗', '市', '自治州', '地区', '盟', '自治区', '省'];

function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s,;:.!?，、；：。·・()（）【】[\]"'“”‘’<>《》/\\|_—–-]+/g, '')
    .replace(/^(中华人民共和国|中国)/, '');
}

/** Where `d` is named in `text`, the longest way of writing it first. */
function find(text: string, d: Division): Hit | null {
  const names = [...new Set([d.name, d.officialName])].map(normalise).filter((n) => n !== '');
  for (const name of names.sort((a, b) => b.length - a.length)) {
    const at = text.indexOf(name);
    if (at >= 0) return { start: at, end: at + name.length, full: true };
  }
  for (const name of names) {
    const suffix = SUFFIXES.find((s) => name.endsWith(s) && name.length - s.length >= 2);
    if (!suffix) continue;
    const short = name.slice(0, -suffix.length);
    const at = text.indexOf(short);
    if (at >= 0) return { start: at, end: at + short.length, full: false };
  }
  return null;
}

/** The text without what was found: the spec writes addresses most specific first, people the other way round. */
function cut(text: string, hit: Hit): string {
  return text.slice(0, hit.start) + text.slice(hit.end);
}

function withHit(text: string, d: Division): Array<{ d: Division; hit: Hit }> {
  const hit = find(text, d);
  return hit ? [{ d, hit }] : [];
}

/** The one division the text names at this level: whole names before shortened ones; none if two tie. */
function bestOf(hits: Array<{ d: Division; hit: Hit }>): { d: Division; hit: Hit } | null {
  const full = hits.filter((h) => h.hit.full);
  const pool = full.length > 0 ? full : hits;
  return pool.length === 1 ? pool[0]! : null;
}

const SHOWN_CANDIDATES = 10;

async function ambiguous(store: DivisionReader, text: string, villages: Division[]): Promise<Failure> {
  const shown: string[] = [];
  for (const v of villages.slice(0, SHOWN_CANDIDATES)) {
    const township = v.parent ? await store.getDivision(v.parent) : null;
    const county = township?.parent ? await store.getDivision(township.parent) : null;
    shown.push(`${v.name}（${[township?.name, county?.name].filter(Boolean).join('，')}；${v.code}）`);
  }
  const more = villages.length > SHOWN_CANDIDATES ? ` …（共 ${villages.length} 个 / ${villages.length} in all）` : '';
  const list = shown.join('、') + more;
  return badLocation(
    'address_string-ambiguous',
    `地址“${clip(text)}”对应多个村：${list}。请在 address_string 中写明乡镇或县，或用 address_id 填村级代码`,
    `address_string "${clip(text)}" fits several villages: ${list}. Add the township or county to address_string, or send the village code as address_id`,
  );
}

function noMatch(text: string): Failure {
  return badLocation(
    'address_string-unknown',
    `本区域没有与地址“${clip(text)}”相符的村。请写出村名（如“王家坪镇马头溪村”），或用 address_id 填 12 位村级代码`,
    `No village of this region fits address_string "${clip(text)}". Write the village's name (e.g. 王家坪镇马头溪村), or send its 12-digit code as address_id`,
  );
}

function tooBroad(text: string): Failure {
  return badLocation(
    'address_string-too-broad',
    `地址“${clip(text)}”没有写明县（区），本门户覆盖的村太多，无法仅凭村名查找。请写明县和乡镇，或用 address_id 填村级代码`,
    `address_string "${clip(text)}" names no county, and this portal covers too many villages to look a village up by its name alone. Add the county and township, or send the village code as address_id`,
  );
}

function coordinatesAlone(): Failure {
  return badLocation(
    'location-coordinates-only',
    '仅凭经纬度（lat/long）无法确定是哪个村：本门户没有村界坐标。请同时提供 address_id（12 位村级代码）、address_string 或 attribute[village]（村名，如“王家坪镇马头溪村”）',
    'lat/long alone cannot name a village: this portal has no village boundaries. Send address_id (the 12-digit village code), address_string or attribute[village] (the village name, e.g. 王家坪镇马头溪村) as well',
  );
}

function noLocation(): Failure {
  return badLocation(
    'location-missing',
    '缺少位置：请提供 address_id（12 位村级代码）、address_string 或 attribute[village]（村名，如“王家坪镇马头溪村”）',
    'No location: send address_id (the 12-digit village code), address_string or attribute[village] (the village name, e.g. 王家坪镇马头溪村)',
  );
}

function badLocation(code: string, zh: string, en: string): Failure {
  const field = code.startsWith('address_string') ? 'address_string' : 'address_id';
  return { kind: 'bad-request', issues: [fieldIssue(code, field, zh, en)] };
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
