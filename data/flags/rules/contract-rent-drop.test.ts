import { describe, expect, it } from 'vitest';
import type { ContractItem } from '../../publication.ts';
import { contractRentDrop } from './contract-rent-drop.ts';
import { contract, contractLedger, ruleInput } from './test-builders.ts';

const defaults = contractRentDrop.settings.parse({});

const old = contract({
  row: 3,
  number: 'KJP-2009-002',
  counterparty: '张家界金坪生态农业开发有限公司',
  location: '一组、二组 坪上',
  area: '326.5',
  areaUnit: '亩',
  start: '2009-01-01',
  end: '2018-12-31',
  annualAmount: 13_060_000,
});
const renewal = (item: Partial<ContractItem>) =>
  contract({ row: 4, number: 'KJP-2019-001', counterparty: '慈利县某某农业有限公司', location: '一组、二组坪上', area: '326.5', areaUnit: '亩', start: '2019-01-01', end: '2033-12-31', ...item });

function run(current: ContractItem[], previous: ContractItem[] = [], settings = defaults) {
  return contractRentDrop.run(
    ruleInput({ publications: [contractLedger('2026', current)], previousContracts: previous.length ? [contractLedger('2018', previous, { id: 'contract-2018' })] : [] }),
    settings,
  );
}

describe('contract-rent-drop', () => {
  it('accepts the same rent per mu and flags one fen less, comparing with an older ledger version', () => {
    expect(run([renewal({ annualAmount: 13_060_000 })], [old])).toEqual([]);
    expect(run([renewal({ annualAmount: 13_059_999 })], [old])).toEqual([
      {
        rule: 'contract-rent-drop',
        village: '430821212212',
        key: 'KJP-2019-001:rent',
        title: '合同KJP-2019-001（慈利县某某农业有限公司）每亩年租金400.00元，比同一资产上一份合同KJP-2009-002的400.00元低不到0.1%',
        detail:
          '耕地“耕地（土地经营权流转）”（坐落一组、二组坪上）：上一份合同KJP-2009-002（张家界金坪生态农业开发有限公司）自2009-01-01起，年租金130,600.00元，面积326.5亩；新的合同KJP-2019-001（慈利县某某农业有限公司）自2019-01-01起，年租金130,599.99元，面积326.5亩。按每亩年租金比较，新合同为400.00元，上一份为400.00元，低不到0.1%，按新合同的面积每年少收约0.01元。请说明租金是怎样确定的，是否经过公开协商或竞价、经村民会议或村民代表会议决定。',
        amount: 1,
        evidence: [
          { publicationId: 'contract-2026', village: '430821212212', kind: 'contract', row: 4, label: '合同台账第4行（KJP-2019-001）' },
          { publicationId: 'contract-2018', village: '430821212212', kind: 'contract', row: 3, label: '合同台账第3行（KJP-2009-002）' },
        ],
        sample: false,
      },
    ]);
  });

  it('compares rent per unit of area, so a smaller plot at the same rate is not a drop', () => {
    expect(run([renewal({ area: '300', annualAmount: 12_000_000 })], [old])).toEqual([]);
    const [finding] = run([renewal({ area: '300', annualAmount: 9_000_000 })], [old]);
    expect(finding?.title).toBe('合同KJP-2019-001（慈利县某某农业有限公司）每亩年租金300.00元，比同一资产上一份合同KJP-2009-002的400.00元低25.0%');
    expect(finding?.amount).toBe(3_000_000);
  });

  it('compares totals when an area is missing', () => {
    const [finding] = run([renewal({ area: null, annualAmount: 10_000_000 })], [old]);
    expect(finding?.title).toBe('合同KJP-2019-001（慈利县某某农业有限公司）年租金100,000.00元，比同一资产上一份合同KJP-2009-002的130,600.00元低23.4%');
    expect(finding?.amount).toBe(3_060_000);
  });

  it('tolerates a drop up to dropPercent and flags one beyond it', () => {
    const settings = contractRentDrop.settings.parse({ dropPercent: 25 });
    expect(run([renewal({ annualAmount: 9_795_000 })], [old], settings)).toEqual([]);
    expect(run([renewal({ annualAmount: 9_794_999 })], [old], settings).map((f) => f.key)).toEqual(['KJP-2019-001:rent']);
  });

  it('pairs renewals by contract number series within the current ledger', () => {
    const first = contract({ row: 2, number: 'LG-01', location: '甲处', start: '2015-01-01', annualAmount: 500_000 });
    const second = contract({ row: 3, number: 'LG-01（续）', location: '乙处', start: '2020-01-01', annualAmount: 400_000 });
    expect(run([first, second]).map((f) => f.key)).toEqual(['LG-01（续）:rent']);
  });

  it('does not pair different assets, nor one contract with its own older version', () => {
    const elsewhere = renewal({ location: '三组 大塘', annualAmount: 1 });
    expect(run([elsewhere], [old])).toEqual([]);
    const otherClass = renewal({ subjectClass: 'pond', annualAmount: 1 });
    expect(run([otherClass], [old])).toEqual([]);
    expect(run([{ ...old, annualAmount: 1 }], [old])).toEqual([]);
  });

  it('compares with the latest earlier contract only', () => {
    const middle = contract({ ...old, row: 5, number: 'KJP-2014-009', start: '2014-01-01', annualAmount: 9_000_000 });
    expect(run([renewal({ annualAmount: 10_000_000 })], [old, middle])).toEqual([]);
  });
});
