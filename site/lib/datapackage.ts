import { beijingTime } from '../../data/beijing-time.ts';
import type { PublicationKind, PublicationSummary } from '../../data/publication.ts';
import type { Takedown } from '../../data/store/store.ts';
import { extraDictionaryColumns, KIND_COLUMNS, VILLAGE_COLUMNS, type DictionaryColumn } from './field-dictionary.ts';
import { KIND_LABEL } from './format.ts';
import { publicationHref, twinsOf, villageHref } from './urls.ts';

/**
 * The Frictionless Data Package (v1, profile tabular-data-package) that describes the CSV data
 * twins of one village or of every village under a region (issue 15, bulk data; docs/bulk-data.md).
 * One resource per village for its index (index.csv beside the village page: every version, with
 * its state) and one per current version of a publication that is not taken down; each with the
 * Table Schema of its kind from the field dictionary (field-dictionary.ts), so the fields are the
 * CSV's columns in order. A taken-down version is in its village's index only.
 *
 * Paths: served beside a page, the CSVs' full addresses (`baseUrl` + the twin's URL), since a
 * region's package lists CSVs under /v/ that no relative path without `..` reaches (the spec
 * forbids `..` and a leading `/`); inside a county's zip, the same URL paths without the leading
 * `/` (`v/<code>/p/<id>/index.csv`), relative to the zip's datapackage.json.
 */

export interface PackageVillage {
  code: string;
  name: string;
  /** every version of the village, as listPublications gives them */
  history: readonly PublicationSummary[];
}

export interface PackagePlace {
  /** the village's or region's code, which names the package */
  code: string;
  /** the place as a reader knows it: 湖南省张家界市永定区王家坪镇马头溪村 */
  fullName: string;
}

export interface PackageOptions {
  baseUrl: string;
  /** `url`: the CSVs' full addresses (served); `zip`: paths inside the county's zip */
  paths: 'url' | 'zip';
  /** takedowns by publication id (listTakedowns) */
  takedowns: ReadonlyMap<string, Takedown>;
  /** per file path (as packageFiles names it), its size and SHA-256, when the maker has the bytes */
  files?: ReadonlyMap<string, { bytes: number; sha256: string }>;
  /** per publication id, the columns its importer kept as written (content.extraColumns), which its CSV carries after the kind's */
  extraColumns?: ReadonlyMap<string, readonly string[]>;
}

/** One CSV of a package: the village's index, or a current version not taken down. */
export interface PackageFile {
  /** the CSV twin's URL path, from the site's root */
  href: string;
  village: PackageVillage;
  publication: PublicationSummary | null;
}

/** What the portal's data may be reused under (data-package spec: licenses); the lead decides the words. */
export const DATA_LICENCE = {
  name: 'other-at',
  title: '依法公开的村务信息，可自由使用，引用请注明来源“阳光村务”及原网址 / Village records published under the law; free to reuse, citing Cunwu and the page address',
} as const;

/** How every CSV twin is written (csv-export.ts), in the package's words. */
export const CSV_DIALECT = { delimiter: ',', doubleQuote: true, lineTerminator: '\r\n', quoteChar: '"', header: true, skipInitialSpace: false };

/** The CSVs a package of these villages lists, in order: per village its index, then its current versions. */
export function packageFiles(villages: readonly PackageVillage[], takedowns: ReadonlyMap<string, Takedown>): PackageFile[] {
  const files: PackageFile[] = [];
  for (const village of villages) {
    files.push({ href: twinsOf(villageHref(village.code)).csv, village, publication: null });
    for (const p of village.history) {
      if (p.supersededBy === null && !takedowns.has(p.id)) files.push({ href: twinsOf(publicationHref(village.code, p.id)).csv, village, publication: p });
    }
  }
  return files;
}

/** The package of one village (villages: itself) or of a region (its villages with any version). */
export function dataPackage(place: PackagePlace, villages: readonly PackageVillage[], options: PackageOptions) {
  const files = packageFiles(villages, options.takedowns);
  const sample = files.some((f) => f.publication?.sample);
  const created = newestChange(villages, options.takedowns);
  return {
    profile: 'tabular-data-package',
    name: `cunwu-${place.code}`,
    title: `${sample ? SAMPLE : ''}${place.fullName}村务公开数据`,
    description: [
      sample ? '含示例数据：用于演示，不是真实的村务信息。 / Contains sample data for demonstration, not real village records.' : null,
      `${place.fullName}在阳光村务公开的数据：每个村的公开目录（每一版一行，含已更正、已撤下的版本）和每份现行公开的明细。已撤下的版本只在目录中列出，不附内容。`,
      'CSV 为 UTF-8，开头有 BOM（便于 Excel 打开；读取时请去掉，如 Python 的 utf-8-sig），逗号分隔，行尾 CRLF；空单元格表示没有值；金额以元为单位，两位小数，无千位分隔符；以 = + - @ 开头的文本前加了一个 \'，以免电子表格把它当作公式。',
      `Open village-affairs data of ${place.fullName} from Cunwu: each village’s index (one line per version, corrected and taken-down ones included) and the rows of each current publication. A version taken down is listed in the index only, without its content.`,
      'CSV files are UTF-8 with a byte-order mark (for Excel; strip it when reading, e.g. Python’s utf-8-sig), comma-separated, CRLF line ends; an empty cell has no value; amounts are yuan with two decimals and no thousands separator; a text cell starting with = + - or @ has a leading \' so that spreadsheets do not run it as a formula.',
    ].filter((line) => line !== null).join('\n'),
    homepage: `${options.baseUrl}/`,
    ...(created ? { created: beijingTime(created) } : {}),
    licenses: [DATA_LICENCE],
    sources: [{ title: '阳光村务 Cunwu', path: `${options.baseUrl}/` }],
    keywords: ['村务公开', 'village affairs', place.code],
    resources: files.map((f) => resource(f, options)),
  };
}

export type DataPackage = ReturnType<typeof dataPackage>;

/** A column of the field dictionary as a Table Schema field. */
export function tableField(column: DictionaryColumn): Record<string, unknown> {
  const hint = column.field ?? {};
  const described = { name: column.header, title: column.title, description: `${column.zh} / ${column.en}`, ...(column.unit ? { unit: column.unit } : {}) };
  if (hint.type === 'datetime') return { ...described, type: 'datetime', format: 'default' };
  if (hint.type === 'boolean') return { ...described, type: 'boolean', trueValues: hint.trueValues, falseValues: hint.falseValues };
  switch (column.type) {
    case 'text':
      return { ...described, type: 'string', format: hint.format ?? 'default', ...(hint.constraints ? { constraints: hint.constraints } : {}) };
    case 'integer':
      return { ...described, type: 'integer' };
    case 'amount':
    case 'number':
      // plain decimals ("20150.00", "-300.00", "3.7"): no currency sign, no grouping
      return { ...described, type: 'number', bareNumber: true, decimalChar: '.' };
    case 'date':
      return { ...described, type: 'date', format: 'default' };
  }
}

/** The columns of a kind's CSV, or of the village's index. */
export function schemaOf(columns: readonly DictionaryColumn[]) {
  return { fields: columns.map(tableField), missingValues: [''] };
}

// ——— private helpers ———

const SAMPLE = '【示例数据】';

function resource(f: PackageFile, options: PackageOptions) {
  const p = f.publication;
  const path = options.paths === 'url' ? `${options.baseUrl}${f.href}` : f.href.slice(1);
  const file = options.files?.get(f.href);
  const page = `${options.baseUrl}${p ? publicationHref(f.village.code, p.id) : villageHref(f.village.code)}`;
  const common = {
    profile: 'tabular-data-resource',
    path,
    format: 'csv',
    mediatype: 'text/csv',
    encoding: 'utf-8',
    dialect: CSV_DIALECT,
    ...(file ? { bytes: file.bytes, hash: `sha256:${file.sha256}` } : {}),
  };
  if (!p) {
    return {
      ...common,
      name: `${f.village.code}-index`,
      title: `${f.village.name} 公开目录 / index of publications`,
      description: `${f.village.name}（${f.village.code}）的每一版公开，一行一版。 / Every version published by the village, one line each.`,
      schema: schemaOf(VILLAGE_COLUMNS),
      sources: [{ title: `${f.village.name} 公开页 / village page`, path: page }],
    };
  }
  const title = p.sample && !p.title.startsWith(SAMPLE) ? `${SAMPLE}${p.title}` : p.title;
  return {
    ...common,
    name: `${f.village.code}-${p.kind}-${p.id}`,
    title: `${f.village.name} · ${title}（第${p.version}版）`,
    description: `${KIND_LABEL[p.kind]} / ${KIND_EN[p.kind]}，期间 period ${p.period}，第 ${p.version} 版 / version ${p.version}${p.sample ? '；示例数据，不是真实的村务信息 / sample data, not real village records' : ''}`,
    schema: schemaOf([...KIND_COLUMNS[p.kind], ...extraDictionaryColumns(KIND_COLUMNS[p.kind], options.extraColumns?.get(p.id) ?? [])]),
    sources: [
      { title: '公开页 / page', path: page },
      { title: '原件 JSON，可复核 SHA-256 / the version as stored, to recompute its SHA-256', path: `${options.baseUrl}${twinsOf(publicationHref(f.village.code, p.id)).json}` },
    ],
    sample: p.sample,
    publication: { id: p.id, village: f.village.code, kind: p.kind, period: p.period, version: p.version, publishedAt: p.publishedAt, sha256: p.sha256 },
  };
}

const KIND_EN: Record<PublicationKind, string> = {
  finance: 'finance ledger',
  subsidy: 'subsidy list',
  project: 'works projects',
  contract: 'contracts of collective assets',
  statement: 'financial statement',
};

/** The newest publication or takedown of these villages: when the state the package describes came to be. */
function newestChange(villages: readonly PackageVillage[], takedowns: ReadonlyMap<string, Takedown>): string | null {
  let newest: string | null = null;
  for (const v of villages) {
    for (const p of v.history) {
      const times = [p.publishedAt, takedowns.get(p.id)?.at];
      for (const t of times) if (t && (newest === null || Date.parse(t) > Date.parse(newest))) newest = t;
    }
  }
  return newest;
}
