import { crashRun, type CrashReport } from '../lib/crash-run.ts';

/**
 * The durability test (issue 6) at full size: 5,000 JSON uploads from 8 concurrent clients over
 * loopback to `scripts/serve.ts`, killed with SIGKILL 20 times at seeded random moments and
 * restarted each time; then the store is checked (scripts/lib/crash-check.ts). `npm test` runs the
 * same harness smaller (test/e2e/crash.test.ts). Prints the figures; a failed check is marked ✗
 * with the first problems, and the data folder is kept for a look.
 */
export interface CrashBenchOptions {
  log: (label: string, value: string) => void;
  uploads?: number;
  clients?: number;
  kills?: number;
  seed?: number;
}

export async function crashBench(options: CrashBenchOptions): Promise<CrashReport> {
  const { log } = options;
  const uploads = options.uploads ?? 5_000;
  const clients = options.clients ?? 8;
  const kills = options.kills ?? 20;
  console.log(
    `# durability (issue 6) — ${uploads} uploads from ${clients} clients to scripts/serve.ts, SIGKILL ${kills} times at random moments and restarted; ` +
      'a complaint after every 10th upload; goal: every 201 present, log size = records, root recomputes',
  );
  const r = await crashRun({ uploads, clients, kills, seed: options.seed });
  const ok = r.problems.length === 0;
  log('durability: server store', r.durability);
  log('durability: kills / restarts', `${r.kills} / ${r.restarts} (mean ${r.restartMs.toFixed(0)} ms from restart to listening)`);
  log('durability: uploads acknowledged (201)', `${r.acknowledged} of ${r.uploads} (${r.replayed} answered as replays of an attempt whose answer was lost)`);
  log('durability: answers lost in a kill (unknown)', `${r.unknown.uploads} upload attempts (retried with the same Idempotency-Key), ${r.unknown.complaints} complaints`);
  log('durability: refused while down (retried)', String(r.refused));
  log('durability: publications present', `${r.present} (goal = ${r.acknowledged} acknowledged, none twice) ${r.present === r.acknowledged ? '✓' : '✗'}`);
  log('durability: complaints', `${r.complaints.filed} filed, ${r.complaints.acknowledged} acknowledged, ${r.complaints.stored} stored`);
  log(
    'durability: log size = records',
    `${r.log.size} = ${r.log.publications} publications + ${r.log.complaintEvents} complaint steps + ${r.log.tombstones} takedowns ${r.log.size === r.log.publications + r.log.complaintEvents + r.log.tombstones ? '✓' : '✗'}`,
  );
  log('durability: root recomputed from the leaves', `${r.log.root.slice(0, 16)}… ${ok ? '✓' : '✗'}`);
  log('durability: time', `${(r.ms / 1000).toFixed(1)} s (${(r.acknowledged / (r.ms / 1000)).toFixed(0)} uploads/s including restarts)`);
  log('durability: checks', ok ? 'all passed ✓' : `✗ ${r.problems.length} problems, data kept in ${r.dataDir}`);
  for (const problem of r.problems.slice(0, 10)) log('durability: problem', problem);
  return r;
}
