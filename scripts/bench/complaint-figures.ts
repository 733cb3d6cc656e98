import { overdueCutoffs } from '../../data/complaints/complaint-facts.ts';
import { complaintStats, statsFromCounts } from '../../data/complaints/complaint-stats.ts';
import { trendMonths } from '../../data/complaints/complaint-trend.ts';
import { newComplaint, staffAction } from '../../data/complaints/complaint-workflow.ts';
import { DEFAULT_DEADLINES } from '../../data/complaints/deadlines.ts';
import { trackingCodeFrom } from '../../data/complaints/tracking-code.ts';
import { everyComplaint } from '../../data/store/list-every.ts';
import type { PortalStore } from '../../data/store/portal-store.ts';
import { timed } from './timed.ts';

/**
 * The complaint figures of the home page over many complaints (issue 14): `count` complaints filed
 * in villages spread over the provinces during 2026, one in ten of them dispatched and one in
 * twenty answered; then the home page's two queries (complaintCounts and complaintMonths for the
 * country) 20 times, and once the way the pages above counted before 2026-12-07 — every complaint
 * and step listed and judged in the process. Part of the dashboard-counts step.
 *
 * Nine in ten complaints are left waiting for dispatch, so "overdue at this instant" — counted from
 * the waiting complaints only since 2026-12-07 — still reads most of them here; a portal whose
 * complaints get answered reads far fewer.
 */
export async function measureComplaintFigures(
  backend: string,
  store: PortalStore,
  count: number,
  village: (i: number) => string,
  log: (label: string, value: string) => void,
  /** after the load, before the figures: what the database's own upkeep does to a running portal */
  settle: () => Promise<void> = async () => {},
): Promise<void> {
  let t = performance.now();
  const year = Date.parse('2026-01-01T00:00:00.000Z');
  const filed: Promise<unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const receivedAt = new Date(year + Math.floor((i / count) * 330 * DAY)).toISOString();
    const code = trackingCodeFrom(Uint8Array.from([i >> 24, (i >> 16) & 255, (i >> 8) & 255, i & 255, 0x5a, 0xc3, 0]));
    filed.push(store.fileComplaint(newComplaint({ village: village(i), category: '惠农补贴', text: `第${i}号：补贴没有发到户，请核实。`, anonymous: false }, code, receivedAt)));
    if (filed.length === 2_000) await Promise.all(filed.splice(0));
  }
  await Promise.all(filed);
  log(`${backend}: filing ${count.toLocaleString('en')} complaints`, `${((performance.now() - t) / 1000).toFixed(1)} s`);
  t = performance.now();
  let steps = 0;
  for (let i = 0; i < count; i += 10) {
    const code = trackingCodeFrom(Uint8Array.from([i >> 24, (i >> 16) & 255, (i >> 8) & 255, i & 255, 0x5a, 0xc3, 0]));
    const at = new Date(year + Math.floor((i / count) * 330 * DAY) + DAY).toISOString();
    await store.updateComplaint(code, (c) => staffAction(c, { type: 'dispatch', department: '农经站' }, '镇纪委', at));
    steps += 1;
    if (i % 20 !== 0) continue;
    await store.updateComplaint(code, (c) => staffAction(c, { type: 'reply', text: '已核实。' }, '农经站', new Date(Date.parse(at) + (i % 7) * DAY).toISOString()));
    steps += 1;
  }
  log(`${backend}: ${steps.toLocaleString('en')} staff steps, one at a time`, `${((performance.now() - t) / 1000).toFixed(1)} s`);
  await settle();
  const now = '2026-12-07T00:00:00.000Z';
  const counts = await timed(() => store.complaintCounts('', overdueCutoffs(now, DEFAULT_DEADLINES)));
  const months = await timed(() => store.complaintMonths('', trendMonths(now)));
  const stats = statsFromCounts(counts.value);
  log(`${backend}: the home page's complaint figures (${stats.received.toLocaleString('en')} received, ${stats.overdue.toLocaleString('en')} overdue, median ${stats.medianDaysToAnswer} days)`, counts.figure);
  log(`${backend}: the home page's complaint trend, 12 months`, months.figure);
  // what the pages above did before 2026-12-07: every complaint and its steps listed and judged, once
  t = performance.now();
  const listed = complaintStats(await everyComplaint(store, { scope: '' }), DEFAULT_DEADLINES, now);
  const same = JSON.stringify(listed) === JSON.stringify(stats) ? 'the same figures' : 'DIFFERENT FIGURES';
  log(`${backend}: the same figures as before, every complaint listed and judged (${same})`, `${(performance.now() - t).toFixed(0)} ms, once`);
}

const DAY = 86_400_000;
