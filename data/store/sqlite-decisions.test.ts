import { describeDecisionContract } from './decision-contract.ts';
import { describeMatterCountContract } from './matter-counts-contract.ts';
import { openSqliteOnFile } from './sqlite-on-file.ts';

describeDecisionContract('sqlite', () => openSqliteOnFile('cunwu-decisions-'));
describeMatterCountContract('sqlite', () => openSqliteOnFile('cunwu-matter-counts-'));
