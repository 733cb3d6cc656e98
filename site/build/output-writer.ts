import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { describeFinding, findPersonalNumbers, type Finding } from '../../data/privacy/personal-number-scan.ts';
import { fileNature, looksBinary } from '../../data/privacy/text-files.ts';

/**
 * Writes the site's files. Into the live site (an incremental rebuild) every file is written
 * atomically: to a temporary name next to the target, then renamed over it, so the web server
 * serves either the old or the new file, never half of one. Into a fresh staging folder (a full
 * build, swapped in whole when done: see site-swap.ts) nobody reads yet, so files are written
 * directly and synchronously, which on a slow disk is most of a full build's time saved.
 *
 * Every text file is scanned for unmasked personal numbers before it is written, as the string
 * or bytes it was rendered to (data/privacy/personal-number-scan.ts). One found, the file is not
 * written and `write` throws a PersonalNumberLeak naming the file, the line and the masked
 * number: a full build stops and its staging folder is never swapped in; an incremental rebuild
 * leaves the live page as it was. The importer masks before anything is stored, so this is the
 * last line of defence, not the way numbers get masked.
 */
export class OutputWriter {
  /** files written so far */
  files = 0;
  readonly #root: string;
  readonly #direct: boolean;
  readonly #dirs = new Set<string>();
  readonly #allow: readonly string[];
  #seq = 0;

  /** `allow`: numbers published on purpose (the configured supervision phones) */
  constructor(root: string, options: { direct?: boolean; allow?: readonly string[] } = {}) {
    this.#root = resolve(root);
    this.#direct = options.direct ?? false;
    this.#allow = options.allow ?? [];
  }

  exists(relative: string): boolean {
    return existsSync(this.#path(relative));
  }

  async write(relative: string, data: string | Uint8Array): Promise<void> {
    const target = this.#path(relative);
    this.#refuseLeak(relative, data);
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

  #refuseLeak(relative: string, data: string | Uint8Array): void {
    const nature = fileNature(relative);
    if (nature === 'binary' || (nature === 'sniff' && typeof data !== 'string' && looksBinary(data))) return;
    const text = typeof data === 'string' ? data : UTF8.decode(data);
    const findings = findPersonalNumbers(text, { allow: this.#allow });
    if (findings.length > 0) throw new PersonalNumberLeak(relative.split(sep).join('/').replace(/^\/+/, ''), findings, this.#direct ? 'staged' : 'live');
  }

  #path(relative: string): string {
    const path = join(this.#root, relative);
    // Paths come from division codes and publication ids; refuse anything that escapes the root.
    if (path !== this.#root && !path.startsWith(this.#root + sep)) throw new Error(`path outside the site: ${relative}`);
    return path;
  }
}

/** A rendered file carries an unmasked ID, mobile or bank-card number; it was not written. */
export class PersonalNumberLeak extends Error {
  constructor(
    readonly file: string,
    readonly findings: readonly Finding[],
    into: 'staged' | 'live',
  ) {
    const list = findings.slice(0, 5).map((f) => `  ${describeFinding(file, f)}`);
    if (findings.length > 5) list.push(`  … ${findings.length - 5} more`);
    super(
      [
        into === 'staged'
          ? '页面含未打码的个人号码，本次生成已停止，线上站点保持不变 / unmasked personal numbers in a page: the build stopped and the live site was left as it was'
          : '页面含未打码的个人号码，未写入，线上页面保持原样 / unmasked personal numbers in a page: it was not written and the live page was left as it was',
        ...list,
        '请用 npm run portal -- audit 查看全部，并撤下有关公开内容 / run `npm run portal -- audit` for the full list and take the publication down',
      ].join('\n'),
    );
    this.name = 'PersonalNumberLeak';
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

const UTF8 = new TextDecoder();
