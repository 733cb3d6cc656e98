import { formatFen } from '../money.ts';
import { periodLabel } from '../period.ts';
import type { ContractItem, ContractSubjectClass, ProjectItem } from '../publication.ts';

/**
 * The words findings are written in: amounts as the site prints them, and the labels that tell a
 * reader which row of which table a finding rests on. Neutral by design: what the data shows,
 * never a verdict.
 */

/** 13060000 → "130,600.00元" */
export function yuan(fen: number): string {
  return `${formatFen(fen)}元`;
}

/** part ÷ whole as a percentage with one decimal, rounded half up on integers: (1, 3) → "33.3%" */
export function percent(part: number, whole: number): string {
  if (whole <= 0) throw new RangeError('percent of a non-positive whole');
  const tenths = Math.floor((part * 2000 + whole) / (2 * whole));
  return `${Math.floor(tenths / 10)}.${tenths % 10}%`;
}

export const SUBJECT_CLASS_LABEL: Record<ContractSubjectClass, string> = {
  arable: '耕地',
  forest: '林地',
  orchard: '园地',
  grassland: '草地',
  pond: '养殖水面',
  building: '房屋',
  'construction-land': '集体建设用地',
  other: '其他资产资源',
};

/** 合同KJP-2019-001（张家界金坪生态农业开发有限公司）, or by row when the ledger gives no number */
export function contractName(contract: Pick<ContractItem, 'number' | 'counterparty' | 'row'>): string {
  return contract.number ? `合同${contract.number}（${contract.counterparty}）` : `合同台账第${contract.row}行的合同（${contract.counterparty}）`;
}

/** 合同台账第4行（KJP-2019-001） */
export function contractRowLabel(contract: Pick<ContractItem, 'number' | 'counterparty' | 'row'>): string {
  return `合同台账第${contract.row}行（${contract.number ?? contract.counterparty}）`;
}

/** 2026年第三季度财务收支第5行 */
export function financeRowLabel(period: string, row: number): string {
  return `${periodLabel(period)}财务收支第${row}行`;
}

/** 2026年项目公示第3行（马头溪组道路硬化工程） */
export function projectRowLabel(period: string, project: Pick<ProjectItem, 'row' | 'name'>): string {
  return `${periodLabel(period)}项目公示第${project.row}行（${project.name}）`;
}

/** 马头溪村耕地地力保护补贴名单第5行 */
export function subsidyRowLabel(villageName: string, programme: string, row: number): string {
  return `${villageName}${programme}名单第${row}行`;
}

/** A list for a sentence: 甲、乙和丙 */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join('、')}和${items[items.length - 1]}`;
}
