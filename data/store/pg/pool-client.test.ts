import { describe, expect, it } from 'vitest';
import { inCI, testDatabaseUrl } from '../../../test/support/environment.ts';
import { poolClient } from './pool-client.ts';

// A real server only (PGlite has no pool); under CI=true the server is always there.
describe.skipIf(!testDatabaseUrl && !inCI)('the pg pool client', () => {
  it('turns JIT off and gives searches 32MB of work_mem on every connection, and keeps the options the URL itself names', async () => {
    const url = new URL(testDatabaseUrl ?? 'postgres://missing');
    url.searchParams.set('options', '-c search_path=somewhere_else');
    const client = poolClient(url.toString());
    try {
      expect(await client.query('SHOW jit')).toEqual([{ jit: 'off' }]);
      expect(await client.query('SHOW work_mem')).toEqual([{ work_mem: '32MB' }]);
      expect(await client.query('SHOW search_path')).toEqual([{ search_path: 'somewhere_else' }]);
      expect(await client.transaction((tx) => tx.query<{ n: number }>('SELECT count(*) AS n FROM generate_series(1, 3)'))).toEqual([{ n: 3 }]);
    } finally {
      await client.close();
    }
  });

  it('lets the URL’s own options win over its defaults', async () => {
    const url = new URL(testDatabaseUrl ?? 'postgres://missing');
    url.searchParams.set('options', '-c work_mem=8MB');
    const client = poolClient(url.toString());
    try {
      expect(await client.query('SHOW work_mem')).toEqual([{ work_mem: '8MB' }]);
    } finally {
      await client.close();
    }
  });
});
