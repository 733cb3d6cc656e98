import { describe, expect, it } from 'vitest';
import {
  allocate,
  type ContractParty,
  contractsForRow,
  coreName,
  type IncomeRow,
  type Instalment,
  namesContractNumber,
  namesParty,
  namesProject,
  sameParty,
  withinTolerance,
} from './ledger-match.ts';

describe('coreName', () => {
  it('drops the places a name starts with and the legal form it ends with', () => {
    expect(coreName('张家界金坪生态农业开发有限公司')).toBe('金坪生态农业开发');
    expect(coreName('慈利县康源养殖专业合作社')).toBe('康源养殖');
    expect(coreName('张家界市某某光伏科技有限公司')).toBe('某某光伏科技');
    expect(coreName('湖南省张家界市慈利县某某建材有限责任公司')).toBe('某某建材');
    expect(coreName('湘西土家族苗族自治州某某公司')).toBe('某某');
  });

  it('keeps a person’s name and a name that would be left too short', () => {
    expect(coreName('覃永红')).toBe('覃永红');
    expect(coreName('张家界公司')).toBe('张家界');
  });
});

describe('namesParty', () => {
  it('finds a party named in full or by its core name', () => {
    expect(namesParty('收到张家界金坪生态农业开发有限公司租金', '张家界金坪生态农业开发有限公司')).toBe(true);
    expect(namesParty('收到金坪生态农业开发2024年租金', '张家界金坪生态农业开发有限公司')).toBe(true);
    expect(namesParty('收到覃永红山塘承包费', '覃永红')).toBe(true);
  });

  it('does not match another party', () => {
    expect(namesParty('收到金坪农业租金', '张家界金坪生态农业开发有限公司')).toBe(false);
    expect(namesParty('收到覃永林山塘承包费', '覃永红')).toBe(false);
  });
});

describe('sameParty', () => {
  it('takes a name with or without its place and legal form for the same party', () => {
    expect(sameParty('张家界某某建筑工程有限公司', '某某建筑工程公司')).toBe(true);
    expect(sameParty(' 覃永红', '覃永红')).toBe(true);
    expect(sameParty('某某建筑工程有限公司', '某某劳务有限公司')).toBe(false);
    expect(sameParty('', '')).toBe(false);
  });
});

describe('namesContractNumber', () => {
  it('finds the number standing on its own, whatever the case and width', () => {
    expect(namesContractNumber('收到合同ＫＪＰ-2019-001租金', 'KJP-2019-001')).toBe(true);
    expect(namesContractNumber('kjp-2019-001 租金', 'KJP-2019-001')).toBe(true);
  });

  it('does not find it inside a longer number, nor short numbers at all', () => {
    expect(namesContractNumber('KJP-2019-0012租金', 'KJP-2019-001')).toBe(false);
    expect(namesContractNumber('收到1号合同租金', '1')).toBe(false);
    expect(namesContractNumber('收到租金', null)).toBe(false);
  });
});

describe('withinTolerance', () => {
  it('accepts an amount exactly at the tolerance and refuses one fen beyond', () => {
    expect(withinTolerance(9_500, 10_000, 5)).toBe(true);
    expect(withinTolerance(10_500, 10_000, 5)).toBe(true);
    expect(withinTolerance(9_499, 10_000, 5)).toBe(false);
  });
});

describe('namesProject', () => {
  it('matches a project by its name without the year and 项目', () => {
    expect(namesProject('支付马头溪组道路硬化工程进度款（第一期）', '2026年马头溪组道路硬化工程项目')).toBe(true);
    expect(namesProject('支付龙岗组道路硬化工程进度款', '2026年马头溪组道路硬化工程项目')).toBe(false);
    // the village's own ledger leaves out the village's name; 村委会 and 村级 are not a name
    expect(namesProject('预付三组通组公路硬化工程款', '龙岗村三组通组公路硬化')).toBe(true);
    expect(namesProject('预付二组通组公路硬化工程款', '龙岗村三组通组公路硬化')).toBe(false);
    expect(namesProject('支付委会办公楼维修款', '马头溪村委会办公楼维修')).toBe(false);
  });
});

const inst = (contract: string, due: string, amount: number): Instalment => ({ id: `${contract}:${due}`, contract, due, amount });

describe('contractsForRow', () => {
  const contracts: ContractParty[] = [
    { id: 'a', number: 'KJP-2019-001', counterparty: '张家界金坪生态农业开发有限公司', instalments: [inst('a', '2025-12-31', 13_060_000)] },
    { id: 'b', number: 'KJP-2020-003', counterparty: '覃永红', instalments: [inst('b', '2026-03-01', 360_000)] },
    { id: 'c', number: 'KJP-2021-002', counterparty: '田德明', instalments: [inst('c', '2026-01-31', 255_000)] },
  ];
  const row = (summary: string, income: number, extra: Partial<IncomeRow> = {}): IncomeRow => ({
    date: '2026-02-20',
    income,
    summary,
    remark: null,
    counterparty: null,
    ...extra,
  });

  it('ties a row to the contract whose number it names, before any name', () => {
    expect(contractsForRow(row('收到KJP-2020-003（金坪公司代缴）', 360_000), contracts, 5)).toEqual(['b']);
  });

  it('ties a row to the party it names, in the summary, remark or payer column', () => {
    expect(contractsForRow(row('收到金坪生态农业开发租金', 100), contracts, 5)).toEqual(['a']);
    expect(contractsForRow(row('收到租金', 100, { remark: '田德明交' }), contracts, 5)).toEqual(['c']);
    expect(contractsForRow(row('收到租金', 100, { counterparty: '覃永红' }), contracts, 5)).toEqual(['b']);
  });

  it('ties an unnamed rent receipt to the one contract with an instalment of that amount', () => {
    expect(contractsForRow(row('收到山塘承包费', 342_000), contracts, 5)).toEqual(['b']);
    expect(contractsForRow(row('收到山塘承包费', 341_999), contracts, 5)).toEqual([]);
    expect(contractsForRow(row('收到分红', 360_000), contracts, 5)).toEqual([]);
    expect(contractsForRow(row('收到租金', 360_000, { counterparty: '唐某' }), contracts, 5)).toEqual([]);
  });

  it('leaves an unnamed receipt alone when two contracts have instalments of that amount', () => {
    const twin: ContractParty = { id: 'd', number: 'KJP-2022-009', counterparty: '王某某', instalments: [inst('d', '2026-06-30', 360_000)] };
    expect(contractsForRow(row('收到承包费', 360_000), [...contracts, twin], 5)).toEqual([]);
  });

  it('looks for an amount-only match only among instalments due within a year of the row', () => {
    expect(contractsForRow(row('收到承包费', 360_000, { date: '2027-03-02' }), contracts, 5)).toEqual(['b']);
    expect(contractsForRow(row('收到承包费', 360_000, { date: '2027-03-03' }), contracts, 5)).toEqual([]);
  });
});

describe('allocate', () => {
  const options = { earlyDays: 366, tolerancePercent: 5 };

  it('fills the oldest instalment first and carries the rest to the next', () => {
    const result = allocate(
      [inst('a', '2025-12-31', 1_000), inst('a', '2024-12-31', 1_000)],
      [{ id: 'p1', date: '2025-06-01', amount: 1_500, contracts: ['a'] }],
      options,
    );
    expect(result.instalments.map((a) => [a.instalment.due, a.allocated, a.paid])).toEqual([
      ['2024-12-31', 1_000, true],
      ['2025-12-31', 500, false],
    ]);
    expect(result.instalments[1]?.from).toEqual([{ payment: 'p1', amount: 500 }]);
    expect(result.unallocated).toEqual([]);
  });

  it('counts an instalment paid within the tolerance, and not one fen below it', () => {
    const at = allocate([inst('a', '2025-12-31', 10_000)], [{ id: 'p', date: '2025-12-01', amount: 9_500, contracts: ['a'] }], options);
    expect(at.instalments[0]?.paid).toBe(true);
    const below = allocate([inst('a', '2025-12-31', 10_000)], [{ id: 'p', date: '2025-12-01', amount: 9_499, contracts: ['a'] }], options);
    expect(below.instalments[0]?.paid).toBe(false);
  });

  it('takes a payment up to earlyDays before the due date, and not a day earlier', () => {
    const on = allocate([inst('a', '2026-12-31', 1_000)], [{ id: 'p', date: '2025-12-30', amount: 1_000, contracts: ['a'] }], options);
    expect(on.instalments[0]?.paid).toBe(true);
    const early = allocate([inst('a', '2026-12-31', 1_000)], [{ id: 'p', date: '2025-12-29', amount: 1_000, contracts: ['a'] }], options);
    expect(early.instalments[0]?.paid).toBe(false);
    expect(early.unallocated).toEqual([{ payment: 'p', amount: 1_000 }]);
  });

  it("never sets one contract's payment against another's instalment", () => {
    const result = allocate([inst('a', '2025-12-31', 1_000), inst('b', '2025-12-31', 1_000)], [{ id: 'p', date: '2025-12-01', amount: 1_000, contracts: ['b'] }], options);
    expect(result.instalments.map((a) => [a.instalment.contract, a.paid])).toEqual([
      ['a', false],
      ['b', true],
    ]);
  });

  it('adds partial payments up in date order', () => {
    const result = allocate(
      [inst('a', '2025-12-31', 10_000)],
      [
        { id: 'late', date: '2026-01-20', amount: 3_000, contracts: ['a'] },
        { id: 'first', date: '2025-12-20', amount: 4_000, contracts: ['a'] },
      ],
      options,
    );
    expect(result.instalments[0]?.allocated).toBe(7_000);
    expect(result.instalments[0]?.from.map((f) => f.payment)).toEqual(['first', 'late']);
  });
});
