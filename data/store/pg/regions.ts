import type { PgDivisionCounts } from './division-counts.ts';
import type { Division } from '../../region.ts';
import type { RegionStore } from '../store.ts';
import type { DivisionsVersion } from '../divisions-version.ts';
import type { PgClient } from './client.ts';
import type { PgSearch } from './search-port.ts';
import { prefixRange } from './sql.ts';
import { toDivision, type DivisionRow } from '../store-rows.ts';

/** Rows per INSERT when the divisions are replaced: the nation's 700,000 go in a few dozen statements. */
const BATCH = 20_000;

/**
 * The region's divisions in PostgreSQL (schema 1), replaced as a whole in one transaction: another
 * connection sees the old set or the new one, never half of each. Search matches place names, so
 * in the same transaction the rows of villages under a renamed (or new, or gone) place are
 * re-tokenised, as the SQLite backend does.
 */
export function createPgRegions(db: PgClient, search?: Pick<PgSearch, 'refreshPlaces'>, counts?: Pick<PgDivisionCounts, 'recompute'>): RegionStore & DivisionsVersion {
  return {
    async replaceDivisions(divisions) {
      await db.transaction(async (tx) => {
        const before = new Map((await tx.query<{ code: string; name: string }>('SELECT code, name FROM divisions')).map((d) => [d.code, d.name]));
        await tx.query('UPDATE divisions_version SET n = n + 1');
        await tx.query('DELETE FROM divisions');
        for (let i = 0; i < divisions.length; i += BATCH) {
          const batch = divisions.slice(i, i + BATCH);
          const col = <K extends keyof Division>(k: K) => batch.map((d) => d[k]);
          await tx.query('INSERT INTO divisions (code, level, name, official_name, parent) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])', [
            col('code'),
            col('level'),
            col('name'),
            col('officialName'),
            col('parent'),
          ]);
        }
        await counts?.recompute(tx);
        if (!search) return;
        const changed = new Set(divisions.filter((d) => before.get(d.code) !== d.name).map((d) => d.code));
        const now = new Set(divisions.map((d) => d.code));
        for (const code of before.keys()) if (!now.has(code)) changed.add(code);
        if (changed.size === 0) return;
        const villages = [...new Set([...before.keys(), ...now])].filter((v) => v.length === 12 && (changed.has(v) || changed.has(v.slice(0, 9)) || changed.has(v.slice(0, 6))));
        await search.refreshPlaces(tx, villages);
      });
    },
    async divisionsVersion() {
      return Number((await db.query<{ n: number | string }>('SELECT n FROM divisions_version'))[0]!.n);
    },

    async getDivision(code) {
      const rows = await db.query<DivisionRow>('SELECT * FROM divisions WHERE code = $1', [code]);
      return rows[0] ? toDivision(rows[0]) : null;
    },
    async listDivisions(prefix) {
      return (await db.query<DivisionRow>('SELECT * FROM divisions WHERE code >= $1 AND code < $2 ORDER BY code', prefixRange(prefix))).map(toDivision);
    },
  };
}
