import type { CheckOutcome, CheckStatus } from '../../data/decisions/checks/decision-check.ts';
import { ALL_DECISION_CHECKS } from '../../data/decisions/checks/index.ts';
import { recordedSteps, type DecisionEntry, type DecisionMatter, type RecordedStep } from '../../data/decisions/decision-matter.ts';
import { DECISION_STEPS, EVIDENCE_KIND_NAME, STEP_NAME, type DecisionStepKind, type ResolvingBody } from '../../data/decisions/decision-record.ts';
import type { MatterJudgement } from '../../data/decisions/matter-checks.ts';
import { DEFAULT_CATALOGUE } from '../../data/power/default-catalogue.ts';
import type { PowerCatalogue } from '../../data/power/power-catalogue.ts';
import type { Division } from '../../data/region.ts';
import { badgeSentence, decisionBadge, type DecisionBadgeView } from './decision-badge.ts';
import { chinaDate, chinaDateTime, yuan } from './format.ts';
import type { Crumb, Figure, Link, PageBase, SiteInfo } from './page-model.ts';
import { decisionApiHref, powerItemPath, publicationHref, villageHref } from './urls.ts';

/**
 * A 四议两公开 matter's page (/v/<village>/decisions/<id>/): the badge in plain words, what the
 * matter is, the six steps in the order the procedure requires with what the register says of
 * each, what every check found, and the history of entries with their log indices. The data twin
 * is the API's GET /api/v1/decisions/<id>, which serves the same entries and checks.
 */

export interface DecisionCheckView {
  name: string;
  /** 未通过 / 无法判断 / 尚未到期 */
  statusLabel: string;
  attention: boolean;
  message: string;
  explanation: string;
  legalBasis: string;
}

export interface DecisionStepRecordView {
  /** the step as the register names it (党支部提议, 村民代表会议决议 …) */
  label: string;
  date: string;
  /** 补录于 2026-10-02: the portal heard of it after the day it happened */
  recordedLate: string | null;
  /** 会议形式及地点, the resolving body, the notice day, the posting days: each a labelled line */
  facts: Figure[];
  /** 应到 / 实到 / 赞成 / 反对 / 弃权, only those the register fills */
  votes: Figure[];
  evidence: DecisionEvidenceView[];
}

/** One piece of evidence: what it is, and for an attached file when it came and its fingerprint. */
export interface DecisionEvidenceView {
  /** 签到表（照片）: the official's name for it and what kind of file */
  label: string;
  /** 2026-10-02: when the file was attached; null for evidence the register only names */
  attachedOn: string | null;
  /** the first 16 hex digits of the file's SHA-256, the whole in the data twin */
  fingerprint: string | null;
}

export interface DecisionStepView {
  kind: DecisionStepKind;
  /** 党员大会审议 */
  name: string;
  /** every row of this step on record (more than one when the register repeats it) */
  records: DecisionStepRecordView[];
  /** in place of a step not on record: 缺少：党员大会审议, or 尚未进行：实施结果公开 */
  absent: string | null;
  /** checks about this step that did not pass */
  problems: DecisionCheckView[];
}

export interface DecisionHistoryItem {
  seq: number;
  /** 事项信息, or the step and its date */
  what: string;
  at: string;
  iso: string;
  logIndex: number;
}

export interface DecisionPage extends PageBase {
  kind: 'decision';
  crumbs: Crumb[];
  id: string;
  villageName: string;
  villageCode: string;
  villageHref: string;
  /** 事由 */
  heading: string;
  badge: DecisionBadgeView;
  /** the badge in one plain sentence */
  badgeSentence: string;
  /** 对应小微权力事项: linked to its page when the list has it */
  powerItem: { label: string; href: string | null; note: string | null };
  /** 涉及金额, 完成日期 … */
  facts: Figure[];
  /** what the matter belongs to: a project, contract or ledger row, linked when its publication is known */
  links: Array<{ label: string; href: string | null }>;
  /** in the required order, all six */
  steps: DecisionStepView[];
  /** checks about the matter as a whole that did not pass */
  problems: DecisionCheckView[];
  /** the checks that passed: name and what they found */
  passed: Array<{ name: string; message: string }>;
  notes: string[];
  history: DecisionHistoryItem[];
  apiHref: string;
  index: Link;
}

export interface DecisionPageInput {
  site: SiteInfo;
  village: Division;
  /** from the region home down to the village itself (crumbsTo) */
  crumbs: Crumb[];
  matter: DecisionMatter;
  judged: MatterJudgement;
  catalogue?: PowerCatalogue;
}

export function buildDecisionPageView(input: DecisionPageInput): DecisionPage {
  const { matter, judged, village } = input;
  const { record, checks } = judged;
  const catalogue = input.catalogue ?? DEFAULT_CATALOGUE;
  const unpassed = checks.outcomes.filter((o) => !o.passed);
  const stepEntries = recordedSteps(matter);
  const item = record.powerItem.code === null ? undefined : catalogue.items.find((i) => i.code === record.powerItem.code);
  const written = record.powerItem.name;

  const steps = DECISION_STEPS.map((kind): DecisionStepView => {
    const records = stepEntries.filter((e) => e.step.step === kind).map(stepRecordView);
    const problems = unpassed.filter((o) => o.step === kind).map(checkView);
    return { kind, name: STEP_NAME[kind], records, absent: records.length > 0 ? null : absentText(kind, checks.summary.missing, unpassed), problems };
  });

  return {
    kind: 'decision',
    site: input.site,
    title: `${matter.subject} · 四议两公开`,
    description: `${village.name}“${matter.subject}”的四议两公开记录：每一步的时间、到会和表决人数、公开情况，以及核对结果。`,
    sample: matter.sample,
    crumbs: [...input.crumbs.slice(1), { name: `四议两公开事项 ${matter.id}`, href: null }],
    id: matter.id,
    villageName: village.name,
    villageCode: village.code,
    villageHref: villageHref(village.code),
    heading: matter.subject,
    badge: decisionBadge(checks.summary),
    badgeSentence: badgeSentence(checks.summary),
    powerItem: item
      ? { label: item.name, href: powerItemPath(item.code, catalogue.scope), note: written !== null && written !== item.name ? `登记表写作：${written}` : null }
      : { label: written ?? '未填写', href: null, note: written === null ? null : '未能对应到小微权力清单中的事项' },
    facts: [
      { label: '涉及金额', value: amountText(record.amount, record.amountText), unit: null },
      ...(record.completedOn === null ? [] : [{ label: '完成（竣工、结算）日期', value: record.completedOn, unit: null }]),
    ],
    links: record.links.map((l) => ({
      label: `${LINK_KIND[l.kind]}：${l.name ?? (l.row === null ? '未写名称' : `第${l.row}行`)}`,
      href: l.publicationId === null ? null : `${publicationHref(village.code, l.publicationId)}${l.row === null ? '' : `#r${l.row}`}`,
    })),
    steps,
    problems: unpassed.filter((o) => o.step === null).map(checkView),
    passed: checks.outcomes.filter((o) => o.passed).map((o) => ({ name: checkOf(o).name, message: o.message })),
    notes: record.notes,
    history: matter.entries.map((e) => ({
      seq: e.seq,
      what: historyText(e, stepEntries),
      at: chinaDateTime(e.recordedAt),
      iso: e.recordedAt,
      logIndex: e.logIndex,
    })),
    apiHref: decisionApiHref(matter.id),
    index: { label: `返回${village.name}`, href: `${villageHref(village.code)}#decisions` },
  };
}

// ——— private helpers ———

const LINK_KIND = { project: '工程项目', contract: '合同', 'ledger-entry': '账目' } as const;

const BODY_NAME: Record<ResolvingBody, string> = { 'villagers-meeting': '村民会议', 'representatives-meeting': '村民代表会议' };

const STATUS_LABEL: Record<CheckStatus, string> = { passed: '通过', failed: '未通过', 'cannot-judge': '无法判断', 'not-yet-due': '尚未到期' };

function stepRecordView({ step, recordedAt, attachments }: RecordedStep): DecisionStepRecordView {
  const recordedOn = chinaDate(recordedAt);
  const attached = new Map(attachments.map((a) => [a.attachment.evidence, a]));
  const line = (label: string, value: string | null): Figure[] => (value === null || value === '' ? [] : [{ label, value, unit: null }]);
  const count = (label: string, value: number | null): Figure[] => (value === null ? [] : [{ label, value: String(value), unit: '人' }]);
  return {
    label: step.label,
    date: step.date,
    // Registers are often filled in after the meetings: the page says so rather than imply the portal saw it happen.
    recordedLate: recordedOn > step.date ? `补录于 ${recordedOn}` : null,
    facts: [
      ...line('决议机构', step.body === null ? null : BODY_NAME[step.body]),
      ...line('会议形式及地点', step.meeting),
      ...line('会议公告日期', step.noticeDate),
      ...line('公示时间', postedText(step.postedFrom, step.postedUntil)),
      ...line('乡镇参会人员', step.townshipOfficials),
      ...line('主要内容', step.content),
      ...line('备注', step.remark),
    ],
    votes: [...count('应到', step.expected), ...count('实到', step.present), ...count('赞成', step.votesFor), ...count('反对', step.votesAgainst), ...count('弃权', step.abstentions)],
    evidence: step.evidence.map((e): DecisionEvidenceView => {
      const a = attached.get(e);
      if (!a) return { label: e.name, attachedOn: null, fingerprint: null };
      return { label: `${e.name}（${a.attachment.file.mediaType === 'application/pdf' ? 'PDF 文件' : '照片'}）`, attachedOn: chinaDate(a.recordedAt), fingerprint: a.attachment.file.sha256.slice(0, 16) };
    }),
  };
}

function historyText(e: DecisionEntry, steps: readonly RecordedStep[]): string {
  if (e.entry === 'matter') return '事项信息（事由、对应事项、金额）';
  if (e.entry === 'step') return `${e.value.label}（${e.value.date}）`;
  const step = steps.find((s) => s.seq === e.value.stepSeq)?.step;
  return `附上${EVIDENCE_KIND_NAME[e.value.evidence.kind]}：${e.value.evidence.name}${step ? `（${step.label}，${step.date}）` : ''}`;
}

function postedText(from: string | null, until: string | null): string | null {
  if (from === null && until === null) return null;
  return `${from ?? '未写'} 至 ${until ?? '未写'}`;
}

/** A step not on record: owed now (缺少), or not yet due (a project still under way). */
function absentText(kind: DecisionStepKind, missing: readonly DecisionStepKind[], unpassed: readonly CheckOutcome[]): string {
  if (missing.includes(kind)) return `缺少：${STEP_NAME[kind]}`;
  if (unpassed.some((o) => o.step === kind && o.status === 'not-yet-due')) return `尚未进行：${STEP_NAME[kind]}`;
  return `未登记：${STEP_NAME[kind]}`;
}

function amountText(fen: number | null, text: string | null): string {
  if (fen === null) return text ?? '未填写';
  const formatted = yuan(fen);
  return text === null || text === '' ? formatted : `${formatted}（登记表写作：${text}）`;
}

function checkOf(o: CheckOutcome) {
  const check = ALL_DECISION_CHECKS.find((c) => c.id === o.check);
  if (!check) throw new Error(`no decision check ${o.check}`);
  return check;
}

function checkView(o: CheckOutcome): DecisionCheckView {
  const check = checkOf(o);
  return {
    name: check.name,
    statusLabel: STATUS_LABEL[o.status],
    attention: o.status === 'failed',
    message: o.message,
    explanation: check.explanation,
    legalBasis: check.legalBasis,
  };
}
