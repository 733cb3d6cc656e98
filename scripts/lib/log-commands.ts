import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Config } from '../../data/config.ts';
import { findPersonalNumbers } from '../../data/privacy/personal-number-scan.ts';
import { createSiteBuilder } from '../../site/build/site-builder.ts';
import { ensureAstroBundle } from './astro-bundle.ts';
import { openRuntimeStore } from './runtime.ts';
import { describeVerifyFinding, summaryLines, verifyPortal } from './verify.ts';

/**
 * The transparency log's subcommands of `npm run portal` (scripts/portal.ts). Each returns the
 * process exit code: 0 all well, 1 something found (verify), 2 a request that cannot be carried
 * out, 64 wrong arguments.
 */
export const LOG_USAGE = `  npm run portal -- takedown --publication <id> --reason "<text>"
  npm run portal -- verify [--url <portal>] [--key <verifier key or file>] [--checkpoint <saved file>] [--save <file>] [--printed <size>:<fingerprint>]`;

type Print = (line: string) => void;

/**
 * Takes a version down (personal data published by mistake): the tombstone leaf, the takedown
 * record and its leaving search commit together; then the village's pages are rebuilt in the
 * data folder's site, which a running server serves as they are written.
 */
export async function takedownCommand(args: string[], cfg: Config, out: Print, err: Print): Promise<number> {
  const { values } = parseArgs({ args, options: { publication: { type: 'string' }, reason: { type: 'string' } } });
  if (!values.publication || !values.reason?.trim()) {
    err(`用法 / usage:\n${LOG_USAGE.split('\n')[0]}\n撤下须写明原因 / a takedown needs --publication and a --reason`);
    return 64;
  }
  // The reason goes into the log for good: it must not repeat what is being taken down.
  const leaked = findPersonalNumbers(values.reason);
  if (leaked.length > 0) {
    err(`原因里有个人号码（${leaked.map((f) => f.shown).join('、')}），请不要写出号码 / the reason contains a personal number; describe it without the number`);
    return 64;
  }
  const store = await openRuntimeStore(cfg, out);
  try {
    const publication = await store.getPublication(values.publication);
    if (!publication) {
      err(`找不到公开记录 ${values.publication} / no publication ${values.publication}`);
      return 2;
    }
    const outcome = await store.tombstone(publication.id, values.reason, new Date().toISOString());
    if (outcome.kind === 'not-found') {
      err(`找不到公开记录 ${values.publication} / no publication ${values.publication}`);
      return 2;
    }
    const t = outcome.takedown;
    if (outcome.kind === 'already-taken-down') out(`${t.publicationId} 已于 ${t.at} 撤下（日志第 ${t.logIndex} 号记录），原因：${t.reason} / already taken down`);
    else out(`已撤下 ${t.publicationId}，撤下记录为日志第 ${t.logIndex} 号 / taken down; the takedown is leaf ${t.logIndex} of the log`);
    out(`内容的 SHA-256 仍公开可查 / the content's SHA-256 stays published: ${publication.sha256}`);
    const serverEntry = await ensureAstroBundle(out);
    const builder = await createSiteBuilder({ store, config: cfg, outDir: join(cfg.dataDir, 'site'), serverEntry });
    const rebuilt = await builder.rebuildForPublication(publication);
    out(`已重新生成 ${rebuilt.files} 个页面文件 / rebuilt ${rebuilt.files} page files → ${join(cfg.dataDir, 'site')}`);
    return 0;
  } finally {
    await store.close();
  }
}

/** The journalist's command: checks a portal's log against what it publishes (scripts/lib/verify.ts). */
export async function verifyCommand(args: string[], cfg: Config, out: Print, err: Print): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { url: { type: 'string' }, key: { type: 'string' }, checkpoint: { type: 'string' }, save: { type: 'string' }, printed: { type: 'string', multiple: true } },
  });
  const url = (values.url ?? cfg.baseUrl).replace(/\/+$/, '');
  const printed: Array<{ size: number; fingerprint: string }> = [];
  for (const p of values.printed ?? []) {
    const match = /^(\d+):([0-9a-f\s]{16,})$/i.exec(p.trim());
    if (!match) {
      err(`--printed 应写成“条数:指纹”，如 57:3f2a9c0177de0b45 / --printed is <size>:<fingerprint>, e.g. 57:3f2a9c0177de0b45 (got ${p})`);
      return 64;
    }
    printed.push({ size: Number(match[1]), fingerprint: match[2]! });
  }
  let key: string | undefined;
  if (values.key !== undefined) key = existsSync(values.key) ? (await readFile(values.key, 'utf8')).trim() : values.key.trim();
  let saved: string | undefined;
  if (values.checkpoint !== undefined) {
    if (!existsSync(values.checkpoint)) {
      err(`找不到保存的检查点文件 ${values.checkpoint} / no saved checkpoint file ${values.checkpoint}`);
      return 2;
    }
    saved = await readFile(values.checkpoint, 'utf8');
  }

  const report = await verifyPortal({ url, ...(key ? { key } : {}), ...(saved !== undefined ? { saved } : {}), printed });
  for (const line of summaryLines(report, url)) out(line);
  if (values.save && report.note) {
    await writeFile(resolve(values.save), report.note);
    out(`已保存当前检查点，下次用 --checkpoint ${values.save} 核对日志只增不改 / saved the checkpoint; pass --checkpoint ${values.save} next time`);
  }
  if (report.findings.length === 0) {
    out(`核验通过：检查点签名有效，日志记录与公开内容一致${report.saved ? '，且与保存的检查点一致（只增未改）' : ''}。`);
    out(`Verified: the checkpoint is signed, every leaf matches what is published${report.saved ? ', and the log only grew since the saved checkpoint' : ''}.`);
    return 0;
  }
  err(`发现 ${report.findings.length} 个问题 / ${report.findings.length} finding${report.findings.length === 1 ? '' : 's'}:`);
  for (const f of report.findings) err(`  - ${describeVerifyFinding(f)}`);
  return 1;
}
