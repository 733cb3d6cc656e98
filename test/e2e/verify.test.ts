import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicationDigest } from '../../data/publication-digest.ts';
import { backfillLog } from '../../data/store/sqlite-log.ts';
import { listen } from '../../ingest/server.ts';
import { verifyCommand } from '../../scripts/lib/log-commands.ts';
import { logKeyFile, storeFile } from '../../scripts/lib/runtime.ts';
import { openPortalFixture, type PortalFixture } from '../support/portal-fixture.ts';

// The journalist's command against a portal on a real port: clean, then with the database edited
// behind the portal's back (as whoever holds the file could), then with the log rewritten.
const MATOUXI = '430802108214';
const LONGGANG = '430821211227';
const WANGJIAPING = '430802108201';
const FIXTURES = new URL('../fixtures/', import.meta.url);
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let portal: PortalFixture;
let server: { close: () => Promise<void>; port: number };
let url: string;
let ledger: { v1: string; v2: string };
let subsidy: string;
let project: string;
const saved = () => join(portal.config.dataDir, 'saved-checkpoint.txt');

beforeAll(async () => {
  portal = await openPortalFixture(); // its portal app serves the log, as `npm start` does
  server = await listen(portal.app, 0, '127.0.0.1');
  url = `http://127.0.0.1:${server.port}`;
  ledger = { v1: (await portal.publishLedger()).publication.id, v2: (await portal.publishLedger()).publication.id };
  subsidy = await upload(MATOUXI, 'subsidy', '430802108214-马头溪村-2026年耕地地力保护补贴花名册.csv', 'text/csv; charset=utf-8');
  project = await upload(LONGGANG, 'project', '430821211227-龙岗村-2026年工程项目公示.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
});
afterAll(async () => {
  await server?.close();
  await portal?.cleanup();
});

describe('npm run portal -- verify', () => {
  it('passes a clean portal with a bilingual summary, and saves its checkpoint', async () => {
    const run = await portalCli('verify', '--url', url, '--save', saved()); // the command itself, as a journalist runs it
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('核验通过');
    expect(run.stdout).toContain('Verified');
    expect(run.stdout).toContain('4 份公开记录');
    expect(readFileSync(saved(), 'utf8')).toBe(await (await fetch(`${url}/log/checkpoint`)).text());
    // the key file stays private to the portal's user, and is never served
    expect(readFileSync(logKeyFile(portal.config), 'utf8')).toContain('PRIVATE KEY');
    expect(await (await fetch(`${url}/log/key`)).text()).not.toContain('PRIVATE');
  });

  it('names a version inserted into the store file without a leaf, in a village the log never named, and saves no checkpoint', async () => {
    const unlogged = '06zzzzzzzzzzzzzzzzzzzzzz';
    const row = raw((db) => db.prepare('SELECT * FROM publications WHERE id = ?').get(ledger.v1) as Record<string, string | number | null>);
    const forged: Record<string, string | number | null> = { ...row, id: unlogged, village: WANGJIAPING, version: 1, supersedes: null };
    forged.sha256 = digestOf(forged as Record<string, string>);
    raw((db) => db.prepare(`INSERT INTO publications (${Object.keys(forged).join(', ')}) VALUES (${Object.keys(forged).map((k) => `@${k}`).join(', ')})`).run(forged));
    const refused = join(portal.config.dataDir, 'refused-checkpoint.txt');
    try {
      const run = await verify('--url', url, '--save', refused);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`publication ${unlogged} is not in the log`);
      expect(run.stderr).toContain(`公开记录 ${unlogged} 不在日志中`);
      expect(run.stderr).toContain('verification failed, so no checkpoint was saved');
      expect(existsSync(refused)).toBe(false);
    } finally {
      raw((db) => {
        db.exec('DROP TRIGGER IF EXISTS publications_no_delete');
        db.prepare('DELETE FROM publications WHERE id = ?').run(unlogged);
      });
    }
  });

  it('fails a first verify against an emptied log while versions are served, naming every one', async () => {
    const saved = raw((db) => ({ leaves: db.prepare('SELECT * FROM log_leaves ORDER BY idx').all(), nodes: db.prepare('SELECT * FROM log_nodes').all() }));
    raw((db) => {
      db.exec('DROP TRIGGER IF EXISTS log_leaves_no_delete; DROP TRIGGER IF EXISTS log_nodes_no_delete');
      db.exec('DELETE FROM log_nodes; DELETE FROM log_leaves;');
    });
    try {
      expect(await (await fetch(`${url}/log/checkpoint`)).text()).toContain('\n0\n');
      const run = await verify('--url', url);
      expect(run.code).toBe(1);
      for (const id of [ledger.v1, ledger.v2, subsidy, project]) expect(run.stderr).toContain(`publication ${id} is not in the log`);
    } finally {
      raw((db) => {
        const leaf = db.prepare('INSERT INTO log_leaves (idx, leaf, leaf_hash, kind, ref) VALUES (@idx, @leaf, @leaf_hash, @kind, @ref)');
        for (const row of saved.leaves) leaf.run(row);
        const node = db.prepare('INSERT INTO log_nodes (level, idx, hash) VALUES (@level, @idx, @hash)');
        for (const row of saved.nodes) node.run(row);
      });
    }
    expect((await verify('--url', url)).code).toBe(0);
  });

  it('reports a version filed under another village as moved, not gone, and names the field its leaf disagrees with', async () => {
    const index = (await portal.store.logIndexOfPublication(subsidy))!;
    const move = (to: string) =>
      raw((db) => {
        db.exec('DROP TRIGGER IF EXISTS publications_no_update');
        db.prepare('UPDATE publications SET village = ? WHERE id = ?').run(to, subsidy);
      });
    move(WANGJIAPING);
    try {
      const run = await verify('--url', url);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain(`moved: ${subsidy} 从 ${MATOUXI} 迁到 ${WANGJIAPING}`);
      expect(run.stdout).toContain(`now served as ${WANGJIAPING} at /v/${WANGJIAPING}/p/${subsidy}/`);
      expect(run.stderr).toContain(`publication ${subsidy} differs from leaf ${index} in village`);
      expect(run.stderr).not.toContain('is gone');
      expect(run.stderr).not.toContain(`the content of publication ${subsidy} was changed`);
    } finally {
      move(MATOUXI);
    }
  });

  it('names the publication whose content was changed in the database', async () => {
    const original = raw((db) => db.prepare('SELECT content FROM publications WHERE id = ?').pluck().get(ledger.v2) as string);
    raw((db) => {
      db.exec('DROP TRIGGER IF EXISTS publications_no_update');
      db.prepare("UPDATE publications SET content = json_set(content, '$.entries[0].expense', 1) WHERE id = ?").run(ledger.v2);
    });
    try {
      const run = await verify('--url', url, '--checkpoint', saved());
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`the content of publication ${ledger.v2} was changed`);
      expect(run.stderr).toContain(`公开记录 ${ledger.v2} 的内容已被改动`);
    } finally {
      raw((db) => db.prepare('UPDATE publications SET content = ? WHERE id = ?').run(original, ledger.v2));
    }
  });

  it('names the missing leaf and the publication it covered when a leaf is deleted', async () => {
    const index = (await portal.store.logIndexOfPublication(subsidy))!;
    const row = raw((db) => db.prepare('SELECT * FROM log_leaves WHERE idx = ?').get(index) as Record<string, unknown>);
    raw((db) => {
      db.exec('DROP TRIGGER IF EXISTS log_leaves_no_delete');
      db.prepare('DELETE FROM log_leaves WHERE idx = ?').run(index);
    });
    try {
      const run = await verify('--url', url);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`leaf ${index} is missing`);
      expect(run.stderr).toContain(`publication ${subsidy} is not in the log`);
      expect(run.stderr).toContain("fewer than the checkpoint's");
    } finally {
      raw((db) => {
        db.exec('DROP TRIGGER IF EXISTS log_leaves_in_order');
        db.prepare('INSERT INTO log_leaves (idx, leaf, leaf_hash, kind, ref) VALUES (@idx, @leaf, @leaf_hash, @kind, @ref)').run(row);
      });
    }
  });

  it('names both leaves when two are swapped, and the version now before the one it corrects', async () => {
    const [a, b] = [(await portal.store.logIndexOfPublication(ledger.v1))!, (await portal.store.logIndexOfPublication(ledger.v2))!];
    const swap = () =>
      raw((db) => {
        db.exec('DROP TRIGGER IF EXISTS log_leaves_no_update');
        const read = db.prepare('SELECT leaf, leaf_hash, kind, ref FROM log_leaves WHERE idx = ?');
        const write = db.prepare('UPDATE log_leaves SET leaf = @leaf, leaf_hash = @leaf_hash, kind = @kind, ref = @ref WHERE idx = @idx');
        const [rowA, rowB] = [read.get(a) as Record<string, unknown>, read.get(b) as Record<string, unknown>];
        db.prepare("UPDATE log_leaves SET ref = '(moving)' WHERE idx = ?").run(a); // (kind, ref) is unique
        write.run({ ...rowA, idx: b });
        write.run({ ...rowB, idx: a });
      });
    swap();
    try {
      const run = await verify('--url', url);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`publication ${ledger.v1} (leaf ${b}) is not where the signed tree has it`);
      expect(run.stderr).toContain(`publication ${ledger.v2} (leaf ${a}) is not where the signed tree has it`);
      expect(run.stderr).toContain(`leaf ${a} (${ledger.v2}) is out of order`);
    } finally {
      swap();
    }
    expect((await verify('--url', url)).code).toBe(0);
  });

  it('takes a publication down: its content leaves the page, the twin and search, and the log still verifies', async () => {
    const stored = (await portal.store.getPublication(subsidy))!;
    const name = stored.content.kind === 'subsidy' ? stored.content.rows[0]!.name : '';
    expect((await portal.store.search({ q: name, village: MATOUXI, sort: 'relevance', page: 1, pageSize: 10 })).hits.length).toBeGreaterThan(0);

    const run = await portalCli('takedown', '--publication', subsidy, '--reason', '误公开了完整身份证号 / a full ID number was published');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(stored.sha256);

    const page = await (await fetch(`${url}/v/${MATOUXI}/p/${subsidy}/`)).text();
    expect(page).toContain('已撤下');
    expect(page).toContain('误公开了完整身份证号');
    expect(page).toContain(stored.sha256);
    expect(page).not.toContain(name);
    const village = await (await fetch(`${url}/v/${MATOUXI}/`)).text();
    expect(village).toContain('已撤下');
    expect(village).not.toContain(name);
    const twin = (await (await fetch(`${url}/v/${MATOUXI}/p/${subsidy}/index.json`)).json()) as { content: unknown; takedown: { reason: string } };
    expect(twin.content).toBeNull();
    expect(twin.takedown.reason).toContain('误公开');
    const api = (await (await fetch(`${url}/api/v1/publications/${subsidy}`)).json()) as { publication: { content: unknown; takedown: { reason: string } } };
    expect(api.publication.content).toBeNull();
    expect(api.publication.takedown.reason).toContain('误公开');
    expect((await portal.store.search({ q: name, village: MATOUXI, sort: 'relevance', page: 1, pageSize: 10 })).hits).toEqual([]);

    const checked = await verify('--url', url, '--checkpoint', saved());
    expect(checked.code, checked.stderr).toBe(0);
    expect(checked.stdout).toContain('1 份已撤下记录');
  });

  it('shows each page’s log stamp, which verify can check against a printed copy', async () => {
    const index = (await portal.store.logIndexOfPublication(project))!;
    const page = await (await fetch(`${url}/v/${LONGGANG}/p/${project}/`)).text();
    expect(page).toContain(`本记录已写入公开日志，第 ${index} 号`);
    const village = await (await fetch(`${url}/v/${LONGGANG}/`)).text();
    const stamp = /共 (\d+) 条记录，日志指纹 <span class="hash">((?:<span>[0-9a-f]{4}<\/span> ?){4})<\/span>/.exec(village);
    expect(stamp, 'the village page prints its log stamp').not.toBeNull();
    const [, size, groups] = stamp!;
    // as a reader copies it from the page: the four groups, spaced
    const fingerprint = groups!.replace(/<\/?span>/g, '');
    expect((await verify('--url', url, '--printed', `${size}:${fingerprint}`)).code).toBe(0);
    const wrong = await verify('--url', url, '--printed', `${size}:0000 0000 0000 0000`);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('the printed fingerprint');
  });

  it('reports a log rewritten from scratch as inconsistent with the checkpoint saved before', async () => {
    raw((db) => {
      for (const t of ['log_leaves_no_delete', 'log_nodes_no_delete', 'takedowns_no_delete', 'publications_no_update']) db.exec(`DROP TRIGGER IF EXISTS ${t}`);
      // last year's accounts quietly changed, and a fresh log made to match
      db.prepare("UPDATE publications SET content = json_set(content, '$.entries[0].expense', 1) WHERE id = ?").run(ledger.v1);
      const p = db.prepare('SELECT village, kind, period, subject, content FROM publications WHERE id = ?').get(ledger.v1) as Record<string, string>;
      db.prepare('UPDATE publications SET sha256 = ? WHERE id = ?').run(digestOf(p), ledger.v1);
      db.exec('DELETE FROM takedowns; DELETE FROM log_nodes; DELETE FROM log_leaves;');
      backfillLog(db);
    });
    // life goes on: the log grows past its old size, so the portal signs the rewritten tree
    await portal.publishLedger();
    await portal.publishLedger();
    // On its own the rewritten log is self-consistent; only a checkpoint saved before shows it.
    expect((await verify('--url', url)).code).toBe(0);
    const run = await verify('--url', url, '--checkpoint', saved());
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('is not consistent with the saved checkpoint (4 → 6');
    expect(run.stderr).toContain('现在的日志与保存的检查点不一致');
    expect(run.stderr).toContain('the root of the first 4 leaves does not match the checkpoint');
  });
});

describe('npm run portal -- verify, photos', () => {
  it('hashes each photo a version shows, and names one whose served bytes are not the image its id names', async () => {
    const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3a7' } }).png().toBuffer();
    const form = new FormData();
    form.append('kind', 'project');
    form.append('file', new File([readFileSync(new URL('430821211227-龙岗村-2026年工程项目公示.xlsx', FIXTURES))], '430821211227-龙岗村-2026年工程项目公示.xlsx', { type: XLSX }));
    form.append('photo', new File([new Uint8Array(photo)], 'site.png', { type: 'image/png' }));
    const res = await portal.app.request(`/api/v1/villages/${LONGGANG}/publications`, { method: 'POST', headers: { Authorization: `Bearer ${await portal.token(LONGGANG)}` }, body: form });
    expect(res.status, await res.clone().text()).toBe(201);
    const id = ((await res.json()) as { publication: { id: string } }).publication.id;
    const stored = (await portal.store.getPublication(id))!;
    const photoId = stored.content.kind === 'project' ? stored.content.projects[0]!.photos[0]!.id : '';
    expect(photoId).toMatch(/^[0-9a-f]{24}$/);

    const clean = await verify('--url', url);
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stdout).toContain('1 张照片');

    const file = join(portal.siteDir, 'media', `${photoId}-1200.webp`);
    const original = readFileSync(file);
    writeFileSync(file, await sharp({ create: { width: 64, height: 48, channels: 3, background: '#a37' } }).webp().toBuffer());
    try {
      const run = await verify('--url', url);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`photo ${photoId} of publication ${id} is not the image its id names`);
    } finally {
      writeFileSync(file, original);
    }
  });
});

// ——— helpers ———

async function upload(village: string, kind: string, file: string, type: string): Promise<string> {
  const res = await portal.app.request(`/api/v1/villages/${village}/publications?kind=${kind}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${await portal.token(village)}`, 'Content-Type': type },
    body: readFileSync(new URL(file, FIXTURES)),
  });
  if (res.status !== 201) throw new Error(`upload of ${file} failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { publication: { id: string } }).publication.id;
}

function raw<T>(edit: (db: Database.Database) => T): T {
  const db = new Database(storeFile(portal.config));
  try {
    return db.transaction(() => edit(db))();
  } finally {
    db.close();
  }
}

function digestOf(p: Record<string, string>): string {
  return publicationDigest({ village: p.village!, kind: p.kind!, period: p.period!, subject: p.subject!, content: JSON.parse(p.content!) });
}

/**
 * The verify command in this process, as scripts/portal.ts runs it (verifyCommand, its output and
 * exit code), against the portal on its port: a child process for each of the file's runs cost
 * the suite a minute of starting tsx; the first test runs the command itself.
 */
async function verify(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await verifyCommand(args, portal.config, (l) => (stdout += `${l}\n`), (l) => (stderr += `${l}\n`));
  return { code, stdout, stderr };
}

/** `npm run portal -- …` in a child process (asynchronously: the portal answers from this one). */
function portalCli(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/portal.ts', ...args], {
      env: { ...process.env, PORTAL_DATA_DIR: portal.config.dataDir, PORTAL_DEMO: '0', PORTAL_BASE_URL: portal.config.baseUrl },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}
