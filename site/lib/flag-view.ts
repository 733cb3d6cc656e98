import { FLAG_STATUS_LABEL, type Flag, type FlagEvent } from '../../data/flags/flag.ts';
import { isPublic } from '../../data/flags/public-flag.ts';
import { ALL_RULES } from '../../data/flags/rules/index.ts';
import { chinaDate, chinaDateTime, money } from './format.ts';
import type { FlagItemView, FlagSectionView } from './page-model.ts';
import { publicationHref } from './urls.ts';

/**
 * The village page's 数据核对提示: flags villagers may see (public by the county's policy), in
 * neutral words, each with the rows it rests on, the village's explanation and the reviewer's
 * decision, step by step. Flags not yet public are left out entirely.
 */
export function flagSection(flags: readonly Flag[], now: string): FlagSectionView | null {
  const shown = flags.filter((f) => isPublic(f, now)).sort(byStatusThenNewest);
  if (shown.length === 0) return null;
  const active = shown.filter((f) => f.status === 'open' || f.status === 'explained' || f.status === 'confirmed').length;
  return {
    heading: '数据核对提示',
    summary: active > 0 ? `有 ${active} 条提示待说明或处理中，${shown.length - active} 条已有结论。` : `${shown.length} 条提示均已有结论。`,
    items: shown.map(flagItem),
  };
}

export function flagItem(flag: Flag): FlagItemView {
  const rule = ALL_RULES.find((r) => r.id === flag.rule);
  return {
    id: flag.id,
    anchor: `f${flag.id}`,
    title: flag.title,
    detail: flag.detail,
    status: flag.status,
    statusLabel: FLAG_STATUS_LABEL[flag.status],
    amount: flag.amount === null ? null : money(flag.amount),
    raised: chinaDate(flag.raisedAt),
    sample: flag.sample,
    ruleName: rule?.name ?? flag.rule,
    ruleExplanation: rule?.explanation ?? '',
    evidence: flag.evidence.map((e) => ({ label: e.label, href: `${publicationHref(e.village, e.publicationId)}${e.row === null ? '' : `#r${e.row}`}` })),
    steps: flag.events.map(stepOf),
  };
}

// ——— private helpers ———

const ORDER: Record<Flag['status'], number> = { open: 0, explained: 1, confirmed: 2, resolved: 3, dismissed: 4 };

function byStatusThenNewest(a: Flag, b: Flag): number {
  return ORDER[a.status] - ORDER[b.status] || Number(b.id) - Number(a.id);
}

function stepOf(e: FlagEvent): FlagItemView['steps'][number] {
  const base = { at: chinaDateTime(e.at), iso: e.at, actor: e.actor };
  switch (e.type) {
    case 'raised':
      return { ...base, label: '系统核对发现', text: null };
    case 'updated':
      return { ...base, label: '数据更新后重新核对', text: e.title };
    case 'explained':
      return { ...base, label: '村里的说明', text: e.text };
    case 'commented':
      return { ...base, label: '村务监督委员会意见', text: e.text };
    case 'confirmed':
      return { ...base, label: '审核确认需要整改', text: e.reason };
    case 'dismissed':
      return { ...base, label: '审核认为不是问题', text: e.reason };
    case 'resolved':
      return { ...base, label: e.byData ? '数据更新，问题不再存在' : '审核确认已解决', text: e.byData ? null : e.reason };
    case 'reopened':
      return { ...base, label: '再次核对时又发现', text: null };
  }
}
