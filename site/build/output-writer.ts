import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { findPersonalNumbers, type Finding } from '../../data/privacy/personal-number-scan.ts';
import { fileNature, looksBinary } from '../../data/privacy/text-files.ts';
import { fitNotice, withheldNotice } from './withheld-notice.ts';

/**
 * Writes the site's files. Into the live site (an incremental rebuild) every file is written
 * atomically: to a temporary name next to the target, then renamed over it, so the web server
 * serves either the old or the new file, never half of one. Into a fresh staging folder (a full
 * build, swapped in whole when done: see site-swap.ts) nobody reads yet, so files are written
 * directly and synchronously, which on a slow disk is most of a full build's time saved.
 *
 * Every text file is scanned for unmasked personal numbers before it is written, as the string
 * or bytes it was rendered to (data/privacy/personal-number-scan.ts). One found, the file is
 * withheld: a neutral notice (内容待核查, withheld-notice.ts) is written at its address instead,
 * and everything else is built as usual, so a finding never keeps the portal from starting nor
 * leaves a link pointing at a stale page. The writer keeps what it withheld and which files it
 * wrote clean since it was last asked (`takeReport`); the site builder reports them
 * (privacy-findings.ts). The importer masks before anything is stored, so this is the last line
 * of defence, not the way numbers get masked.
 */
export class OutputWriter {
  /** files written so far, notices included */
  files = 0;
  readonly #root: string;
  readonly #direct: boolean;
  readonly #dirs = new Set<string>();
  readonly #allow: readonly string[];
  readonly #notice: (file: string) => Promise<string | Uint8Array>;
  #withheld: WithheldFile[] = [];
  #cleared = new Set<string>();
  #seq = 0;

  /**
   * `allow`: numbers published on purpose (the configured supervision phones);
   * `notice`: what stands in for a withheld file (withheld-notice.ts; its plain page by default).
   */
  constructor(root: string, options: { direct?: boolean; allow?: readonly string[]; notice?: (file: string) => Promise<string | Uint8Array> } = {}) {
    this.#root = resolve(root);
    this.#direct = options.direct ?? false;
    this.#allow = options.allow ?? [];
    this.#notice = options.notice ?? ((file) => withheldNotice(file, async () => fitNotice(null, [])));
  }

  exists(relative: string): boolean {
    return existsSync(this.#path(relative));
  }

  /** Writes the file, or the notice in its place when it carries an unmasked number. */
  async write(relative: string, data: string | Uint8Array): Promise<WriteOutcome> {
    const target = this.#path(relative);
    const file = siteRelative(relative);
    const findings = this.#scan(relative, data);
    // The latest write of a file decides: a page rebuilt twice in one rebuild is reported once.
    if (this.#withheld.length > 0) this.#withheld = this.#withheld.filter((w) => w.file !== file);
    if (findings.length > 0) {
      this.#withheld.push({ file, findings });
      this.#cleared.delete(file);
      await this.#put(target, await this.#notice(file));
      return { kind: 'withheld', file, findings };
    }
    // A full build replaces the whole list of findings; only a rebuild needs to know what came clean.
    if (!this.#direct) this.#cleared.add(file);
    await this.#put(target, data);
    return { kind: 'written' };
  }

  /** Deletes a file the site no longer has: whatever was withheld there is gone with it. */
  async remove(relative: string): Promise<void> {
    await rm(this.#path(relative), { force: true });
    const file = siteRelative(relative);
    if (this.#withheld.length > 0) this.#withheld = this.#withheld.filter((w) => w.file !== file);
    if (!this.#direct) this.#cleared.add(file);
  }

  /** What was withheld, and which files were written clean or removed, since the last call. */
  takeReport(): WriteReport {
    const report = { withheld: this.#withheld, cleared: [...this.#cleared] };
    this.#withheld = [];
    this.#cleared = new Set();
    return report;
  }

  async #put(target: string, data: string | Uint8Array): Promise<void> {
    const dir = dirname(target);
    // The folders made, so each is made once; forgotten now and then, or a national build would
    // hold 700,000 paths per thread (a folder made again is one cheap call).
    if (this.#dirs.size >= MAX_KNOWN_DIRS) this.#dirs.clear();
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

  #scan(relative: string, data: string | Uint8Array): Finding[] {
    const nature = fileNature(relative);
    if (nature === 'binary' || (nature === 'sniff' && typeof data !== 'string' && looksBinary(data))) return [];
    const text = typeof data === 'string' ? data : UTF8.decode(data);
    return findPersonalNumbers(text, { allow: this.#allow });
  }

  #path(relative: string): string {
    const path = join(this.#root, relative);
    // Paths come from division codes and publication ids; refuse anything that escapes the root.
    if (path !== this.#root && !path.startsWith(this.#root + sep)) throw new Error(`path outside the site: ${relative}`);
    return path;
  }
}

/** A file the guard withheld: where, relative to the site's root with `/`, and what it found (masked). */
export interface WithheldFile {
  file: string;
  findings: Finding[];
}

export type WriteOutcome = { kind: 'written' } | { kind: 'withheld'; file: string; findings: Finding[] };

export interface WriteReport {
  withheld: WithheldFile[];
  /** files written clean or removed: findings recorded for them earlier no longer hold */
  cleared: string[];
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

/** `/v/1/index.html` → `v/1/index.html` (with `/` on every platform): how files are named in reports. */
function siteRelative(relative: string): string {
  return relative.split(sep).join('/').replace(/^\/+/, '');
}

/** Folders an output writer remembers having made (see #put). */
const MAX_KNOWN_DIRS = 10_000;
const UTF8 = new TextDecoder();
