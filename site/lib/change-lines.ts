import type { VersionDiff } from '../../data/version-diff.ts';

/**
 * What a correction changes, in a few lines: for the upload's preview and the 改了什么 page (issue 16): counts, then the totals
 * that move, then up to `limit` rows each added, removed or changed.
 */
export function changeLines(diff: VersionDiff, version: number, limit = 10): string[] {
  const lines = [`与第 ${version} 版相比：新增 ${diff.added.length} 行，删除 ${diff.removed.length} 行，修改 ${diff.changed.length} 行，其余 ${diff.unchanged} 行不变。`];
  if (diff.title) lines.push(`标题：“${diff.title.before}”改为“${diff.title.after}”。`);
  for (const t of diff.totals) lines.push(`${t.label}：${t.before} → ${t.after}`);
  const rows = [
    ...diff.added.map((r) => `新增 第${r.row}行 ${r.text}`),
    ...diff.removed.map((r) => `删除 原第${r.row}行 ${r.text}`),
    ...diff.changed.map((c) => `修改 第${c.after.row}行 ${c.after.text}（${c.fields.join('、')}）`),
  ];
  lines.push(...rows.slice(0, limit));
  if (rows.length > limit) lines.push(`……另有 ${rows.length - limit} 处变化。`);
  return lines;
}

