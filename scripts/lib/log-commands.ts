import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Config } from '../../data/config.ts';
import { findPersonalNumbers } from '../../data/privacy/personal-number-scan.ts';
import { createSiteBuilder } from '../../site/build/site-builder.ts';
import { ensureAstroBundle } from './astro-bundle.ts';
import { takeDataLock } from './data-lock.ts';
import { openRuntimeStore } from './runtime.ts';
import type { ComplaintTakedowns } from '../../data/store/takedown-store.ts';
import { describeVerifyFinding, summaryLines, verifyPortal } from './verify.ts';

/**
 * The transparency log's subcommands of `npm run portal` (scripts/portal.ts). Each returns the
 * process exit code: 0 all well, 1 something found (verify), 2 a request that cannot be carried
 * out, 64 wrong arguments, 75 the data folder is held by the portal or another command (try later).
 */
export const LOG_USAGE = `  npm run portal -- takedown --publication <id> --reason "<text>"   (先停止门户 / with the portal stopped)
  npm run portal -- takedown --complaint <public id> --step <seq> --reason "<text>"   (门户运行时亦可 / also while the portal runs)
  npm run portal -- verify [--url <portal>] [--key <verifier key or file>] [--checkpoint <saved file>] [--save <file>] [--printed <size>:<fingerprint>]`;

type Print = (line: string) => void;

/**
 * Takes a version down (personal data published by mistake): the tombstone leaf, the takedown
 * record and its leaving search commit together; then the village's pages are rebuilt in the
 * data folder's site, with the portal stopped (the data folder's lock: its start-up rebuilds every
 * page again). With `--complaint` and
 * `--step`, takes one step of a complaint down instead (a reply that leaked a number): its leaf and
 * record commit together, and every public view of the complaint (the tracking page, the API,
 * Open311) is built per request, so it shows 已撤下 at once; no page is rebuilt.
 */
export async function takedownCommand(args: string[], cfg: Config, out: Print, err: Print): Promise<number> {
  const { values } = parseArgs({ args, options: { publication: { type: 'string' }, complaint: { type: 'string' }, step: { type: 'string' }, reason: { type: 'string' } } });
  const usage = LOG_USAGE.split('\n').slice(0, 2).join('\n');
  const forComplaint = values.complaint !== undefined || values.step !== undefined;
  if ((values.publication === undefined) === !forComplaint || !values.reason?.trim()) {
    err(`用法 / usage:\n${usage}\n撤下须写明原因，并指明一份公开记录或一件投诉的一步 / a takedown needs a --reason and either --publication, or --complaint with --step`);
    return 64;
  }
  if (forComplaint && (!/^[1-9]\d{0,14}$/.test(values.complaint ?? '') || !/^[1-9]\d{0,5}$/.test(values.step ?? ''))) {
    err(`--complaint 是投诉编号（公开编号，不是查询码），--step 是第几步，都是正整数 / --complaint is the complaint's public id (not its tracking code) and --step the step's number, both whole numbers ≥ 1`);
    return 64;
  }
  // The reason goes into the log for good: it must not repeat what is being taken down.
  const leaked = findPersonalNumbers(values.reason);
  if (leaked.length > 0) {
    err(`原因里有个人号码（${leaked.map((f) => f.shown).join('、')}），请不要写出号码 / the reason contains a personal number; describe it without the number`);
    return 64;
  }
  // A version's takedown rewrites the village's pages in the site folder the server writes too, and
  // the server keeps its own renders of them: it holds the data folder's lock (data-lock.ts), so it
  // refuses (75) while the portal runs. A complaint step's takedown writes only the store (SQLite
  // serialises it with the server's writes; every view of a complaint is built per request): it
  // runs beside the portal.
  const lock = forComplaint ? null : takeDataLock(cfg.dataDir, 'takedown');
  if (lock && !lock.ok) {
    err(lock.message);
    return lock.reason === 'held' ? 75 : 2;
  }
  const release = () => {
    if (lock?.ok) lock.lock.release();
  };
  const store = await openRuntimeStore(cfg, out).catch((error: unknown) => {
    release();
    throw error;
  });
  try {
    if (forComplaint) return await takeDownStep(store, values.complaint!, Number(values.step), values.reason, out, err);
    const publication = await store.getPublication(values.publication!);
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
    release();
  }
}

/** The journalist's command: checks a portal's log against what it publishes (scripts/lib/verify.ts). */
export async function verifyCommand(args: string[], cfg: Config, out: Print, err: Print): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      url: { type: 'string' },
      key: { type: 'string' },
      checkpoint: { type: 'string' },
      save: { type: 'string' },
      printed: { type: 'string', multiple: true },
      complaint: { type: 'string', multiple: true },
    },
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

  const report = await verifyPortal({ url, ...(key ? { key } : {}), ...(saved !== undefined ? { saved } : {}), printed, trackingCodes: values.complaint ?? [] });
  for (const line of summaryLines(report, url)) out(line);
  if (report.findings.length === 0) {
    // Only a checkpoint that verified is worth comparing with later: saving a failed one would vouch for it.
    if (values.save && report.note) {
      await writeFile(resolve(values.save), report.note);
      out(`已保存当前检查点，下次用 --checkpoint ${values.save} 核对日志只增不改 / saved the checkpoint; pass --checkpoint ${values.save} next time`);
    }
    out(`核验通过：检查点签名有效，门户公开的每份记录都在日志中且与日志一致${report.saved ? '，且与保存的检查点一致（只增未改）' : ''}。`);
    out(`Verified: the checkpoint is signed, everything the portal lists is in the log and matches it${report.saved ? ', and the log only grew since the saved checkpoint' : ''}.`);
    return 0;
  }
  err(`发现 ${report.findings.length} 个问题 / ${report.findings.length} finding${report.findings.length === 1 ? '' : 's'}:`);
  for (const f of report.findings) err(`  - ${describeVerifyFinding(f)}`);
  if (values.save) err(`核验未通过，没有保存检查点 ${values.save} / verification failed, so no checkpoint was saved to ${values.save}`);
  return 1;
}

// ——— private helpers ———

async function takeDownStep(store: ComplaintTakedowns, complaint: string, seq: number, reason: string, out: Print, err: Print): Promise<number> {
  const outcome = await store.takeDownComplaintStep(complaint, seq, reason, new Date().toISOString());
  if (outcome.kind === 'not-found') {
    err(`找不到投诉 ${complaint} 的第 ${seq} 步 / complaint ${complaint} has no step ${seq}`);
    return 2;
  }
  const t = outcome.takedown;
  if (outcome.kind === 'already-taken-down') {
    out(`投诉 ${t.complaint} 的第 ${t.seq} 步已于 ${t.at} 撤下（日志第 ${t.logIndex} 号记录），原因：${t.reason} / already taken down`);
  } else {
    out(`已撤下投诉 ${t.complaint} 的第 ${t.seq} 步，撤下记录为日志第 ${t.logIndex} 号 / taken down; the takedown is leaf ${t.logIndex} of the log`);
  }
  out('这一步的日志记录不变，哈希仍可核对；公开页面只显示类型、时间和撤下原因，工作人员仍可看到原文 / the step\'s own leaf is unchanged and still verifies; public views show its type, date and the reason, staff still read the original');
  return 0;
}
