import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeDecisionContract } from './decision-contract.ts';
import { describeMatterCountContract, MATTER_COUNT_FIXTURES } from './matter-counts-contract.ts';
import { fillMatterFacts } from './sqlite-migration-15.ts';
import { FILL_MATTER_SUMS } from './sqlite-migration-29.ts';
import { openSqliteOnFile } from './sqlite-on-file.ts';
import { expectKeptAsFilled } from '../../test/support/derived-tables.ts';

describeDecisionContract('sqlite', () => openSqliteOnFile('cunwu-decisions-'));
describeMatterCountContract('sqlite', () => openSqliteOnFile('cunwu-matter-counts-'));

describe('sqlite decision matter facts', () => {
  let opened: Awaited<ReturnType<typeof openSqliteOnFile>>;
  beforeEach(async () => {
    opened = await openSqliteOnFile('cunwu-matter-facts-');
  });
  afterEach(async () => {
    await opened.cleanup();
  });

  it('are filled by migration 15 from matters recorded before it as recordDecisions writes them', async () => {
    await MATTER_COUNT_FIXTURES.record(opened.store);
    const db = new Database(opened.file);
    try {
      const facts = () => db.prepare('SELECT * FROM decision_matter_facts ORDER BY matter').all();
      const written = facts();
      expect(written).toHaveLength(MATTER_COUNT_FIXTURES.matters);
      db.exec('DELETE FROM decision_matter_facts');
      fillMatterFacts(db);
      expect(facts()).toEqual(written);
    } finally {
      db.close();
    }
  });

  it('keep the county sums migration 29 fills from them, through every matter recorded and changed', async () => {
    await MATTER_COUNT_FIXTURES.record(opened.store);
    const db = new Database(opened.file);
    try {
      await expectKeptAsFilled([() => db.prepare('SELECT * FROM decision_matter_sums WHERE matters > 0 ORDER BY county').all()], () => db.exec(`DELETE FROM decision_matter_sums; ${FILL_MATTER_SUMS}`));
    } finally {
      db.close();
    }
  });
});
