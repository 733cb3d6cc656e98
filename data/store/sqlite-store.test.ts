import fs from 'node:fs';
import { canonicalJson } from '../canonical-json.ts';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { publicationDigest } from '../publication-digest.ts';
import type { FinanceContent } from '../publication.ts';
import { migrate, migrations, userVersion } from './sqlite-migrations.ts';
import { openSqliteStore, type SqliteStore } from './sqlite-store.ts';
import type { NewComplaint, NewComplaintEvent } from '../complaints/complaint.ts';
import { newComplaint, staffAction } from '../complaints/complaint-workflow.ts';
import { trackingCodeFrom } from '../complaints/tracking-code.ts';
import { auditLog } from '../log/audit-log.ts';
import { HashTree } from '../log/hash-tree.ts';
import { complaintEventLeaf, leafText, publicationLeaf } from '../log/log-leaf.ts';
import { describeComplaintContract } from './complaint-contract.ts';
import { describeContractLedgerContract } from './contract-ledger-contract.ts';
import { describeLogContract, type LogTamper } from './log-contract.ts';
import { describeStoreContract, type OpenStore } from './store-contract.ts';
import type { NewPublication } from './store.ts';

const openFreshStore: OpenStore = async (options) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cunwu-store-'));
  const store = await openSqliteStore(path.join(dir, 'cunwu.sqlite'), options ?? {});
  return {
    store,
    cleanup: async () => {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
};

describeStoreContract('sqlite', openFreshStore);
describeComplaintContract('sqlite', openFreshStore);
describeContractLedgerContract('sqlite', () => openFreshStore());
describeLogContract('sqlite', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cunwu-log-'));
  const file = path.join(dir, 'cunwu.sqlite');
  const store = await openSqliteStore(file);
  return {
    store,
    tamper: rawTamper(file),
    cleanup: async () => {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('sqlite store', () => {
  let dir: string;
  let file: string;
  const open: SqliteStore[] = [];
  const openStore = async (options?: Parameters<typeof openSqliteStore>[1]) => {
    const store = await openSqliteStore(file, options);
    open.push(store);
    return store;
  };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cunwu-sqlite-'));
    file = path.join(dir, 'nested', 'data', 'cunwu.sqlite');
  });
  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('creates the parent folder and reports WAL journaling with FULL sync', async () => {
    const store = await openStore();
    expect(fs.existsSync(file)).toBe(true);
    expect(await store.durability()).toEqual({ durable: true, summary: 'journal_mode=wal, synchronous=full' });
  });

  it('numbers migrations 1..n so user_version tracks them', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  it('keeps data across a reopen without re-running migrations', async () => {
    const first = await openStore();
    await first.publish(financePublication('pub-1', 'v1'));
    await first.close();

    const raw = new Database(file);
    try {
      expect(userVersion(raw)).toBe(migrations.length);
      expect(migrate(raw)).toEqual([]);
    } finally {
      raw.close();
    }

    const reopened = await openStore();
    expect((await reopened.getPublication('pub-1'))?.content.title).toBe('v1');
    const second = await reopened.publish(financePublication('pub-2', 'v2'));
    expect(second.publication).toMatchObject({ version: 2, supersedes: 'pub-1' });
  });

  it('lets a second connection see a publication written by the first', async () => {
    const writer = await openStore();
    const reader = await openStore();
    expect(await reader.getPublication('pub-1')).toBeNull();
    await writer.publish(financePublication('pub-1', 'v1'));
    expect((await reader.currentPublications('430802108214')).map((p) => p.id)).toEqual(['pub-1']);
    expect(fs.existsSync(`${file}-wal`)).toBe(true);
  });

  it('serialises versions across two connections writing one series', async () => {
    const a = await openStore();
    const b = await openStore();
    const outcomes = await Promise.all(
      Array.from({ length: 6 }, (_, i) => (i % 2 === 0 ? a : b).publish(financePublication(`pub-${i}`, `v${i}`))),
    );
    expect(outcomes.map((o) => o.publication.version).sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('refuses UPDATE and DELETE of publications at the database level', async () => {
    const store = await openStore();
    await store.publish(financePublication('pub-1', 'v1'));
    await store.close();

    const raw = new Database(file);
    try {
      expect(() => raw.prepare("UPDATE publications SET content = '{}' WHERE id = 'pub-1'").run()).toThrow(/append-only/);
      expect(() => raw.prepare("DELETE FROM publications WHERE id = 'pub-1'").run()).toThrow(/append-only/);
    } finally {
      raw.close();
    }
  });

  it('records the store clock next to the publication time', async () => {
    const store = await openStore({ clock: () => new Date('2026-07-10T08:00:05.000Z') });
    await store.publish(financePublication('pub-1', 'v1'), { scope: 's', key: 'k', requestHash: 'h' });
    await store.close();

    const raw = new Database(file, { readonly: true });
    try {
      expect(raw.prepare("SELECT recorded_at FROM publications WHERE id = 'pub-1'").pluck().get()).toBe('2026-07-10T08:00:05.000Z');
      expect(raw.prepare("SELECT created_at FROM idempotency WHERE key = 'k'").pluck().get()).toBe('2026-07-10T08:00:05.000Z');
    } finally {
      raw.close();
    }
  });

  it('stores content as canonical JSON text', async () => {
    const store = await openStore();
    const input = financePublication('pub-1', 'v1');
    await store.publish(input);
    await store.close();

    const raw = new Database(file, { readonly: true });
    try {
      const text = raw.prepare("SELECT content FROM publications WHERE id = 'pub-1'").pluck().get() as string;
      expect(text.startsWith('{"entries":[')).toBe(true);
      expect(JSON.parse(text)).toEqual(input.content);
    } finally {
      raw.close();
    }
  });

  it('rejects a publication whose series key disagrees with its content', async () => {
    const store = await openStore();
    const input = financePublication('pub-1', 'v1');
    await expect(store.publish({ ...input, period: '2026-Q4' })).rejects.toThrow(/does not match its content/);
    expect(await store.getPublication('pub-1')).toBeNull();
  });

  it('rejects a different photo stored under an existing id, leaving no partial version', async () => {
    const store = await openStore();
    const photo = (fill: number) => ({ id: 'photo0001', large: new Uint8Array(16).fill(fill), small: new Uint8Array(4).fill(fill) });
    await store.publish({ ...financePublication('pub-1', 'v1'), photos: [photo(1)] });
    await expect(store.publish({ ...financePublication('pub-2', 'v2'), photos: [photo(2)] })).rejects.toThrow(/different bytes/);
    expect(await store.getPublication('pub-2')).toBeNull();
    expect(await store.getPhoto('photo0001', 'large')).toEqual(new Uint8Array(16).fill(1));
  });

  it('replaces 50,000 divisions in one transaction', async () => {
    const store = await openStore();
    const divisions = Array.from({ length: 50_000 }, (_, i) => ({
      code: `430802${String(i).padStart(6, '0')}`,
      level: 'village' as const,
      name: `村${i}`,
      officialName: `村${i}村委会`,
      parent: null,
    }));
    await store.replaceDivisions(divisions);
    expect((await store.listDivisions('430802')).length).toBe(50_000);
    expect(await store.getDivision('430802049999')).toEqual(divisions[49_999]);
    await store.replaceDivisions(divisions.slice(0, 10));
    expect((await store.listDivisions('')).length).toBe(10);
  });

  describe('transparency log', () => {
    const auditAll = async (store: SqliteStore, ids: string[]) => {
      const leaves = await store.logLeaves(0, await store.logSize());
      const publications = (await Promise.all(ids.map((id) => store.getPublication(id)))).filter((p) => p !== null);
      return { leaves, findings: auditLog(leaves, publications).findings };
    };

    it('migration 5 logs what was stored before it: publications in stored order, then complaint steps', async () => {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const raw = new Database(file);
      try {
        for (const m of migrations.filter((m) => m.version <= 4)) {
          raw.exec(m.sql);
          m.run?.(raw);
          raw.pragma(`user_version = ${m.version}`);
        }
        const insert = raw.prepare(
          `INSERT INTO publications (id, village, kind, period, subject, version, supersedes, published_at, recorded_at, sha256, sample, source_filename, source_format, content)
           VALUES (@id, @village, @kind, @period, @subject, @version, @supersedes, @publishedAt, @publishedAt, @sha256, 0, NULL, 'json', @content)`,
        );
        // stored out of publishedAt order on purpose: the log follows the stored order
        for (const [p, version, supersedes] of [[financePublication('pub-b', 'v1'), 1, null], [financePublication('pub-a', 'v2'), 2, 'pub-b']] as const) {
          insert.run({ ...p, version, supersedes, content: JSON.stringify(p.content) });
        }
        const c = complaint(1);
        raw.prepare(
          `INSERT INTO complaints (tracking_code, public_id, village, category, text, anonymous, status, received_at, updated_at)
           VALUES (?, 1, ?, ?, ?, 0, 'dispatched', ?, ?)`,
        ).run(c.trackingCode, c.village, c.category, c.text, c.receivedAt, c.receivedAt);
        const event = raw.prepare('INSERT INTO complaint_events (complaint, seq, at, actor, type, department) VALUES (?, ?, ?, ?, ?, ?)');
        event.run(c.trackingCode, 1, c.receivedAt, '群众', 'received', null);
        event.run(c.trackingCode, 2, '2026-07-07T00:00:00.000Z', '镇纪委', 'dispatch', '村委会');
      } finally {
        raw.close();
      }

      const store = await openStore();
      const filed = await store.getComplaint(code(1));
      const [v1, v2] = [await store.getPublication('pub-b'), await store.getPublication('pub-a')];
      if (!filed || !v1 || !v2) throw new Error('the stored records are missing');
      const { leaves, findings } = await auditAll(store, ['pub-a', 'pub-b']);
      expect(leaves.map((l) => l.leaf)).toEqual([
        leafText(publicationLeaf(v1)),
        leafText(publicationLeaf(v2)),
        ...filed.events.map((e) => leafText(complaintEventLeaf(filed, e))),
      ]);
      expect(findings).toEqual([]);
      const root = await store.logRoot(4);
      expect(root.kind === 'root' && root.root).toEqual(HashTree.fromLeaves(leaves.map((l) => l.leaf)).root());
      await store.publish(financePublication('pub-c', 'v3'));
      expect(await store.logIndexOfPublication('pub-c')).toBe(4);
    });

    it('refuses to change, delete or skip log rows at the database level', async () => {
      const store = await openStore();
      for (let i = 0; i < 4; i++) await store.publish(financePublication(`pub-${i}`, `v${i}`));
      await store.tombstone('pub-0', '测试', '2026-07-11T00:00:00.000Z');
      await store.close();

      const raw = new Database(file);
      try {
        expect(() => raw.prepare("UPDATE log_leaves SET leaf = '{}' WHERE idx = 0").run()).toThrow(/append-only/);
        expect(() => raw.prepare('DELETE FROM log_leaves WHERE idx = 4').run()).toThrow(/append-only/);
        expect(() => raw.prepare('UPDATE log_nodes SET hash = zeroblob(32)').run()).toThrow(/append-only/);
        expect(() => raw.prepare('DELETE FROM log_nodes').run()).toThrow(/append-only/);
        expect(() => raw.prepare("UPDATE takedowns SET reason = 'x'").run()).toThrow(/append-only/);
        expect(() => raw.prepare('DELETE FROM takedowns').run()).toThrow(/append-only/);
        const insert = raw.prepare("INSERT INTO log_leaves (idx, leaf, leaf_hash, kind, ref) VALUES (?, '{}', zeroblob(32), 'tombstone', ?)");
        expect(() => insert.run(7, 'x')).toThrow(/in order/);
        expect(() => insert.run(3, 'y')).toThrow(/in order|UNIQUE|PRIMARY/);
        // complete subtrees of the 5 leaves: [0,2), [2,4) and [0,4)
        expect(raw.prepare('SELECT level, idx FROM log_nodes ORDER BY level, idx').all()).toEqual([
          { level: 1, idx: 0 },
          { level: 1, idx: 1 },
          { level: 2, idx: 0 },
        ]);
      } finally {
        raw.close();
      }
    });

    it('keeps one gapless log when two connections publish and file complaints at once', async () => {
      const a = await openStore();
      const b = await openStore();
      await Promise.all([
        ...Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? a : b).publish(financePublication(`pub-${i}`, `v${i}`))),
        ...Array.from({ length: 300 }, (_, i) => (i % 2 === 0 ? a : b).fileComplaint(complaint(i + 1))),
      ]);
      const { leaves, findings } = await auditAll(a, Array.from({ length: 8 }, (_, i) => `pub-${i}`));
      expect(leaves).toHaveLength(308);
      expect(findings).toEqual([]);
      const root = await b.logRoot(308);
      expect(root.kind === 'root' && root.root).toEqual(HashTree.fromLeaves(leaves.map((l) => l.leaf)).root());
    });
  });

  describe('complaints', () => {
    it('refuses to rewrite or delete a complaint event, or to change what a complaint says', async () => {
      const store = await openStore();
      await store.fileComplaint(complaint(1, { contact: { name: '张三', phone: '13812345678' } }));
      await store.close();

      const raw = new Database(file);
      try {
        const where = `WHERE complaint = '${code(1)}'`;
        expect(() => raw.prepare(`UPDATE complaint_events SET actor = 'x' ${where}`).run()).toThrow(/append-only/);
        expect(() => raw.prepare(`DELETE FROM complaint_events ${where}`).run()).toThrow(/append-only/);
        const complaintWhere = `WHERE tracking_code = '${code(1)}'`;
        for (const set of ["text = 'x'", "village = '430802108215'", "contact_phone = NULL", "contact_name = NULL", 'public_id = 9', "received_at = '2020-01-01'", "tracking_code = 'X'"]) {
          expect(() => raw.prepare(`UPDATE complaints SET ${set} ${complaintWhere}`).run(), set).toThrow(/only the status/);
        }
        expect(() => raw.prepare(`DELETE FROM complaints ${complaintWhere}`).run()).toThrow(/never deleted/);
        // the current status is the one thing that moves
        raw.prepare(`UPDATE complaints SET status = 'dispatched', department = '村委会', updated_at = 'later' ${complaintWhere}`).run();
        expect(raw.prepare(`SELECT text, contact_phone, status FROM complaints ${complaintWhere}`).get()).toEqual({
          text: complaint(1).text,
          contact_phone: '13812345678',
          status: 'dispatched',
        });
      } finally {
        raw.close();
      }
    });

    it('refuses a contact on an anonymous complaint and an event missing its fields, at the database level', async () => {
      const store = await openStore();
      await store.fileComplaint(complaint(1));
      await store.close();

      const raw = new Database(file);
      try {
        expect(() =>
          raw
            .prepare(
              `INSERT INTO complaints (tracking_code, public_id, village, category, text, contact_phone, anonymous, status, received_at, updated_at)
               VALUES ('${code(2)}', 2, '430802108214', '其他', '匿名投诉', '13812345678', 1, 'received', 't', 't')`,
            )
            .run(),
        ).toThrow(/CHECK/);
        expect(() => raw.prepare(`INSERT INTO complaint_events (complaint, seq, at, actor, type) VALUES ('${code(1)}', 2, 't', 'a', 'dispatch')`).run()).toThrow(/CHECK/);
        expect(() => raw.prepare(`INSERT INTO complaint_events (complaint, seq, at, actor, type) VALUES ('${code(1)}', 2, 't', 'a', 'feedback')`).run()).toThrow(/CHECK/);
        expect(() => raw.prepare(`INSERT INTO complaint_events (complaint, seq, at, actor, type) VALUES ('${code(1)}', 1, 't', 'a', 'received')`).run()).toThrow(/UNIQUE|PRIMARY/);
      } finally {
        raw.close();
      }
    });

    it('writes the complaints still queued when the store closes', async () => {
      const store = await openStore();
      const filing = Array.from({ length: 10 }, (_, i) => store.fileComplaint(complaint(i + 1)));
      await store.close();
      expect((await Promise.all(filing)).map((c) => c.publicId)).toEqual(Array.from({ length: 10 }, (_, i) => String(i + 1)));

      const reopened = await openStore();
      expect(await reopened.listComplaints({ scope: '' })).toHaveLength(10);
      await expect(store.fileComplaint(complaint(11))).rejects.toThrow(/not open/);
    });

    it('numbers complaints filed through two connections at once without a gap or a repeat', async () => {
      const a = await openStore();
      const b = await openStore();
      const filed = await Promise.all(Array.from({ length: 600 }, (_, i) => (i % 2 === 0 ? a : b).fileComplaint(complaint(i + 1))));
      expect(filed.map((c) => Number(c.publicId)).sort((x, y) => x - y)).toEqual(Array.from({ length: 600 }, (_, i) => i + 1));
      expect(await b.listComplaints({ scope: '' })).toHaveLength(600);
    });

    it('refuses a malformed complaint before it joins a batch, and files the others', async () => {
      const store = await openStore();
      const good = complaint(1);
      const misnumbered: NewComplaint = { ...complaint(2), events: [{ seq: 2, at: good.receivedAt, actor: '群众', type: 'received' }] };
      const anonymousWithContact: NewComplaint = { ...complaint(3), anonymous: true, contact: { name: '张三', phone: null } };
      const lowerCase: NewComplaint = { ...complaint(4), trackingCode: code(4).toLowerCase() };
      const results = await Promise.allSettled([good, misnumbered, anonymousWithContact, lowerCase].map((c) => store.fileComplaint(c)));
      expect(results.map((r) => (r.status === 'rejected' ? String(r.reason) : r.value.publicId))).toEqual([
        '1',
        expect.stringMatching(/numbered 1, 2, 3/),
        expect.stringMatching(/anonymous complaint keeps no contact/),
        expect.stringMatching(/canonical form/),
      ]);
    });

    it('writes a complaint filed in the same turn before an update of it', async () => {
      const store = await openStore();
      const filing = store.fileComplaint(complaint(1));
      const update = store.updateComplaint(code(1), (c) => staffAction(c, { type: 'dispatch', department: '村委会' }, '镇纪委', '2026-07-07T00:00:00.000Z'));
      expect((await filing).publicId).toBe('1');
      expect((await update).kind).toBe('updated');
    });

    it('rolls back every event of a step when one of them cannot be stored', async () => {
      const store = await openStore();
      const filed = await store.fileComplaint(complaint(1));
      const broken = { type: 'dispatch', at: '2026-07-07T00:00:00.000Z', actor: '镇纪委' } as unknown as NewComplaintEvent;
      await expect(
        store.updateComplaint(code(1), () => ({
          ok: true,
          status: 'dispatched',
          department: '村委会',
          events: [{ type: 'dispatch', department: '村委会', at: '2026-07-07T00:00:00.000Z', actor: '镇纪委' }, broken],
        })),
      ).rejects.toThrow(/CHECK/);
      expect(await store.getComplaint(code(1))).toEqual(filed);
    });
  });
});

function code(n: number): string {
  return trackingCodeFrom(Uint8Array.from([0, n >> 8, n & 255, 1, 2, 3, 0]));
}

function complaint(n: number, input: { contact?: { name?: string; phone?: string } } = {}): NewComplaint {
  return newComplaint(
    { village: '430802108214', category: '财务公开', text: `第${n}号投诉：账目不清楚。`, anonymous: false, ...input },
    code(n),
    '2026-07-06T01:00:00.000Z',
  );
}

function financePublication(id: string, title: string): NewPublication {
  const content: FinanceContent = {
    kind: 'finance',
    title,
    period: '2026-Q3',
    openingBalance: null,
    entries: [{ row: 2, date: '2026-07-01', voucher: null, summary: '办公用品', account: null, income: 0, expense: 12_50, balance: null, remark: null }],
    totals: { income: 0, expense: 12_50, closingBalance: null },
    notes: [],
  };
  const series = { village: '430802108214', kind: 'finance' as const, period: '2026-Q3', subject: '' };
  return {
    id,
    ...series,
    publishedAt: '2026-07-10T08:00:00.000Z',
    sample: true,
    source: { filename: null, format: 'json' },
    content,
    contentJson: canonicalJson(content),
    photos: [],
    sha256: publicationDigest({ ...series, content }),
  };
}

/**
 * Edits the database file as someone with access to it could: the append-only triggers are
 * dropped first (anyone holding the file can), then rows are changed with plain SQL.
 */
function rawTamper(file: string): LogTamper {
  const withRaw = async (edit: (raw: Database.Database) => void) => {
    const raw = new Database(file);
    try {
      raw.transaction(() => edit(raw))();
    } finally {
      raw.close();
    }
  };
  return {
    changeContent: (id, content) =>
      withRaw((raw) => {
        raw.exec('DROP TRIGGER publications_no_update');
        raw.prepare('UPDATE publications SET content = ? WHERE id = ?').run(JSON.stringify(content), id);
      }),
    deleteLeaf: (index) =>
      withRaw((raw) => {
        raw.exec('DROP TRIGGER log_leaves_no_delete');
        raw.prepare('DELETE FROM log_leaves WHERE idx = ?').run(index);
      }),
    swapLeaves: (a, b) =>
      withRaw((raw) => {
        raw.exec('DROP TRIGGER log_leaves_no_update');
        const read = raw.prepare('SELECT leaf, leaf_hash, kind, ref FROM log_leaves WHERE idx = ?');
        const write = raw.prepare('UPDATE log_leaves SET leaf = @leaf, leaf_hash = @leaf_hash, kind = @kind, ref = @ref WHERE idx = @idx');
        const [rowA, rowB] = [read.get(a) as Record<string, unknown>, read.get(b) as Record<string, unknown>];
        // (kind, ref) is unique, so one row steps aside first
        raw.prepare("UPDATE log_leaves SET ref = '(moving)' WHERE idx = ?").run(a);
        write.run({ ...rowA, idx: b });
        write.run({ ...rowB, idx: a });
      }),
  };
}
