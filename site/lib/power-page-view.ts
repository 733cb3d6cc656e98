import { fenToPlain } from '../../data/money.ts';
import { powerSheetPath } from '../../data/poster/poster-paths.ts';
import { findPersonalNumbers } from '../../data/privacy/personal-number-scan.ts';
import { POWER_CATEGORY_NAME, PowerCategory, type AppliesWhen, type PowerCatalogue, type PowerItem } from '../../data/power/power-catalogue.ts';
import type { Crumb, Link, PageBase, SiteInfo } from './page-model.ts';
import { buildPowerFlowchart, type PowerFlowchart } from './power-flowchart.ts';
import { stepFacts, type StepFacts } from './power-step-text.ts';
import { powerIndexPath, powerItemPath } from './urls.ts';

/**
 * The 小微权力清单 pages: `/power/` lists every item by category, `/power/<code>/` shows one
 * item's procedure as a flowchart and, with the same words, as an ordered list.
 */

export interface CatalogueInfo {
  /** 村级小微权力清单（全国默认版） */
  title: string;
  version: string;
  publishedOn: string;
  /** whose list this is and what replaces it */
  note: string;
}

export interface PowerIndexItem {
  name: string;
  href: string;
  /** 5万元以上、不足10万元; null when the item applies at any amount */
  amount: string | null;
  steps: number;
}

export interface PowerIndexGroup {
  /** the category's code, used as the heading's anchor */
  id: string;
  name: string;
  items: PowerIndexItem[];
}

export interface PowerIndexPage extends PageBase {
  kind: 'power-index';
  crumbs: Crumb[];
  catalogue: CatalogueInfo;
  groups: PowerIndexGroup[];
}

export interface LegalBasisView {
  /** the rule and what it says, without its addresses */
  text: string;
  /**
   * where it was read, labelled by host name; href null for an address whose digits read as a
   * phone or ID number (…/0925/22846368…), which the privacy guard would withhold the page for
   */
  sources: { label: string; href: string | null }[];
}

export interface PowerItemPage extends PageBase {
  kind: 'power-item';
  crumbs: Crumb[];
  code: string;
  name: string;
  category: string;
  /** 金额：5万元以上、不足10万元, then the item's own note; empty when it applies to everything */
  applies: string[];
  legalBasis: LegalBasisView[];
  /** in order, with the words the flowchart's boxes show (and the full record list) */
  steps: StepFacts[];
  chart: PowerFlowchart;
  /** the same procedure as an A4 PDF for the notice board */
  /** the A4 notice of this list's item */
  printable: Link | null;
  /** what each publishing step must put on the board, and for how long */
  disclosures: { step: string; text: string }[];
  catalogue: CatalogueInfo;
  index: Link;
}

export function buildPowerIndexView(site: SiteInfo, catalogue: PowerCatalogue): PowerIndexPage {
  const groups = PowerCategory.options.flatMap((category): PowerIndexGroup[] => {
    const items = catalogue.items.filter((i) => i.category === category);
    if (items.length === 0) return [];
    return [{
      id: category,
      name: POWER_CATEGORY_NAME[category],
      items: items.map((i) => ({ name: i.name, href: powerItemPath(i.code, catalogue.scope), amount: amountRangeText(i.appliesWhen), steps: i.steps.length })),
    }];
  });
  return {
    kind: 'power-index',
    site,
    title: '村级小微权力清单',
    description: `村级小微权力清单：村里办事的${catalogue.items.length}个事项，每项的办理步骤、表决要求和公开要求。`,
    sample: false,
    crumbs: [homeCrumb(site), { name: '小微权力清单', href: null }],
    catalogue: catalogueInfo(catalogue),
    groups,
  };
}

export function buildPowerItemView(site: SiteInfo, catalogue: PowerCatalogue, item: PowerItem): PowerItemPage {
  const steps = item.steps.map(stepFacts);
  const amount = amountRangeText(item.appliesWhen);
  const applies = [...(amount === null ? [] : [`金额：${amount}`]), ...(item.appliesWhen.note === null ? [] : [item.appliesWhen.note])];
  return {
    kind: 'power-item',
    site,
    title: `${item.name} · 办理流程`,
    description: `${item.name}（${POWER_CATEGORY_NAME[item.category]}）：共${steps.length}步，${steps.map((s) => s.name).join('、')}。`,
    sample: false,
    crumbs: [homeCrumb(site), { name: '小微权力清单', href: powerIndexPath(catalogue.scope) }, { name: item.name, href: null }],
    code: item.code,
    name: item.name,
    category: POWER_CATEGORY_NAME[item.category],
    applies,
    legalBasis: item.legalBasis.map(legalBasisView),
    steps,
    chart: buildPowerFlowchart(item),
    printable: { label: '打印本流程图（A4）', href: powerSheetPath(item.code, catalogue.scope) },
    disclosures: steps.flatMap((s) => (s.disclosure === null ? [] : [{ step: `第${s.seq}步 ${s.name}`, text: s.disclosure }])),
    catalogue: catalogueInfo(catalogue),
    index: { label: '返回小微权力清单', href: powerIndexPath(catalogue.scope) },
  };
}

/**
 * The tier as the rules write it: the lower bound is inclusive (以上 includes the amount, 民法典
 * 第一千二百五十九条) and the upper one exclusive (不足). Null when the item has no amount bound.
 */
export function amountRangeText(a: Pick<AppliesWhen, 'amountMinFen' | 'amountMaxFen'>): string | null {
  const { amountMinFen: min, amountMaxFen: max } = a;
  if (min !== null && min > 0 && max !== null) return `${amountText(min)}以上、不足${amountText(max)}`;
  if (min !== null && min > 0) return `${amountText(min)}以上`;
  if (max !== null) return `不足${amountText(max)}`;
  return null;
}

/**
 * 50 000 000 fen → 5万元, 150 000 000 → 15万元, 15 000 000 → 1.5万元, 200 000 → 2000元: 万元
 * from 1 万元 up while it needs at most two decimals, as local rules state their tiers; else 元.
 */
export function amountText(fen: number): string {
  const [yuan = '0', cents = '00'] = fenToPlain(fen).split('.');
  if (cents === '00' && yuan.length > 4 && yuan.endsWith('00')) {
    const wan = `${yuan.slice(0, -4)}.${yuan.slice(-4, -2)}`.replace(/\.?0+$/, '');
    return `${wan}万元`;
  }
  return cents === '00' ? `${yuan}元` : `${yuan}.${cents}元`;
}

/** "《组织法》第二十二条：… — https://a.example/x ；https://b.example/y" → the text and two links. */
export function legalBasisView(source: string): LegalBasisView {
  const cut = source.indexOf(' — ');
  const text = cut < 0 ? source : source.slice(0, cut);
  const rest = cut < 0 ? '' : source.slice(cut + 3);
  const sources = [...rest.matchAll(/https?:\/\/[^\s；;，,]+/g)].flatMap((m) => {
    try {
      const label = new URL(m[0]).hostname;
      return [{ label, href: findPersonalNumbers(m[0]).length === 0 ? m[0] : null }];
    } catch {
      return [];
    }
  });
  return { text: text.trim(), sources };
}

// ——— private helpers ———

function homeCrumb(site: SiteInfo): Crumb {
  return { name: site.regionName || site.name, href: '/' };
}

function catalogueInfo(c: PowerCatalogue): CatalogueInfo {
  const note =
    c.scope === ''
      ? '本清单为全国默认版。县（市、区）或市发布本地清单后，本地各村以本地清单为准。'
      : `本清单由区划代码 ${c.scope} 的${c.scope.length === 6 ? '县（市、区）' : '市'}发布，适用于其所辖各村。`;
  return { title: c.title, version: c.version, publishedOn: c.publishedOn, note };
}
