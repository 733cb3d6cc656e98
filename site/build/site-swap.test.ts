import { existsSync, mkdirSync, mkdtempSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stagingFolder, swapIn } from './site-swap.ts';

describe('swapping a full build in', () => {
  let root: string;
  let site: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'cunwu-swap-'));
    site = join(root, 'site');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('links the new build and removes finished old ones, but not a build another live process is still writing', async () => {
    const old = stagingFolder(site);
    await swapIn(site, old).cleanup;
    // another process (here: this one's parent, alive) started building before this one
    const theirs = join(root, 'site.builds', '00000000000000000-other');
    mkdirSync(theirs);
    writeFileSync(join(theirs, '.building'), `${hostname()} ${process.ppid}\n`);
    // a build whose process died half-way
    const abandoned = join(root, 'site.builds', '00000000000000000-dead');
    mkdirSync(abandoned);
    writeFileSync(join(abandoned, '.building'), `${hostname()} 2147483646\n`);
    const mine = stagingFolder(site);
    writeFileSync(join(mine, 'index.html'), '<p>new</p>');
    await swapIn(site, mine).cleanup;
    expect(basename(readlinkSync(site))).toBe(basename(mine));
    expect(existsSync(join(mine, '.building'))).toBe(false);
    expect(existsSync(old)).toBe(false);
    expect(existsSync(abandoned)).toBe(false);
    expect(existsSync(theirs)).toBe(true);
  });

  it('gives two builds started in the same millisecond folders of their own', () => {
    const folders = Array.from({ length: 5 }, () => stagingFolder(site));
    expect(new Set(folders).size).toBe(5);
  });
});
