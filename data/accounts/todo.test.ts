import { describe, expect, it } from 'vitest';
import type { Complaint } from '../complaints/complaint.ts';
import { DEFAULT_DEADLINES } from '../complaints/deadlines.ts';
import type { Flag } from '../flags/flag.ts';
import { todoFor } from './todo.ts';

const MATOUXI = '430802108214';
const LONGGANG = '430821211227';
const NOW = '2026-12-07T02:00:00.000Z';

function complaint(id: string, village: string, status: Complaint['status'], at: string, department: string | null = null): Complaint {
  const events: Complaint['events'] = [{ seq: 1, at, actor: '群众', type: 'received' }];
  if (status !== 'received') events.push({ seq: 2, at, actor: '王家坪镇纪委', type: 'dispatch', department: department ?? '' } as Complaint['events'][number]);
  return { trackingCode: `T${id}`, publicId: id, village, category: '惠农补贴', text: '耕地补贴没有发到户', publicationId: null, row: null, contact: null, anonymous: false, status, department, receivedAt: at, updatedAt: at, channel: 'portal', intake: null, events };
}

function flag(id: string, village: string, status: Flag['status'], publicFrom: string): Flag {
  return { id, village, rule: 'cash-over-limit', key: id, title: `预警${id}`, detail: '', amount: null, evidence: [], sample: false, status, raisedAt: publicFrom, publicFrom, updatedAt: publicFrom, events: [] };
}

const complaints = [
  complaint('1', MATOUXI, 'received', '2026-12-01T02:00:00.000Z'),
  complaint('2', MATOUXI, 'dispatched', '2026-12-05T02:00:00.000Z', '王家坪镇民政办'),
  complaint('3', MATOUXI, 'dispatched', '2026-11-01T02:00:00.000Z', '王家坪镇经管站'),
  complaint('4', LONGGANG, 'received', '2026-12-06T02:00:00.000Z'),
  complaint('5', MATOUXI, 'replied', '2026-12-02T02:00:00.000Z', '王家坪镇民政办'),
];
const flags = [flag('7', MATOUXI, 'open', '2026-12-08T00:00:00.000Z'), flag('8', MATOUXI, 'explained', '2026-12-01T00:00:00.000Z')];
const todo = (who: Parameters<typeof todoFor>[0]['who']) => todoFor({ who, complaints, flags, deadlines: DEFAULT_DEADLINES, now: NOW }).map((i) => `${i.kind}${i.id}:${i.label}`);

describe('待办', () => {
  it('gives township discipline staff what waits to be dispatched, chased or closed in their township, oldest deadline first', () => {
    expect(todo({ role: 'township-discipline', scope: '430802108', admin: false, department: null })).toEqual([
      'complaint3:已超期，督办：王家坪镇经管站',
      'complaint1:已超期，待派发',
      'complaint5:已答复，待办结',
      'flag8:待审核',
    ]);
  });

  it('gives a department what was dispatched to it, and nothing of another department or township', () => {
    expect(todo({ role: 'department-staff', scope: '430802108', admin: false, department: '王家坪镇民政办' })).toEqual(['complaint2:待答复']);
    expect(todo({ role: 'department-staff', scope: '430821211', admin: false, department: '王家坪镇民政办' })).toEqual([]);
  });

  it('gives a village secretary its flags to explain, and its complaints to nobody in the village', () => {
    expect(todo({ role: 'village-secretary', scope: MATOUXI, admin: false, department: null })).toEqual(['flag7:待说明']);
    expect(todo({ role: 'village-secretary', scope: LONGGANG, admin: false, department: null })).toEqual([]);
  });

  it('gives a village secretary its rectification tasks and 四议两公开 matters lacking a step, and the county the evidence to review', () => {
    const task = (id: string, village: string | null, state: 'open' | 'submitted' | 'closed', deadline: string, due: 'overdue' | 'on-time') =>
      ({ id, problem: `问题${id}`, measure: '', responsible: '', village, deadline, immediate: false, addedAt: NOW, state, evidence: [], reviews: [], closedAt: null, recovered: null, due, workingDaysLeft: 3 });
    const round = { id: '3', scope: '430802', title: '2026年第二轮巡察', tasks: [task('1', MATOUXI, 'open', '2026-12-05', 'overdue'), task('2', MATOUXI, 'submitted', '2026-12-20', 'on-time'), task('3', LONGGANG, 'open', '2026-12-20', 'on-time'), task('4', MATOUXI, 'closed', '2026-11-01', 'on-time')] };
    const decisions = [
      { id: '5', village: MATOUXI, subject: '村部修缮', missing: ['党员大会审议'] },
      { id: '6', village: MATOUXI, subject: '道路硬化', missing: [] },
    ];
    const run = (who: Parameters<typeof todoFor>[0]['who']) =>
      todoFor({ who, complaints: [], flags: [], rounds: [round as never], decisions, deadlines: DEFAULT_DEADLINES, now: NOW }).map((i) => `${i.kind}${i.id}${i.task ? `-${i.task}` : ''}:${i.label}`);
    expect(run({ role: 'village-secretary', scope: MATOUXI, admin: false, department: null })).toEqual(['task3-1:整改待提交材料', 'decision5:四议两公开缺少：党员大会审议']);
    expect(run({ role: 'county-discipline', scope: '430802', admin: false, department: null })).toEqual(['task3-2:整改材料待审核']);
    expect(run({ role: 'village-accountant', scope: MATOUXI, admin: false, department: null })).toEqual([]);
  });
});
