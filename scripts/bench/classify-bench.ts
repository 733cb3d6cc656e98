import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { compileRules, suggestComplaint, type ComplaintSuggestion } from '../../data/complaints/classify.ts';
import { isHoldout, LABELLED_COMPLAINTS, type LabelledComplaint } from '../../data/complaints/classify-labelled-set.ts';
import { DEFAULT_CLASSIFY_RULES } from '../../data/complaints/default-classify-rules.ts';
import { DEFAULT_COMPLAINT_CATEGORIES } from '../../data/complaints/complaint.ts';

/**
 * Complaint suggestions (issue 17, item 3): the default rules on the hand-labelled set —
 * precision and recall per category and per department, accuracy for each kind (also apart for
 * the held-out third, not looked at while the rules were tuned), and the time per suggestion.
 * `misses`: also list the messages whose category or department was missed.
 */
export async function classifyBench(opts: { log: (label: string, value: string) => void; rounds?: number; misses?: 'dev' | 'all' }): Promise<void> {
  const { log } = opts;
  const rounds = opts.rounds ?? 200;
  const set = LABELLED_COMPLAINTS;
  console.log(`# complaint suggestions (issue 17) — default rules (${DEFAULT_CLASSIFY_RULES.rules.length}) on ${set.length} labelled complaints`);

  const compileStart = performance.now();
  const compiled = compileRules(DEFAULT_CLASSIFY_RULES);
  log('classify: compile rules', `${(performance.now() - compileStart).toFixed(2)} ms`);

  const suggestions = set.map((c) => suggestComplaint(c.text, compiled, DEFAULT_COMPLAINT_CATEGORIES));
  const rows = set.map((c, i) => ({ c, s: suggestions[i]!, holdout: isHoldout(i) }));

  for (const kind of ['category', 'department'] as const) {
    const expected = (c: LabelledComplaint) => c[kind];
    const got = (s: ComplaintSuggestion) => s[kind].best?.value ?? null;
    const classes = [...new Set(set.map(expected))];
    for (const value of classes) {
      const predicted = rows.filter((r) => got(r.s) === value).length;
      const actual = rows.filter((r) => expected(r.c) === value).length;
      const right = rows.filter((r) => got(r.s) === value && expected(r.c) === value).length;
      log(`classify: ${kind} ${value}`, `precision ${ratio(right, predicted)} · recall ${ratio(right, actual)} (n=${actual})`);
    }
    const fallbacks = rows.filter((r) => r.s[kind].source !== 'rules').length;
    log(`classify: ${kind} accuracy`, `${accuracy(rows, (r) => got(r.s) === expected(r.c))} (${fallbacks} not by a rule)`);
    log(`classify: ${kind} accuracy dev / held-out`, `${accuracy(rows.filter((r) => !r.holdout), (r) => got(r.s) === expected(r.c))} / ${accuracy(rows.filter((r) => r.holdout), (r) => got(r.s) === expected(r.c))}`);
  }

  // Power items: many complaints concern none, and some concern a tier a message cannot tell.
  const withItem = rows.filter((r) => r.c.powerItem !== null);
  const suggested = rows.filter((r) => r.s.powerItem.best !== null);
  const itemRight = (r: (typeof rows)[number]) => r.s.powerItem.best?.value === r.c.powerItem;
  log('classify: power item recall', `${accuracy(withItem, itemRight)} of the complaints that concern one`);
  log('classify: power item precision', `${accuracy(suggested, itemRight)} of the suggestions`);
  log('classify: power item, none expected', `${rows.filter((r) => r.c.powerItem === null && r.s.powerItem.best !== null).length} of ${rows.length - withItem.length} got a suggestion anyway`);
  log('classify: power item recall dev / held-out', `${accuracy(withItem.filter((r) => !r.holdout), itemRight)} / ${accuracy(withItem.filter((r) => r.holdout), itemRight)}`);

  // Time per message, the whole set `rounds` times after a warm-up round.
  for (const c of set) suggestComplaint(c.text, compiled, DEFAULT_COMPLAINT_CATEGORIES);
  let sink = 0;
  const start = performance.now();
  for (let round = 0; round < rounds; round++) for (const c of set) sink += suggestComplaint(c.text, compiled, DEFAULT_COMPLAINT_CATEGORIES).category.best?.score ?? 0;
  const perMessage = ((performance.now() - start) * 1000) / (rounds * set.length);
  const chars = set.reduce((n, c) => n + c.text.length, 0) / set.length;
  log('classify: mean time per suggestion', `${perMessage.toFixed(1)} µs (${rounds} × ${set.length} messages, mean ${chars.toFixed(0)} characters; checksum ${sink})`);

  if (opts.misses) {
    for (const r of rows) {
      if (opts.misses === 'dev' && r.holdout) continue;
      const cat = r.s.category.best?.value ?? '—';
      const dep = r.s.department.best?.value ?? '—';
      const item = r.s.powerItem.best?.value ?? null;
      if (cat === r.c.category && dep === r.c.department && item === r.c.powerItem) continue;
      const mark = (ok: boolean) => (ok ? '✓' : '✗');
      console.log(
        `  ${r.c.text}\n    ${mark(cat === r.c.category)} ${cat} (want ${r.c.category}) · ${mark(dep === r.c.department)} ${dep} (want ${r.c.department}) · ` +
          `${mark(item === r.c.powerItem)} ${item ?? '—'} (want ${r.c.powerItem ?? '—'})`,
      );
    }
  }
}

function ratio(right: number, of: number): string {
  return of === 0 ? '—' : `${(right / of).toFixed(2)} (${right}/${of})`;
}

function accuracy<T>(rows: readonly T[], ok: (r: T) => boolean): string {
  return ratio(rows.filter(ok).length, rows.length);
}

// `npx tsx scripts/bench/classify-bench.ts [--misses=dev|all]`
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const flag = process.argv.find((a) => a.startsWith('--misses'));
  const misses = flag ? (flag.endsWith('=all') ? 'all' : 'dev') : undefined;
  await classifyBench({ log: (label, value) => console.log(`${label.padEnd(44)} ${value}`), misses });
}
