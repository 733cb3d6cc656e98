import { describeAccountContract } from './account-contract.ts';
import { describeSessionContract } from './session-contract.ts';
import { describeSignInLogContract } from './sign-in-log-contract.ts';
import { openSqliteOnFile } from './sqlite-on-file.ts';

describeAccountContract('sqlite', () => openSqliteOnFile('cunwu-accounts-'));
describeSessionContract('sqlite', () => openSqliteOnFile('cunwu-sessions-'));
describeSignInLogContract('sqlite', () => openSqliteOnFile('cunwu-sign-in-'));
