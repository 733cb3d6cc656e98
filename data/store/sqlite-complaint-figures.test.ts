import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COMPLAINT_FIGURE_FIXTURES, describeComplaintFigureContract } from './complaint-figures-contract.ts';
import { fillComplaintFacts } from './sqlite-migration-16.ts';
import { openSqliteOnFile } from './sqlite-on-file.ts';

describeComplaintFigureContract('sqlite', () => openSqliteOnFile('cunwu-complaint-figures-'));

describe('sqlite complaint facts', () => {
  let opened: Awaited<ReturnType<typeof openSqliteOnFile>>;
  beforeEach(async () => {
    opened = await openSqliteOnFile('cunwu-complaint-facts-');
  });
  afterEach(async () => {
    await opened.cleanup();
  });

  it('are filled by migration 16 from complaints filed before it as filing and each step write them', async () => {
    const filed = await COMPLAINT_FIGURE_FIXTURES.file(opened.store);
    const db = new Database(opened.file);
    try {
      // every column but the channel, which migration 18 added after it (every complaint before that came by the portal)
      const facts = () => (db.prepare('SELECT * FROM complaint_facts ORDER BY complaint').all() as Array<Record<string, unknown>>).map(({ channel: _later, ...rest }) => rest);
      const written = facts();
      expect(written).toHaveLength(filed.length);
      db.exec('DELETE FROM complaint_facts');
      fillComplaintFacts(db);
      expect(facts()).toEqual(written);
    } finally {
      db.close();
    }
  });
});
