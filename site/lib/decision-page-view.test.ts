import { describe, expect, it } from 'vitest';
import { partyMeetingQuorum } from '../../data/decisions/checks/party-meeting-quorum.ts';
import { LONGGANG, roadMatter, wastelandMatter, withoutStep } from '../../data/decisions/checks/test-records.ts';
import { currentRecord, type DecisionMatter } from '../../data/decisions/decision-matter.ts';
import { DECISION_STEPS, STEP_NAME } from '../../data/decisions/decision-record.ts';
import { judgeMatter } from '../../data/decisions/matter-checks.ts';
import { DEFAULT_CATALOGUE } from '../../data/power/default-catalogue.ts';
import { buildDecisionPageView } from './decision-page-view.ts';
import { storedMatter } from '../../data/decisions/test-matters.ts';
import { DIVISIONS } from './test-fixtures.ts';

const village = DIVISIONS.find((d) => d.code === LONGGANG)!;
const site = { name: '阳光村务', regionName: '张家界市', baseUrl: 'http://portal.test' };
const crumbs = [{ name: '张家界市', href: '/' }, { name: '慈利县', href: '/r/430821/' }, { name: '龙潭河镇', href: '/r/430821211/' }];

function view(matter: DecisionMatter, today = '2026-09-25') {
  const judged = judgeMatter(currentRecord(matter), { catalogue: DEFAULT_CATALOGUE, ledgers: [], today });
  return buildDecisionPageView({ site, village, crumbs, matter, judged });
}

describe('a 四议两公开 matter page', () => {
  it('shows 龙岗村 matter 2 with the six steps in the required order, each with what the register says', () => {
    const page = view(storedMatter(wastelandMatter()));
    expect(page.heading).toBe('村集体荒山（老鸦坡）经营权流转');
    expect(page.steps.map((s) => s.name)).toEqual(DECISION_STEPS.map((k) => STEP_NAME[k]));
    const party = page.steps[2]!;
    expect(party.records).toHaveLength(1);
    expect(party.records[0]!.date).toBe('2026-05-15');
    expect(party.records[0]!.votes.map((v) => `${v.label}${v.value}`)).toEqual(['应到31', '实到19', '赞成18', '反对1', '弃权0']);
    expect(party.records[0]!.facts).toContainEqual({ label: '会议形式及地点', value: '党员大会 村部会议室', unit: null });
    expect(page.facts).toContainEqual({ label: '涉及金额', value: '年流转费1.8万元，期限15年', unit: null });
  });

  it('puts the failed 党员大会 quorum on its step with the message and why it matters', () => {
    const page = view(storedMatter(wastelandMatter()));
    expect(page.badge).toEqual({ text: '需说明：党员大会到会与表决人数', attention: true });
    expect(page.badgeSentence).toContain('村里需要作出说明');
    const problems = page.steps.find((s) => s.kind === 'party-members-meeting')!.problems;
    expect(problems).toEqual([
      {
        name: partyMeetingQuorum.name,
        statusLabel: '未通过',
        attention: true,
        message: '党员大会应到31人、实到19人，不足应到人数的三分之二（21人）',
        explanation: partyMeetingQuorum.explanation,
        legalBasis: partyMeetingQuorum.legalBasis,
      },
    ]);
    // the vote count of the same meeting passed: listed briefly, not as a problem
    expect(page.passed).toContainEqual({ name: partyMeetingQuorum.name, message: '党员大会应到31人、赞成18人，超过应到人数的半数（至少16人）' });
  });

  it('has no result disclosure yet: not yet due while the matter is not carried out, missing once it is', () => {
    const underWay = view(storedMatter(wastelandMatter())).steps.at(-1)!;
    expect(underWay).toMatchObject({ name: '实施结果公开', records: [], absent: '尚未进行：实施结果公开' });
    expect(underWay.problems.map((p) => p.statusLabel)).toContain('尚未到期');

    const done = view(storedMatter({ ...wastelandMatter(), completedOn: '2026-06-01' }));
    expect(done.badge.text).toContain('缺少：实施结果公开');
    expect(done.steps.at(-1)!.absent).toBe('缺少：实施结果公开');
  });

  it('shows a missing step in its place as 缺少', () => {
    const page = view(storedMatter(withoutStep(roadMatter(), 'party-members-meeting')));
    expect(page.badge).toEqual({ text: '缺少：党员大会审议', attention: true });
    const party = page.steps[2]!;
    expect(party).toMatchObject({ name: '党员大会审议', records: [], absent: '缺少：党员大会审议' });
    expect(page.steps[3]!.records).toHaveLength(1);
  });

  it('says when a step was recorded on the portal after the day it happened, and not otherwise', () => {
    const record = roadMatter();
    const page = view(storedMatter(record, { at: '2026-09-20T08:00:00.000Z', late: { steps: ['party-proposal'], at: '2026-10-02T03:00:00.000Z' } }), '2026-10-02');
    // recorded last, shown first: the page follows the procedure, not the order of recording
    expect(page.steps[0]!.records[0]).toMatchObject({ label: '党支部提议', date: '2026-03-02', recordedLate: '补录于 2026-10-02' });
    expect(page.steps[1]!.records[0]!.recordedLate).toBe('补录于 2026-09-20');
    // the result was disclosed on 2026-09-20, the day it was recorded
    expect(page.steps[5]!.records[0]!.recordedLate).toBeNull();
    expect(page.history.at(-1)).toMatchObject({ what: '党支部提议（2026-03-02）', at: '2026-10-02 11:00', iso: '2026-10-02T03:00:00.000Z', logIndex: 40 });
  });

  it('links the power-list item, the village and the JSON twin, and lists every entry with its log index', () => {
    const matter = storedMatter(wastelandMatter());
    const page = view(matter);
    expect(page.powerItem).toEqual({ label: '集体资产资源发包、出租', href: '/power/asset-contracting/', note: null });
    expect(page.villageHref).toBe(`/v/${LONGGANG}/`);
    expect(page.apiHref).toBe('/api/v1/decisions/2');
    expect(page.crumbs.at(-1)).toEqual({ name: '四议两公开事项 2', href: null });
    expect(page.history.map((h) => [h.seq, h.logIndex])).toEqual(matter.entries.map((e) => [e.seq, e.logIndex]));
    expect(page.history[0]!.what).toBe('事项信息（事由、对应事项、金额）');
  });

  it('says which words of the register matched no item of the list', () => {
    const page = view(storedMatter({ ...wastelandMatter(), powerItem: { code: null, name: '修缮祠堂' } }));
    expect(page.powerItem).toEqual({ label: '修缮祠堂', href: null, note: '未能对应到小微权力清单中的事项' });
  });

  it('shows an amount in yuan with the register’s own words beside it', () => {
    const page = view(storedMatter(roadMatter()));
    expect(page.facts[0]).toEqual({ label: '涉及金额', value: '386,000.00 元（登记表写作：38.6万元）', unit: null });
  });

  it('is labelled sample data when the matter is', () => {
    expect(view(storedMatter(wastelandMatter(), { sample: true })).sample).toBe(true);
    expect(view(storedMatter(wastelandMatter())).sample).toBe(false);
  });

  it('lists a step’s attached file with the day it came and its fingerprint, and names it in the history', () => {
    const matter = storedMatter(wastelandMatter());
    const meeting = matter.entries.find((e) => e.entry === 'step' && e.value.step === 'party-members-meeting')!;
    const sha256 = 'ab'.repeat(32);
    matter.entries.push({
      seq: matter.entries.length + 1,
      recordedAt: '2026-10-02T03:00:00.000Z',
      logIndex: 60,
      entry: 'evidence',
      value: { stepSeq: meeting.seq, evidence: { kind: 'sign-in-sheet', name: '党员大会签到表', photoId: sha256.slice(0, 24), pdfSha256: null }, file: { sha256, mediaType: 'image/webp', bytes: 5000 } },
    });
    const page = view(matter);
    const party = page.steps.find((s) => s.kind === 'party-members-meeting')!;
    expect(party.records[0]!.evidence).toEqual([{ label: '党员大会签到表（照片）', attachedOn: '2026-10-02', fingerprint: sha256.slice(0, 16) }]);
    expect(page.history.at(-1)!.what).toBe('附上签到表：党员大会签到表（党员大会审议，2026-05-15）');
  });
});
