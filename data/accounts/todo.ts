import type { Complaint } from '../complaints/complaint.ts';
import { lateness, type Deadlines } from '../complaints/deadlines.ts';
import type { Flag } from '../flags/flag.ts';
import type { RoundState } from '../rectification/round-fold.ts';
import { allows, type Principal } from './permissions.ts';

/**
 * 待办 (issue 13, point 3): everything waiting for one official, in one list, the oldest deadline
 * first. What waits for whom follows the permission table: a complaint not yet dispatched waits
 * for those who dispatch in its village; one dispatched to an office waits for that office (or,
 * once overdue, for those who dispatched it); an open flag waits for the village to explain it,
 * an explained one for its reviewers; a rectification task waits for its village's evidence, then
 * for the round's reviewers; a 四议两公开 matter lacking a step waits for the village that records
 * it. Pure: the console reads the lists, this sorts them out.
 */
export interface TodoItem {
  kind: 'complaint' | 'flag' | 'task' | 'decision';
  /** the public number; for a rectification task, the round's (the task's is in `task`) */
  id: string;
  task?: string;
  village: string;
  /** 待派发 / 待答复 / 已超期 / 待说明 / 待审核 */
  label: string;
  title: string;
  /** when it is due; null when nothing fixes a day */
  due: string | null;
  overdue: boolean;
}

export interface TodoInput {
  who: Principal & { department: string | null };
  complaints: readonly Complaint[];
  flags: readonly Flag[];
  /** rounds of rectification over the scope, folded as of today */
  rounds?: readonly RoundState[];
  /** the village's 四议两公开 matters that lack a step owed by now */
  decisions?: ReadonlyArray<{ id: string; village: string; subject: string; missing: readonly string[] }>;
  deadlines: Deadlines;
  now: string;
}

export function todoFor(input: TodoInput): TodoItem[] {
  const { who, now } = input;
  const items: TodoItem[] = [];
  for (const c of input.complaints) {
    const late = lateness(c, input.deadlines, now);
    const title = `${c.category}：${c.text.slice(0, 40)}${c.text.length > 40 ? '…' : ''}`;
    const base = { kind: 'complaint' as const, id: c.publicId, village: c.village, title, due: late.due, overdue: late.late };
    if (c.status === 'received' && allows(who, 'dispatch-complaint', c.village).ok) items.push({ ...base, label: late.late ? '已超期，待派发' : '待派发' });
    else if (c.status === 'dispatched') {
      const mine = who.department !== null && c.department === who.department && allows(who, 'answer-complaint', c.village).ok;
      if (mine) items.push({ ...base, label: late.late ? '已超期，待答复' : '待答复' });
      else if (late.late && allows(who, 'dispatch-complaint', c.village).ok) items.push({ ...base, label: `已超期，督办：${c.department ?? ''}` });
    } else if (c.status === 'replied' && allows(who, 'close-complaint', c.village).ok) items.push({ ...base, label: '已答复，待办结' });
  }
  for (const f of input.flags) {
    const base = { kind: 'flag' as const, id: f.id, village: f.village, title: f.title, due: null, overdue: false };
    if (f.status === 'open' && allows(who, 'explain-flag', f.village).ok) items.push({ ...base, due: f.publicFrom, overdue: Date.parse(now) > Date.parse(f.publicFrom), label: '待说明' });
    else if (f.status === 'explained' && allows(who, 'review-flag', f.village).ok) items.push({ ...base, label: '待审核' });
  }
  for (const round of input.rounds ?? []) {
    for (const t of round.tasks) {
      if (t.state === 'closed') continue;
      // the end of the deadline's day, China time
      const due = new Date(Date.parse(`${t.deadline}T23:59:59+08:00`)).toISOString();
      const base = { kind: 'task' as const, id: round.id, task: t.id, village: t.village ?? round.scope, title: `${round.title}：${t.problem}`, due, overdue: t.due === 'overdue' };
      if (t.state === 'open' && t.village !== null && allows(who, 'submit-rectification', t.village).ok) items.push({ ...base, label: '整改待提交材料' });
      else if (t.state === 'submitted' && allows(who, 'act-round', round.scope).ok) items.push({ ...base, label: '整改材料待审核' });
    }
  }
  for (const d of input.decisions ?? []) {
    if (d.missing.length === 0 || !allows(who, 'record-decisions', d.village).ok) continue;
    items.push({ kind: 'decision', id: d.id, village: d.village, title: d.subject, due: null, overdue: false, label: `四议两公开缺少：${d.missing.join('、')}` });
  }
  // the oldest deadline first; those without one after, oldest raised first by their number
  return items.sort((a, b) => (a.due ?? '\uffff').localeCompare(b.due ?? '\uffff') || Number(a.id) - Number(b.id));
}
