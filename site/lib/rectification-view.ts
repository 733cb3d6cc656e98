import { roundNotice } from '../../data/rectification/round-notice.ts';
import type { RoundState } from '../../data/rectification/round-fold.ts';
import type { Division } from '../../data/region.ts';
import { chinaDate, chinaDateTime, money } from './format.ts';
import type { Crumb, RectificationPage, RectificationTaskView, SiteInfo } from './page-model.ts';
import { roundHref, villageHref } from './urls.ts';

/**
 * The public notice of a round (整改情况公示) and the village page's list of tasks concerning the
 * village. The words come from the domain's notice (data/rectification/round-notice.ts); this adds
 * links, dates in China time, and each task's steps (evidence, returns, closing).
 */
export function buildRectificationView(input: {
  site: SiteInfo;
  state: RoundState;
  /** from the region home down to the inspected division */
  crumbs: Crumb[];
  /** names of the villages the problems concern */
  villages: ReadonlyMap<string, Pick<Division, 'code' | 'name'>>;
}): RectificationPage {
  const { state } = input;
  const notice = roundNotice(state);
  const tasks = new Map(state.tasks.map((t) => [t.id, t]));
  return {
    kind: 'rectification',
    site: input.site,
    title: notice.heading,
    description: `${notice.title}：${notice.summary}。`,
    sample: state.sample,
    crumbs: input.crumbs,
    id: state.id,
    heading: notice.heading,
    roundTitle: notice.title,
    dates: `巡察时间 ${notice.start} 至 ${notice.end}`,
    summary: notice.summary,
    asOf: `整改状态截至 ${notice.asOf}`,
    figures: [
      { label: '发现问题', value: String(notice.counts.problems), unit: '个' },
      { label: '已整改销号', value: String(notice.counts.closed), unit: '个' },
      { label: '正在整改', value: String(notice.counts.inProgress), unit: '个' },
      { label: '长期整改', value: String(notice.counts.longTerm), unit: '个' },
      { label: notice.recovered.label, value: money(notice.recovered.fen), unit: '元' },
      { label: '建章立制', value: String(notice.rules.titles.length), unit: '项' },
    ],
    problems: notice.problems.map((p) => {
      const village = p.village ? input.villages.get(p.village) : undefined;
      return {
        number: p.number,
        village: village ? { label: village.name, href: villageHref(village.code) } : null,
        source: p.sourceLabel,
        description: p.description,
        amount: p.amount === null ? null : money(p.amount),
        statusLabel: p.statusLabel,
        tasks: p.tasks.map((t) => {
          const task = tasks.get(t.id);
          const steps = [
            ...(task?.evidence ?? []).map((e) => ({ label: '提交整改材料', at: chinaDateTime(e.at), iso: e.at, actor: e.actor, text: e.text })),
            ...(task?.reviews ?? []).map((r) =>
              r.kind === 'returned'
                ? { label: '验收未通过', at: chinaDateTime(r.at), iso: r.at, actor: r.actor, text: r.reason }
                : { label: '验收销号', at: chinaDateTime(r.at), iso: r.at, actor: r.actor, text: r.recovered ? `${r.verdict}（追回 ${money(r.recovered)} 元）` : r.verdict },
            ),
          ].sort((a, b) => a.iso.localeCompare(b.iso));
          return { ...t, overdue: t.stateLabel === '已逾期', steps };
        }),
      };
    }),
    recovered: `${money(notice.recovered.fen)} 元`,
    rules: notice.rules.titles,
    contact: notice.contact.text,
    closing: notice.closing?.summary ?? null,
    apiHref: `/api/v1/rectification/rounds/${encodeURIComponent(state.id)}`,
  };
}

/** The tasks of these rounds that concern the village (their own village, or their problem's). */
export function villageTasks(village: string, rounds: readonly RoundState[]): RectificationTaskView[] {
  const out: RectificationTaskView[] = [];
  for (const round of rounds) {
    const notice = roundNotice(round);
    for (const p of notice.problems) {
      for (const t of p.tasks) {
        const task = round.tasks.find((x) => x.id === t.id);
        if ((task?.village ?? p.village) !== village) continue;
        out.push({
          roundHref: roundHref(round.id),
          roundTitle: `${round.title}（${round.team}）`,
          problem: p.description,
          measure: t.measure,
          responsible: t.responsible,
          deadline: chinaDate(t.deadline),
          kindLabel: t.kindLabel,
          stateLabel: t.stateLabel,
          overdue: t.stateLabel === '已逾期',
          sample: round.sample,
        });
      }
    }
  }
  return out;
}
