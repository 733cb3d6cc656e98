import { extraColumnsOf } from '../data/publication.ts';
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';
import type { Config } from '../data/config.ts';
import type { Division } from '../data/region.ts';
import type { Store, Takedown } from '../data/store/store.ts';
import { tableCsv } from '../site/lib/csv-export.ts';
import { dataPackage, packageFiles, type PackagePlace, type PackageVillage } from '../site/lib/datapackage.ts';
import { publicationTable, villageTable } from '../site/lib/twin-tables.ts';
import type { StoredSummary, SummaryStore } from '../data/store/summary-store.ts';
import { withSummaries } from '../site/lib/summary-datapackage.ts';
import { currentSummaries, summaryTwinTable } from '../site/lib/summary-page-view.ts';
import { summaryHref, twinsOf } from '../site/lib/urls.ts';

/**
 * The state of a county (or township) as its bulk data sees it, and the county's zip (issue 15):
 * every village's index CSV, the CSV of every current version not taken down, the CSV of each
 * summary table in force of the county and its townships, and the datapackage.json that describes
 * them with paths inside the zip.
 *
 * Kept fresh by a fingerprint of what the zip holds, read with a few queries on every request: the
 * divisions under the county (codes and names), each village's count of current versions and its
 * newest publication time (publicationStats; a new version is always the newest of its village,
 * since the store stamps it with the clock), and the takedowns of the county's versions. A change
 * anywhere in the county gives a new fingerprint, so a new zip; an unchanged county is served the
 * zip made before. The zip is written to disk (PORTAL_DATA_DIR/bulk/<county>-<fingerprint>.zip, or
 * .sample.zip when it holds sample data, which its download name then says)
 * one CSV at a time, so making it holds one publication in memory, not the county; the newer file
 * replaces the older, and serving it streams the file. Processes sharing the data folder share the
 * zips; two making the same one at once both write a temporary file and rename it into place.
 */

export type BundleStore = Pick<Store, 'getDivision' | 'listDivisions' | 'listPublications' | 'publicationStats' | 'listTakedowns' | 'getPublication'> & Pick<SummaryStore, 'listSummariesUnder'>;

export interface RegionState {
  division: Division;
  place: PackagePlace;
  /** the divisions under it, itself included, in code order */
  divisions: Division[];
  /** the villages with at least one version, in code order */
  published: Division[];
  /** takedowns of versions of its villages, by publication id */
  takedowns: Map<string, Takedown>;
  /** the summary tables in force of it and the townships under it (issue 15), by scope then number */
  summaries: StoredSummary[];
  /** SHA-256 (hex) of everything its packages and its zip are made from */
  fingerprint: string;
  /** the newest publication or takedown, ISO; null with none */
  lastChange: string | null;
}

export function createRegionStates(store: BundleStore, config: Pick<Config, 'baseUrl' | 'region'>) {
  // a version's village never changes: each takedown's is looked up once
  const villageOf = new Map<string, string>();

  async function takedownsUnder(code: string): Promise<Map<string, Takedown>> {
    const out = new Map<string, Takedown>();
    for (const t of await store.listTakedowns()) {
      let village = villageOf.get(t.publicationId);
      if (village === undefined) {
        village = (await store.getPublication(t.publicationId))?.village ?? '';
        villageOf.set(t.publicationId, village);
      }
      if (village.startsWith(code)) out.set(t.publicationId, t);
    }
    return out;
  }

  return {
    takedownsUnder,

    /** The village of a taken-down version, once takedownsUnder has listed it. */
    villageOfTakedown(publicationId: string): string | undefined {
      return villageOf.get(publicationId);
    },

    /** A county's or township's state; null for a code that is neither. */
    async of(code: string): Promise<RegionState | null> {
      const division = await store.getDivision(code);
      if (!division || (division.level !== 'county' && division.level !== 'township') || !code.startsWith(config.region)) return null;
      const [divisions, stats, takedowns, place, allSummaries] = await Promise.all([store.listDivisions(code), store.publicationStats(code), takedownsUnder(code), placeOf(store, division), store.listSummariesUnder(code)]);
      const summaries = currentSummaries(allSummaries);
      const published = divisions.filter((d) => d.level === 'village' && stats.has(d.code));
      const hash = createHash('sha256');
      hash.update(JSON.stringify([BUNDLE_FORMAT, config.baseUrl, place.fullName]));
      for (const d of divisions) hash.update(JSON.stringify([d.code, d.name, stats.get(d.code) ?? null]));
      for (const [id, t] of [...takedowns].sort(([a], [b]) => (a < b ? -1 : 1))) hash.update(JSON.stringify([id, t.at, t.logIndex]));
      for (const t of summaries) hash.update(JSON.stringify([t.scope, t.seq, t.logIndex]));
      let lastChange: string | null = null;
      for (const t of [...[...stats.values()].map((s) => s.lastPublishedAt), ...[...takedowns.values()].map((t) => t.at), ...summaries.map((t) => t.publishedAt)]) {
        if (lastChange === null || Date.parse(t) > Date.parse(lastChange)) lastChange = t;
      }
      return { division, place, divisions, published, takedowns, summaries, fingerprint: hash.digest('hex'), lastChange };
    },

    /** Per current version of these villages not taken down, the columns its importer kept as written (for the package's schemas). */
    async extraColumns(villages: readonly PackageVillage[], takedowns: ReadonlyMap<string, Takedown>): Promise<Map<string, readonly string[]>> {
      const out = new Map<string, readonly string[]>();
      for (const f of packageFiles(villages, takedowns)) {
        if (!f.publication) continue;
        const found = await store.getPublication(f.publication.id);
        const extra = found ? extraColumnsOf(found.content) : undefined;
        if (extra) out.set(f.publication.id, extra);
      }
      return out;
    },

    /** Every version of each village with any, for its package. */
    async villages(state: RegionState): Promise<PackageVillage[]> {
      const out: PackageVillage[] = [];
      for (const v of state.published) out.push({ code: v.code, name: v.name, history: await store.listPublications(v.code) });
      return out;
    },
  };
}

export type RegionStates = ReturnType<typeof createRegionStates>;

export interface CountyBundle {
  path: string;
  fingerprint: string;
  bytes: number;
  /** it holds sample (demo) data: its file name says so */
  sample: boolean;
}

/** The zips of the counties, on disk under `dir`, made when a county's fingerprint has none. */
export function createCountyBundles(store: BundleStore, states: RegionStates, config: Pick<Config, 'baseUrl'>, dir: string) {
  const making = new Map<string, Promise<void>>();

  async function make(state: RegionState, stem: string): Promise<void> {
    await mkdir(dir, { recursive: true });
    const villages = await states.villages(state);
    const files = new Map<string, { bytes: number; sha256: string }>();
    const extraColumns = new Map<string, readonly string[]>();
    const listed = packageFiles(villages, state.takedowns);
    const zip = new ZipFile();
    // fixed times and order: the same county state gives the same bytes
    const mtime = new Date(state.lastChange ?? 0);
    const add = (name: string, make: () => Promise<Buffer>) =>
      zip.addReadStreamLazy(name, { mtime }, (done) => {
        make().then((bytes) => done(null, Readable.from([bytes])), (error: unknown) => done(error, Readable.from([])));
      });
    for (const f of listed) {
      add(f.href.slice(1), async () => {
        const version = f.publication ? await publication(store, f.publication.id) : null;
        const extra = version ? extraColumnsOf(version.content) : undefined;
        if (version && extra) extraColumns.set(version.id, extra);
        const csv = Buffer.from(tableCsv(version ? publicationTable(version) : villageTable(f.village.code, f.village.history, config.baseUrl, state.takedowns)), 'utf8');
        files.set(f.href, { bytes: csv.byteLength, sha256: createHash('sha256').update(csv).digest('hex') });
        return csv;
      });
    }
    // the county's and its townships' summary tables in force, beside their pages' paths
    for (const summary of state.summaries) {
      const href = twinsOf(summaryHref(summary.scope, summary.seq)).csv;
      add(href.slice(1), async () => {
        const csv = Buffer.from(tableCsv(summaryTwinTable(summary)), 'utf8');
        files.set(href, { bytes: csv.byteLength, sha256: createHash('sha256').update(csv).digest('hex') });
        return csv;
      });
    }
    // last, once every CSV's size and hash are known
    add('datapackage.json', async () => {
      const villagesPackage = dataPackage(state.place, villages, { baseUrl: config.baseUrl, paths: 'zip', takedowns: state.takedowns, files, extraColumns });
      return Buffer.from(`${JSON.stringify(withSummaries(villagesPackage, state.summaries, { baseUrl: config.baseUrl, paths: 'zip', files }), null, 2)}\n`, 'utf8');
    });
    zip.end();
    const sample = listed.some((f) => f.publication?.sample) || state.summaries.some((t) => t.document.sample);
    const path = join(dir, `${stem}${sample ? SAMPLE_SUFFIX : '.zip'}`);
    const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    const failed = new Promise<never>((_, reject) => zip.on('error', reject));
    try {
      await Promise.race([pipeline(zip.outputStream, createWriteStream(temporary)), failed]);
      await rename(temporary, path);
    } catch (error) {
      (zip.outputStream as Readable).destroy();
      await rm(temporary, { force: true });
      throw error;
    }
    // the older zips of the county: a reader still streaming one keeps its open file
    const county = `${state.division.code}-`;
    for (const name of await readdir(dir)) if (name.startsWith(county) && name.endsWith('.zip') && !name.startsWith(stem)) await rm(join(dir, name), { force: true });
  }

  async function find(stem: string): Promise<CountyBundle | null> {
    const names = await readdir(dir).catch(() => [] as string[]);
    const name = names.find((n) => n === `${stem}.zip` || n === `${stem}${SAMPLE_SUFFIX}`);
    if (!name) return null;
    const found = await stat(join(dir, name)).catch(() => null);
    return found ? { path: join(dir, name), fingerprint: stem.slice(stem.indexOf('-') + 1), bytes: found.size, sample: name.endsWith(SAMPLE_SUFFIX) } : null;
  }

  return {
    /** The county's zip for its state now, made if there is none; null for a county with no version and no summary table. */
    async get(state: RegionState): Promise<CountyBundle | null> {
      if (state.division.level !== 'county' || (state.published.length === 0 && state.summaries.length === 0)) return null;
      const stem = `${state.division.code}-${state.fingerprint.slice(0, 32)}`;
      const existing = await find(stem);
      if (existing) return existing;
      let pending = making.get(stem);
      if (!pending) {
        pending = make(state, stem).finally(() => making.delete(stem));
        making.set(stem, pending);
      }
      await pending;
      const made = await find(stem);
      if (!made) throw new Error(`县 ${state.division.code} 的数据包不见了 / the zip of county ${state.division.code} is gone`);
      return made;
    },
  };
}

/** The place's full name, from the province down: 湖南省张家界市永定区. */
export async function placeOf(store: Pick<Store, 'getDivision'>, division: Division): Promise<PackagePlace> {
  const names = [division.name];
  let parent = division.parent ? await store.getDivision(division.parent) : null;
  while (parent) {
    names.unshift(parent.name);
    parent = parent.parent ? await store.getDivision(parent.parent) : null;
  }
  return { code: division.code, fullName: names.join('') };
}

// ——— private helpers ———

/** Raised when what a zip holds changes shape, so zips made by an older portal are made again. */
const BUNDLE_FORMAT = 2;
const SAMPLE_SUFFIX = '.sample.zip';

async function publication(store: BundleStore, id: string) {
  const p = await store.getPublication(id);
  if (!p) throw new Error(`版本 ${id} 不在库中 / version ${id} is not in the store`);
  return p;
}
