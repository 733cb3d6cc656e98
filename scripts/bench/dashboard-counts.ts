import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { roadMatter, wastelandMatter, withoutStep } from '../../data/decisions/checks/test-records.ts';
import type { DecisionRecord } from '../../data/decisions/decision-record.ts';
import { decisionCounts } from '../../data/decisions/decision-counts.ts';
import { owedCutoffs } from '../../data/decisions/owed-cutoffs.ts';
import { openPgStore } from '../../data/store/pg/pg-store.ts';
import { poolClient } from '../../data/store/pg/pool-client.ts';
import type { PortalStore } from '../../data/store/portal-store.ts';
import { openSqliteStore } from '../../data/store/sqlite-store.ts';
import { measureComplaintFigures } from './complaint-figures.ts';
import { timed } from './timed.ts';

/**
 * What the dashboards of the pages above villages cost where there is much to count (issue 14):
 * `matters` 四议两公开 matters recorded through recordDecisions (registers of 500) in villages spread
 * over 31 provinces, and a late-disclosure flag raised in `late` of those villages; then the home
 * page's two queries — matterCounts('') and lateVillageCounts for the country and its provinces —
 * 20 times each, on SQLite and on PostgreSQL; and once the way the home page counted matters
 * before (every matter read and judged in the process). Printed figures, no goal of their own: they are part
 * of the lag of the pages above (goal p95 ≤ 1 s). Then the same for `complaints` complaints
 * (complaint-figures.ts). Alone:
 * `npx tsx scripts/bench/dashboard-counts.ts --matters 100000 --late 10000 --complaints 100000`.
 */
export async function dashboardCounts(options: { dir: string; url: string; matters: number; late: number; complaints: number; log: (label: string, value: string) => void }): Promise<void> {
  const { log } = options;
  console.log(`# the pages above: 四议两公开, late-village and complaint counts over ${options.matters.toLocaleString('en')} matters, ${options.late.toLocaleString('en')} late villages and ${options.complaints.toLocaleString('en')} complaints`);
  const admin = new pg.Client({ connectionString: options.url });
  const schema = `bench_counts_${Date.now().toString(36)}`;
  let pgAvailable = true;
  try {
    await admin.connect();
  } catch (error) {
    pgAvailable = false;
    log('dashboard counts on PostgreSQL', `not measured: no PostgreSQL at ${options.url} (${(error as Error).message})`);
  }
  const dir = join(options.dir, 'dashboard-counts');
  try {
    for (const backend of ['SQLite', 'PostgreSQL'] as const) {
      if (backend === 'PostgreSQL' && !pgAvailable) continue;
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      let store: PortalStore;
      if (backend === 'SQLite') store = await openSqliteStore(join(dir, 'counts.sqlite'));
      else {
        await admin.query(`CREATE SCHEMA ${schema}`);
        store = await openPgStore(poolClient(options.url, { schema }));
      }
      try {
        // as the search bench does: what autovacuum does to a running portal's tables (visibility map, statistics)
        const settle = async () => {
          if (backend === 'PostgreSQL') await admin.query(`VACUUM ANALYZE ${schema}.complaint_facts, ${schema}.complaint_county_sums, ${schema}.complaint_answer_days`);
        };
        await measure(backend, store, options, log, settle);
      } finally {
        await store.close();
        if (backend === 'PostgreSQL') await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    if (pgAvailable) await admin.end();
  }
}

// ——— private helpers ———

const PROVINCES = Array.from({ length: 31 }, (_, i) => String(11 + i));
const VILLAGES_PER_PROVINCE = 20_000;
const AT = '2026-11-01T00:00:00.000Z';
const TODAY = '2026-12-07';

/** The i-th synthetic village, spread round the provinces. */
const village = (i: number) => `${PROVINCES[i % PROVINCES.length]}${String(Math.floor(i / PROVINCES.length) % VILLAGES_PER_PROVINCE).padStart(10, '0')}`;

async function measure(backend: string, store: PortalStore, options: { matters: number; late: number; complaints: number }, log: (label: string, value: string) => void, settle: () => Promise<void>): Promise<void> {
  const kinds: Array<() => DecisionRecord> = [roadMatter, () => withoutStep(roadMatter(), 'result-disclosure'), () => withoutStep(wastelandMatter(), 'result-disclosure'), () => withoutStep(roadMatter(), 'party-members-meeting')];
  let t = performance.now();
  for (let start = 0; start < options.matters; start += 500) {
    const register = Array.from({ length: Math.min(500, options.matters - start) }, (_, k) => {
      const n = start + k;
      return { ...kinds[n % kinds.length]!(), village: village(n), subject: `事项${n}` };
    });
    await store.recordDecisions(register, AT, { sample: true });
  }
  log(`${backend}: recording ${options.matters.toLocaleString('en')} matters (registers of 500)`, `${((performance.now() - t) / 1000).toFixed(1)} s`);
  t = performance.now();
  for (let i = 0; i < options.late; i++) {
    const v = village(i);
    await store.applyFlagRun({
      id: `late-${i}`,
      village: v,
      at: AT,
      trigger: 'nightly',
      rules: ['late-disclosure'],
      findings: [{ finding: { rule: 'late-disclosure', village: v, key: '2026-Q3', title: '2026年第三季度财务未按时公开', detail: '应于10月15日前公开。', amount: null, evidence: [], sample: true }, publicFrom: AT }],
    });
  }
  log(`${backend}: raising ${options.late.toLocaleString('en')} late-disclosure flags`, `${((performance.now() - t) / 1000).toFixed(1)} s`);
  const cutoffs = { otherwise: owedCutoffs(TODAY), byCounty: new Map() };
  const matters = await timed(() => store.matterCounts('', cutoffs));
  const late = await timed(() => store.lateVillageCounts(['', ...PROVINCES], `${TODAY}T00:00:00.000Z`));
  log(`${backend}: the home page's 四议两公开 count (${matters.value.matters.toLocaleString('en')} matters, ${matters.value.missingSteps.toLocaleString('en')} lacking a step)`, matters.figure);
  log(`${backend}: the home page's late villages, country and 31 provinces (${late.value.get('')?.late.toLocaleString('en')} late)`, late.figure);
  // what the home page did before 2026-12-07: every matter read and judged in the process, once
  t = performance.now();
  const judged = decisionCounts(await store.listDecisionMatters(''), [], TODAY);
  log(`${backend}: the same count as before, every matter read and judged (${judged.missingSteps.toLocaleString('en')} lacking a step)`, `${(performance.now() - t).toFixed(0)} ms, once`);
  if (options.complaints > 0) await measureComplaintFigures(backend, store, options.complaints, village, log, settle);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = parseArgs({ options: { matters: { type: 'string', default: '100000' }, late: { type: 'string', default: '10000' }, complaints: { type: 'string', default: '100000' }, 'pg-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/test' } } });
  const { tmpdir } = await import('node:os');
  await dashboardCounts({ dir: tmpdir(), url: args.values['pg-url'], matters: Number(args.values.matters), late: Number(args.values.late), complaints: Number(args.values.complaints), log: (label, value) => console.log(`${label.padEnd(90)} ${value}`) });
}
