import { describeEvidenceContract } from './evidence-contract.ts';
import { openSqliteOnFile } from './sqlite-on-file.ts';

describeEvidenceContract('sqlite', () => openSqliteOnFile('cunwu-evidence-'));
