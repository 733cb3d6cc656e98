import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { samplePublications } from '../../data/demo/sample-publications.ts';
import { newPublication } from '../../data/new-publication.ts';
import { openSqliteStore } from '../../data/store/sqlite-store.ts';
import { NATIONAL_VILLAGES, syntheticNation } from './synthetic-nation.ts';

/**
 * The full build of the whole country (issue 14): the synthetic country's 662,706 divisions in a
 * SQLite file, the demo generator's publications for `published` villages spread over it, then
 * `SiteBuilder.buildAll` for PORTAL_REGION=000000 in a child process (build-child.ts, two worker
 * threads), so its peak RSS is the build's. Goals: ≤ 60 min, ≤ 1 GB. A build still running after
 * `minutes` is stopped and reported as far as it got, with the pages/s it had and what that
 * projects — a projection, said as one.
 */
export async function nationalBuild(o: { dir: string; published: number; minutes: number; log: (label: string, value: string) => void }): Promise<void> {
  const dir = join(o.dir, 'national-build');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'nation.sqlite');
  const store = await openSqliteStore(file);
  const divisions = syntheticNation(NATIONAL_VILLAGES);
  await store.replaceDivisions(divisions);
  const villages = divisions.filter((d) => d.level === 'village');
  const spread = villages.filter((_, i) => i % Math.max(1, Math.floor(villages.length / o.published)) === 0).slice(0, o.published);
  const generated = samplePublications(spread, { count: spread.length, seed: 5, today: '2026-11-25' });
  for (const [i, g] of generated.entries()) {
    await store.publish(newPublication({ village: g.village, content: g.content, publishedAt: new Date(Date.parse('2026-10-01T00:00:00Z') + i * 1000).toISOString(), sample: true, source: { filename: null, format: 'json' } }));
  }
  await store.close();
  o.log('national build: store', `${divisions.length.toLocaleString('en')} divisions, ${generated.length.toLocaleString('en')} publications in ${spread.length.toLocaleString('en')} villages`);
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./build-child.ts', import.meta.url)), file, join(dir, 'site'), '2', '000000'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let last: { done: number; total: number; ms: number; maxRssKb: number } | null = null;
  createInterface({ input: child.stderr! }).on('line', (line) => {
    if (line.startsWith('{')) last = JSON.parse(line) as typeof last;
  });
  let result: { pages: number; ms: number; maxRssKb: number } | null = null;
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (line.startsWith('{')) result = JSON.parse(line) as typeof result;
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), o.minutes * 60_000);
  await new Promise<void>((resolve) => child.once('exit', () => resolve()));
  clearTimeout(timer);
  const done = result as { pages: number; ms: number; maxRssKb: number } | null;
  const seen = last as { done: number; total: number; ms: number; maxRssKb: number } | null;
  if (done) {
    o.log('national build: time and peak RSS', `${done.pages.toLocaleString('en')} pages in ${(done.ms / 60_000).toFixed(1)} min, peak RSS ${(done.maxRssKb / 2 ** 20).toFixed(2)} GB (goals ≤ 60 min, ≤ 1 GB)`);
  } else if (seen) {
    const projected = (seen.ms / seen.done) * seen.total;
    o.log('national build: stopped', `after ${(seen.ms / 60_000).toFixed(1)} min at ${seen.done.toLocaleString('en')} of ${seen.total.toLocaleString('en')} pages (${Math.round(seen.done / (seen.ms / 1000))} pages/s); at that rate the whole build would take about ${(projected / 60_000).toFixed(0)} min (a projection, not a measurement); peak RSS so far ${(seen.maxRssKb / 2 ** 20).toFixed(2)} GB`);
  } else {
    o.log('national build', `no progress reported within ${o.minutes} min`);
  }
  rmSync(dir, { recursive: true, force: true });
}

// `npx tsx scripts/bench/national-build.ts [--published 20000] [--minutes 60]`
if (import.meta.url === `file://${process.argv[1]}`) {
  const { parseArgs } = await import('node:util');
  const { tmpdir } = await import('node:os');
  const args = parseArgs({ options: { published: { type: 'string', default: '20000' }, minutes: { type: 'string', default: '60' } } });
  await nationalBuild({ dir: tmpdir(), published: Number(args.values.published), minutes: Number(args.values.minutes), log: (label, value) => console.log(`${label.padEnd(40)} ${value}`) });
}
