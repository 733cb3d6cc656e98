import { describeDivisionCountsContract } from './division-counts-contract.ts';
import { describeIntakeCorrectionsContract } from './intake-corrections-contract.ts';
import { describeClassifyRuleSetsContract } from './classify-rule-sets-contract.ts';
import { describeIntakeOriginalsContract } from './intake-originals-contract.ts';
import { describePageViewsContract } from './page-views-contract.ts';
import { describeDailyRunsContract } from './daily-runs-contract.ts';
import { describePageOutboxContract } from './page-outbox-contract.ts';
import { openSqliteOnFile } from './sqlite-on-file.ts';
import { describeComplaintMergesContract } from './complaint-merges-contract.ts';

describePageOutboxContract('sqlite', () => openSqliteOnFile('cunwu-outbox-'));
describeDailyRunsContract('sqlite', () => openSqliteOnFile('cunwu-daily-runs-'));
describeDivisionCountsContract('sqlite', () => openSqliteOnFile('cunwu-division-counts-'));
describePageViewsContract('sqlite', () => openSqliteOnFile('cunwu-page-views-'));
describeComplaintMergesContract('sqlite', () => openSqliteOnFile('cunwu-merges-'));
describeIntakeCorrectionsContract('sqlite', () => openSqliteOnFile('cunwu-corrections-'));
describeClassifyRuleSetsContract('sqlite', () => openSqliteOnFile('cunwu-rule-sets-'));
describeIntakeOriginalsContract('sqlite', () => openSqliteOnFile('cunwu-originals-'));
