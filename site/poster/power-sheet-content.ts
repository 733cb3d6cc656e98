import type { PowerSheetContent } from '../../data/poster/power-sheet-layout.ts';
import { POWER_CATEGORY_NAME, type PowerCatalogue, type PowerItem } from '../../data/power/power-catalogue.ts';
import { amountRangeText, legalBasisView } from '../lib/power-page-view.ts';
import { stepFacts } from '../lib/power-step-text.ts';
import { powerItemPath } from '../lib/urls.ts';

/**
 * What the printed notice of a 小微权力清单 item says. Every step's words come from stepFacts, as
 * the item's web page does (its flowchart boxes and its list), so paper and page say the same;
 * paper has room for the full list of records and what is disclosed, not the boxes' short forms.
 */

export interface PowerSheetSite {
  /** 阳光村务 */
  siteName: string;
  /** Config.baseUrl, without a trailing slash */
  baseUrl: string;
}

export const POWER_SHEET_CAVEAT = '以本村所属县公布的清单为准';

export function powerSheetContent(item: PowerItem, catalogue: PowerCatalogue, site: PowerSheetSite): PowerSheetContent {
  const steps = item.steps.map(stepFacts);
  const amount = amountRangeText(item.appliesWhen);
  const applies = [...(amount === null ? [] : [`金额${amount}`]), ...(item.appliesWhen.note === null ? [] : [item.appliesWhen.note])];
  const discloses = steps.some((s) => s.disclosure !== null);
  return {
    title: item.name,
    subtitle: `${POWER_CATEGORY_NAME[item.category]}　事项编码 ${item.code}`,
    applies: applies.length === 0 ? null : applies.join('；'),
    hint: `从上往下按顺序办理，共${steps.length}步。${discloses ? '粗框的步骤要张榜公开。' : ''}`,
    steps: steps.map((f) => ({
      seq: f.seq,
      name: f.name,
      // The labels and their order are the web flowchart's (site/lib/power-flowchart.ts).
      facts: (
        [
          ['执行', f.actor],
          ['时限', f.deadline],
          ['表决', f.quorum],
          ['留存', f.evidence],
          ['公开', f.disclosure],
        ] as const
      ).flatMap(([label, value]) => (value === null ? [] : [{ label, value }])),
      discloses: f.disclosure !== null,
    })),
    legalBasis: item.legalBasis.map((b) => legalBasisView(b).text),
    caveat: catalogue.scope === '' ? `本图按全国默认清单绘制，${POWER_SHEET_CAVEAT}。` : `${POWER_SHEET_CAVEAT}。`,
    footer: `${site.siteName} · ${catalogue.title} · 版本 ${catalogue.version} · 网上查看：${site.baseUrl}${powerItemPath(item.code)}`,
  };
}
