import { readFile } from 'node:fs/promises';
import type { Config } from '../../data/config.ts';
import { importRegionSummary } from '../../data/import/summary-import.ts';
import type { Division } from '../../data/region.ts';
import type { SummaryStore } from '../../data/store/summary-store.ts';

/**
 * The demo's summary tables (issue 15), published as sample data: 王家坪镇's payouts by village and
 * 永定区's allocation by township, read from data/demo/files by the real importer, titled
 * 【示例数据】 and flagged `sample`, so the township and county pages show what such a table looks like.
 */
const DEMO_SUMMARIES: ReadonlyArray<{ file: string; scope: string }> = [
  { file: '430802108-summary-2026.csv', scope: '430802108' },
  { file: '430802-summary-2026.csv', scope: '430802' },
];

export async function seedDemoSummaries(store: SummaryStore, config: Config, divisions: readonly Division[], at: Date): Promise<number> {
  let count = 0;
  for (const d of DEMO_SUMMARIES) {
    if (!divisions.some((x) => x.code === d.scope)) continue;
    const bytes = new Uint8Array(await readFile(new URL(`../../data/demo/files/${d.file}`, import.meta.url)));
    const result = await importRegionSummary({
      bytes,
      format: 'csv',
      scope: d.scope,
      divisions: divisions.filter((x) => x.code.startsWith(d.scope)),
      filename: d.file,
      idMask: config.idMask,
      publicNumbers: config.publicPhones,
    });
    if (!result.ok) throw new Error(`示例汇总表 ${d.file} 导入失败 / demo summary failed to import: ${JSON.stringify(result.errors.slice(0, 3))}`);
    await store.publishSummary({ ...result.summary, title: `【示例数据】${result.summary.title}`, sample: true }, new Date(at.getTime() + count).toISOString());
    count += 1;
  }
  return count;
}
