import { describe, expect, it } from 'vitest';
import type { Complaint } from './complaint.ts';
import { DEFAULT_DEADLINES } from './deadlines.ts';
import { publicComplaint, publicDepartment, takedownsByComplaint } from './public-complaint.ts';

const COMPLAINT: Complaint = {
  trackingCode: '28T5CY4TQK',
  publicId: '42',
  village: '430802108214',
  category: '惠农补贴',
  text: '我的身份证430802199001017238，补贴少发了，请打13987654321联系我。',
  publicationId: 'pub-a1',
  row: 17,
  contact: { name: '张三丰', phone: '13812345678' },
  anonymous: false,
  status: 'received',
  department: '镇财政所',
  receivedAt: '2026-07-01T02:00:00.000Z',
  updatedAt: '2026-07-13T02:00:00.000Z',
  channel: 'portal',
  intake: null,
  events: [
    { seq: 1, at: '2026-07-01T02:00:00.000Z', actor: '群众', type: 'received' },
    { seq: 2, at: '2026-07-02T02:00:00.000Z', actor: '沅古坪镇纪委', type: 'dispatch', department: '镇财政所' },
    { seq: 3, at: '2026-07-03T02:00:00.000Z', actor: '镇财政所', type: 'reply', text: '已核实，请联系经办人 13700001111。' },
    { seq: 4, at: '2026-07-04T02:00:00.000Z', actor: '沅古坪镇纪委', type: 'close', resolution: '已补发到卡 6217000011112222333。' },
    { seq: 5, at: '2026-07-13T02:00:00.000Z', actor: '群众', type: 'feedback', satisfied: false, comment: '我的电话13812345678一直没人打。' },
    { seq: 6, at: '2026-07-13T02:00:00.000Z', actor: '系统', type: 'reopen', reason: '群众对答复不满意' },
  ],
};

describe('publicComplaint', () => {
  it('shows no contact anywhere, even when the complaint has one', () => {
    const json = JSON.stringify(publicComplaint(COMPLAINT, DEFAULT_DEADLINES, '2026-07-14T00:00:00.000Z'));
    expect(json).not.toContain('张三丰');
    expect(json).not.toContain('13812345678');
    expect(json).not.toContain('contact');
    expect(json).not.toContain('anonymous');
  });

  it('masks ID, phone and card numbers typed into the complaint, replies, resolutions and comments', () => {
    const view = publicComplaint(COMPLAINT, DEFAULT_DEADLINES, '2026-07-14T00:00:00.000Z');
    expect(view.text).toBe('我的身份证430802********7238，补贴少发了，请打139****4321联系我。');
    expect(view.events[2]).toMatchObject({ type: 'reply', text: '已核实，请联系经办人 137****1111。' });
    expect(view.events[3]).toMatchObject({ type: 'close', resolution: '已补发到卡 6217***********2333。' });
    expect(view.events[4]).toMatchObject({ type: 'feedback', comment: '我的电话138****5678一直没人打。' });
    const json = JSON.stringify(view);
    for (const number of ['430802199001017238', '13987654321', '13700001111', '6217000011112222333']) expect(json).not.toContain(number);
  });

  it('shows the code grouped for copying, the status and every step with its date and label', () => {
    const view = publicComplaint(COMPLAINT, DEFAULT_DEADLINES, '2026-07-14T00:00:00.000Z');
    expect(view).toMatchObject({ trackingCode: '28T5C-Y4TQK', publicId: '42', status: 'received', statusLabel: '已受理', department: '镇财政所', publicationId: 'pub-a1', row: 17 });
    expect(view.events.map((e) => [e.at, e.actor, e.label])).toEqual([
      ['2026-07-01T02:00:00.000Z', '群众', '已受理'],
      ['2026-07-02T02:00:00.000Z', '沅古坪镇纪委', '转交办理'],
      ['2026-07-03T02:00:00.000Z', '镇财政所', '部门答复'],
      ['2026-07-04T02:00:00.000Z', '沅古坪镇纪委', '办结'],
      ['2026-07-13T02:00:00.000Z', '群众', '群众评价'],
      ['2026-07-13T02:00:00.000Z', '系统', '重新办理'],
    ]);
    expect(view.events[1]).toMatchObject({ department: '镇财政所' });
  });

  it('flags a complaint overdue once its deadline has passed, and shows the deadline while it runs', () => {
    // reopened Monday 2026-07-13 10:00 in China: to be dispatched again by Wednesday 10:00
    expect(publicComplaint(COMPLAINT, DEFAULT_DEADLINES, '2026-07-14T00:00:00.000Z')).toMatchObject({ overdue: false, due: '2026-07-15T02:00:00.000Z' });
    expect(publicComplaint(COMPLAINT, DEFAULT_DEADLINES, '2026-07-16T00:00:00.000Z')).toMatchObject({ overdue: true, due: '2026-07-15T02:00:00.000Z' });
    const closed: Complaint = { ...COMPLAINT, status: 'closed', events: COMPLAINT.events.slice(0, 4) };
    expect(publicComplaint(closed, DEFAULT_DEADLINES, '2030-01-01T00:00:00.000Z')).toMatchObject({ overdue: false, due: null, statusLabel: '已办结' });
  });

  it('masks a phone number typed into the dispatch department, in the step and in the complaint', () => {
    const typed: Complaint = {
      ...COMPLAINT,
      department: '镇财政所（王会计 13700001111）',
      events: [COMPLAINT.events[0]!, { ...COMPLAINT.events[1]!, type: 'dispatch', department: '镇财政所（王会计 13700001111）', actor: '镇纪委 0744-8221234 13600002222' } as Complaint['events'][number]],
    };
    const view = publicComplaint(typed, DEFAULT_DEADLINES, '2026-07-14T00:00:00.000Z');
    expect(view.department).toBe('镇财政所（王会计 137****1111）');
    expect(view.events[1]).toMatchObject({ type: 'dispatch', department: '镇财政所（王会计 137****1111）' });
    expect(view.events[1]?.actor).not.toContain('13600002222');
    expect(JSON.stringify(view)).not.toContain('13700001111');
    expect(publicDepartment(typed)).toBe('镇财政所（王会计 137****1111）');
    expect(publicDepartment({ ...typed, department: null })).toBeNull();
  });

  it('shows a step taken down by its type, date and 已撤下 with the reason, never its words', () => {
    const takedowns = [
      { seq: 3, reason: '答复中误写了经办人的手机号', at: '2026-07-20T02:00:00.000Z', logIndex: 41 },
      { seq: 4, reason: '办结说明写了银行卡号', at: '2026-07-20T02:00:00.000Z', logIndex: 42 },
    ];
    const view = publicComplaint(COMPLAINT, DEFAULT_DEADLINES, '2026-07-21T00:00:00.000Z', takedowns);
    expect(view.events[2]).toEqual({
      at: '2026-07-03T02:00:00.000Z', actor: '镇财政所', type: 'reply', label: '部门答复',
      text: '已撤下（原因：答复中误写了经办人的手机号）',
      takenDown: { reason: '答复中误写了经办人的手机号', at: '2026-07-20T02:00:00.000Z', logIndex: 41 },
    });
    expect(view.events[3]).toMatchObject({ type: 'close', resolution: '已撤下（原因：办结说明写了银行卡号）', takenDown: { logIndex: 42 } });
    expect(view.events[1]).toMatchObject({ type: 'dispatch', department: '镇财政所', takenDown: null });
    const json = JSON.stringify(view);
    for (const words of ['已核实', '137****1111', '已补发到卡', '6217']) expect(json).not.toContain(words);
    // without the takedowns, the words are there (masked): the test above can fail
    expect(JSON.stringify(publicComplaint(COMPLAINT, DEFAULT_DEADLINES, '2026-07-21T00:00:00.000Z'))).toContain('已核实');
  });

  it('hides the complaint’s own text when its first step is taken down, and the department when its dispatch is', () => {
    const takedowns = [
      { seq: 1, reason: '投诉原文写了他人的身份证号', at: '2026-07-20T02:00:00.000Z', logIndex: 7 },
      { seq: 2, reason: '部门名称中写了手机号', at: '2026-07-20T02:00:00.000Z', logIndex: 8 },
    ];
    const view = publicComplaint(COMPLAINT, DEFAULT_DEADLINES, '2026-07-21T00:00:00.000Z', takedowns);
    expect(view.text).toBe('已撤下（原因：投诉原文写了他人的身份证号）');
    expect(view.events[0]).toMatchObject({ type: 'received', takenDown: { logIndex: 7 } });
    expect(view.events[1]).toMatchObject({ type: 'dispatch', department: '已撤下（原因：部门名称中写了手机号）' });
    expect(view.department).toBeNull();
    expect(JSON.stringify(view)).not.toContain('补贴少发了');
  });

  it('groups every step takedown by its complaint for views of many complaints', () => {
    const t = (complaint: string, seq: number) => ({ complaint, seq, reason: '误写号码', at: 't', logIndex: seq });
    const by = takedownsByComplaint([t('2', 3), t('1', 1), t('2', 5)]);
    expect([...by.entries()].map(([k, v]) => [k, v.map((x) => x.seq)])).toEqual([['2', [3, 5]], ['1', [1]]]);
    expect(by.get('3')).toBeUndefined();
  });

  it('does not change the complaint it is given', () => {
    const copy = structuredClone(COMPLAINT);
    publicComplaint(COMPLAINT, DEFAULT_DEADLINES, '2026-07-14T00:00:00.000Z');
    expect(COMPLAINT).toEqual(copy);
  });
});
