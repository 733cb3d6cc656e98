import { DecisionRecord, type DecisionStep, type DecisionStepKind } from '../decision-record.ts';
import type { DecisionCheckContext } from './decision-check.ts';

/**
 * Test support: 龙岗村's two sample matters (shared/samples/430821211227-龙岗村-四议两公开登记表.xlsx)
 * as DecisionRecord objects, and builders to bend them. Matter 1 is complete; in matter 2 the
 * 党员大会 had 19 of 31 members present and there is no 实施结果公开 yet.
 */

export const LONGGANG = '430821211227';

type StepFields = Partial<Omit<DecisionStep, 'step' | 'label' | 'date'>>;

export function step(kind: DecisionStepKind, label: string, date: string, fields: StepFields = {}): DecisionStep {
  return {
    step: kind,
    label,
    date,
    body: null,
    meeting: null,
    noticeDate: null,
    expected: null,
    present: null,
    votesFor: null,
    votesAgainst: null,
    abstentions: null,
    townshipOfficials: null,
    content: null,
    remark: null,
    postedFrom: null,
    postedUntil: null,
    evidence: [],
    row: null,
    ...fields,
  };
}

function votes(expected: number, present: number, votesFor: number, votesAgainst: number, abstentions: number): StepFields {
  return { expected, present, votesFor, votesAgainst, abstentions };
}

/** 龙岗村二组至四组通组公路硬化工程, 38.6万元: all six steps, every quorum met. */
export function roadMatter(): DecisionRecord {
  return DecisionRecord.parse({
    village: LONGGANG,
    subject: '龙岗村二组至四组通组公路硬化工程',
    powerItem: { code: null, name: '村级工程项目建设（5万元以上）' },
    amount: 38_600_000,
    amountText: '38.6万元',
    links: [{ kind: 'project', publicationId: null, row: null, name: '龙岗村二组至四组通组公路硬化工程' }],
    completedOn: '2026-09-10',
    steps: [
      step('party-proposal', '党支部提议', '2026-03-02', { ...votes(5, 5, 5, 0, 0), meeting: '支委会 村部会议室', remark: '事由来源：村民建议', row: 5 }),
      step('committees-discussion', '两委会议商议', '2026-03-05', { ...votes(9, 8, 8, 0, 0), meeting: '村两委联席会议 村部会议室', row: 6 }),
      step('party-members-meeting', '党员大会审议', '2026-03-12', { ...votes(31, 24, 22, 1, 1), meeting: '党员大会 村部会议室', remark: '7名外出党员书面请假', row: 7 }),
      step('villagers-resolution', '村民代表会议决议', '2026-03-18', { ...votes(45, 38, 35, 2, 1), meeting: '村民代表会议 村部会议室', row: 8 }),
      step('resolution-disclosure', '决议公开', '2026-03-19', {
        meeting: '村务公开栏、村微信群',
        content: '公开决议内容：工程名称、地点、规模、预算、筹资办法，公示期7天（3月19日至3月26日）',
        remark: '公示期间无异议',
        postedFrom: '2026-03-19',
        postedUntil: '2026-03-26',
        row: 9,
      }),
      step('result-disclosure', '实施结果公开', '2026-09-20', {
        meeting: '村务公开栏、阳光村务平台',
        content: '公开结果：中标单位慈利县某某建筑工程有限公司，合同价36.92万元，已验收合格，结算36.85万元',
        row: 10,
      }),
    ],
    notes: ['填表人：龙岗村村务监督委员会 覃某某    村党支部（盖章）    填表日期：2026年9月25日'],
  });
}

/** 村集体荒山（老鸦坡）经营权流转: 党员大会 19 of 31 present; no 实施结果公开 yet. */
export function wastelandMatter(): DecisionRecord {
  return DecisionRecord.parse({
    village: LONGGANG,
    subject: '村集体荒山（老鸦坡）经营权流转',
    powerItem: { code: null, name: '集体资产资源发包、出租' },
    amount: null,
    amountText: '年流转费1.8万元，期限15年',
    links: [],
    completedOn: null,
    steps: [
      step('party-proposal', '党支部提议', '2026-05-06', { ...votes(5, 5, 5, 0, 0), meeting: '支委会 村部会议室', row: 5 }),
      step('committees-discussion', '两委会议商议', '2026-05-09', { ...votes(9, 9, 9, 0, 0), meeting: '村两委联席会议', row: 6 }),
      step('party-members-meeting', '党员大会审议', '2026-05-15', { ...votes(31, 19, 18, 1, 0), meeting: '党员大会 村部会议室', row: 7 }),
      step('villagers-resolution', '村民代表会议决议', '2026-05-22', { ...votes(45, 33, 30, 2, 1), meeting: '村民代表会议 村部会议室', row: 8 }),
      step('resolution-disclosure', '决议公开', '2026-05-23', { meeting: '村务公开栏', content: '公开流转方案，公示期7天', row: 9 }),
    ],
    notes: ['填表人：龙岗村村务监督委员会 覃某某    村党支部（盖章）    填表日期：2026年9月25日'],
  });
}

/** Matter 1's links as the ledgers would fill them: contract after the resolution, payment after the contract. */
export function roadContext(fields: Partial<DecisionCheckContext> = {}): DecisionCheckContext {
  return { today: '2026-09-25', contractSignedOn: '2026-04-08', firstPaymentOn: '2026-05-15', requiresRecord: true, ...fields };
}

/** Matter 2's: the 流转 contract signed after the 公示, rent not yet received or paid out. */
export function wastelandContext(fields: Partial<DecisionCheckContext> = {}): DecisionCheckContext {
  return { today: '2026-09-25', contractSignedOn: '2026-06-05', firstPaymentOn: null, requiresRecord: true, ...fields };
}

/** The record with the fields of every row of that step changed. */
export function withStep(record: DecisionRecord, kind: DecisionStepKind, fields: Partial<DecisionStep>): DecisionRecord {
  return { ...record, steps: record.steps.map((s) => (s.step === kind ? { ...s, ...fields } : s)) };
}

export function withoutStep(record: DecisionRecord, ...kinds: DecisionStepKind[]): DecisionRecord {
  return { ...record, steps: record.steps.filter((s) => !kinds.includes(s.step)) };
}
