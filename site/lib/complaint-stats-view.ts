import { CHANNEL_LABEL, COMPLAINT_CHANNELS } from '../../data/complaints/complaint-channel.ts';
import type { ComplaintStats } from '../../data/complaints/complaint-stats.ts';
import { TRACK_HREF } from './complaint-form.ts';
import { chinaDateTime } from './format.ts';
import type { ComplaintStatsView, Figure } from './page-model.ts';

/**
 * The public complaint figures as a page prints them. Rates are rounded down, so 199 satisfied
 * out of 200 reads 99.5 %, never 100 %.
 */
export function complaintStatsView(stats: ComplaintStats, now: string, options: { partial?: boolean } = {}): ComplaintStatsView {
  const figures: Figure[] = [
    { label: '受理', value: count(stats.received), unit: '件' },
    { label: '办结', value: count(stats.closed), unit: '件' },
    { label: '超期未办', value: count(stats.overdue), unit: '件' },
    stats.medianDaysToAnswer === null
      ? { label: '答复用时（中位数）', value: '—', unit: null }
      : { label: '答复用时（中位数）', value: String(stats.medianDaysToAnswer), unit: '天' },
    stats.satisfaction === null
      ? { label: '满意率（暂无评价）', value: '—', unit: null }
      : { label: `满意率（${count(stats.feedbacks)} 次评价）`, value: percentDown(stats.satisfaction), unit: null },
  ];
  return {
    heading: '投诉办理情况',
    empty: stats.received === 0,
    figures,
    asOf: `统计截至 ${chinaDateTime(now)}（北京时间）`,
    note: options.partial ? '投诉件数过多，部分村只统计了最近的投诉。' : null,
    channels: channelLine(stats.byChannel),
    trackHref: TRACK_HREF,
  };
}

// ——— private helpers ———

/** 来源：网上反映 12 件 · 微信群 3 件 (issue 17): the channels that brought any, in the list's order; null when none did. */
function channelLine(byChannel: ComplaintStats['byChannel']): string | null {
  const parts = COMPLAINT_CHANNELS.filter((c) => byChannel[c] > 0).map((c) => `${CHANNEL_LABEL[c]} ${count(byChannel[c])} 件`);
  return parts.length === 0 ? null : `来源：${parts.join(' · ')}`;
}

function count(n: number): string {
  return n.toLocaleString('en');
}

/** 0.995 → "99.5%", 1 → "100%": one decimal, rounded down, trailing .0 dropped. */
function percentDown(rate: number): string {
  const tenths = Math.floor(rate * 1000 + 1e-9);
  return `${tenths % 10 === 0 ? tenths / 10 : (tenths / 10).toFixed(1)}%`;
}
