import { describe, expect, it } from 'vitest';
import type { ComplaintStats } from '../../data/complaints/complaint-stats.ts';
import { noChannels } from '../../data/complaints/complaint-facts.ts';
import { complaintStatsView } from './complaint-stats-view.ts';

const stats = (s: Partial<ComplaintStats>): ComplaintStats => ({ received: 0, closed: 0, overdue: 0, medianDaysToAnswer: null, satisfaction: null, feedbacks: 0, byChannel: noChannels(), ...s });
const NOW = '2026-08-01T01:30:00.000Z';

describe('the public complaint figures', () => {
  it('says 暂无投诉 (empty) rather than a row of zeros when nothing was received', () => {
    const view = complaintStatsView(stats({}), NOW);
    expect(view.empty).toBe(true);
    expect(view.asOf).toBe('统计截至 2026-08-01 09:30（北京时间）');
  });

  it('prints received, closed, overdue, the median days to answer and the satisfaction rate with its base', () => {
    const view = complaintStatsView(stats({ received: 1234, closed: 694, overdue: 3, medianDaysToAnswer: 4.5, satisfaction: 0.75, feedbacks: 8 }), NOW);
    expect(view.empty).toBe(false);
    expect(view.figures.map((f) => `${f.label}=${f.value}${f.unit ?? ''}`)).toEqual([
      '受理=1,234件',
      '办结=694件',
      '超期未办=3件',
      '答复用时（中位数）=4.5天',
      '满意率（8 次评价）=75%',
    ]);
  });

  it('never rounds a rate up to 100 % when someone was unsatisfied', () => {
    const view = complaintStatsView(stats({ received: 200, satisfaction: 199 / 200, feedbacks: 200 }), NOW);
    expect(view.figures[4]?.value).toBe('99.5%');
    const almost = complaintStatsView(stats({ received: 2000, satisfaction: 1999 / 2000, feedbacks: 2000 }), NOW);
    expect(almost.figures[4]?.value).toBe('99.9%');
  });

  it('shows a dash, not zero, for figures nobody has produced yet', () => {
    const view = complaintStatsView(stats({ received: 2 }), NOW);
    expect(view.figures[3]).toEqual({ label: '答复用时（中位数）', value: '—', unit: null });
    expect(view.figures[4]).toEqual({ label: '满意率（暂无评价）', value: '—', unit: null });
  });

  it('says when some complaints could not be counted', () => {
    expect(complaintStatsView(stats({ received: 5000 }), NOW, { partial: true }).note).toContain('只统计了最近的投诉');
    expect(complaintStatsView(stats({ received: 5 }), NOW).note).toBeNull();
  });

  it('says how the complaints came in, by channel, leaving out the channels that brought none', () => {
    const view = complaintStatsView(stats({ received: 17, byChannel: { ...noChannels(), portal: 12, 'wechat-group': 3, hotline: 2 } }), NOW);
    expect(view.channels).toBe('来源：网上反映 12 件 · 微信群 3 件 · 12345 热线 2 件');
    expect(complaintStatsView(stats({}), NOW).channels).toBeNull();
  });
});
