import { testEvent } from './test-events.ts';
import { describe, expect, it } from 'vitest';
import { COMPLAINT_STATUSES, complaintInputSchema, DEFAULT_COMPLAINT_CATEGORIES, type Complaint, type ComplaintStatus, type StaffAction } from './complaint.ts';
import { currentPowerItem, mergeComplaints, newComplaint, recordedComplaint, staffAction, villagerFeedback, villagerSupport } from './complaint-workflow.ts';

const NOW = '2026-07-06T01:00:00.000Z';
const LATER = '2026-07-08T03:00:00.000Z';
const STAFF = '沅古坪镇纪委';

const ACTIONS: Record<StaffAction['type'], StaffAction> = {
  dispatch: { type: 'dispatch', department: '镇财政所' },
  reply: { type: 'reply', text: '已核实，差额已补发。' },
  close: { type: 'close', resolution: '已办结' },
  reopen: { type: 'reopen' },
  classify: { type: 'classify', powerItem: 'subsidy-payout' },
};

// The loop as the issue describes it, written out by hand: null where the action is refused.
const TABLE: [StaffAction['type'], ComplaintStatus, ComplaintStatus | null][] = [
  ['dispatch', 'received', 'dispatched'],
  ['dispatch', 'dispatched', 'dispatched'],
  ['dispatch', 'replied', null],
  ['dispatch', 'closed', null],
  ['reply', 'received', null],
  ['reply', 'dispatched', 'replied'],
  ['reply', 'replied', 'replied'],
  ['reply', 'closed', null],
  ['close', 'received', null],
  ['close', 'dispatched', null],
  ['close', 'replied', 'closed'],
  ['close', 'closed', null],
  ['reopen', 'received', null],
  ['reopen', 'dispatched', null],
  ['reopen', 'replied', 'received'],
  ['reopen', 'closed', 'received'],
  // naming the 小微权力 item changes nothing but the item, in any state
  ['classify', 'received', 'received'],
  ['classify', 'dispatched', 'dispatched'],
  ['classify', 'replied', 'replied'],
  ['classify', 'closed', 'closed'],
];

describe('staffAction', () => {
  it.each(TABLE)('%s from %s → %s', (type, from, to) => {
    const result = staffAction({ status: from, department: '村委会' }, ACTIONS[type], STAFF, LATER);
    if (to === null) {
      expect(result).toEqual({ ok: false, failure: { kind: 'invalid-transition', from, action: type } });
      return;
    }
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.status).toBe(to);
    expect(result.events).toHaveLength(1);
    expect(result.events[0]).toMatchObject({ type, at: LATER, actor: STAFF });
  });

  it('lists every action from every status exactly once', () => {
    const pairs = TABLE.map(([type, from]) => `${type}/${from}`).sort();
    const all = Object.keys(ACTIONS).flatMap((type) => COMPLAINT_STATUSES.map((from) => `${type}/${from}`)).sort();
    expect(pairs).toEqual(all);
  });

  it('records the department on dispatch and keeps it through reply, close and reopen', () => {
    const dispatched = staffAction({ status: 'received', department: null }, ACTIONS.dispatch, STAFF, LATER);
    expect(dispatched).toEqual({ ok: true, status: 'dispatched', department: '镇财政所', events: [{ type: 'dispatch', department: '镇财政所', at: LATER, actor: STAFF }] });
    const redirected = staffAction({ status: 'dispatched', department: '镇财政所' }, { type: 'dispatch', department: '镇农业站' }, STAFF, LATER);
    expect(redirected).toMatchObject({ ok: true, department: '镇农业站' });
    for (const [type, from] of [['reply', 'dispatched'], ['close', 'replied'], ['reopen', 'closed']] as const) {
      expect(staffAction({ status: from, department: '镇财政所' }, ACTIONS[type], STAFF, LATER)).toMatchObject({ ok: true, department: '镇财政所' });
    }
  });

  it('carries the reply text, the resolution and the reopening reason into the event', () => {
    expect(staffAction({ status: 'dispatched', department: 'x' }, ACTIONS.reply, STAFF, LATER)).toMatchObject({ events: [{ type: 'reply', text: '已核实，差额已补发。' }] });
    expect(staffAction({ status: 'replied', department: 'x' }, ACTIONS.close, STAFF, LATER)).toMatchObject({ events: [{ type: 'close', resolution: '已办结' }] });
    expect(staffAction({ status: 'closed', department: 'x' }, ACTIONS.reopen, STAFF, LATER)).toMatchObject({ events: [{ type: 'reopen', reason: null }] });
    expect(staffAction({ status: 'closed', department: 'x' }, { type: 'reopen', reason: '复查' }, STAFF, LATER)).toMatchObject({ events: [{ type: 'reopen', reason: '复查' }] });
  });
});

describe('villagerFeedback', () => {
  it.each([
    ['received', false],
    ['dispatched', false],
    ['replied', true],
    ['closed', true],
  ] as const)('from %s: allowed %s', (status, allowed) => {
    const result = villagerFeedback(withHistory(status, ['received', 'dispatch', 'reply']), { satisfied: true }, LATER);
    expect(result.ok).toBe(allowed);
    if (!allowed) expect(result).toEqual({ ok: false, failure: { kind: 'invalid-transition', from: status, action: 'feedback' } });
  });

  it('keeps the status on satisfied feedback, attributed to the villager', () => {
    const result = villagerFeedback(withHistory('closed', ['received', 'dispatch', 'reply', 'close']), { satisfied: true, comment: '满意' }, LATER);
    expect(result).toEqual({
      ok: true,
      status: 'closed',
      department: '镇财政所',
      events: [{ type: 'feedback', satisfied: true, comment: '满意', at: LATER, actor: '群众' }],
    });
  });

  it('reopens on unsatisfied feedback with a reopen by the portal after the feedback', () => {
    const result = villagerFeedback(withHistory('closed', ['received', 'dispatch', 'reply', 'close']), { satisfied: false }, LATER);
    expect(result).toEqual({
      ok: true,
      status: 'received',
      department: '镇财政所',
      events: [
        { type: 'feedback', satisfied: false, comment: null, at: LATER, actor: '群众' },
        { type: 'reopen', reason: '群众对答复不满意', at: LATER, actor: '系统' },
      ],
    });
  });

  it('takes feedback once per answer: not twice on the same one, again after a new reply or the closing', () => {
    expect(villagerFeedback(withHistory('replied', ['received', 'dispatch', 'reply', 'feedback']), { satisfied: true }, LATER).ok).toBe(false);
    expect(villagerFeedback(withHistory('closed', ['received', 'dispatch', 'reply', 'close', 'feedback']), { satisfied: false }, LATER).ok).toBe(false);
    expect(villagerFeedback(withHistory('replied', ['received', 'dispatch', 'reply', 'feedback', 'reply']), { satisfied: true }, LATER).ok).toBe(true);
    expect(villagerFeedback(withHistory('closed', ['received', 'dispatch', 'reply', 'feedback', 'close']), { satisfied: true }, LATER).ok).toBe(true);
  });
});

describe('newComplaint', () => {
  const schema = complaintInputSchema(DEFAULT_COMPLAINT_CATEGORIES);
  const input = (fields: Record<string, unknown>) =>
    schema.parse({ village: '430802108214', category: '惠农补贴', text: '  补贴少发了一亩。  ', ...fields });

  it('starts a complaint as received, with one received event by the villager', () => {
    const c = newComplaint(input({ publicationId: 'pub-a1', row: 17, contact: { name: '张三', phone: '138-1234-5678' } }), 'ABCDE12345', NOW);
    expect(c).toEqual({
      trackingCode: 'ABCDE12345',
      village: '430802108214',
      category: '惠农补贴',
      text: '补贴少发了一亩。',
      publicationId: 'pub-a1',
      row: 17,
      contact: { name: '张三', phone: '13812345678' },
      anonymous: false,
      status: 'received',
      department: null,
      receivedAt: NOW,
      updatedAt: NOW,
      channel: 'portal',
      intake: null,
      events: [{ seq: 1, at: NOW, actor: '群众', type: 'received' }],
    });
  });

  it('keeps no contact for an anonymous complaint, or when none was given', () => {
    expect(newComplaint(input({ anonymous: true, contact: { name: '张三', phone: '13812345678' } }), 'ABCDE12345', NOW).contact).toBeNull();
    expect(newComplaint(input({ contact: { name: '' } }), 'ABCDE12345', NOW).contact).toBeNull();
    expect(newComplaint(input({}), 'ABCDE12345', NOW)).toMatchObject({ contact: null, publicationId: null, row: null, anonymous: false });
    expect(newComplaint(input({ contact: { phone: '07448221234' } }), 'ABCDE12345', NOW).contact).toEqual({ name: null, phone: '07448221234' });
  });
});

describe('complaints from every channel (issue 17)', () => {
  const input = complaintInputSchema(DEFAULT_COMPLAINT_CATEGORIES).parse({ village: '430802108214', category: '惠农补贴', text: '三组有几户耕地补贴没发' });
  const open = (publicId: string, status: ComplaintStatus, village = '430802108214') => ({ publicId, status, village, department: null });

  it('records a complaint heard elsewhere under its channel, its receipt in the recording office’s name', () => {
    const c = recordedComplaint(input, 'ABCDE12345', LATER, { channel: 'phone', heardAt: NOW, place: '镇纪委接待室', recordedBy: STAFF });
    expect(c).toMatchObject({ channel: 'phone', intake: { heardAt: NOW, place: '镇纪委接待室', recordedBy: STAFF }, status: 'received', receivedAt: LATER });
    expect(c.events).toEqual([{ seq: 1, at: LATER, actor: STAFF, type: 'received' }]);
    expect(newComplaint(input, 'ABCDE12345', NOW)).toMatchObject({ channel: 'portal', intake: null });
  });

  it('counts 我也遇到 while the complaint is open, and not once it is closed', () => {
    for (const status of ['received', 'dispatched', 'replied'] as const) expect(villagerSupport({ status, department: null }, NOW)).toMatchObject({ ok: true, status, events: [{ type: 'support', actor: '群众' }] });
    expect(villagerSupport({ status: 'closed', department: null }, NOW)).toEqual({ ok: false, failure: { kind: 'invalid-transition', from: 'closed', action: 'support' } });
  });

  it('merges one open complaint into another of the village, closing it, and refuses itself, another village and a closed one', () => {
    const merged = mergeComplaints(open('2', 'received'), open('1', 'dispatched'), STAFF, NOW);
    expect(merged).toMatchObject({ ok: true, from: { status: 'closed', events: [{ type: 'merge-into', into: '1' }] }, into: { status: 'dispatched', events: [{ type: 'merge-from', from: '2' }] } });
    expect(mergeComplaints(open('1', 'received'), open('1', 'received'), STAFF, NOW)).toEqual({ ok: false, refusal: { kind: 'merge-same', publicId: '1' } });
    expect(mergeComplaints(open('2', 'received', '430802108201'), open('1', 'received'), STAFF, NOW)).toEqual({ ok: false, refusal: { kind: 'merge-other-village', from: '2', into: '1' } });
    expect(mergeComplaints(open('2', 'received'), open('1', 'closed'), STAFF, NOW)).toEqual({ ok: false, refusal: { kind: 'merge-not-open', publicId: '1', status: 'closed' } });
  });

  it('neither reopens nor takes a rating for a complaint merged into another: its complainant follows that one', () => {
    const events: Complaint['events'] = [
      { seq: 1, at: NOW, actor: '群众', type: 'received' },
      { seq: 2, at: NOW, actor: STAFF, type: 'merge-into', into: '1' },
    ];
    expect(staffAction({ status: 'closed', department: null, events }, { type: 'reopen' }, STAFF, LATER).ok).toBe(false);
    expect(villagerFeedback({ status: 'closed', department: null, events }, { satisfied: false }, LATER).ok).toBe(false);
  });
});

/** A complaint in `status` whose history has events of these types (in order). */
function withHistory(status: ComplaintStatus, types: Complaint['events'][number]['type'][]): Pick<Complaint, 'status' | 'department' | 'events'> {
  const events = types.map((type, i): Complaint['events'][number] => {
    const base = { seq: i + 1, at: NOW, actor: STAFF };
    return testEvent(type, base);
  });
  return { status, department: '镇财政所', events };
}

describe('the 小微权力 item a complaint concerns', () => {
  const at = (seq: number) => ({ seq, at: NOW, actor: STAFF });
  it('is the one staff named as they recorded it, until a 确定 step names another or none', () => {
    const intake = { heardAt: NOW, place: null, recordedBy: STAFF, powerItem: 'subsidy-payout' };
    const received = testEvent('received', at(1));
    expect(currentPowerItem({ intake, events: [received] })).toBe('subsidy-payout');
    expect(currentPowerItem({ intake, events: [received, { ...at(2), type: 'classify', powerItem: 'financial-disclosure' }] })).toBe('financial-disclosure');
    expect(currentPowerItem({ intake, events: [received, { ...at(2), type: 'classify', powerItem: 'financial-disclosure' }, { ...at(3), type: 'classify', powerItem: null }] })).toBeNull();
    expect(currentPowerItem({ intake: null, events: [received] })).toBeNull();
  });

  it('is not named on a complaint merged into another: that one’s item counts', () => {
    const events = [testEvent('received', at(1)), testEvent('merge-into', at(2))];
    expect(staffAction({ status: 'closed', department: null, events }, { type: 'classify', powerItem: 'subsidy-payout' }, STAFF, LATER)).toEqual({ ok: false, failure: { kind: 'invalid-transition', from: 'closed', action: 'classify' } });
  });
});
