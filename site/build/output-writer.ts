import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';

/**
 * Writes the site's files. Into the live site (an incremental rebuild) every file is written
 * atomically: to a temporary name next to the target, then renamed over it, so the web server
 * serves either the old or the new file, never half of one. Into a fresh staging folder (a full
 * build, swapped in whole when done: see site-swap.ts) nobody reads yet, so files are written
 * directly and synchronously, which on a slow disk is most of a full build's time saved.
 */
export class OutputWriter {
  /** files written so far */
  files = 0;
  readonly #root: string;
  readonly #direct: boolean;
  readonly #dirs = new Set<string>();
  #seq = 0;

  constructor(root: string, options: { direct?: boolean } = {}) {
    this.#root = resolve(root);
    this.#direct = options.direct ?? false;
  }

  exists(relative: string): boolean {
    return existsSync(this.#path(relative));
  }

  async write(relative: string, data: string | Uint8Array): Promise<void> {
    const target = this.#path(relative);
    const dir = dirname(target);
    if (this.#direct) {
      if (!this.#dirs.has(dir)) {
        mkdirSync(dir, { recursive: true });
        this.#dirs.add(dir);
      }
      writeFileSync(target, data);
      this.files += 1;
      return;
    }
    if (!this.#dirs.has(dir)) {
      await mkdir(dir, { recursive: true });
      this.#dirs.add(dir);
    }
    const temp = `${target}.${process.pid}.${++this.#seq}.tmp`;
    try {
      await writeFile(temp, data).catch(async (error: NodeJS.ErrnoException) => {
        // the folder went away since it was first made (a cleaned output folder): make it again
        if (error.code !== 'ENOENT') throw error;
        await mkdir(dir, { recursive: true });
        await writeFile(temp, data);
      });
      await rename(temp, target);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    this.files += 1;
  }

  #path(relative: string): string {
    const path = join(this.#root, relative);
    // Paths come from division codes and publication ids; refuse anything that escapes the root.
    if (path !== this.#root && !path.startsWith(this.#root + sep)) throw new Error(`path outside the site: ${relative}`);
    return path;
  }
}

/** Runs `fn` over `items` with at most `limit` in flight, in order of start. */
export async function mapLimit<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
