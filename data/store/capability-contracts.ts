import { describeAccountContract } from './account-contract.ts';
import type { AccountStore } from './account-store.ts';
import { describeRegionContract } from './region-contract.ts';
import { describeSessionContract } from './session-contract.ts';
import type { SessionStore } from './session-store.ts';
import { describeSignInLogContract } from './sign-in-log-contract.ts';
import type { SignInLog } from './sign-in-log.ts';
import type { RegionStore, TokenStore } from './store.ts';
import type { TokenAdmin } from './token-admin.ts';
import { describeTokenAdminContract } from './token-admin-contract.ts';

/** The capabilities every backend has (SQLite and PostgreSQL alike), and their contract suites. */
export type SharedCapabilities = RegionStore & TokenStore & TokenAdmin & AccountStore & SessionStore & SignInLog;

export type OpenCapabilities = () => Promise<{ store: SharedCapabilities; connect: () => Promise<SharedCapabilities>; cleanup: () => Promise<void> }>;

/** Runs every suite of those capabilities against one backend. */
export function describeCapabilityContracts(name: string, open: OpenCapabilities): void {
  describeRegionContract(name, open);
  describeTokenAdminContract(name, open);
  describeAccountContract(name, open);
  describeSessionContract(name, open);
  describeSignInLogContract(name, open);
}
