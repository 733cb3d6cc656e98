import { catalogueFor } from '../power/catalogue-for.ts';
import type { PowerCatalogue } from '../power/power-catalogue.ts';
import type { IsoDate } from '../publication.ts';
import type { DecisionCheckSettings } from './checks/run-decision-checks.ts';
import { currentRecord, type DecisionMatter } from './decision-matter.ts';
import { judgeMatter } from './matter-checks.ts';

/**
 * What a township's or county's page counts of its villages' 四议两公开 matters (issue 11, point 4):
 * how many are recorded and how many lack a step that is owed by today. Missing steps need neither
 * ledgers nor contracts, so no village's publications are read.
 */
export interface DecisionCounts {
  matters: number;
  missingSteps: number;
}

/** `settingsOf`: the thresholds of the county a village belongs to (a township's or the region's page counts villages of several). */
export function decisionCounts(
  matters: readonly DecisionMatter[],
  catalogues: readonly PowerCatalogue[],
  today: IsoDate,
  settingsOf: (village: string) => DecisionCheckSettings = () => ({}),
): DecisionCounts {
  let missingSteps = 0;
  for (const m of matters) {
    const judged = judgeMatter(currentRecord(m), { catalogue: catalogueFor(m.village, catalogues), ledgers: [], today, settings: settingsOf(m.village) });
    if (judged.checks.summary.missing.length > 0) missingSteps += 1;
  }
  return { matters: matters.length, missingSteps };
}
