import { beijingTime } from '../../data/beijing-time.ts';
import type { StoredSummary } from '../../data/store/summary-store.ts';
import type { RegionSummary } from '../../data/summary/region-summary.ts';
import { CSV_DIALECT, DATA_LICENCE, schemaOf, type DataPackage } from './datapackage.ts';
import { extraDictionaryColumns, type DictionaryColumn } from './field-dictionary.ts';
import { summaryHref, twinsOf } from './urls.ts';

/**
 * The columns of a region summary table's CSV and XLSX twins (issue 15), with their meaning: the
 * sheet's row, the row's label under the sheet's own header, the code of the place it names, the
 * kept columns as written, the amount in 元. One list for the twins (summary-page-view.ts) and the
 * Data Package beside them, so the CSV's header is the schema's fields in order.
 */
export function summaryColumns(d: Pick<RegionSummary, 'labelHeader' | 'amountHeader' | 'columns' | 'rowsAre'>): DictionaryColumn[] {
  const amount = `${d.amountHeader.replace(/[（(][^）)]*[）)]\s*$/, '')}（元）`;
  const known: DictionaryColumn[] = [
    { header: '行', type: 'integer', unit: null, title: 'Row', zh: '该行在上传文件中的行号，与 Excel 的行号一致。', en: 'Row number in the uploaded file, as Excel numbers it.' },
    { header: d.labelHeader === '行' || d.labelHeader === '区划代码' ? `${d.labelHeader}（原表）` : d.labelHeader, type: 'text', unit: null, title: d.rowsAre === 'place' ? 'Place' : 'Category', zh: d.rowsAre === 'place' ? '这一行的乡镇、村或单位，按原文。' : '这一行的类别，按原文。', en: d.rowsAre === 'place' ? 'The township, village or unit of the row, as written.' : 'The category of the row, as written.' },
    {
      header: '区划代码',
      type: 'text',
      unit: null,
      title: 'Division code',
      zh: '这一行所指的乡镇或村的统计用区划代码；找不到或是类别时为空。',
      en: 'Statistical division code of the township or village the row names; empty where none was found or the row is a category.',
      field: { constraints: { pattern: '^(\\d{6}|\\d{9}|\\d{12})$' } },
    },
  ];
  const amountColumn: DictionaryColumn = { header: amount, type: 'amount', unit: '元', title: 'Amount (yuan)', zh: '金额，单位元，两位小数（原表为万元的已换算）。', en: 'Amount in yuan with two decimals (converted where the table was in 万元).' };
  // a kept column named like one of these is renamed (…（原表）), so every field name is unique
  return [...known, ...extraDictionaryColumns([...known, amountColumn], d.columns), amountColumn];
}

/** The Data Package beside a summary table's page, describing its CSV twin by its full address. */
export function summaryPackage(s: StoredSummary, regionName: string, baseUrl: string) {
  const d = s.document;
  const page = summaryHref(s.scope, s.seq);
  return {
    profile: 'tabular-data-package',
    name: `cunwu-${s.scope}-summary-${s.seq}`,
    title: `${regionName} · ${d.title}（第${s.version}版）`,
    description: [
      d.sample ? '示例数据：用于演示，不是真实的资金数据。 / Sample data for demonstration, not real figures.' : null,
      `${regionName}（${s.scope}）公开的汇总表，第 ${s.version} 版；每行是一个${d.rowsAre === 'place' ? '乡镇、村或单位' : '类别'}。CSV 为 UTF-8（开头有 BOM），逗号分隔；金额以元为单位，两位小数。`,
      `A summary table published by ${s.scope}, version ${s.version}; each row is a ${d.rowsAre === 'place' ? 'township, village or unit' : 'category'}. The CSV is UTF-8 with a byte-order mark, comma-separated; amounts are yuan with two decimals.`,
    ]
      .filter((line) => line !== null)
      .join('\n'),
    homepage: `${baseUrl}${page}`,
    created: beijingTime(s.publishedAt),
    licenses: [DATA_LICENCE],
    sources: [{ title: '阳光村务 Cunwu', path: `${baseUrl}/` }],
    keywords: ['村务公开', '汇总表', 'village affairs', s.scope],
    resources: [summaryResource(s, { baseUrl, paths: 'url' })],
    ...(d.sample ? { sample: true } : {}),
  };
}

/**
 * A summary table's CSV as a resource of a package: beside its page (`url`: the full address) or
 * in a county's zip (`zip`: the same path without its leading /), with its size and SHA-256 when
 * the maker has the bytes.
 */
export function summaryResource(s: StoredSummary, options: { baseUrl: string; paths: 'url' | 'zip'; file?: { bytes: number; sha256: string } }) {
  const page = summaryHref(s.scope, s.seq);
  const csv = twinsOf(page).csv;
  return {
    profile: 'tabular-data-resource',
    name: `${s.scope}-summary-${s.seq}`,
    title: `${s.document.title}（第${s.version}版）`,
    path: options.paths === 'url' ? `${options.baseUrl}${csv}` : csv.slice(1),
    format: 'csv',
    mediatype: 'text/csv',
    encoding: 'utf-8',
    dialect: CSV_DIALECT,
    ...(options.file ? { bytes: options.file.bytes, hash: `sha256:${options.file.sha256}` } : {}),
    schema: schemaOf(summaryColumns(s.document)),
    ...(s.document.sample ? { sample: true } : {}),
    sources: [
      { title: '公开页 / page', path: `${options.baseUrl}${page}` },
      { title: '原件 JSON，可复核 SHA-256 / the version as stored, to recompute its SHA-256', path: `${options.baseUrl}${twinsOf(page).json}` },
    ],
  };
}

/** A region's package (datapackage.ts) with its summary tables in force added, the county's and its townships' (listSummariesUnder). */
export function withSummaries(pkg: DataPackage, summaries: readonly StoredSummary[], options: { baseUrl: string; paths: 'url' | 'zip'; files?: ReadonlyMap<string, { bytes: number; sha256: string }> }) {
  if (summaries.length === 0) return pkg;
  return {
    ...pkg,
    description: `${pkg.description}\n本地区乡镇、县（区）公开的汇总表（每行一个乡镇、村或类别）也在其中，每张表的现行版本一份。 / The summary tables published by the region's county and townships are included, the version in force of each.`,
    resources: [...pkg.resources, ...summaries.map((s) => summaryResource(s, { ...options, file: options.files?.get(twinsOf(summaryHref(s.scope, s.seq)).csv) }))],
  };
}
