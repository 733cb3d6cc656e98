import { openSqliteOnFile } from './sqlite-on-file.ts';
import { describeTakedownContract } from './takedown-contract.ts';

describeTakedownContract('sqlite', () => openSqliteOnFile('cunwu-takedowns-'));
