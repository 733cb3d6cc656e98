import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `npm run portal -- posters …` as an operator runs it, on a fresh data folder of the real region.
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cunwu-cli-posters-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function portal(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/portal.ts', ...args], {
    encoding: 'utf8',
    env: { ...process.env, PORTAL_DATA_DIR: dir, PORTAL_DEMO: '0', PORTAL_BASE_URL: 'http://portal.test' },
  });
}

/** Page objects in a PDF (not the /Pages tree nodes). */
const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g) ?? []).length;

describe('npm run portal -- posters', () => {
  it('writes a PDF with one page per village of a township and reports its progress', () => {
    const out = join(dir, 'wangjiaping.pdf');
    const run = portal('posters', '--scope', '430802108', '--out', out);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('生成海报 / rendering posters 100% (13/13)');
    expect(run.stdout).toContain('13 页');
    const pdf = readFileSync(out);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pageCount(pdf)).toBe(13);
  });

  it('refuses a village code as the scope with a message and exit code 2, writing nothing', () => {
    const out = join(dir, 'village.pdf');
    const run = portal('posters', '--scope', '430802108214', '--out', out);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--scope 应为乡镇（9 位）或县（6 位）代码');
    expect(existsSync(out)).toBe(false);
  });

  it('says a township that is not in the region does not exist, with exit code 2', () => {
    const run = portal('posters', '--scope', '430802999', '--out', join(dir, 'none.pdf'));
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('本门户区域内没有乡镇或县 430802999');
  });
});
