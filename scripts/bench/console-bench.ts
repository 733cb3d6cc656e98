import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readAccountList } from '../../data/accounts/account-list.ts';
import { createInvites } from '../../data/accounts/sign-in.ts';
import { todoFor } from '../../data/accounts/todo.ts';
import { newComplaint, staffAction } from '../../data/complaints/complaint-workflow.ts';
import { DEFAULT_DEADLINES } from '../../data/complaints/deadlines.ts';
import { trackingCodeFrom } from '../../data/complaints/tracking-code.ts';
import { IssueLog } from '../../data/import/issues.ts';
import { sheetGrids } from '../../data/import/sheet-grids.ts';
import { openSqliteStore } from '../../data/store/sqlite-store.ts';
import { syntheticRegion } from './synthetic-region.ts';

/**
 * The console's figures (issue 13): the city's account list of 1,272 people read, checked and
 * created with their invitations, as the administrator's import does; and the 待办 list of a
 * county discipline account over `villages` villages with three complaints waiting in each and two
 * flags, read from the store and sorted as the console's home page does, timed over repeated
 * requests. Printed, never asserted.
 */
export async function consoleBench(opts: { villages?: number; requests?: number; log: (label: string, value: string) => void }): Promise<void> {
  const villages = opts.villages ?? 300;
  const requests = opts.requests ?? 200;
  const work = mkdtempSync(join(tmpdir(), 'cunwu-console-bench-'));
  const store = await openSqliteStore(join(work, 'portal.sqlite'));
  try {
    const bytes = new Uint8Array(readFileSync(new URL('../../test/fixtures/430800-张家界市-监督平台账号名册.csv', import.meta.url)));
    const t0 = performance.now();
    const log = new IssueLog();
    const grids = await sheetGrids(bytes, 'csv', log, { zh: '账号名册', en: 'account list' });
    const read = grids && readAccountList(grids, { adminScope: '430800' });
    if (!read?.ok) throw new Error('the account list must read');
    const t1 = performance.now();
    const made = await store.createAccounts(read.accounts.map(({ row: _row, ...a }) => ({ ...a, admin: false })), { at: '2026-12-06T02:00:00Z', by: null });
    if (made.kind !== 'created') throw new Error(made.kind);
    const t2 = performance.now();
    await createInvites(store, made.accounts.map((a) => a.id), null, new Date('2026-12-06T02:00:00Z'));
    const t3 = performance.now();
    opts.log(
      `console: import ${made.accounts.length} accounts (the city's list)`,
      `read + checked ${(t1 - t0).toFixed(0)} ms, created ${(t2 - t1).toFixed(0)} ms, invitations ${(t3 - t2).toFixed(0)} ms, total ${(t3 - t0).toFixed(0)} ms`,
    );

    const divisions = syntheticRegion(villages);
    await store.replaceDivisions(divisions);
    const codes = divisions.filter((d) => d.level === 'village').map((d) => d.code);
    const county = codes[0]!.slice(0, 6);
    const at = (minutes: number) => new Date(Date.parse('2026-11-20T02:00:00Z') + minutes * 60_000).toISOString();
    let n = 0;
    for (const village of codes) {
      for (const status of ['received', 'dispatched', 'replied'] as const) {
        const filed = await store.fileComplaint(
          newComplaint({ village, category: '惠农补贴', text: '耕地地力保护补贴有几户没有发到户，请核实。', anonymous: true, contact: undefined } as never, trackingCodeFrom(Uint8Array.from([n >> 16, n >> 8, n, 7, 7, 7, 0])), at(n)),
        );
        n += 1;
        if (status !== 'received') await store.updateComplaint(filed.trackingCode, (c) => staffAction(c, { type: 'dispatch', department: '乡镇民政办' }, '乡镇纪委', at(n)));
        if (status === 'replied') await store.updateComplaint(filed.trackingCode, (c) => staffAction(c, { type: 'reply', text: '已核实，补发。' }, '乡镇民政办', at(n)));
      }
      const finding = (k: number) => ({
        finding: { rule: 'cash-over-limit' as const, village, key: `bench-${k}`, title: '现金支付超过限额', detail: '示例', amount: 600_000, evidence: [], sample: true },
        publicFrom: at(0),
      });
      await store.applyFlagRun({ id: `run-${village}`, village, at: at(0), trigger: 'nightly', rules: ['cash-over-limit'], findings: [finding(1), finding(2)] });
    }
    const who = { role: 'county-discipline' as const, scope: county, admin: false, department: null };
    const times: number[] = [];
    let items = 0;
    for (let i = 0; i < requests; i++) {
      const t = performance.now();
      const [complaints, flags] = await Promise.all([store.listComplaints({ scope: county, limit: 5_000 }), store.listFlags({ scope: county, status: 'active', limit: 5_000 })]);
      items = todoFor({ who, complaints, flags, deadlines: DEFAULT_DEADLINES, now: '2026-12-06T02:00:00Z' }).length;
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!;
    opts.log(
      `console: 待办 of a county account, ${villages} villages (${n} complaints, ${villages * 2} flags)`,
      `${items} items; read + sorted p50 ${pct(50).toFixed(1)} ms, p95 ${pct(95).toFixed(1)} ms over ${requests} requests (page rendering not included)`,
    );
  } finally {
    await store.close();
    rmSync(work, { recursive: true, force: true });
  }
}
