import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newComplaint, staffAction } from '../../data/complaints/complaint-workflow.ts';
import { DEFAULT_DEADLINES } from '../../data/complaints/deadlines.ts';
import { publicComplaint } from '../../data/complaints/public-complaint.ts';
import { trackingCodeFrom } from '../../data/complaints/tracking-code.ts';
import { parseConfig, type Config } from '../../data/config.ts';
import { auditLog } from '../../data/log/audit-log.ts';
import { openSqliteStore } from '../../data/store/sqlite-store.ts';
import { DIVISIONS, MATOUXI } from '../../ingest/test-support.ts';
import { takedownCommand } from './log-commands.ts';
import { storeFile } from './runtime.ts';

// `npm run portal -- takedown --complaint <public id> --step <seq> --reason …`: a reply that leaked
// a phone number is taken down; its words leave the public view, its leaf stays and verifies.

const REPLY = '已核实，请联系经办人王会计 13700001111。';
let dir: string;
let cfg: Config;
let lines: { out: string[]; err: string[] };

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cunwu-takedown-cli-'));
  const parsed = parseConfig({ PORTAL_DATA_DIR: dir, PORTAL_REGION: '4308', PORTAL_BASE_URL: 'http://portal.test' }, process.cwd());
  if (!parsed.ok) throw new Error(parsed.message);
  cfg = parsed.config;
  lines = { out: [], err: [] };
  const store = await openSqliteStore(storeFile(cfg));
  try {
    await store.replaceDivisions(DIVISIONS);
    const filed = await store.fileComplaint(
      newComplaint({ village: MATOUXI, category: '惠农补贴', text: '补贴少发了，请核实。', anonymous: false }, trackingCodeFrom(Uint8Array.from([9, 8, 7, 6, 5, 4, 0])), '2026-07-06T01:00:00.000Z'),
    );
    await store.updateComplaint(filed.trackingCode, (c) => staffAction(c, { type: 'dispatch', department: '镇财政所' }, '镇纪委', '2026-07-07T01:00:00.000Z'));
    await store.updateComplaint(filed.trackingCode, (c) => staffAction(c, { type: 'reply', text: REPLY }, '镇财政所', '2026-07-08T01:00:00.000Z'));
  } finally {
    await store.close();
  }
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const run = (...args: string[]) => takedownCommand(args, cfg, (l) => lines.out.push(l), (l) => lines.err.push(l));

describe('takedown --complaint --step', () => {
  it('takes the reply down: its words leave the public view, its own leaf stays and the log audits clean', async () => {
    expect(await run('--complaint', '1', '--step', '3', '--reason', '答复中误写了经办人的手机号')).toBe(0);
    expect(lines.out[0]).toBe('已撤下投诉 1 的第 3 步，撤下记录为日志第 3 号 / taken down; the takedown is leaf 3 of the log');

    const store = await openSqliteStore(storeFile(cfg));
    try {
      const takedowns = await store.complaintStepTakedowns('1');
      expect(takedowns).toEqual([{ complaint: '1', seq: 3, reason: '答复中误写了经办人的手机号', at: expect.any(String), logIndex: 3 }]);
      const complaint = (await store.getComplaintByPublicId('1'))!;
      const view = JSON.stringify(publicComplaint(complaint, DEFAULT_DEADLINES, '2026-07-09T00:00:00.000Z', takedowns));
      expect(view).toContain('已撤下（原因：答复中误写了经办人的手机号）');
      expect(view).not.toContain('王会计');
      expect(auditLog(await store.logLeaves(0, await store.logSize()), []).findings).toEqual([]);

      expect(await run('--complaint', '1', '--step', '3', '--reason', '再次撤下')).toBe(0);
      expect(lines.out.at(-2)).toMatch(/^投诉 1 的第 3 步已于 .* 撤下（日志第 3 号记录），原因：答复中误写了经办人的手机号 \/ already taken down$/);
      expect(await store.logSize()).toBe(4);
    } finally {
      await store.close();
    }
  });

  it('refuses a tracking code for the public id, a missing step, a reason with a number, or both kinds at once', async () => {
    expect(await run('--complaint', 'ABCDE-FGHJK', '--step', '3', '--reason', '误写号码')).toBe(64);
    expect(await run('--complaint', '1', '--reason', '误写号码')).toBe(64);
    expect(await run('--complaint', '1', '--step', '3', '--reason', '误写了 13700001111')).toBe(64);
    expect(lines.err.at(-1)).toContain('原因里有个人号码');
    expect(await run('--publication', 'p1', '--complaint', '1', '--step', '3', '--reason', '误写号码')).toBe(64);
    expect(await run('--complaint', '1', '--step', '9', '--reason', '误写号码')).toBe(2);
    expect(lines.err.at(-1)).toBe('找不到投诉 1 的第 9 步 / complaint 1 has no step 9');
    const store = await openSqliteStore(storeFile(cfg));
    try {
      expect(await store.listComplaintStepTakedowns()).toEqual([]);
      expect(await store.logSize()).toBe(3);
    } finally {
      await store.close();
    }
  });
});
