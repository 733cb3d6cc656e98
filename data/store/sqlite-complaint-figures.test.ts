import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COMPLAINT_FIGURE_FIXTURES, describeComplaintFigureContract } from './complaint-figures-contract.ts';
import { fillComplaintFacts } from './sqlite-migration-16.ts';
import { FILL_COMPLAINT_MONTH_COUNTS } from './sqlite-migration-27.ts';
import { FILL_COMPLAINT_ANSWER_DAYS, FILL_COMPLAINT_COUNTY_SUMS } from './sqlite-migration-28.ts';
import { openSqliteOnFile } from './sqlite-on-file.ts';
import { expectKeptAsFilled } from '../../test/support/derived-tables.ts';

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

  it('keep the month counts (migration 27), county sums and answer days (migration 28) their fills make of them, through every filing and step', async () => {
    await COMPLAINT_FIGURE_FIXTURES.file(opened.store);
    const db = new Database(opened.file);
    try {
      const q = (sql: string) => () => db.prepare(sql).all();
      await expectKeptAsFilled(
        [
          q('SELECT * FROM complaint_month_counts WHERE received > 0 OR closed > 0 ORDER BY county, month'),
          q('SELECT * FROM complaint_county_sums WHERE received > 0 ORDER BY county, channel'),
          q('SELECT * FROM complaint_answer_days WHERE answers > 0 ORDER BY city, day'),
        ],
        () => db.exec(`DELETE FROM complaint_month_counts; DELETE FROM complaint_county_sums; DELETE FROM complaint_answer_days;
          ${FILL_COMPLAINT_MONTH_COUNTS}; ${FILL_COMPLAINT_COUNTY_SUMS}; ${FILL_COMPLAINT_ANSWER_DAYS}`),
      );
    } finally {
      db.close();
    }
  });
});
