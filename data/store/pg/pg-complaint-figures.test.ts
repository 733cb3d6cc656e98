import { describe, expect, it } from 'vitest';
import { expectKeptAsFilled } from '../../../test/support/derived-tables.ts';
import { pgBackends, type PgBackend } from '../../../test/support/pg-backends.ts';
import { COMPLAINT_FIGURE_FIXTURES, describeComplaintFigureContract, type ComplaintFigureContractStore } from '../complaint-figures-contract.ts';
import type { PgClient } from './client.ts';
import { createPgComplaintFigures } from './complaint-figures.ts';
import { createPgComplaints } from './complaints.ts';
import { createPgLog } from './log.ts';
import { migratePg } from './migrations.ts';
import { FILL_COMPLAINT_FACTS } from './schema-10.ts';
import { FILL_COMPLAINT_MONTH_COUNTS } from './schema-22.ts';
import { FILL_COMPLAINT_ANSWER_DAYS, FILL_COMPLAINT_COUNTY_SUMS } from './schema-23.ts';

const compose = (client: PgClient): ComplaintFigureContractStore => ({ ...createPgComplaints(client, createPgLog(client)), ...createPgComplaintFigures(client) });

const opener = (backend: PgBackend) => async () => {
  const db = await backend.open();
  await migratePg(db.client);
  return { store: compose(db.client), connect: async () => compose(await db.connect()), cleanup: db.cleanup };
};

for (const backend of pgBackends()) {
  describeComplaintFigureContract(backend.name, opener(backend));

  describe(`PostgreSQL complaint facts: ${backend.name}`, () => {
    it('are filled by schema 10 from complaints filed before it as filing and each step write them', async () => {
      const db = await backend.open();
      try {
        await migratePg(db.client);
        const filed = await COMPLAINT_FIGURE_FIXTURES.file(compose(db.client));
        // every column but the channel, which schema 12 added after it (every complaint before that came by the portal)
        const facts = async () => (await db.client.query<Record<string, unknown>>('SELECT * FROM complaint_facts ORDER BY complaint')).map(({ channel: _later, ...rest }) => rest);
        const written = await facts();
        expect(written).toHaveLength(filed.length);
        await db.client.query('DELETE FROM complaint_facts');
        await db.client.query(FILL_COMPLAINT_FACTS);
        expect(await facts()).toEqual(written);
      } finally {
        await db.cleanup();
      }
    });

    it('keep the month counts (schema 22), county sums and answer days (schema 23) their fills make of them, through every filing and step', async () => {
      const db = await backend.open();
      try {
        await migratePg(db.client);
        await COMPLAINT_FIGURE_FIXTURES.file(compose(db.client));
        const q = (sql: string) => () => db.client.query(sql);
        await expectKeptAsFilled(
          [
            q('SELECT county, month, received::int AS received, closed::int AS closed FROM complaint_month_counts WHERE received > 0 OR closed > 0 ORDER BY county, month'),
            q(`SELECT county, channel, received::int AS received, closed::int AS closed, answered::int AS answered, feedbacks::int AS feedbacks, satisfied::int AS satisfied
               FROM complaint_county_sums WHERE received > 0 ORDER BY county, channel`),
            q('SELECT city, day::int AS day, answers::int AS answers FROM complaint_answer_days WHERE answers > 0 ORDER BY city, day'),
          ],
          () => db.client.exec(`DELETE FROM complaint_month_counts; DELETE FROM complaint_county_sums; DELETE FROM complaint_answer_days;
            ${FILL_COMPLAINT_MONTH_COUNTS}; ${FILL_COMPLAINT_COUNTY_SUMS}; ${FILL_COMPLAINT_ANSWER_DAYS}`),
        );
      } finally {
        await db.cleanup();
      }
    });
  });
}
