import { describe, expect, it } from 'vitest';
import { publicationDigest } from '../publication-digest.ts';
import type { FinanceContent } from '../publication.ts';
import { auditLog, describeFinding, type AuditedLeaf, type AuditedPublication } from './audit-log.ts';
import { HashTree } from './hash-tree.ts';
import { complaintEventLeaf, leafText, publicationLeaf, tombstoneLeaf, type LogLeaf } from './log-leaf.ts';
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
