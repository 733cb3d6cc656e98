import { beijingTime } from '../data/beijing-time.ts';
import { fenToPlain } from '../data/money.ts';
import type { SearchHit, Store } from '../data/store/store.ts';
import { toCsv, type CsvColumn } from '../site/lib/csv-export.ts';
import { KIND_LABEL } from '../site/lib/format.ts';
import { readHitDetails } from './hit-details.ts';

/**
 * The search results as a spreadsheet (issue 16): where and what each row is, then its own fields
 * in columns of their own — date, income, expense, amount, budget, contract, paid (plain yuan
 * decimals, so a spreadsheet sums them) and the counterparty — then the row's text, when and in
 * which version it was published, its link and whether it is sample data (readHitDetails).
 */
export const SEARCH_EXPORT_COLUMNS: readonly CsvColumn[] = [
  { header: '县' },
  { header: '乡镇' },
  { header: '村' },
  { header: '村代码' },
  { header: '类型' },
  { header: '期间' },
  { header: '行号', numeric: true },
  { header: '日期' },
  { header: '收入（元）', numeric: true },
  { header: '支出（元）', numeric: true },
  { header: '金额（元）', numeric: true },
  { header: '预算（元）', numeric: true },
  { header: '合同金额（元）', numeric: true },
  { header: '已付（元）', numeric: true },
  { header: '对方单位或户名' },
  { header: '内容' },
  { header: '公开时间（北京时间）' },
  { header: '版本', numeric: true },
  { header: '网址' },
  { header: '示例数据' },
];

export interface ExportPlaces {
  place(village: string): Promise<{ county: string; township: string; name: string }>;
  url(hit: SearchHit): string;
}

export async function searchExportCsv(store: Pick<Store, 'getPublication'>, hits: readonly SearchHit[], places: ExportPlaces): Promise<string> {
  const details = await readHitDetails(store, hits);
  const yuan = (fen: number | null | undefined) => (fen === null || fen === undefined ? null : fenToPlain(fen));
  const rows: (string | null)[][] = [];
  for (const hit of hits) {
    const place = await places.place(hit.village);
    const known = details.get(hit);
    const f = known?.fields;
    rows.push([
      place.county,
      place.township,
      place.name,
      hit.village,
      KIND_LABEL[hit.kind],
      hit.period,
      String(hit.row),
      f?.date ?? null,
      yuan(f?.income),
      yuan(f?.expense),
      yuan(f?.amount),
      yuan(f?.budget),
      yuan(f?.contractAmount),
      yuan(f?.paid),
      f?.counterparty ?? null,
      hit.text,
      known?.publishedAt ? beijingTime(known.publishedAt) : null,
      known?.version ? String(known.version) : null,
      places.url(hit),
      known?.sample ? '是' : '否',
    ]);
  }
  return toCsv(SEARCH_EXPORT_COLUMNS, rows);
}
