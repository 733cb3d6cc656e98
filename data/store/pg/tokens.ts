import type { NewToken, Store, TokenRecord } from '../store.ts';
import type { TokenAdmin } from '../token-admin.ts';
import type { PgClient } from './client.ts';
import { prefixRange } from './sql.ts';
import { toTokenRecord, type TokenRow } from '../store-rows.ts';

/**
 * Machine clients' tokens in PostgreSQL (schema 1): the lookup the API authenticates with, and the
 * administrators' issue, list and revoke. A revocation is one conditional UPDATE, never undone.
 */
export function createPgTokens(db: PgClient): Pick<Store, 'createToken' | 'findTokenByHash'> & TokenAdmin {
  const insert = async (token: NewToken, expiresAt: string | null, createdBy: string | null): Promise<TokenRecord> => {
    const rows = await db.query<TokenRow>('INSERT INTO tokens (id, hash, scope, name, created_at, expires_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *', [
      token.id,
      token.hash,
      token.scope,
      token.name,
      token.createdAt,
      expiresAt,
      createdBy,
    ]);
    return toTokenRecord(rows[0]!);
  };
  return {
    async createToken(token) {
      const { id, hash, scope, name, createdAt } = await insert(token, null, null);
      return { id, hash, scope, name, createdAt };
    },
    async findTokenByHash(hash) {
      const rows = await db.query<TokenRow>('SELECT * FROM tokens WHERE hash = $1', [hash]);
      return rows[0] ? toTokenRecord(rows[0]) : null;
    },
    issueToken: (token) => insert(token, token.expiresAt, token.createdBy),
    async listTokens(prefix) {
      const [low, high] = prefixRange(prefix);
      return (await db.query<TokenRow>('SELECT * FROM tokens WHERE scope >= $1 AND scope < $2 ORDER BY created_at DESC, id', [low, high])).map(toTokenRecord);
    },
    async revokeToken(id, at) {
      return (await db.query('UPDATE tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL RETURNING id', [at, id])).length === 1;
    },
  };
}
