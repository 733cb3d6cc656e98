import type { AccountStore } from '../account-store.ts';
import type { SessionStore } from '../session-store.ts';
import type { SignInLog } from '../sign-in-log.ts';
import type { RegionStore, TokenStore } from '../store.ts';
import type { TokenAdmin } from '../token-admin.ts';
import { createPgAccounts } from './accounts.ts';
import type { PgClient } from './client.ts';
import { migratePg } from './migrations.ts';
import { createPgRegions } from './regions.ts';
import { createPgTokens } from './tokens.ts';

/**
 * The capabilities the PostgreSQL backend has so far (issue 14, docs/postgresql.md): regions,
 * tokens, accounts, sessions and the sign-in log. The rest of PortalStore — publications, search,
 * the transparency log, complaints and the oversight records — is still SQLite's only, so the
 * portal cannot run on PostgreSQL yet; each capability is added here with its contract suite.
 */
export type PgStore = RegionStore & TokenStore & TokenAdmin & AccountStore & SessionStore & SignInLog & { close(): Promise<void> };

/** Opens the store on `client`, bringing its schema up to date first. */
export async function openPgStore(client: PgClient): Promise<PgStore> {
  await migratePg(client);
  return {
    ...createPgRegions(client),
    ...createPgTokens(client),
    ...createPgAccounts(client),
    close: () => client.close(),
  };
}
