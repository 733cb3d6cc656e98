import { z } from 'zod';
import type { ContractItem } from '../../publication.ts';
import type { Finding } from '../finding.ts';
import { normaliseText } from '../ledger-match.ts';
import { defineRule } from '../rule.ts';
import { contractName, SUBJECT_CLASS_LABEL, yuan } from '../wording.ts';
import { anySample, contractEvidence, contractIdentity, contractsOf, type ContractRef, currentContracts, uniqueKeys } from './village-data.ts';

const Settings = z
  .object({
    /** how much lower the new rent may be, in whole percent, before it is raised; 0: any drop */
    dropPercent: z.number().int().min(0).max(99).default(0),
  })
  .strict();

export const contractRentDrop = defineRule({
  id: 'contract-rent-drop',
  name: '续租租金低于上一份合同',
  explanation:
    '同一块地、同一处房屋或水面（标的物类别和坐落相同，或合同编号是同一系列）换了新合同的，把新合同的年租金与上一份合同比较：有面积的按每亩（每平方米）年租金比，没有面积的按年租金总额比。' +
    '新合同更便宜的，列出来请村里说明。集体资产续租、重新发包时价格通常不应下降，下降可能有正当理由（土地条件变了、市场价下跌），也可能是“冤大头”条款，需要公开说明。',
  source:
    '《农村集体经济组织财务公开规定》：资产资源发包、租赁及收益须专项公开；三资清理中“承包费低于以往”“冤大头条款”的问题（平和县合同清理），见 village-oversight-rules.md §4。',
  timeBased: false,
  settings: Settings,
  run(input, settings) {
    const current = currentContracts(input.publications);
    const known = new Set(current.map((r) => contractIdentity(r.contract)));
    const older = contractsOf(input.previousContracts).filter((r) => !known.has(contractIdentity(r.contract)));
    const pool = [...current, ...older];
    const findings: Finding[] = [];
    for (const ref of current) {
      const now = ref.contract;
      if (!now.start || now.annualAmount === null) continue;
      const before = predecessor(ref, pool);
      if (!before) continue;
      const prev = before.contract;
      const cmp = compareRents(prev, now, settings.dropPercent);
      if (!cmp) continue;
      const what = `${SUBJECT_CLASS_LABEL[now.subjectClass]}“${now.subject}”${now.location ? `（坐落${now.location}）` : ''}`;
      findings.push({
        rule: 'contract-rent-drop',
        village: input.village.code,
        key: `${now.number ?? `row${now.row}`}:rent`,
        title: `${contractName(now)}${cmp.basis}${cmp.newRate}，比同一资产上一份合同${prev.number ?? ''}的${cmp.oldRate}低${cmp.drop}`.slice(0, 200),
        detail:
          `${what}：上一份${contractName(prev)}自${prev.start}起，${describe(prev)}；新的${contractName(now)}自${now.start}起，${describe(now)}。` +
          `按${cmp.basis}比较，新合同为${cmp.newRate}，上一份为${cmp.oldRate}，低${cmp.drop}，${cmp.basis === '年租金' ? '' : '按新合同的面积'}每年少收约${yuan(cmp.perYear)}。请说明租金是怎样确定的，是否经过公开协商或竞价、经村民会议或村民代表会议决定。`,
        amount: cmp.perYear,
        evidence: [contractEvidence(ref), contractEvidence(before)],
        sample: anySample([ref.pub, before.pub]),
      });
    }
    return uniqueKeys(findings);
  },
});

/** The latest contract on the same asset that started before this one. */
function predecessor(ref: ContractRef, pool: readonly ContractRef[]): ContractRef | null {
  const c = ref.contract;
  let best: ContractRef | null = null;
  for (const other of pool) {
    const o = other.contract;
    if (o === c || !o.start || !c.start || o.start >= c.start || o.annualAmount === null) continue;
    if (contractIdentity(o) === contractIdentity(c) || !sameAsset(o, c)) continue;
    if (!best || (best.contract.start ?? '') < o.start) best = other;
  }
  return best;
}

function sameAsset(a: ContractItem, b: ContractItem): boolean {
  if (a.number && b.number && series(a.number) === series(b.number)) return true;
  return a.subjectClass === b.subjectClass && a.location !== null && b.location !== null && normaliseText(a.location) === normaliseText(b.location);
}

/** A renewal's number without its renewal mark: KJP-2019-001（续）, KJP-2019-001-续2 → KJP-2019-001 */
function series(number: string): string {
  return normaliseText(number)
    .toUpperCase()
    .replace(/(?:[-—_]?续[签订]?\d*|\(续[签订]?\d*\))$/, '');
}

interface RentComparison {
  basis: string;
  oldRate: string;
  newRate: string;
  drop: string;
  perYear: number;
}

/** Whether the new rent is lower by more than dropPercent, exactly, on integers. */
function compareRents(prev: ContractItem, now: ContractItem, dropPercent: number): RentComparison | null {
  const pa = BigInt(prev.annualAmount ?? 0);
  const na = BigInt(now.annualAmount ?? 0);
  const areas = perArea(prev, now);
  // per unit: na / nArea < pa / pArea × (100 − drop) / 100
  const [pArea, nArea] = areas ? [areas.prev, areas.now] : [1n, 1n];
  const newSide = na * pArea * 100n;
  const oldSide = pa * nArea * BigInt(100 - dropPercent);
  if (!(newSide < oldSide)) return null;
  const unit = areas ? (now.areaUnit ?? '单位面积') : null;
  const rate = (amount: bigint, area: bigint) => yuan(Number(roundDiv(amount * (areas?.scale ?? 1n), area)));
  const oldTimesNew = pa * nArea;
  return {
    basis: unit ? `每${unit}年租金` : '年租金',
    oldRate: rate(pa, pArea),
    newRate: rate(na, nArea),
    drop: tenths(roundDiv((oldTimesNew - na * pArea) * 1000n, oldTimesNew)),
    perYear: Number(roundDiv(oldTimesNew, pArea) - na),
  };
}

/** Both areas as integers at one scale, when both are positive and in the same unit. */
function perArea(prev: ContractItem, now: ContractItem): { prev: bigint; now: bigint; scale: bigint } | null {
  if (!prev.area || !now.area || (prev.areaUnit ?? '') !== (now.areaUnit ?? '')) return null;
  const digits = Math.max(decimals(prev.area), decimals(now.area));
  const p = scaled(prev.area, digits);
  const n = scaled(now.area, digits);
  return p > 0n && n > 0n ? { prev: p, now: n, scale: 10n ** BigInt(digits) } : null;
}

function describe(c: ContractItem): string {
  const area = c.area ? `，面积${c.area}${c.areaUnit ?? ''}` : '';
  return `年租金${yuan(c.annualAmount ?? 0)}${area}`;
}

function decimals(text: string): number {
  return text.split('.')[1]?.length ?? 0;
}

function scaled(text: string, digits: number): bigint {
  const [int = '0', frac = ''] = text.replace(/^-/, '').split('.');
  const value = BigInt(int + frac.padEnd(digits, '0'));
  return text.startsWith('-') ? -value : value;
}

/** a ÷ b rounded half up, for positive b */
function roundDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  const twice = (a % b) * 2n;
  return twice >= b ? q + 1n : twice <= -b ? q - 1n : q;
}

function tenths(t: bigint): string {
  return t === 0n ? '不到0.1%' : `${t / 10n}.${t % 10n}%`;
}
