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
  return { trackingCode: `T${id}`, publicId: id, village, category: '惠农补贴', text: '耕地补贴没有发到户', publicationId: null, row: null, contact: null, anonymous: false, status, department, receivedAt: at, updatedAt: at, events };
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
});
