import { describeFinding } from '../../data/log/audit-log.ts';
import { rootFingerprint } from '../../data/log/checkpoint.ts';
import type { VerifyFinding, VerifyReport } from './verify.ts';

/** One line per finding, Chinese first with English alongside. */
export function describeVerifyFinding(f: VerifyFinding): string {
  switch (f.kind) {
    case 'audit':
      return describeFinding(f.finding);
    case 'unreachable':
      return `无法下载 ${f.url}：${f.detail} / could not download ${f.url}: ${f.detail}`;
    case 'unreadable':
      return `${f.url} 的内容无法读取：${f.detail} / ${f.url} is unreadable: ${f.detail}`;
    case 'bad-key':
      return `验证密钥无效：${f.detail} / the verifier key is invalid: ${f.detail}`;
    case 'key-changed':
      return `门户公布的密钥（${f.served}）与你固定的密钥不同，已按你固定的密钥核验 / the portal serves a different key (${f.served}) from the one you pinned; checked with yours`;
    case 'bad-checkpoint':
      return `检查点签名无效或格式错误（${f.detail}）/ the checkpoint's signature or format is invalid (${f.detail})`;
    case 'bad-saved-checkpoint':
      return `保存的检查点无法验证（${f.detail}）/ the saved checkpoint does not verify (${f.detail})`;
    case 'log-shrank':
      return `日志变短了：保存时有 ${f.saved} 条，现在只有 ${f.size} 条 / the log shrank: ${f.saved} leaves when saved, ${f.size} now`;
    case 'inconsistent':
      return `现在的日志与保存的检查点不一致（${f.from} → ${f.to} 条，${f.detail}）：已有记录被改写 / the log is not consistent with the saved checkpoint (${f.from} → ${f.to}, ${f.detail}): earlier records were rewritten`;
    case 'not-in-signed-tree':
      return `公开记录 ${f.publication}（日志第 ${f.index} 号记录）不在签名的日志树中该位置 / publication ${f.publication} (leaf ${f.index}) is not where the signed tree has it`;
    case 'no-proof':
      return `门户无法证明公开记录 ${f.publication}（日志第 ${f.index} 号记录）在签名的日志树中（${f.detail}）/ the portal cannot prove publication ${f.publication} (leaf ${f.index}) is in the signed tree (${f.detail})`;
    case 'takedown-not-applied':
      return `公开记录 ${f.publication} 已在日志中撤下，但内容仍在公开 / publication ${f.publication} was taken down in the log but its content is still served`;
    case 'printed-mismatch':
      return `打印的日志指纹（${f.size} 条，${f.fingerprint}）与日志不符${f.actual ? `（应为 ${f.actual}）` : ''} / the printed fingerprint (${f.size} leaves, ${f.fingerprint}) does not match the log${f.actual ? ` (it is ${f.actual})` : ''}`;
    case 'not-in-index':
      return `公开记录 ${f.publication}（${f.url}）在公开，但公开记录索引 /log/publications.json 没有列出 / publication ${f.publication} (${f.url}) is served but the index /log/publications.json does not list it`;
    case 'index-mismatch':
      return `公开记录索引中 ${f.publication} 的 ${f.fields.join('、')} 与它的数据文件不符 / the index lists ${f.publication} with a different ${f.fields.join(', ')} from its data twin`;
    case 'takedown-mismatch':
      return `公开记录 ${f.publication} 显示的撤下信息（${f.fields.join('、')}）与日志第 ${f.index} 号撤下记录不符 / the takedown shown for ${f.publication} differs from tombstone leaf ${f.index} in ${f.fields.join(', ')}`;
    case 'superseded-by-mismatch':
      return `公开记录 ${f.publication} 标明的更新版本（${f.served ?? '无'}）与日志不符（日志中为 ${f.logged ?? '无'}）/ publication ${f.publication} names ${f.served ?? 'no'} newer version, the log has ${f.logged ?? 'none'}`;
    case 'photo-missing':
      return `公开记录 ${f.publication} 的照片 ${f.photo} 没有提供（${f.url}）/ photo ${f.photo} of publication ${f.publication} is not served (${f.url})`;
    case 'photo-mismatch':
      return `公开记录 ${f.publication} 的照片 ${f.photo} 与其编号不符：文件的 SHA-256 以 ${f.actual} 开头 / photo ${f.photo} of publication ${f.publication} is not the image its id names: its SHA-256 begins ${f.actual}`;
    case 'complaint-not-logged':
      return `投诉 ${f.complaint} 在公开列表中，但它的受理记录不在日志中 / complaint ${f.complaint} is listed but its first step is not in the log`;
    case 'complaint-missing':
      return `日志第 ${f.index} 号记录的投诉 ${f.complaint} 已不在公开列表中 / complaint ${f.complaint} (leaf ${f.index}) is no longer listed`;
    case 'bad-tracking-code':
      return `查询码 ${f.code} 格式不对 / ${f.code} is not a tracking code`;
    case 'complaint-step': {
      const step = [`投诉 ${f.complaint} 的第 ${f.seq} 步`, `step ${f.seq} of complaint ${f.complaint}`];
      if (f.problem === 'not-logged') return `${step[0]}不在日志中 / ${step[1]} is not in the log`;
      if (f.problem === 'mismatch') return `${step[0]}与日志第 ${f.index} 号记录的哈希不符 / ${step[1]} does not match the hash in leaf ${f.index}`;
      if (f.problem === 'takedown-mismatch') {
        return f.index === null
          ? `${step[0]}显示为已撤下，但日志中没有它的撤下记录 / ${step[1]} is shown as taken down, but the log has no takedown of it`
          : `${step[0]}显示的撤下信息与日志第 ${f.index} 号撤下记录不符 / the takedown shown for ${step[1]} differs from leaf ${f.index}`;
      }
      return `日志第 ${f.index} 号记录的${step[0]}已不在查询页上 / ${step[1]} (leaf ${f.index}) is no longer shown`;
    }
  }
}

/** What the command prints when all is well (or before the findings). */
export function summaryLines(report: VerifyReport, url: string): string[] {
  const cp = report.checkpoint;
  if (!cp) return [`门户 / portal: ${url}`];
  const lines = [
    `门户 / portal: ${url}`,
    `日志 / log: ${cp.origin}，检查点共 ${cp.size} 条记录 / checkpoint of ${cp.size} leaves，日志指纹 / fingerprint ${rootFingerprint(cp.root)}`,
    `签名 / signed by: ${report.signedBy ?? '—'}`,
    `已核对 ${report.leaves} 条日志记录、${report.publications} 份公开记录、${report.takenDown} 份已撤下记录、${report.photos} 张照片 / checked ${report.leaves} leaves, ${report.publications} publications, ${report.takenDown} taken down, ${report.photos} photos`,
    `已核对 ${report.flags} 条核对提示、${report.rounds} 轮巡察整改、${report.settings} 个县级设置版本的每一步 / checked every step of ${report.flags} flags, ${report.rounds} rounds and ${report.settings} settings versions` +
      (report.flagsNotYetPublic > 0 ? `；另有 ${report.flagsNotYetPublic} 条提示尚未公开，未核对内容 / ${report.flagsNotYetPublic} flags not yet public, content not checked` : ''),
    `已核对 ${report.decisions} 件四议两公开事项的每条记录、${report.powerCatalogues} 个县级小微权力清单版本、${report.regionSummaries} 份乡镇县市汇总表 / checked every entry of ${report.decisions} 四议两公开 matters, ${report.powerCatalogues} power-list versions and ${report.regionSummaries} region summary tables`,
    `已核对 ${report.complaints} 件投诉的受理记录在日志中${report.complaintSteps > 0 ? `，并按查询码重算了 ${report.complaintSteps} 步` : ''}${report.complaintStepsTakenDown > 0 ? `，${report.complaintStepsTakenDown} 步已撤下（核对了撤下记录）` : ''} / checked ${report.complaints} complaints have their first step logged${report.complaintSteps > 0 ? `, and recomputed ${report.complaintSteps} steps from tracking codes` : ''}${report.complaintStepsTakenDown > 0 ? `; ${report.complaintStepsTakenDown} steps taken down, their takedown leaves checked` : ''}`,
  ];
  if (report.flagListCapped) lines.push('核对提示列表达到上限，超出部分只按日志核对 / the flag list was capped; flags past it were checked only as the log names them');
  for (const m of report.moved) {
    lines.push(
      m.servedVillage === m.loggedVillage
        ? `已迁址 / moved: ${m.publication} 现在位于 ${m.url}（日志记在 ${m.loggedVillage}）/ now served at ${m.url} (logged under ${m.loggedVillage})`
        : `已迁址 / moved: ${m.publication} 从 ${m.loggedVillage} 迁到 ${m.servedVillage}（${m.url}）/ logged under ${m.loggedVillage}, now served as ${m.servedVillage} at ${m.url}`,
    );
  }
  for (const s of report.maskedSteps) lines.push(`投诉 ${s.complaint} 的第 ${s.seq} 步显示时号码已打码，无法按页面内容重算 / step ${s.seq} of complaint ${s.complaint} is shown with a number masked and cannot be recomputed from the page`);
  if (report.saved) lines.push(`保存的检查点 / saved checkpoint: ${report.saved.size} 条 / leaves，指纹 / fingerprint ${rootFingerprint(report.saved.root)}`);
  return lines;
}
