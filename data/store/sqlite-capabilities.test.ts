import { describeCapabilityContracts } from './capability-contracts.ts';
import { openSqliteOnFile } from './sqlite-on-file.ts';

describeCapabilityContracts('sqlite', () => openSqliteOnFile('cunwu-capabilities-'));
