import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../data/config.ts';
import { auditPortal, summarise } from './privacy-audit.ts';

const RAW_ID = '430802196401241328';
const RAW_MOBILE = '13826092975';
let dir = '';
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function config(env: Record<string, string> = {}) {
  const parsed = parseConfig({ PORTAL_DATA_DIR: dir, ...env }, process.cwd());
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.config;
}

function site(files: Record<string, string | Uint8Array>): string {
  dir = mkdtempSync(join(tmpdir(), 'cunwu-audit-'));
  for (const [name, data] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), data);
  }
  return dir;
}

describe('auditing a built folder', () => {
  it('reports numbers in text files with file and line, and skips photos and binary files', async () => {
    const root = site({
      'v/430802108214/index.html': `<!doctype html>\n<td>${RAW_ID}</td>`,
      'log/checkpoint': `cunwu.example/log\n3\n谷世军 ${RAW_MOBILE}\n`,
      'media/abc-320.webp': `RIFF${RAW_ID}`,
      'log/tile/0/000': new Uint8Array([0, ...new TextEncoder().encode(` ${RAW_ID} `)]),
      'style.css': 'body { font-size: 16px }',
    });
    const report = await auditPortal({ config: config(), folders: [{ dir: root, label: 'site/' }] });
    expect(report.findings).toEqual([
      { where: 'site/log/checkpoint', line: 3, kind: 'mobile', shown: '138****2975' },
      { where: 'site/v/430802108214/index.html', line: 2, kind: 'id-number', shown: '430802********1328' },
    ]);
    expect(report).toMatchObject({ files: 3, binaryFiles: 2 });
    expect(summarise(report)).toMatch(/^发现 2 处未打码的个人号码/);
  });

  it('allows the configured supervision phones, and says so in one line when clean', async () => {
    const root = site({ 'v/430802108214/index.html': `<p>县纪委监委 ${RAW_MOBILE}</p>` });
    const dirty = await auditPortal({ config: config(), folders: [{ dir: root, label: 'site/' }] });
    expect(dirty.findings).toHaveLength(1);
    const allowed = await auditPortal({ config: config({ PORTAL_SUPERVISION_PHONES: `县纪委监委:${RAW_MOBILE}` }), folders: [{ dir: root, label: 'site/' }] });
    expect(allowed.findings).toEqual([]);
    expect(summarise(allowed)).toBe(
      '未发现未打码的个人号码：已检查 1 个文件、0 个接口响应（0 个村、0 个公开版本、0 件投诉、0 组日志记录）；跳过 0 个二进制文件 / no unmasked personal numbers in 1 files and 0 responses (0 villages, 0 publication versions, 0 complaints, 0 log tiles); 0 binary files skipped',
    );
  });
});
