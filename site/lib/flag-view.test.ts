import { describe, expect, it } from 'vitest';
import { FLAG_SYSTEM, type Flag, type FlagEvent, type FlagStatus } from '../../data/flags/flag.ts';
import { flagItem, flagSection } from './flag-view.ts';

const VILLAGE = '430821212212';
const NOW = '2026-12-06T02:00:00.000Z';
const PUBLIC_FROM = '2026-11-08T02:00:00.000Z';

const raisedStep: FlagEvent = {
  seq: 1,
  type: 'raised',
  run: 'run-1',
  title: '应于2024-12-31前缴纳的130,600.00元未见入账',
  detail: '未见入账',
  amount: 13_060_000,
  evidence: [],
  at: '2026-11-01T02:00:00.000Z',
  actor: FLAG_SYSTEM,
};

function flag(id: string, status: FlagStatus, over: Partial<Flag> = {}): Flag {
  return {
    id,
    village: VILLAGE,
    rule: 'receivable-overdue',
    key: `k${id}`,
    title: `提示${id}`,
    detail: '说明',
    amount: 13_060_000,
    evidence: [],
    sample: false,
    status,
    raisedAt: '2026-11-01T02:00:00.000Z',
    publicFrom: PUBLIC_FROM,
    updatedAt: '2026-11-01T02:00:00.000Z',
    events: [raisedStep],
    ...over,
  };
}

describe('flagSection', () => {
  it('leaves out flags that are not public yet', () => {
    const section = flagSection([flag('1', 'open'), flag('2', 'open', { publicFrom: '2026-12-06T02:00:00.001Z' }), flag('3', 'dismissed', { publicFrom: NOW })], NOW);
    expect(section?.items.map((i) => i.id)).toEqual(['1', '3']);
  });

  it('is null when nothing is public', () => {
    expect(flagSection([], NOW)).toBeNull();
    expect(flagSection([flag('1', 'open', { publicFrom: '2026-12-13T02:00:00.000Z' })], NOW)).toBeNull();
  });

  it('lists open flags first, then explained, confirmed, resolved and dismissed, newest first within each', () => {
    const flags = [
      flag('1', 'dismissed'),
      flag('2', 'resolved'),
      flag('3', 'open'),
      flag('4', 'confirmed'),
      flag('5', 'explained'),
      flag('12', 'open'),
      flag('20', 'resolved'),
      flag('9', 'explained'),
    ];
    const section = flagSection(flags, NOW);
    // 12 before 3: by number, not by text
    expect(section?.items.map((i) => [i.id, i.statusLabel])).toEqual([
      ['12', '待说明'],
      ['3', '待说明'],
      ['9', '已说明'],
      ['5', '已说明'],
      ['4', '已确认'],
      ['20', '已解决'],
      ['2', '已解决'],
      ['1', '已排除'],
    ]);
  });

  it('counts the flags still waiting and those settled in its summary', () => {
    expect(flagSection([flag('1', 'open'), flag('2', 'explained'), flag('3', 'confirmed'), flag('4', 'resolved')], NOW)?.summary).toBe('有 3 条提示待说明或处理中，1 条已有结论。');
    expect(flagSection([flag('1', 'open')], NOW)?.summary).toBe('有 1 条提示待说明或处理中，0 条已有结论。');
    expect(flagSection([flag('1', 'resolved'), flag('2', 'dismissed')], NOW)?.summary).toBe('2 条提示均已有结论。');
    // a flag not yet public is not counted
    expect(flagSection([flag('1', 'resolved'), flag('2', 'open', { publicFrom: '2027-01-01T00:00:00.000Z' })], NOW)?.summary).toBe('1 条提示均已有结论。');
  });

  it('is headed 数据核对提示', () => {
    expect(flagSection([flag('1', 'open')], NOW)?.heading).toBe('数据核对提示');
  });
});

describe('flagItem', () => {
  it('links each piece of evidence to its publication at the row, or to the publication as a whole', () => {
    const item = flagItem(
      flag('1', 'open', {
        evidence: [
          { publicationId: '01JCONTRACT', village: VILLAGE, kind: 'contract', row: 4, label: '合同台账第4行（KJP-2019-001）' },
          { publicationId: '01JLEDGER', village: '430821212213', kind: 'finance', row: null, label: '2026年第三季度财务收支' },
          { publicationId: '01JLEDGER', village: VILLAGE, kind: 'finance', row: 0, label: '第0行' },
        ],
      }),
    );
    expect(item.evidence).toEqual([
      { label: '合同台账第4行（KJP-2019-001）', href: '/v/430821212212/p/01JCONTRACT/#r4' },
      { label: '2026年第三季度财务收支', href: '/v/430821212213/p/01JLEDGER/' },
      { label: '第0行', href: '/v/430821212212/p/01JLEDGER/#r0' },
    ]);
  });

  it('shows the flag in words: status, amount in yuan, China date, rule name and anchor', () => {
    const item = flagItem(flag('12', 'explained', { raisedAt: '2026-10-31T17:00:00.000Z', sample: true }));
    expect(item).toMatchObject({
      id: '12',
      anchor: 'f12',
      title: '提示12',
      status: 'explained',
      statusLabel: '已说明',
      amount: '130,600.00',
      raised: '2026-11-01',
      sample: true,
      ruleName: '合同应收款未见入账',
    });
    expect(item.ruleExplanation).toContain('合同台账');
    expect(flagItem(flag('1', 'open', { amount: null })).amount).toBeNull();
  });

  it('labels every kind of step, with its text where a person wrote one', () => {
    const at = '2026-11-02T02:30:00.000Z';
    const events: FlagEvent[] = [
      raisedStep,
      { seq: 2, type: 'updated', run: 'run-2', title: '尚差65,300.00元', detail: '部分入账', amount: 6_530_000, evidence: [], at, actor: FLAG_SYSTEM },
      { seq: 3, type: 'explained', text: '承包方申请缓缴。', at, actor: '康家坪村村委会' },
      { seq: 4, type: 'confirmed', reason: '确未收取', at, actor: '乡纪委' },
      { seq: 5, type: 'resolved', reason: '重新核对时不再发现', byData: true, run: 'run-3', at, actor: FLAG_SYSTEM },
      { seq: 6, type: 'reopened', run: 'run-4', at, actor: FLAG_SYSTEM },
      { seq: 7, type: 'resolved', reason: '欠款已收回', byData: false, run: null, at, actor: '乡纪委' },
      { seq: 8, type: 'dismissed', reason: '另有约定', at, actor: '县农业农村局' },
    ];
    const steps = flagItem(flag('1', 'resolved', { events })).steps;
    expect(steps.map((s) => [s.label, s.text, s.actor])).toEqual([
      ['系统核对发现', null, FLAG_SYSTEM],
      ['数据更新后重新核对', '尚差65,300.00元', FLAG_SYSTEM],
      ['村里的说明', '承包方申请缓缴。', '康家坪村村委会'],
      ['审核确认需要整改', '确未收取', '乡纪委'],
      ['数据更新，问题不再存在', null, FLAG_SYSTEM],
      ['再次核对时又发现', null, FLAG_SYSTEM],
      ['审核确认已解决', '欠款已收回', '乡纪委'],
      ['审核认为不是问题', '另有约定', '县农业农村局'],
    ]);
    expect(steps[1]).toMatchObject({ at: '2026-11-02 10:30', iso: at });
  });
});
