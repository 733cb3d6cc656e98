import { DEFAULT_CATALOGUE } from './default-catalogue.ts';
import { wan } from './default-sources.ts';
import { COMMITTEES_QUORUM, fourDeliberations, numbered, step } from './default-steps.ts';
import { parseCatalogue, type PowerCatalogue, type PowerItem } from './power-catalogue.ts';

/** Test support: county and city versions of the power list, made as a county would publish them. */

export function variant(scope: string, version: string, publishedOn: string, items = DEFAULT_CATALOGUE.items): PowerCatalogue {
  const result = parseCatalogue({ version, scope, title: `${scope} 小微权力清单`, publishedOn, items });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.catalogue;
}

/** A project tier of a county's own list; `decided`: it goes through 四议两公开. */
export function tier(code: string, name: string, min: number | null, max: number | null, decided: boolean): PowerItem {
  return {
    code,
    name,
    category: 'collective-management',
    gbClass: null,
    appliesWhen: { amountMinFen: min, amountMaxFen: max, note: '本县分级' },
    legalBasis: ['本县村级工程管理办法'],
    steps: numbered(
      decided
        ? fourDeliberations({ resolves: '项目、预算' })
        : [step('村“两委”会议研究确定', 'two-committees', ['meeting-minutes'], { quorum: COMMITTEES_QUORUM })],
    ),
  };
}

/** The default list, but projects go through 四议两公开 only from `threshold` 万元. */
export function countyProjectThreshold(scope: string, threshold: number): PowerCatalogue {
  return variant(scope, `${scope}-2026-1`, '2026-10-01', [
    ...DEFAULT_CATALOGUE.items.filter((i) => !i.code.startsWith('project-construction-')),
    tier(`project-construction-under-${threshold}0k`, `村级工程项目建设（${threshold}万元以下）`, null, wan(threshold), false),
    tier(`project-construction-${threshold}0k-plus`, `村级工程项目建设（${threshold}万元以上）`, wan(threshold), null, true),
  ]);
}
