import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
export const SERVER_ENTRY = join(root, 'dist/server/entry.mjs');

/**
 * The Astro SSR bundle the page renderer uses. Built with `astro build` when it is missing or
 * older than any file under site/ or astro.config.mjs, so a fresh clone needs no extra step.
 */
export async function ensureAstroBundle(log: (line: string) => void = () => {}): Promise<string> {
  if (existsSync(SERVER_ENTRY) && statSync(SERVER_ENTRY).mtimeMs >= newestSource()) return SERVER_ENTRY;
  log('构建页面模板 / building page templates (astro build) …');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'node_modules/astro/astro.js'), 'build', '--silent'], {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`astro build exited with ${code}`))));
  });
  return SERVER_ENTRY;
}

function newestSource(): number {
  let newest = statSync(join(root, 'astro.config.mjs')).mtimeMs;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (!entry.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  walk(join(root, 'site'));
  return newest;
}
