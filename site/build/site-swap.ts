import { existsSync, lstatSync, mkdirSync, readdirSync, readlinkSync, renameSync, symlinkSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * The live site folder is a symbolic link to one complete build. A full build writes a new
 * build next to it and then replaces the link in one rename, so readers see the old site or
 * the new one, never a mixture; older builds are then removed in the background.
 *
 *   <data>/site -> site.builds/<id>/
 */
export function stagingFolder(outDir: string): string {
  const builds = buildsFolder(outDir);
  mkdirSync(builds, { recursive: true });
  const id = `${new Date().toISOString().replace(/[-:.TZ]/g, '')}-${process.pid}`;
  const dir = join(builds, id);
  mkdirSync(dir);
  return dir;
}

/** Points `outDir` at `staging` atomically, then deletes the builds no longer linked. */
export function swapIn(outDir: string, staging: string): { cleanup: Promise<void> } {
  const builds = buildsFolder(outDir);
  const relativeTarget = join(basename(builds), basename(staging));
  if (existsSync(outDir) && !lstatSync(outDir).isSymbolicLink()) {
    // A site built before builds were swapped: move it aside so the link can take its name.
    renameSync(outDir, join(builds, `legacy-${Date.now()}`));
  }
  const link = `${outDir}.link-${process.pid}`;
  symlinkSync(relativeTarget, link, 'dir');
  renameSync(link, outDir);
  const current = basename(readlinkSync(outDir));
  const stale = readdirSync(builds).filter((name) => name !== current);
  const cleanup = Promise.all(stale.map((name) => rm(join(builds, name), { recursive: true, force: true }))).then(() => undefined);
  return { cleanup };
}

function buildsFolder(outDir: string): string {
  return join(dirname(outDir), `${basename(outDir)}.builds`);
}
