import type { PowerCatalogue } from './power-catalogue.ts';
import { ASSET_ITEMS } from './default-asset-items.ts';
import { DECISION_ITEMS } from './default-decision-items.ts';
import { FINANCE_ITEMS } from './default-finance-items.ts';
import { PROJECT_ITEMS, PURCHASE_ITEMS } from './default-project-items.ts';
import { SERVICE_ITEMS } from './default-service-items.ts';

/**
 * The national default 小微权力清单: what a village uses until its county or city publishes its
 * own. Its numbers are defaults gathered from local rules (each item says whose); a county's
 * version replaces the whole list, so it can drop, split or re-tier items.
 */
export const DEFAULT_CATALOGUE: PowerCatalogue = {
  version: 'default-2026-1',
  scope: '',
  title: '村级小微权力清单（全国默认版）',
  publishedOn: '2026-12-06',
  items: [...DECISION_ITEMS, ...PROJECT_ITEMS, ...PURCHASE_ITEMS, ...ASSET_ITEMS, ...FINANCE_ITEMS, ...SERVICE_ITEMS],
};
