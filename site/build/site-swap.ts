import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * The live site folder is a symbolic link to one complete build. A full build writes a new
 * build next to it and then replaces the link in one rename, so readers see the old site or
 * the new one, never a mixture; older builds are then removed in the background.
 *
 *   <data>/site -> site.builds/<id>/
 *
 * Several processes may share the folder (issue 14: several portals on one PostgreSQL), each
 * building at start: a build still being written carries a marker naming its process, and the
 * clean-up after a swap leaves such a build alone unless its process is gone.
 */
export function stagingFolder(outDir: string): string {
  const builds = buildsFolder(outDir);
  mkdirSync(builds, { recursive: true });
  const id = `${new Date().toISOString().replace(/[-:.TZ]/g, '')}-${process.pid}`;
  // two builds started in one millisecond by one process get the same id: the second takes -2, -3 …
  for (let n = 1; ; n++) {
    const dir = join(builds, n === 1 ? id : `${id}-${n}`);
    try {
      mkdirSync(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw error;
    }
    writeFileSync(join(dir, IN_PROGRESS), `${hostname()} ${process.pid}\n`);
    return dir;
  }
}

/** Points `outDir` at `staging` atomically, then deletes the builds no longer linked. */
export function swapIn(outDir: string, staging: string): { cleanup: Promise<void> } {
  const builds = buildsFolder(outDir);
  const relativeTarget = join(basename(builds), basename(staging));
  rmSync(join(staging, IN_PROGRESS), { force: true });
  if (existsSync(outDir) && !lstatSync(outDir).isSymbolicLink()) {
    // A site built before builds were swapped: move it aside so the link can take its name.
    renameSync(outDir, join(builds, `legacy-${Date.now()}`));
  }
  const link = `${outDir}.link-${process.pid}`;
  symlinkSync(relativeTarget, link, 'dir');
  renameSync(link, outDir);
  const current = basename(readlinkSync(outDir));
  const stale = readdirSync(builds).filter((name) => name !== current && !beingBuilt(join(builds, name)));
  const cleanup = Promise.all(stale.map((name) => rm(join(builds, name), { recursive: true, force: true }))).then(() => undefined);
  return { cleanup };
}

/** Written into a build while it is written; a build without it is complete. */
const IN_PROGRESS = '.building';

/** A build another live process on this host is still writing. */
function beingBuilt(dir: string): boolean {
  let marker: string;
  try {
    marker = readFileSync(join(dir, IN_PROGRESS), 'utf8');
  } catch {
    return false;
  }
  const [host, pid] = marker.trim().split(' ');
  // another host's build cannot be checked: left alone
  if (host !== hostname()) return true;
  try {
    process.kill(Number(pid), 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function buildsFolder(outDir: string): string {
  return join(dirname(outDir), `${basename(outDir)}.builds`);
}
