import { parseAmount } from '../money.ts';
import { DEFAULT_CATALOGUE } from './default-catalogue.ts';
import type { PowerCatalogue, PowerItem } from './power-catalogue.ts';

/**
 * Which list applies to a village, which item of it applies to a matter, and which item a
 * register's words mean. Catalogues passed in are already parsed (parseCatalogue).
 */

/**
 * The nearest scope wins (county, then city, then national), because a county's list is the one
 * its villages are held to; within a scope, the newest publication.
 */
export function catalogueFor(villageCode: string, catalogues: readonly PowerCatalogue[]): PowerCatalogue {
  let best: PowerCatalogue = DEFAULT_CATALOGUE;
  for (const c of catalogues) {
    if (!villageCode.startsWith(c.scope)) continue;
    if (c.scope.length > best.scope.length || (c.scope.length === best.scope.length && isNewer(c, best))) best = c;
  }
  return best;
}

/** The newest list of each scope (the pages show these), the default first. */
export function newestPerScope(catalogues: readonly PowerCatalogue[]): PowerCatalogue[] {
  const newest = new Map<string, PowerCatalogue>([['', DEFAULT_CATALOGUE]]);
  for (const c of catalogues) {
    const known = newest.get(c.scope);
    if (!known || (c.scope !== '' && isNewer(c, known))) newest.set(c.scope, c);
  }
  return [...newest.values()];
}

function isNewer(a: PowerCatalogue, b: PowerCatalogue): boolean {
  if (a.publishedOn !== b.publishedOn) return a.publishedOn > b.publishedOn;
  const [ay, an] = versionParts(a.version);
  const [by, bn] = versionParts(b.version);
  return ay !== by ? ay > by : an > bn;
}

/** "430800-2026-3" → [2026, 3]; compared as numbers so version 10 comes after 9. */
function versionParts(version: string): [number, number] {
  const m = /-(\d{4})-(\d+)$/.exec(version);
  return m ? [Number(m[1]), Number(m[2])] : [0, 0];
}

function inArea(item: PowerItem, areaPrefix: string): boolean {
  return item.code === areaPrefix || item.code.startsWith(`${areaPrefix}-`);
}

function covers(item: PowerItem, amountFen: number): boolean {
  const { amountMinFen: min, amountMaxFen: max } = item.appliesWhen;
  return (min === null || amountFen >= min) && (max === null || amountFen < max);
}

/**
 * The tier of an area (items coded `<areaPrefix>` or `<areaPrefix>-…`) that an amount falls in.
 * Should a county's tiers overlap, the higher tier wins: the stricter procedure is the safe reading.
 */
export function itemsForAmount(catalogue: PowerCatalogue, areaPrefix: string, amountFen: number): PowerItem | null {
  if (!Number.isSafeInteger(amountFen) || amountFen < 0) throw new RangeError(`amount ${amountFen} is not a fen amount`);
  let best: PowerItem | null = null;
  for (const item of catalogue.items) {
    if (!inArea(item, areaPrefix) || !covers(item, amountFen)) continue;
    if (best === null || (item.appliesWhen.amountMinFen ?? -1) > (best.appliesWhen.amountMinFen ?? -1)) best = item;
  }
  return best;
}

/** The area each kind of publication row belongs to in the catalogue. */
export const AREA_FOR_KIND = {
  project: 'project-construction',
  purchase: 'purchase',
  contract: 'asset-contracting',
} as const;

/**
 * An item goes through 四议两公开 when one of its steps is a resolution of the 村民会议 or the
 * 村民代表会议: that resolution is what the decision register records, whatever a county calls the rest.
 */
export function isDecisionProcedure(item: PowerItem): boolean {
  return item.steps.some((s) => s.actor === 'villagers-meeting' || s.actor === 'representatives-meeting');
}

/**
 * Whether a matter of this amount needs a 四议两公开 record under this catalogue. An amount no item
 * covers needs none: the catalogue is the whole of what the village is held to.
 */
export function requiresDecisionRecord(catalogue: PowerCatalogue, matter: { kind: keyof typeof AREA_FOR_KIND; amountFen: number }): boolean {
  const item = itemsForAmount(catalogue, AREA_FOR_KIND[matter.kind], matter.amountFen);
  return item !== null && isDecisionProcedure(item);
}

interface Range {
  min: number | null;
  max: number | null;
}

const NUM = String.raw`(\d+(?:\.\d+)?)\s*(万元|万|元)?`;
const BETWEEN = new RegExp(`${NUM}\\s*(?:-|—|–|~|～|至|到)+\\s*${NUM}`);
const AT_LEAST = new RegExp(`${NUM}\\s*(?:及以上|以上)`);
const BELOW = new RegExp(`${NUM}\\s*(?:以下|以内|及以下)`);

function fen(digits: string | undefined, unit: string | undefined, fallback: string | undefined): number | null {
  const parsed = parseAmount(`${digits ?? ''}${unit ?? fallback ?? '元'}`);
  return parsed.kind === 'ok' ? parsed.fen : null;
}

/** Splits "村级工程项目建设（5万元以上）" into the name and the amounts it states. */
function splitAmount(text: string): { base: string; range: Range | null } {
  const s = text.normalize('NFKC');
  const between = BETWEEN.exec(s);
  if (between) {
    return { base: s.replace(between[0], ''), range: { min: fen(between[1], between[2], between[4]), max: fen(between[3], between[4], undefined) } };
  }
  const atLeast = AT_LEAST.exec(s);
  if (atLeast) return { base: s.replace(atLeast[0], ''), range: { min: fen(atLeast[1], atLeast[2], undefined), max: null } };
  const below = BELOW.exec(s);
  if (below) return { base: s.replace(below[0], ''), range: { min: null, max: fen(below[1], below[2], undefined) } };
  return { base: s, range: null };
}

/** Punctuation, brackets and spaces differ from register to register; the words do not. */
function normalise(s: string): string {
  return s.normalize('NFKC').replace(/[\s\p{P}\p{S}]/gu, '');
}

function within(inner: Range, item: PowerItem): boolean {
  const { amountMinFen: min, amountMaxFen: max } = item.appliesWhen;
  const lowOk = min === null || (inner.min !== null && inner.min >= min);
  const highOk = max === null || (inner.max !== null && inner.max <= max);
  return lowOk && highOk;
}

/**
 * The item a register's words refer to: its name, once amounts and punctuation are set aside, is
 * contained in the words or contains them. When several tiers share the name, the amount decides —
 * the matter's own (`amountFen`), or else the range the words state, which must fall within one
 * tier. Null when nothing or more than one item fits: a wrong link is worse than none.
 */
export function matchItemByName(catalogue: PowerCatalogue, text: string, amountFen: number | null = null): PowerItem | null {
  const wanted = splitAmount(text);
  const base = normalise(wanted.base);
  if (base.length < 2) return null;
  let candidates = catalogue.items
    .map((item) => ({ item, base: normalise(splitAmount(item.name).base) }))
    .filter((c) => c.base.length > 0 && (base.includes(c.base) || c.base.includes(base)));
  const exact = candidates.filter((c) => c.base === base);
  if (exact.length > 0) candidates = exact;
  if (candidates.length > 1) {
    if (amountFen !== null) candidates = candidates.filter((c) => covers(c.item, amountFen));
    else if (wanted.range !== null) {
      const range = wanted.range;
      candidates = candidates.filter((c) => within(range, c.item));
    }
  }
  return candidates.length === 1 ? (candidates[0]?.item ?? null) : null;
}
