import { pgBackends } from '../../../test/support/pg-backends.ts';
import { describeCapabilityContracts } from '../capability-contracts.ts';
import { openPgStore } from './pg-store.ts';

// The same suites as sqlite-capabilities.test.ts, on PostgreSQL in-process (PGlite) and on the
// real server when PORTAL_TEST_DATABASE_URL names one (always under CI=true).
for (const backend of pgBackends()) {
  describeCapabilityContracts(backend.name, async () => {
    const db = await backend.open();
    const store = await openPgStore(db.client);
    return { store, connect: async () => openPgStore(await db.connect()), cleanup: db.cleanup };
  });
}
