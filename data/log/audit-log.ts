import type { FlagRuleId } from '../flags/finding.ts';
import type { FlagEvent } from '../flags/flag.ts';
import { publicationDigest } from '../publication-digest.ts';
import type { PublicationContent } from '../publication.ts';
import type { RectificationEvent } from '../rectification/rectification.ts';
import { HashTree } from './hash-tree.ts';
import {
  decisionEntryDigest,
  flagEventLeaf,
  flagSettingsDigest,
  leafRef,
  parseLeaf,
  powerCatalogueDigest,
  regionSummaryDigest,
  publicationLeaf,
  rectificationEventLeaf,
  type LoggedPublication,
  type LogLeaf,
} from './log-leaf.ts';
import { equalBytes, leafHash } from './merkle.ts';

/**
 * Checks a downloaded log against the publications it covers and names every mismatch: what the
 * verify CLI runs after fetching the leaves and the published versions, and what the store's
 * contract tests run after tampering with the database. Pure: no I/O, nothing thrown.
 *
 * It recomputes every leaf hash from the leaf text and every version's digest from its content,
 * checks the leaves are numbered 0…n−1 without gaps or repeats, each version is logged exactly
 * once, after the version it supersedes, each step of a complaint, flag or round after the one
 * before it, each takedown (of a version or of a complaint step) after what it takes down, and
 * each version of a county's flag settings after the one before it; with `roots`
 * (from signed checkpoints) it checks the tree of those sizes has those roots. With `flags`,
 * `rounds` or `flagSettings` (as the public API serves them) it recomputes each step's or
 * version's digest and checks its leaf has it.
 */
export interface AuditedLeaf {
  index: number;
  /** the leaf's canonical JSON text */
  leaf: string;
  /** the hash as served, if it was; recomputed and compared */
  hash?: Uint8Array;
}

/** A published version as served; `content` is null once taken down (its tombstone must be in the log). */
export type AuditedPublication = LoggedPublication & { subject: string; content: PublicationContent | null };

/** A flag as GET /api/v1/flags/{id} serves it, with every step. */
export interface AuditedFlag {
  id: string;
  village: string;
  rule: FlagRuleId;
  events: readonly FlagEvent[];
}

/** An inspection round as served, with every step. */
export interface AuditedRound {
  id: string;
  scope: string;
  events: readonly RectificationEvent[];
}

/** One version of a county's (or the region's) flag settings, as served. */
export interface AuditedFlagSettings {
  code: string;
  version: number;
  document: unknown;
}

/** A 四议两公开 matter as GET /api/v1/decisions/{id} serves it: each entry's value is what its leaf's digest covers. */
export interface AuditedDecisionMatter {
  id: string;
  village: string;
  entries: ReadonlyArray<{ seq: number; value: unknown }>;
}

/** A version of a county's power list as GET /api/v1/power-catalogues serves it. */
export interface AuditedPowerCatalogue {
  scope: string;
  seq: number;
  document: unknown;
}

export interface AuditOptions {
  roots?: ReadonlyArray<{ size: number; root: Uint8Array }>;
  flags?: readonly AuditedFlag[];
  rounds?: readonly AuditedRound[];
  flagSettings?: readonly AuditedFlagSettings[];
  decisions?: readonly AuditedDecisionMatter[];
  powerCatalogues?: readonly AuditedPowerCatalogue[];
  /** every region's summary tables, as GET /api/v1/region-summaries serves them */
  regionSummaries?: readonly AuditedPowerCatalogue[];
}

/** For `flag-settings`, `id` is the code and `seq` the version; for `power-catalogue`, the scope and its version. */
export type AuditedRecordKind = 'flag' | 'round' | 'flag-settings' | 'decision' | 'power-catalogue' | 'region-summary';

export type AuditFinding =
  | { kind: 'missing-leaf'; index: number }
  | { kind: 'repeated-index'; index: number }
  | { kind: 'malformed-leaf'; index: number; problem: string }
  | { kind: 'leaf-hash-mismatch'; index: number }
  | { kind: 'logged-twice'; index: number; first: number; ref: string }
  | { kind: 'publication-not-logged'; publication: string }
  | { kind: 'publication-missing'; publication: string; index: number }
  | { kind: 'publication-mismatch'; publication: string; index: number; fields: string[] }
  | { kind: 'content-mismatch'; publication: string; index: number }
  | { kind: 'content-missing'; publication: string; index: number }
  | { kind: 'out-of-order'; index: number; ref: string; detail: string }
  /** a served step (or settings version) without its leaf */
  | { kind: 'record-not-logged'; record: AuditedRecordKind; id: string; seq: number }
  /** a served step (or settings version) that differs from its leaf, in the leaf's `fields` */
  | { kind: 'record-mismatch'; record: AuditedRecordKind; id: string; seq: number; index: number; fields: string[] }
  /** a leaf of a served flag or round names a step the record no longer has */
  | { kind: 'record-missing'; record: 'flag' | 'round'; id: string; seq: number; index: number }
  | { kind: 'log-too-short'; size: number; leaves: number }
  | { kind: 'root-mismatch'; size: number };

export interface AuditReport {
  /** the number of leaves checked */
  size: number;
  /** the root recomputed from the leaf texts, in index order */
  root: Uint8Array;
  findings: AuditFinding[];
}

export function auditLog(
  leaves: readonly AuditedLeaf[],
  publications: readonly AuditedPublication[],
  options: AuditOptions = {},
): AuditReport {
  const findings: AuditFinding[] = [];
  const sorted = [...leaves].sort((a, b) => a.index - b.index);
  const tree = new HashTree();
  const parsed: Array<{ index: number; leaf: LogLeaf }> = [];
  let expected = 0;
  for (const item of sorted) {
    if (item.index < expected) findings.push({ kind: 'repeated-index', index: item.index });
    for (; expected < item.index; expected++) findings.push({ kind: 'missing-leaf', index: expected });
    expected = Math.max(expected, item.index + 1);
    const hash = leafHash(item.leaf);
    tree.append(hash);
    if (item.hash && !equalBytes(item.hash, hash)) findings.push({ kind: 'leaf-hash-mismatch', index: item.index });
    const leaf = parseLeaf(item.leaf);
    if (leaf.ok) parsed.push({ index: item.index, leaf: leaf.leaf });
    else findings.push({ kind: 'malformed-leaf', index: item.index, problem: leaf.problem });
  }

  findings.push(...checkRecords(parsed, publications), ...checkSteps(parsed, options));

  for (const { size, root } of options.roots ?? []) {
    if (size > tree.size) findings.push({ kind: 'log-too-short', size, leaves: tree.size });
    else if (!equalBytes(tree.root(size), root)) findings.push({ kind: 'root-mismatch', size });
  }
  return { size: tree.size, root: tree.root(), findings };
}

/** One line per finding, Chinese first with English alongside, naming the leaf and the record. */
export function describeFinding(f: AuditFinding): string {
  switch (f.kind) {
    case 'missing-leaf':
      return `缺少第 ${f.index} 号记录 / leaf ${f.index} is missing`;
    case 'repeated-index':
      return `第 ${f.index} 号记录重复出现 / leaf ${f.index} appears twice`;
    case 'malformed-leaf':
      return `第 ${f.index} 号记录格式错误 / leaf ${f.index} is malformed: ${f.problem}`;
    case 'leaf-hash-mismatch':
      return `第 ${f.index} 号记录的哈希与内容不符 / leaf ${f.index}: its hash does not match its text`;
    case 'logged-twice':
      return `${f.ref} 被记录了两次（第 ${f.first} 号和第 ${f.index} 号）/ ${f.ref} is logged twice (leaves ${f.first} and ${f.index})`;
    case 'publication-not-logged':
      return `公开记录 ${f.publication} 不在日志中 / publication ${f.publication} is not in the log`;
    case 'publication-missing':
      return `日志第 ${f.index} 号记录的公开记录 ${f.publication} 已不存在 / publication ${f.publication} (leaf ${f.index}) is gone`;
    case 'publication-mismatch':
      return `公开记录 ${f.publication} 与日志第 ${f.index} 号记录不符（${f.fields.join('、')}）/ publication ${f.publication} differs from leaf ${f.index} in ${f.fields.join(', ')}`;
    case 'content-mismatch':
      return `公开记录 ${f.publication} 的内容已被改动（与日志第 ${f.index} 号记录的 SHA-256 不符）/ the content of publication ${f.publication} was changed: it no longer matches the SHA-256 in leaf ${f.index}`;
    case 'content-missing':
      return `公开记录 ${f.publication} 的内容不见了，且没有撤下记录 / the content of publication ${f.publication} is gone without a takedown in the log`;
    case 'out-of-order':
      return `第 ${f.index} 号记录（${f.ref}）顺序不对：${f.detail} / leaf ${f.index} (${f.ref}) is out of order: ${f.detail}`;
    case 'record-not-logged': {
      const [zh, en] = recordName(f.record, f.id, f.seq);
      return `${zh}不在日志中 / ${en} is not in the log`;
    }
    case 'record-mismatch': {
      const [zh, en] = recordName(f.record, f.id, f.seq);
      return `${zh}与日志第 ${f.index} 号记录不符（${f.fields.join('、')}）/ ${en} differs from leaf ${f.index} in ${f.fields.join(', ')}`;
    }
    case 'record-missing': {
      const [zh, en] = recordName(f.record, f.id, f.seq);
      return `日志第 ${f.index} 号记录的${zh}已不存在 / ${en} (leaf ${f.index}) is gone`;
    }
    case 'log-too-short':
      return `日志只有 ${f.leaves} 条，比检查点的 ${f.size} 条少 / the log has ${f.leaves} leaves, fewer than the checkpoint's ${f.size}`;
    case 'root-mismatch':
      return `前 ${f.size} 条记录算出的根哈希与检查点不符 / the root of the first ${f.size} leaves does not match the checkpoint`;
  }
}

// ——— private helpers ———

function checkRecords(leaves: ReadonlyArray<{ index: number; leaf: LogLeaf }>, publications: readonly AuditedPublication[]): AuditFinding[] {
  const findings: AuditFinding[] = [];
  const seen = new Map<string, number>(); // `${type}:${ref}` → index
  for (const { index, leaf } of leaves) {
    const key = `${leaf.type}:${leafRef(leaf)}`;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, index);
    else findings.push({ kind: 'logged-twice', index, first, ref: leafRef(leaf) });
  }
  const indexOf = (type: LogLeaf['type'], ref: string) => seen.get(`${type}:${ref}`);
  const byId = new Map(publications.map((p) => [p.id, p]));

  for (const { index, leaf } of leaves) {
    const ref = leafRef(leaf);
    const before = (type: LogLeaf['type'], other: string, detail: string) => {
      const at = indexOf(type, other);
      if (at === undefined || at > index) findings.push({ kind: 'out-of-order', index, ref, detail });
    };
    if (leaf.type === 'publication') {
      if (leaf.supersedes !== null) before('publication', leaf.supersedes, `它取代的 ${leaf.supersedes} 应在它之前 / the version it supersedes, ${leaf.supersedes}, must come first`);
      const p = byId.get(leaf.id);
      if (!p) {
        if (indexOf('tombstone', leaf.id) === undefined) findings.push({ kind: 'publication-missing', publication: leaf.id, index });
        continue;
      }
      const expected = publicationLeaf(p);
      const fields = (Object.keys(expected) as Array<keyof typeof expected>).filter((k) => expected[k] !== leaf[k]);
      if (fields.length > 0) findings.push({ kind: 'publication-mismatch', publication: leaf.id, index, fields });
      if (p.content === null) {
        if (indexOf('tombstone', leaf.id) === undefined) findings.push({ kind: 'content-missing', publication: leaf.id, index });
      } else if (publicationDigest({ ...p, content: p.content }) !== leaf.sha256) {
        findings.push({ kind: 'content-mismatch', publication: leaf.id, index });
      }
    } else if (leaf.type === 'complaint-event') {
      if (leaf.seq > 1) before('complaint-event', `${leaf.complaint}/${leaf.seq - 1}`, `投诉 ${leaf.complaint} 的上一步应在它之前 / step ${leaf.seq - 1} of complaint ${leaf.complaint} must come first`);
    } else if (leaf.type === 'tombstone') {
      before('publication', leaf.publication, `被撤下的 ${leaf.publication} 应在它之前 / the publication taken down, ${leaf.publication}, must come first`);
    } else if (leaf.type === 'complaint-step-tombstone') {
      before('complaint-event', ref, `被撤下的投诉 ${leaf.complaint} 第 ${leaf.seq} 步应在它之前 / the step taken down, step ${leaf.seq} of complaint ${leaf.complaint}, must come first`);
    } else if (leaf.type === 'flag-event') {
      if (leaf.seq > 1) before('flag-event', `${leaf.flag}/${leaf.seq - 1}`, `核对提示 ${leaf.flag} 的上一步应在它之前 / step ${leaf.seq - 1} of flag ${leaf.flag} must come first`);
    } else if (leaf.type === 'rectification-event') {
      if (leaf.seq > 1) before('rectification-event', `${leaf.round}/${leaf.seq - 1}`, `整改轮次 ${leaf.round} 的上一步应在它之前 / step ${leaf.seq - 1} of round ${leaf.round} must come first`);
    } else if (leaf.type === 'power-catalogue') {
      if (leaf.seq > 1) before('power-catalogue', `${leaf.scope}/${leaf.seq - 1}`, `${leaf.scope} 的上一版小微权力清单应在它之前 / version ${leaf.seq - 1} of the power list of ${leaf.scope} must come first`);
    } else if (leaf.type === 'region-summary') {
      if (leaf.supersedes !== null) before('region-summary', `${leaf.scope}/${leaf.supersedes}`, `${leaf.scope} 的汇总表第 ${leaf.supersedes} 号（被更正的一版）应在它之前 / summary ${leaf.supersedes} of ${leaf.scope}, which it corrects, must come first`);
    } else if (leaf.type === 'decision-entry') {
      if (leaf.seq > 1) before('decision-entry', `${leaf.matter}/${leaf.seq - 1}`, `四议两公开事项 ${leaf.matter} 的上一条记录应在它之前 / entry ${leaf.seq - 1} of matter ${leaf.matter} must come first`);
    } else {
      if (leaf.version > 1) before('flag-settings', `${leaf.code}/${leaf.version - 1}`, `${leaf.code} 的上一版设置应在它之前 / version ${leaf.version - 1} of the settings of ${leaf.code} must come first`);
    }
  }
  for (const p of publications) {
    if (indexOf('publication', p.id) === undefined) findings.push({ kind: 'publication-not-logged', publication: p.id });
  }
  return findings;
}

/** Each served step and settings version against its leaf, and each leaf of a served flag or round against its steps. */
function checkSteps(leaves: ReadonlyArray<{ index: number; leaf: LogLeaf }>, options: AuditOptions): AuditFinding[] {
  const findings: AuditFinding[] = [];
  const first = new Map<string, { index: number; leaf: LogLeaf }>();
  for (const item of leaves) {
    const key = `${item.leaf.type}:${leafRef(item.leaf)}`;
    if (!first.has(key)) first.set(key, item);
  }
  const compare = (record: AuditedRecordKind, id: string, seq: number, expected: LogLeaf) => {
    const logged = first.get(`${expected.type}:${leafRef(expected)}`);
    if (!logged) {
      findings.push({ kind: 'record-not-logged', record, id, seq });
      return;
    }
    const actual = logged.leaf as Record<string, unknown>;
    const fields = Object.entries(expected).filter(([k, v]) => actual[k] !== v).map(([k]) => k);
    if (fields.length > 0) findings.push({ kind: 'record-mismatch', record, id, seq, index: logged.index, fields });
  };
  for (const flag of options.flags ?? []) for (const e of flag.events) compare('flag', flag.id, e.seq, flagEventLeaf(flag, e));
  for (const round of options.rounds ?? []) for (const e of round.events) compare('round', round.id, e.seq, rectificationEventLeaf(round, e));
  for (const s of options.flagSettings ?? []) {
    const logged = first.get(`flag-settings:${s.code}/${s.version}`);
    // the served document carries no time of its own, so the digest is what is compared
    if (!logged) findings.push({ kind: 'record-not-logged', record: 'flag-settings', id: s.code, seq: s.version });
    else if (logged.leaf.type === 'flag-settings' && logged.leaf.sha256 !== flagSettingsDigest(s.document)) {
      findings.push({ kind: 'record-mismatch', record: 'flag-settings', id: s.code, seq: s.version, index: logged.index, fields: ['sha256'] });
    }
  }

  // Matters' entries and power lists carry no time the served form repeats, so the digest is what is compared.
  const digestOnly = (record: AuditedRecordKind, type: 'decision-entry' | 'power-catalogue' | 'region-summary', id: string, seq: number, sha256: string) => {
    const logged = first.get(`${type}:${id}/${seq}`);
    if (!logged) findings.push({ kind: 'record-not-logged', record, id, seq });
    else if ((logged.leaf as { sha256?: string }).sha256 !== sha256) findings.push({ kind: 'record-mismatch', record, id, seq, index: logged.index, fields: ['sha256'] });
  };
  for (const m of options.decisions ?? []) for (const e of m.entries) digestOnly('decision', 'decision-entry', m.id, e.seq, decisionEntryDigest(m, e.value));
  for (const c of options.powerCatalogues ?? []) digestOnly('power-catalogue', 'power-catalogue', c.scope, c.seq, powerCatalogueDigest(c.document));
  for (const c of options.regionSummaries ?? []) digestOnly('region-summary', 'region-summary', c.scope, c.seq, regionSummaryDigest(c.document));

  const steps = (records: ReadonlyArray<{ id: string; events: ReadonlyArray<{ seq: number }> }> | undefined) =>
    new Map((records ?? []).map((r) => [r.id, new Set(r.events.map((e) => e.seq))]));
  const flagSteps = steps(options.flags);
  const roundSteps = steps(options.rounds);
  for (const { index, leaf } of leaves) {
    if (leaf.type === 'flag-event' && flagSteps.get(leaf.flag)?.has(leaf.seq) === false) {
      findings.push({ kind: 'record-missing', record: 'flag', id: leaf.flag, seq: leaf.seq, index });
    } else if (leaf.type === 'rectification-event' && roundSteps.get(leaf.round)?.has(leaf.seq) === false) {
      findings.push({ kind: 'record-missing', record: 'round', id: leaf.round, seq: leaf.seq, index });
    }
  }
  return findings;
}

function recordName(record: AuditedRecordKind, id: string, seq: number): [string, string] {
  switch (record) {
    case 'flag':
      return [`核对提示 ${id} 的第 ${seq} 步`, `step ${seq} of flag ${id}`];
    case 'round':
      return [`整改轮次 ${id} 的第 ${seq} 步`, `step ${seq} of round ${id}`];
    case 'flag-settings':
      return [`${id} 的核对提示设置第 ${seq} 版`, `version ${seq} of the flag settings of ${id}`];
    case 'decision':
      return [`四议两公开事项 ${id} 的第 ${seq} 条记录`, `entry ${seq} of 四议两公开 matter ${id}`];
    case 'power-catalogue':
      return [`${id} 的小微权力清单第 ${seq} 版`, `version ${seq} of the power list of ${id}`];
    case 'region-summary':
      return [`${id} 的第 ${seq} 号汇总表`, `summary ${seq} of ${id}`];
  }
}
