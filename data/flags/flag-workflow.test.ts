import { describe, expect, it } from 'vitest';
import type { Finding } from './finding.ts';
import { currentWording, flagAction, planRun, RESOLVED_BY_DATA_REASON, raisedEvent } from './flag-workflow.ts';
import { FLAG_SYSTEM, type Flag, type FlagAction, type FlagEvent, type FlagStatus, type NewFlagEvent, type RaisedFinding } from './flag.ts';

const VILLAGE = '430821212212';
const RUN = 'run-2026-12-06';
const NOW = '2026-12-06T02:00:00.000Z';
const RAISED_AT = '2026-11-01T02:00:00.000Z';
const ACTOR = '高峰土家族乡纪委';

const EVIDENCE = [{ publicationId: 'c1', village: VILLAGE, kind: 'contract' as const, row: 4, label: '合同台账第4行（KJP-2019-001）' }];

function finding(over: Partial<Finding> = {}): Finding {
  return {
    rule: 'receivable-overdue',
    village: VILLAGE,
    key: 'KJP-2019-001:2024-12-31',
    title: '合同KJP-2019-001应于2024-12-31前缴纳的130,600.00元未见入账',
    detail: '对照已公开的财务收支，未见入账。',
    amount: 13_060_000,
    evidence: EVIDENCE,
    sample: false,
    ...over,
  };
}

function raised(over: Partial<Finding> = {}): RaisedFinding {
  return { finding: finding(over), publicFrom: '2026-12-13T02:00:00.000Z' };
}

/** A stored flag whose wording is `finding(over)`, with the given status and events after `raised`. */
function flag(status: FlagStatus, later: NewFlagEvent[] = [], over: Partial<Flag> = {}): Flag {
  const f = finding();
  const events: FlagEvent[] = [raisedEvent(f, 'run-1', RAISED_AT), ...later].map((e, i) => ({ ...e, seq: i + 1 }) as FlagEvent);
  return {
    id: '1',
    village: VILLAGE,
    rule: f.rule,
    key: f.key,
    title: f.title,
    detail: f.detail,
    amount: f.amount,
    evidence: f.evidence,
    sample: false,
    status,
    raisedAt: RAISED_AT,
    publicFrom: '2026-11-08T02:00:00.000Z',
    updatedAt: RAISED_AT,
    events,
    ...over,
  };
}

const byReviewer = (byData: boolean): NewFlagEvent => ({ type: 'resolved', reason: byData ? RESOLVED_BY_DATA_REASON : '已收回欠款', byData, run: byData ? 'run-2' : null, at: '2026-11-20T02:00:00.000Z', actor: byData ? FLAG_SYSTEM : ACTOR });

const ACTIONS: Record<FlagAction['type'], FlagAction> = {
  explain: { type: 'explain', text: '承包方申请缓缴，村委会已发催缴函。' },
  comment: { type: 'comment', text: '监委会已到现场核实，情况属实。' },
  confirm: { type: 'confirm', reason: '经核实确未收取' },
  dismiss: { type: 'dismiss', reason: '款项已收，记在另一科目' },
  resolve: { type: 'resolve', reason: '欠款已全部收回' },
};

describe('flagAction', () => {
  // from → action → resulting status, or null when refused
  const table: Record<FlagStatus, Record<FlagAction['type'], FlagStatus | null>> = {
    // a comment leaves the status as it was, whatever it is
    open: { explain: 'explained', comment: 'open', confirm: 'confirmed', dismiss: 'dismissed', resolve: 'resolved' },
    explained: { explain: 'explained', comment: 'explained', confirm: 'confirmed', dismiss: 'dismissed', resolve: 'resolved' },
    confirmed: { explain: 'confirmed', comment: 'confirmed', confirm: null, dismiss: null, resolve: 'resolved' },
    dismissed: { explain: null, comment: 'dismissed', confirm: null, dismiss: null, resolve: null },
    resolved: { explain: null, comment: 'resolved', confirm: null, dismiss: null, resolve: null },
  };
  const expectedEvent = (type: FlagAction['type']): NewFlagEvent => {
    switch (type) {
      case 'explain':
        return { type: 'explained', text: '承包方申请缓缴，村委会已发催缴函。', at: NOW, actor: ACTOR };
      case 'comment':
        return { type: 'commented', text: '监委会已到现场核实，情况属实。', at: NOW, actor: ACTOR };
      case 'confirm':
        return { type: 'confirmed', reason: '经核实确未收取', at: NOW, actor: ACTOR };
      case 'dismiss':
        return { type: 'dismissed', reason: '款项已收，记在另一科目', at: NOW, actor: ACTOR };
      case 'resolve':
        return { type: 'resolved', reason: '欠款已全部收回', byData: false, run: null, at: NOW, actor: ACTOR };
    }
  };

  for (const [from, row] of Object.entries(table) as [FlagStatus, Record<FlagAction['type'], FlagStatus | null>][]) {
    for (const [type, to] of Object.entries(row) as [FlagAction['type'], FlagStatus | null][]) {
      if (to === null) {
        it(`refuses to ${type} a ${from} flag`, () => {
          expect(flagAction({ status: from }, ACTIONS[type], ACTOR, NOW)).toEqual({ ok: false, failure: { kind: 'invalid-flag-transition', from, action: type } });
        });
      } else {
        it(`lets a ${from} flag be ${type}ed, leaving it ${to} with one ${expectedEvent(type).type} event`, () => {
          expect(flagAction({ status: from }, ACTIONS[type], ACTOR, NOW)).toEqual({ ok: true, status: to, events: [expectedEvent(type)] });
        });
      }
    }
  }
});

describe('planRun', () => {
  it('raises a problem no flag has yet', () => {
    const r = raised();
    expect(planRun([], [r], RUN, NOW)).toEqual({ raise: [r], changes: [] });
  });

  it('changes nothing when the same problem is found with the same figures', () => {
    for (const status of ['open', 'explained', 'confirmed'] as const) {
      expect(planRun([flag(status)], [raised()], RUN, NOW)).toEqual({ raise: [], changes: [] });
    }
  });

  it('adds an updated event, keeping the status, when the figures changed', () => {
    for (const status of ['open', 'explained', 'confirmed'] as const) {
      const existing = flag(status);
      const plan = planRun([existing], [raised({ amount: 6_530_000, title: '合同KJP-2019-001尚差65,300.00元' })], RUN, NOW);
      expect(plan).toEqual({
        raise: [],
        changes: [
          {
            flag: existing,
            status,
            events: [{ type: 'updated', run: RUN, title: '合同KJP-2019-001尚差65,300.00元', detail: finding().detail, amount: 6_530_000, evidence: EVIDENCE, at: NOW, actor: FLAG_SYSTEM }],
          },
        ],
      });
    }
  });

  it('sees a change in the detail, the amount becoming null, or the evidence as changed figures', () => {
    const moreEvidence = [...EVIDENCE, { publicationId: 'f1', village: VILLAGE, kind: 'finance' as const, row: 7, label: '2026年第四季度财务收支第7行' }];
    for (const over of [{ detail: '另一段说明' }, { amount: null }, { evidence: moreEvidence }, { evidence: [{ ...EVIDENCE[0]!, row: 5 }] }]) {
      const plan = planRun([flag('open')], [raised(over)], RUN, NOW);
      expect(plan.changes.map((c) => [c.status, c.events.map((e) => e.type)])).toEqual([['open', ['updated']]]);
    }
  });

  it('resolves by the data an active flag the run no longer finds', () => {
    for (const status of ['open', 'explained', 'confirmed'] as const) {
      const existing = flag(status);
      expect(planRun([existing], [], RUN, NOW)).toEqual({
        raise: [],
        changes: [{ flag: existing, status: 'resolved', events: [{ type: 'resolved', reason: RESOLVED_BY_DATA_REASON, byData: true, run: RUN, at: NOW, actor: FLAG_SYSTEM }] }],
      });
    }
  });

  it('reopens a flag the data had resolved when its problem comes back', () => {
    const existing = flag('resolved', [byReviewer(true)]);
    expect(planRun([existing], [raised()], RUN, NOW)).toEqual({
      raise: [],
      changes: [{ flag: existing, status: 'open', events: [{ type: 'reopened', run: RUN, at: NOW, actor: FLAG_SYSTEM }] }],
    });
  });

  it('reopens and updates a flag the data had resolved when it comes back with other figures', () => {
    const existing = flag('resolved', [byReviewer(true)]);
    const plan = planRun([existing], [raised({ amount: 100 })], RUN, NOW);
    expect(plan.changes).toHaveLength(1);
    expect(plan.changes[0]!.status).toBe('open');
    expect(plan.changes[0]!.events).toEqual([
      { type: 'reopened', run: RUN, at: NOW, actor: FLAG_SYSTEM },
      { type: 'updated', run: RUN, title: finding().title, detail: finding().detail, amount: 100, evidence: EVIDENCE, at: NOW, actor: FLAG_SYSTEM },
    ]);
  });

  it('leaves alone a dismissed flag, found again or not', () => {
    const existing = flag('dismissed', [{ type: 'dismissed', reason: '款项已收', at: '2026-11-10T02:00:00.000Z', actor: ACTOR }]);
    expect(planRun([existing], [raised()], RUN, NOW)).toEqual({ raise: [], changes: [] });
    expect(planRun([existing], [raised({ amount: 1 })], RUN, NOW)).toEqual({ raise: [], changes: [] });
    expect(planRun([existing], [], RUN, NOW)).toEqual({ raise: [], changes: [] });
  });

  it('leaves alone a flag a reviewer resolved, found again or not', () => {
    const existing = flag('resolved', [byReviewer(false)]);
    expect(planRun([existing], [raised()], RUN, NOW)).toEqual({ raise: [], changes: [] });
    expect(planRun([existing], [raised({ amount: 1 })], RUN, NOW)).toEqual({ raise: [], changes: [] });
    expect(planRun([existing], [], RUN, NOW)).toEqual({ raise: [], changes: [] });
  });

  it('goes by the latest resolution: resolved by the data, reopened, then resolved by a reviewer stays resolved', () => {
    const existing = flag('resolved', [byReviewer(true), { type: 'reopened', run: 'run-3', at: '2026-11-21T02:00:00.000Z', actor: FLAG_SYSTEM }, byReviewer(false)]);
    expect(planRun([existing], [raised()], RUN, NOW)).toEqual({ raise: [], changes: [] });
  });

  it('keeps the first of two findings with one key in a run', () => {
    const first = raised({ title: '第一条' });
    expect(planRun([], [first, raised({ title: '第二条' })], RUN, NOW)).toEqual({ raise: [first], changes: [] });
    // against an existing flag: the first has the flag's figures, so the second's other figures change nothing
    expect(planRun([flag('open')], [raised(), raised({ amount: 1 })], RUN, NOW)).toEqual({ raise: [], changes: [] });
  });

  it('tells flags apart by rule as well as key', () => {
    const other = raised({ rule: 'contract-term' });
    expect(planRun([flag('open')], [raised(), other], RUN, NOW)).toEqual({ raise: [other], changes: [] });
  });

  it('considers only the latest flag (by number, not by text) of a rule and key', () => {
    const older = flag('open', [], { id: '9' });
    const newer = flag('dismissed', [{ type: 'dismissed', reason: '款项已收', at: '2026-11-10T02:00:00.000Z', actor: ACTOR }], { id: '10' });
    // '10' < '9' as text: a text comparison would pick the open flag and resolve or update it
    expect(planRun([newer, older], [], RUN, NOW)).toEqual({ raise: [], changes: [] });
    expect(planRun([older, newer], [raised({ amount: 1 })], RUN, NOW)).toEqual({ raise: [], changes: [] });

    const activeNewer = flag('explained', [], { id: '12' });
    const dismissedOlder = flag('dismissed', [], { id: '3' });
    const plan = planRun([activeNewer, dismissedOlder], [], RUN, NOW);
    expect(plan.changes.map((c) => [c.flag.id, c.status])).toEqual([['12', 'resolved']]);
  });
});

describe('raisedEvent and currentWording', () => {
  it('makes the raised event from the finding, by the system', () => {
    expect(raisedEvent(finding(), RUN, NOW)).toEqual({ type: 'raised', run: RUN, title: finding().title, detail: finding().detail, amount: 13_060_000, evidence: EVIDENCE, at: NOW, actor: FLAG_SYSTEM });
  });

  it('takes the wording from the last raised or updated event, skipping later steps', () => {
    const events: NewFlagEvent[] = [
      raisedEvent(finding(), 'run-1', RAISED_AT),
      { type: 'updated', run: 'run-2', title: '尚差65,300.00元', detail: '部分入账', amount: 6_530_000, evidence: [], at: NOW, actor: FLAG_SYSTEM },
      { type: 'explained', text: '余款年底前缴清。', at: NOW, actor: '康家坪村村委会' },
      { type: 'resolved', reason: RESOLVED_BY_DATA_REASON, byData: true, run: 'run-3', at: NOW, actor: FLAG_SYSTEM },
    ];
    expect(currentWording(events)).toEqual({ title: '尚差65,300.00元', detail: '部分入账', amount: 6_530_000, evidence: [] });
    expect(currentWording(events.slice(0, 1))).toEqual({ title: finding().title, detail: finding().detail, amount: 13_060_000, evidence: EVIDENCE });
  });

  it('has no wording without a raised or updated event', () => {
    expect(currentWording([])).toBeNull();
    expect(currentWording([{ type: 'explained', text: '说明五个字', at: NOW, actor: '村' }])).toBeNull();
  });
});
