import { evidenceAttacher } from './evidence-attach.ts';
import type Database from 'better-sqlite3';
import { canonicalJson } from '../canonical-json.ts';
import { EvidenceAttachment, evidenceKey } from '../decisions/decision-evidence.ts';
import { decisionEntryLeaf } from '../log/log-leaf.ts';
import type { DecisionStore } from './decision-store.ts';
import type { AttachOutcome, EvidenceStore } from './evidence-store.ts';
import type { LogAppender } from './sqlite-log.ts';
import { publicIdNumber } from './public-id.ts';

/**
 * Evidence for 四议两公开 steps in SQLite (migration 10): the attachment is appended to the
 * matter's entries with its leaf, and the file kept by key, in one IMMEDIATE transaction, so the
 * next entry number is read and used by one writer at a time.
 */
export function createSqliteDecisionEvidence(db: Database.Database, log: LogAppender, decisions: Pick<DecisionStore, 'getDecisionMatter'>): EvidenceStore {
  const sql = {
    matter: db.prepare('SELECT id, village FROM decision_matters WHERE id = ?'),
    entry: db.prepare('SELECT entry FROM decision_entries WHERE matter = ? AND seq = ?').pluck(),
    evidenceOf: db.prepare("SELECT seq, value FROM decision_entries WHERE matter = ? AND entry = 'evidence' ORDER BY seq"),
    maxSeq: db.prepare('SELECT coalesce(max(seq), 0) FROM decision_entries WHERE matter = ?').pluck(),
    insertEntry: db.prepare("INSERT INTO decision_entries (matter, seq, entry, value, recorded_at, log_index) VALUES (?, ?, 'evidence', ?, ?, ?)"),
    file: db.prepare('SELECT media_type, sha256, bytes FROM decision_evidence_files WHERE key = ?'),
    insertFile: db.prepare('INSERT OR IGNORE INTO decision_evidence_files (key, media_type, sha256, bytes, created_at) VALUES (?, ?, ?, ?, ?)'),
  };

  type TxResult = { kind: 'attached'; seq: number; fresh: boolean } | Exclude<AttachOutcome, { kind: 'attached' }>;

  const attachTx = db.transaction((matterId: string, attachment: EvidenceAttachment, bytes: Uint8Array, recordedAt: string): TxResult => {
    const n = publicIdNumber(matterId);
    const row = n === null ? undefined : (sql.matter.get(n) as { id: number; village: string } | undefined);
    if (!row) return { kind: 'matter-not-found', matterId };
    if (sql.entry.get(row.id, attachment.stepSeq) !== 'step') return { kind: 'not-a-step', matterId, seq: attachment.stepSeq };
    const key = evidenceKey(attachment.evidence);
    for (const e of sql.evidenceOf.all(row.id) as Array<{ seq: number; value: string }>) {
      const prior = JSON.parse(e.value) as EvidenceAttachment;
      if (prior.stepSeq === attachment.stepSeq && evidenceKey(prior.evidence) === key) return { kind: 'attached', seq: e.seq, fresh: false };
    }
    const seq = (sql.maxSeq.get(row.id) as number) + 1;
    const logIndex = log.append(decisionEntryLeaf({ id: String(row.id), village: row.village }, { seq, entry: 'evidence', at: recordedAt, value: attachment }));
    sql.insertEntry.run(row.id, seq, canonicalJson(attachment), recordedAt, logIndex);
    // Two steps may show one photo (the same 签到表 for two meetings): the file is kept once.
    sql.insertFile.run(key, attachment.file.mediaType, attachment.file.sha256, bytes, recordedAt);
    return { kind: 'attached', seq, fresh: true };
  });

  return {
    attachEvidence: evidenceAttacher((m, a, b, r) => attachTx.immediate(m, a, b, r), decisions),

    async getEvidenceFile(key) {
      const row = sql.file.get(key) as { media_type: 'image/webp' | 'application/pdf'; sha256: string; bytes: Buffer } | undefined;
      return row ? { mediaType: row.media_type, sha256: row.sha256, bytes: new Uint8Array(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength) } : null;
    },
  };
}
