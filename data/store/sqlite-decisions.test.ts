import { describeDecisionContract } from './decision-contract.ts';
import { openSqliteOnFile } from './sqlite-on-file.ts';

describeDecisionContract('sqlite', () => openSqliteOnFile('cunwu-decisions-'));
