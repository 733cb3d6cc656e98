import { describe, expect, it } from 'vitest';
import { publicationDigest } from '../publication-digest.ts';
import type { FinanceContent } from '../publication.ts';
import type { FlagEvent } from '../flags/flag.ts';
import type { RectificationEvent } from '../rectification/rectification.ts';
import { auditLog, describeFinding, type AuditedFlag, type AuditedFlagSettings, type AuditedLeaf, type AuditedPublication, type AuditedRound } from './audit-log.ts';
import { HashTree } from './hash-tree.ts';
import {
  complaintEventLeaf,
  complaintStepTombstoneLeaf,
  flagEventLeaf,
  flagSettingsDigest,
  flagSettingsLeaf,
  leafText,
  publicationLeaf,
  rectificationEventLeaf,
  tombstoneLeaf,
  type LogLeaf,
} from './log-leaf.ts';
import { leafHash } from './merkle.ts';

const v1 = version('pub-1', null, 1, 12_50);
const v2 = version('pub-2', 'pub-1', 2, 13_50);
const other = { ...version('pub-9', null, 1, 99_00), period: '2026-Q2', content: { ...finance(99_00), period: '2026-Q2' } };
other.sha256 = publicationDigest(other);
const complaint = { trackingCode: 'ABCDE12345', publicId: '1', village: '430802108214', category: '财务公开', text: '账目不清楚。' };
const steps: LogLeaf[] = [
  complaintEventLeaf(complaint, { seq: 1, at: 't1', actor: '群众', type: 'received' }),
  complaintEventLeaf(complaint, { seq: 2, at: 't2', actor: '镇纪委', type: 'dispatch', department: '村委会' }),
];
const publications = [v1, v2, other];
const log = (leaves: LogLeaf[]): AuditedLeaf[] => leaves.map((leaf, index) => ({ index, leaf: leafText(leaf), hash: leafHash(leafText(leaf)) }));
const honest = () => log([publicationLeaf(v1), steps[0]!, publicationLeaf(other), publicationLeaf(v2), steps[1]!]);

describe('auditLog', () => {
  it('finds nothing wrong with an honest log, and recomputes its root', () => {
    const leaves = honest();
    const report = auditLog(leaves, publications, { roots: [{ size: 3, root: HashTree.fromLeaves(leaves.slice(0, 3).map((l) => l.leaf)).root() }] });
    expect(report.findings).toEqual([]);
    expect(report.size).toBe(5);
    expect(report.root).toEqual(HashTree.fromLeaves(leaves.map((l) => l.leaf)).root());
  });

  it('names the publication whose content no longer matches its logged digest', () => {
    const changed = { ...v2, content: finance(1_350_00) };
    expect(auditLog(honest(), [v1, changed, other]).findings).toEqual([{ kind: 'content-mismatch', publication: 'pub-2', index: 3 }]);
  });

  it('names a publication whose served record differs from its leaf', () => {
    const moved = { ...v1, publishedAt: '2026-01-01T00:00:00.000Z' };
    expect(auditLog(honest(), [moved, v2, other]).findings).toEqual([{ kind: 'publication-mismatch', publication: 'pub-1', index: 0, fields: ['publishedAt'] }]);
  });

  it('names the missing leaf and the publication it covered when a leaf is deleted', () => {
    const leaves = honest().filter((l) => l.index !== 2);
    const findings = auditLog(leaves, publications).findings;
    expect(findings).toContainEqual({ kind: 'missing-leaf', index: 2 });
    expect(findings).toContainEqual({ kind: 'publication-not-logged', publication: 'pub-9' });
  });

  it('sees reordered leaves: a version before the one it supersedes, a step before the one before it, and a changed root', () => {
    const honestLeaves = honest();
    const root = HashTree.fromLeaves(honestLeaves.map((l) => l.leaf)).root();
    const texts = honestLeaves.map((l) => l.leaf);
    const swapped = [texts[3]!, texts[4]!, texts[2]!, texts[0]!, texts[1]!].map((leaf, index) => ({ index, leaf }));
    const findings = auditLog(swapped, publications, { roots: [{ size: 5, root }] }).findings;
    expect(findings).toContainEqual(expect.objectContaining({ kind: 'out-of-order', index: 0, ref: 'pub-2' }));
    expect(findings).toContainEqual(expect.objectContaining({ kind: 'out-of-order', index: 1, ref: '1/2' }));
    expect(findings).toContainEqual({ kind: 'root-mismatch', size: 5 });
  });

  it('checks each served leaf hash against its text', () => {
    const leaves = honest();
    leaves[1] = { ...leaves[1]!, hash: leaves[0]!.hash! };
    expect(auditLog(leaves, publications).findings).toEqual([{ kind: 'leaf-hash-mismatch', index: 1 }]);
  });

  it('accepts a taken-down version without content only when its tombstone is logged', () => {
    const removed = { ...v1, content: null };
    expect(auditLog(honest(), [removed, v2, other]).findings).toEqual([{ kind: 'content-missing', publication: 'pub-1', index: 0 }]);
    const withTombstone = log([publicationLeaf(v1), publicationLeaf(v2), publicationLeaf(other), tombstoneLeaf({ publicationId: 'pub-1', reason: '误公开身份证号', at: 't3' })]);
    expect(auditLog(withTombstone, [removed, v2, other]).findings).toEqual([]);
    expect(auditLog(withTombstone, [v2, other]).findings).toEqual([]);
  });

  it('accepts the takedown of a complaint step after the step, and names one logged before it or twice', () => {
    const down = complaintStepTombstoneLeaf({ complaint: '1', seq: 2, reason: '答复中误写了群众的手机号', at: 't3' });
    expect(auditLog(log([...honest().map((l) => JSON.parse(l.leaf) as LogLeaf), down]), publications).findings).toEqual([]);
    const early = auditLog(log([publicationLeaf(v1), steps[0]!, down, publicationLeaf(other), publicationLeaf(v2), steps[1]!]), publications).findings;
    expect(early).toEqual([expect.objectContaining({ kind: 'out-of-order', index: 2, ref: '1/2' })]);
    const unknownStep = complaintStepTombstoneLeaf({ complaint: '1', seq: 3, reason: '误写号码', at: 't3' });
    expect(auditLog(log([...steps, unknownStep]), []).findings).toEqual([expect.objectContaining({ kind: 'out-of-order', index: 2, ref: '1/3' })]);
    expect(auditLog(log([...steps, down, down]), []).findings).toEqual([{ kind: 'logged-twice', index: 3, first: 2, ref: '1/2' }]);
  });

  it('reports a log shorter than a checkpoint, a repeated leaf and a malformed one', () => {
    const leaves = honest();
    const findings = auditLog([...leaves, { index: 5, leaf: leaves[0]!.leaf }, { index: 6, leaf: '{"type":"nothing"}' }], publications, {
      roots: [{ size: 9, root: new Uint8Array(32) }],
    }).findings;
    expect(findings).toContainEqual({ kind: 'logged-twice', index: 5, first: 0, ref: 'pub-1' });
    expect(findings).toContainEqual(expect.objectContaining({ kind: 'malformed-leaf', index: 6 }));
    expect(findings).toContainEqual({ kind: 'log-too-short', size: 9, leaves: 7 });
  });

  it('describes each finding in Chinese and English, naming the publication', () => {
    expect(describeFinding({ kind: 'content-mismatch', publication: 'pub-2', index: 3 })).toMatch(/公开记录 pub-2 .*\/ the content of publication pub-2 was changed/);
  });
});

describe('auditLog: flags, rounds and flag settings', () => {
  const flag: AuditedFlag = {
    id: '3',
    village: '430802108214',
    rule: 'receivable-overdue',
    events: [
      { seq: 1, at: 't1', actor: '系统', type: 'raised', run: 'run-1', title: '合同KJP-1的租金未见入账', detail: '未见对应收入。', amount: 130_600_00, evidence: [] },
      { seq: 2, at: 't2', actor: '马头溪村', type: 'explained', text: '承包方承诺月底前缴清。' },
    ] satisfies FlagEvent[],
  };
  const round: AuditedRound = {
    id: '1',
    scope: '430802108',
    events: [
      { seq: 1, at: 't1', actor: '区委巡察办', type: 'opened', objectName: '沅古坪镇', scope: '430802108', title: '2026年第二轮巡察', team: '第三巡察组', start: '2026-07-01', end: '2026-08-31', contact: '0744-8221234' },
      { seq: 2, at: 't3', actor: '第三巡察组', type: 'rule-adopted', title: '村级财务公开审核制度' },
    ] satisfies RectificationEvent[],
  };
  const settings: AuditedFlagSettings[] = [
    { code: '430802', version: 1, document: { disabled: [] } },
    { code: '430802', version: 2, document: { disabled: ['cash-over-limit'] } },
  ];
  const settingsLeaf = (s: AuditedFlagSettings, at: string) => flagSettingsLeaf({ ...s, at, sha256: flagSettingsDigest(s.document) });
  const leaves = (order: LogLeaf[]) => log(order);
  const all = () => [
    flagEventLeaf(flag, flag.events[0]!),
    rectificationEventLeaf(round, round.events[0]!),
    settingsLeaf(settings[0]!, 't1'),
    flagEventLeaf(flag, flag.events[1]!),
    settingsLeaf(settings[1]!, 't2'),
    rectificationEventLeaf(round, round.events[1]!),
  ];
  const options = { flags: [flag], rounds: [round], flagSettings: settings };

  it('finds nothing wrong when every step and settings version is logged, in order, with its digest', () => {
    expect(auditLog(leaves(all()), [], options).findings).toEqual([]);
    // and without the records, the leaves alone are in order
    expect(auditLog(leaves(all()), []).findings).toEqual([]);
  });

  it('sees a step or settings version logged before the one before it', () => {
    const [f1, r1, s1, f2, s2, r2] = all();
    const findings = auditLog(leaves([f2!, r2!, s2!, f1!, r1!, s1!]), [], options).findings;
    expect(findings.map((f) => f.kind === 'out-of-order' && [f.index, f.ref])).toEqual([[0, '3/2'], [1, '1/2'], [2, '430802/2']]);
  });

  it('names a served step whose leaf is missing, or whose leaf does not match it', () => {
    const [f1, r1, s1, , s2, r2] = all();
    const reworded = { ...flag, events: [flag.events[0]!, { ...flag.events[1]!, text: '另一种说法。' }] as FlagEvent[] };
    const redated = { ...round, events: [round.events[0]!, { ...round.events[1]!, at: 't9' }] as RectificationEvent[] };
    const edited = [settings[0]!, { ...settings[1]!, document: { disabled: [] } }];
    expect(auditLog(leaves([f1!, r1!, s1!, s2!, r2!]), [], options).findings).toEqual([{ kind: 'record-not-logged', record: 'flag', id: '3', seq: 2 }]);
    expect(auditLog(leaves(all()), [], { flags: [reworded], rounds: [redated], flagSettings: edited }).findings).toEqual([
      { kind: 'record-mismatch', record: 'flag', id: '3', seq: 2, index: 3, fields: ['sha256'] },
      { kind: 'record-mismatch', record: 'round', id: '1', seq: 2, index: 5, fields: ['at', 'sha256'] },
      { kind: 'record-mismatch', record: 'flag-settings', id: '430802', seq: 2, index: 4, fields: ['sha256'] },
    ]);
    expect(auditLog(leaves([f1!, r1!, s1!]), [], { flagSettings: settings }).findings).toEqual([{ kind: 'record-not-logged', record: 'flag-settings', id: '430802', seq: 2 }]);
  });

  it('names a logged step that a served flag or round no longer has', () => {
    const shortened = { ...flag, events: flag.events.slice(0, 1) };
    expect(auditLog(leaves(all()), [], { flags: [shortened], rounds: [{ ...round, events: round.events.slice(0, 1) }] }).findings).toEqual([
      { kind: 'record-missing', record: 'flag', id: '3', seq: 2, index: 3 },
      { kind: 'record-missing', record: 'round', id: '1', seq: 2, index: 5 },
    ]);
  });

  it('describes the new findings in Chinese and English, naming the record and the step', () => {
    expect(describeFinding({ kind: 'record-not-logged', record: 'flag', id: '3', seq: 2 })).toBe('核对提示 3 的第 2 步不在日志中 / step 2 of flag 3 is not in the log');
    expect(describeFinding({ kind: 'record-mismatch', record: 'round', id: '1', seq: 2, index: 5, fields: ['at', 'sha256'] })).toBe(
      '整改轮次 1 的第 2 步与日志第 5 号记录不符（at、sha256）/ step 2 of round 1 differs from leaf 5 in at, sha256',
    );
    expect(describeFinding({ kind: 'record-missing', record: 'flag', id: '3', seq: 2, index: 3 })).toBe('日志第 3 号记录的核对提示 3 的第 2 步已不存在 / step 2 of flag 3 (leaf 3) is gone');
    expect(describeFinding({ kind: 'record-not-logged', record: 'flag-settings', id: '430802', seq: 2 })).toMatch(/^430802 的核对提示设置第 2 版不在日志中 \/ version 2 of the flag settings of 430802/);
  });
});

function version(id: string, supersedes: string | null, n: number, expense: number): AuditedPublication {
  const series = { village: '430802108214', kind: 'finance' as const, period: '2026-Q3', subject: '' };
  const content = finance(expense);
  return { id, ...series, version: n, supersedes, publishedAt: `2026-07-1${n}T08:00:00.000Z`, sha256: publicationDigest({ ...series, content }), content };
}

function finance(expense: number): FinanceContent {
  return {
    kind: 'finance',
    title: '2026年第三季度财务公开',
    period: '2026-Q3',
    openingBalance: null,
    entries: [{ row: 2, date: '2026-07-01', voucher: null, summary: '办公用品', account: null, income: 0, expense, balance: null, remark: null }],
    totals: { income: 0, expense, closingBalance: null },
    notes: [],
  };
}
