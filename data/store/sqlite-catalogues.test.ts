import { describeCatalogueContract } from './catalogue-contract.ts';
import { openSqliteOnFile } from './sqlite-on-file.ts';

describeCatalogueContract('sqlite', () => openSqliteOnFile('cunwu-catalogues-'));
