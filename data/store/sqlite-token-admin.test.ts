import { openSqliteOnFile } from './sqlite-on-file.ts';
import { describeTokenAdminContract } from './token-admin-contract.ts';

describeTokenAdminContract('sqlite', () => openSqliteOnFile('cunwu-tokens-'));
