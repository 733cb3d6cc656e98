import type { PgDivisionCounts } from './division-counts.ts';
import type { RecordStale } from './outbox.ts';
import { publicationLeaf, tombstoneLeaf } from '../../log/log-leaf.ts';
import { Publication, type PublicationSummary, type VillageCode } from '../../publication.ts';
import type { NewPhoto, NewPublication, PhotoStore, PublicationStore, PublicationTakedowns, Takedown, VillageStats } from '../store.ts';
import type { PgClient, PgQueryable } from './client.ts';
import type { PgLog } from './log.ts';
import type { PgSearch } from './search-port.ts';
import { checkSeriesKey } from '../series-key.ts';
import { toPublication, toSummary, type PublicationRow, type SummaryRow } from '../store-rows.ts';
import { prefixRange } from './sql.ts';

/**
 * Publications, their photos, idempotency keys and takedowns in PostgreSQL (schema 5). `publish`
 * is one transaction: it takes the log's lock first, so the series head it reads (version =
 * head + 1) and the idempotency key it checks cannot be read by a concurrent publisher before it
 * commits; then the row, its leaf, its photos, its key and its search rows (and its predecessor's
 * leaving search) commit together.
 */
export interface PublishHooks {
  /** More that commits with a version, in its transaction (the beneficiaries' fingerprints of a subsidy list). */
  inPublish?: (tx: PgQueryable, input: NewPublication) => Promise<void>;
  /** records the pages a stored version or a takedown makes stale, in its transaction (outbox.ts) */
  stale?: RecordStale;
  /** the per-division counters a stored version moves, in its transaction (division-counts.ts) */
  counts?: Pick<PgDivisionCounts, 'beforePublish' | 'afterPublish'>;
}

export function createPgPublications(
  db: PgClient,
  log: PgLog,
  search: Pick<PgSearch, 'indexVersion' | 'removePublication'>,
  clock: () => Date,
  hooks: PublishHooks = {},
): PublicationStore & PhotoStore & PublicationTakedowns {
  const read = async (q: PgQueryable, id: string): Promise<Publication | null> => {
    const rows = await q.query<PublicationRow>(`SELECT ${COLUMNS}, p.content FROM publications p LEFT JOIN publications s ON s.supersedes = p.id WHERE p.id = $1`, [id]);
    return rows[0] ? toPublication(rows[0]) : null;
  };
  const takedownOf = async (q: PgQueryable, publicationId: string): Promise<Takedown | null> => {
    const rows = await q.query<TakedownRow>('SELECT * FROM takedowns WHERE publication_id = $1', [publicationId]);
    return rows[0] ? toTakedown(rows[0]) : null;
  };

  return {
    publish: (input, claim) =>
      db.transaction(async (tx) => {
        checkSeriesKey(input);
        await log.lock(tx);
        if (claim) {
          const prior = (await tx.query<{ request_hash: string; publication_id: string }>('SELECT request_hash, publication_id FROM idempotency WHERE scope = $1 AND key = $2', [claim.scope, claim.key]))[0];
          if (prior) {
            const publication = await read(tx, prior.publication_id);
            if (!publication) throw new Error(`idempotency claim ${claim.scope}/${claim.key} points at missing publication ${prior.publication_id}`);
            return { kind: 'replayed' as const, publication, requestHash: prior.request_hash };
          }
        }
        const head = (
          await tx.query<{ id: string; version: number }>('SELECT id, version FROM publications WHERE village = $1 AND kind = $2 AND period = $3 AND subject = $4 ORDER BY version DESC LIMIT 1', [
            input.village,
            input.kind,
            input.period,
            input.subject,
          ])
        )[0];
        const version = (head?.version ?? 0) + 1;
        const supersedes = head?.id ?? null;
        // Refuse to store anything that would not read back as a valid Publication.
        const { photos: _photos, contentJson: _json, beneficiaryKeys: _keys, ...fields } = input;
        const publication = Publication.parse({ ...fields, version, supersedes, supersededBy: null });
        const now = clock().toISOString();
        const figures = (await hooks.counts?.beforePublish(tx, input.village)) ?? null;
        await tx.query(
          `INSERT INTO publications (id, village, kind, period, subject, version, supersedes, published_at, recorded_at, sha256, sample, source_filename, source_format, title, content)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
          [input.id, input.village, input.kind, input.period, input.subject, version, supersedes, input.publishedAt, now, input.sha256, input.sample, input.source.filename, input.source.format, input.content.title, input.contentJson],
        );
        await log.append(tx, [publicationLeaf({ ...input, version, supersedes })]);
        for (const photo of input.photos) await insertPhoto(tx, input.id, photo);
        if (claim) await tx.query('INSERT INTO idempotency (scope, key, request_hash, publication_id, created_at) VALUES ($1, $2, $3, $4, $5)', [claim.scope, claim.key, claim.requestHash, input.id, now]);
        await hooks.inPublish?.(tx, input);
        await search.indexVersion(tx, input, supersedes);
        // Its pages are stale from this commit on, even if this process dies before building them.
        await hooks.stale?.(tx, [{ target: 'publication', key: input.id }]);
        await hooks.counts?.afterPublish(tx, input.village, figures);
        return { kind: 'published' as const, publication };
      }),

    getPublication: (id) => read(db, id),

    async listPublications(village: VillageCode): Promise<PublicationSummary[]> {
      const rows = await db.query<SummaryRow>(
        `SELECT ${COLUMNS}, p.title FROM publications p LEFT JOIN publications s ON s.supersedes = p.id
         WHERE p.village = $1 ORDER BY p.published_at DESC, p.version DESC, p.seq DESC`,
        [village],
      );
      return rows.map(toSummary);
    },

    async currentPublications(village) {
      const rows = await db.query<PublicationRow>(
        `SELECT ${COLUMNS}, p.content FROM publications p LEFT JOIN publications s ON s.supersedes = p.id
         WHERE p.village = $1 AND s.id IS NULL ORDER BY p.period DESC, p.kind, p.subject, p.published_at DESC`,
        [village],
      );
      return rows.map(toPublication);
    },

    async publicationStats(prefix) {
      const rows = await db.query<{ village: string; count: number; last: string }>(
        `SELECT p.village, count(*)::integer AS count, max(p.published_at) AS last FROM publications p
         WHERE p.village >= $1 AND p.village < $2 AND NOT EXISTS (SELECT 1 FROM publications s WHERE s.supersedes = p.id)
         GROUP BY p.village ORDER BY p.village`,
        prefixRange(prefix),
      );
      return new Map<VillageCode, VillageStats>(rows.map((r) => [r.village, { count: r.count, lastPublishedAt: r.last }]));
    },

    async findIdempotency(scope, key) {
      const row = (await db.query<{ request_hash: string; publication_id: string }>('SELECT request_hash, publication_id FROM idempotency WHERE scope = $1 AND key = $2', [scope, key]))[0];
      return row ? { requestHash: row.request_hash, publicationId: row.publication_id } : null;
    },

    async getPhoto(id, variant) {
      const row = (await db.query<{ bytes: Uint8Array }>('SELECT bytes FROM photos WHERE id = $1 AND variant = $2', [id, variant]))[0];
      return row ? new Uint8Array(row.bytes) : null;
    },

    async tombstone(publicationId, reason, at) {
      const trimmed = reason.trim();
      if (trimmed === '') throw new TypeError(`takedown of ${publicationId}: a reason is required`);
      return db.transaction(async (tx) => {
        await log.lock(tx);
        if ((await tx.query('SELECT 1 FROM publications WHERE id = $1', [publicationId])).length === 0) return { kind: 'not-found' as const, publicationId };
        const existing = await takedownOf(tx, publicationId);
        if (existing) return { kind: 'already-taken-down' as const, takedown: existing };
        const [logIndex] = await log.append(tx, [tombstoneLeaf({ publicationId, reason: trimmed, at })]);
        await tx.query('INSERT INTO takedowns (publication_id, reason, at, log_index) VALUES ($1, $2, $3, $4)', [publicationId, trimmed, at, logIndex]);
        await search.removePublication(tx, publicationId);
        await hooks.stale?.(tx, [{ target: 'publication', key: publicationId }]);
        return { kind: 'taken-down' as const, takedown: { publicationId, reason: trimmed, at, logIndex: logIndex! } };
      });
    },

    getTakedown: (publicationId) => takedownOf(db, publicationId),

    async listTakedowns() {
      return (await db.query<TakedownRow>('SELECT * FROM takedowns ORDER BY log_index')).map(toTakedown);
    },
  };
}

// ——— private helpers ———

const COLUMNS = `p.id, p.village, p.kind, p.period, p.subject, p.version, p.supersedes,
  s.id AS superseded_by, p.published_at, p.sha256, p.sample, p.source_filename, p.source_format`;

interface TakedownRow {
  publication_id: string;
  reason: string;
  at: string;
  log_index: number | string;
}

function toTakedown(row: TakedownRow): Takedown {
  return { publicationId: row.publication_id, reason: row.reason, at: row.at, logIndex: Number(row.log_index) };
}

/**
 * Photo ids may be content-derived, so a corrected version can carry the same photo again:
 * identical bytes are kept once; different bytes under one id would swap a published image, so that throws.
 */
async function insertPhoto(tx: PgQueryable, publicationId: string, photo: NewPhoto): Promise<void> {
  for (const variant of ['large', 'small'] as const) {
    const bytes = Buffer.from(photo[variant].buffer, photo[variant].byteOffset, photo[variant].byteLength);
    const existing = (await tx.query<{ bytes: Uint8Array }>('SELECT bytes FROM photos WHERE id = $1 AND variant = $2', [photo.id, variant]))[0];
    if (!existing) await tx.query('INSERT INTO photos (id, publication_id, variant, bytes) VALUES ($1, $2, $3, $4)', [photo.id, publicationId, variant, bytes]);
    else if (!Buffer.from(existing.bytes).equals(bytes)) throw new Error(`photo ${photo.id} (${variant}) already stored with different bytes`);
  }
}
