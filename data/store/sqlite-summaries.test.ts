import { describeSummaryContract } from './summary-contract.ts';
import { openSqliteOnFile } from './sqlite-on-file.ts';

describeSummaryContract('sqlite', () => openSqliteOnFile('cunwu-summaries-'));
