import { evidenceAttacher } from '../evidence-attach.ts';
import { canonicalJson } from '../../canonical-json.ts';
import { EvidenceAttachment, evidenceKey } from '../../decisions/decision-evidence.ts';
import { decisionEntryLeaf } from '../../log/log-leaf.ts';
import type { DecisionStore } from '../decision-store.ts';
import type { AttachOutcome, EvidenceStore } from '../evidence-store.ts';
import { publicIdNumber } from '../public-id.ts';
import type { PgClient } from './client.ts';
import type { PgLog } from './log.ts';

/**
 * Evidence for 四议两公开 steps in PostgreSQL (schema 4): the attachment is appended to the
 * matter's entries with its leaf, and the file kept by key, in one transaction that takes the log's
 * head lock before it reads anything — so the matter's next seq, and whether this file is already
 * on this step, are read by one writer at a time (decisions.ts records under the same lock).
 */
export function createPgDecisionEvidence(db: PgClient, log: PgLog, decisions: Pick<DecisionStore, 'getDecisionMatter'>): EvidenceStore {
  type TxResult = { kind: 'attached'; seq: number; fresh: boolean } | Exclude<AttachOutcome, { kind: 'attached' }>;

  const attach = (matterId: string, attachment: EvidenceAttachment, bytes: Uint8Array, recordedAt: string) =>
    db.transaction(async (tx): Promise<TxResult> => {
      await log.lock(tx);
      const n = publicIdNumber(matterId);
      const [matter] = n === null ? [] : await tx.query<{ id: number | string; village: string }>('SELECT id, village FROM decision_matters WHERE id = $1', [n]);
      if (!matter) return { kind: 'matter-not-found', matterId };
      // only evidence values are needed: the rest of a matter's entries are seqs and kinds
      const entries = await tx.query<{ seq: number; entry: string; value: string | null }>(
        "SELECT seq, entry, CASE WHEN entry = 'evidence' THEN value END AS value FROM decision_entries WHERE matter = $1 ORDER BY seq",
        [matter.id],
      );
      if (entries.find((e) => e.seq === attachment.stepSeq)?.entry !== 'step') return { kind: 'not-a-step', matterId, seq: attachment.stepSeq };
      const key = evidenceKey(attachment.evidence);
      for (const e of entries) {
        if (e.value === null) continue;
        const prior = JSON.parse(e.value) as EvidenceAttachment;
        if (prior.stepSeq === attachment.stepSeq && evidenceKey(prior.evidence) === key) return { kind: 'attached', seq: e.seq, fresh: false };
      }
      const seq = (entries.at(-1)?.seq ?? 0) + 1;
      const [logIndex] = await log.append(tx, [decisionEntryLeaf({ id: String(matter.id), village: matter.village }, { seq, entry: 'evidence', at: recordedAt, value: attachment })]);
      await tx.query("INSERT INTO decision_entries (matter, seq, entry, value, recorded_at, log_index) VALUES ($1, $2, 'evidence', $3, $4, $5)", [
        matter.id,
        seq,
        canonicalJson(attachment),
        recordedAt,
        logIndex,
      ]);
      // Two steps may show one photo (the same 签到表 for two meetings): the file is kept once.
      await tx.query('INSERT INTO decision_evidence_files (key, media_type, sha256, bytes, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (key) DO NOTHING', [
        key,
        attachment.file.mediaType,
        attachment.file.sha256,
        Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
        recordedAt,
      ]);
      return { kind: 'attached', seq, fresh: true };
    });

  return {
    attachEvidence: evidenceAttacher(attach, decisions),

    async getEvidenceFile(key) {
      const [row] = await db.query<{ media_type: 'image/webp' | 'application/pdf'; sha256: string; bytes: Uint8Array }>(
        'SELECT media_type, sha256, bytes FROM decision_evidence_files WHERE key = $1',
        [key],
      );
      // pg gives a Buffer, PGlite a Uint8Array: callers get a plain Uint8Array of their own from both
      return row ? { mediaType: row.media_type, sha256: row.sha256, bytes: new Uint8Array(row.bytes) } : null;
    },
  };
}
