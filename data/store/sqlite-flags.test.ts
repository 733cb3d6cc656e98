import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Finding } from '../flags/finding.ts';
import { newPublication } from '../new-publication.ts';
import type { SubsidyContent } from '../publication.ts';
import { describeFlagContract } from './flag-contract.ts';
import { describeLateVillageContract } from './late-villages-contract.ts';
import { describeRectificationContract } from './rectification-contract.ts';
import { openSqliteOnFile } from './sqlite-on-file.ts';

const openOnFile = () => openSqliteOnFile('cunwu-flags-');

describeFlagContract('sqlite', openOnFile);
describeRectificationContract('sqlite', openOnFile);
describeLateVillageContract('sqlite', openOnFile);

describe('sqlite flags, rounds and fingerprints', () => {
  let opened: Awaited<ReturnType<typeof openOnFile>>;
  beforeEach(async () => {
    opened = await openOnFile();
  });
  afterEach(async () => {
    await opened.cleanup();
  });

  const raw = <T>(work: (db: Database.Database) => T): T => {
    const db = new Database(opened.file);
    try {
      return work(db);
    } finally {
      db.close();
    }
  };

  it('never writes a beneficiary ID number to the database file, only its fingerprint and its masked form', async () => {
    const idNumber = '430802199001017238';
    const masked = '430802********7238';
    const key = createHmac('sha256', 'test-secret').update(idNumber, 'utf8').digest('hex');
    const content: SubsidyContent = {
      kind: 'subsidy',
      title: '2026年耕地地力保护补贴发放花名册',
      programme: '耕地地力保护补贴',
      period: '2026',
      rows: [{ row: 4, seq: '1', name: '张三', idNumber: masked, phone: null, bankCard: null, quantity: '3.70', unit: '亩', rate: 10_560, rateText: '105.6', amount: 39_072, datePaid: '2026-06-30', channel: '一卡通', remark: null }],
      totals: { amount: 39_072, quantity: '3.70', count: 1 },
      notes: [],
    };
    const input = newPublication({ id: 'pub-sub', village: '430802108214', content, publishedAt: '2026-07-10T08:00:00.000Z', sample: false, source: { filename: null, format: 'json' } });
    await opened.store.publish({ ...input, beneficiaryKeys: [{ row: 4, key, match: 'id' }] });
    await opened.store.close();

    const bytes = ['', '-wal'].map((suffix) => `${opened.file}${suffix}`).filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f));
    const found = (text: string) => bytes.some((b) => b.includes(Buffer.from(text, 'utf8')));
    // the scan does see what is stored: the masked number and the fingerprint
    expect(found(masked)).toBe(true);
    expect(found(key)).toBe(true);
    expect(found(idNumber)).toBe(false);
  });

  it('refuses to rewrite or delete flags, their events, runs, settings, fingerprints and rounds at the database level', async () => {
    const { store } = opened;
    await store.applyFlagRun({ id: 'run-1', village: '430802108214', at: T0, trigger: 'manual', rules: ['receivable-overdue'], findings: [{ finding: finding(), publicFrom: T0 }] });
    await store.saveFlagSettings({ code: '430802', document: { publication: { mode: 'immediate', workingDays: 0 }, calendarStart: null, disabled: [], rules: {}, decisionChecks: {}, departments: [] }, at: T0, actor: '区纪委' });
    await store.openRound({ scope: '430802108', sample: false, at: T0, opened: { type: 'opened', at: T0, actor: '区委巡察办', objectName: '沅古坪镇', scope: '430802108', title: '2026年第二轮巡察', team: '第三巡察组', start: '2026-07-01', end: '2026-08-31', contact: '0744-8221234' } });
    await store.close();

    raw((db) => {
      const refused: Array<[string, RegExp]> = [
        ["UPDATE flag_events SET actor = 'x'", /append-only/],
        ['DELETE FROM flag_events', /append-only/],
        ["UPDATE flag_runs SET village = 'x'", /append-only/],
        ['DELETE FROM flag_runs', /append-only/],
        ["UPDATE flag_settings SET document = '{}'", /append-only/],
        ['DELETE FROM flag_settings', /append-only/],
        ["UPDATE round_events SET actor = 'x'", /append-only/],
        ['DELETE FROM round_events', /append-only/],
        ['DELETE FROM flags', /never deleted/],
        ['DELETE FROM rounds', /never deleted/],
        ["UPDATE rounds SET scope = '430802'", /only the updated_at/],
        ["INSERT INTO beneficiary_keys (publication_id, row, key, match) VALUES ('p', 1, '430802199001017238', 'id')", /CHECK/],
        ["INSERT INTO log_leaves (idx, leaf, leaf_hash, kind, ref) VALUES (3, '{}', zeroblob(32), 'complaint', 'x')", /CHECK/],
      ];
      for (const set of ["village = '430802108215'", "rule = 'contract-term'", "key = 'x'", 'sample = 1', "raised_at = 'x'", "public_from = 'x'", 'id = 9']) {
        refused.push([`UPDATE flags SET ${set}`, /only the status, wording/]);
      }
      for (const [statement, error] of refused) expect(() => db.prepare(statement).run(), statement).toThrow(error);
      // what does move: a flag's status and wording, a round's time of last step
      db.prepare("UPDATE flags SET status = 'confirmed', title = '改', updated_at = 'later'").run();
      db.prepare("UPDATE rounds SET updated_at = 'later'").run();
      expect(db.prepare('SELECT status, title FROM flags').get()).toEqual({ status: 'confirmed', title: '改' });
    });
  });
});

const T0 = '2026-07-06T01:00:00.000Z';

function finding(): Finding {
  return {
    rule: 'receivable-overdue',
    village: '430802108214',
    key: 'KJP-1/2026',
    title: '合同KJP-1的2026年度租金未见入账',
    detail: '合同台账第3行约定2026年6月30日前缴纳租金，财务收支中未见对应收入。',
    amount: 130_600_00,
    evidence: [{ publicationId: 'pub-contracts', village: '430802108214', kind: 'contract', row: 3, label: '合同台账第3行（KJP-1）' }],
    sample: false,
  };
}
