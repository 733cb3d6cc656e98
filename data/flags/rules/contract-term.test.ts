import { describe, expect, it } from 'vitest';
import type { ContractItem } from '../../publication.ts';
import { contractTerm } from './contract-term.ts';
import { contract, contractLedger, ruleInput } from './test-builders.ts';

const defaults = contractTerm.settings.parse({});

function run(contracts: ContractItem[], settings = defaults) {
  return contractTerm.run(ruleInput({ publications: [contractLedger('2026', contracts)] }), settings);
}

const arable = (end: string) => contract({ row: 4, number: 'KJP-2019-001', subjectClass: 'arable', start: '2019-01-01', end });

describe('contract-term', () => {
  it('has the legal limits by class as defaults', () => {
    expect(defaults).toEqual({
      maxYears: { building: 20, 'construction-land': 20, arable: 20, pond: 20, orchard: 30, grassland: 30, forest: 70, other: 20 },
      arableEndsBy: null,
    });
  });

  it('accepts a term of exactly the limit and flags one a day longer', () => {
    expect(run([arable('2038-12-31')])).toEqual([]);
    expect(run([arable('2039-01-01')])).toEqual([
      {
        rule: 'contract-term',
        village: '430821212212',
        key: 'KJP-2019-001:term',
        title: '合同KJP-2019-001（张家界金坪生态农业开发有限公司）期限约20年，长于耕地合同一般最长的20年',
        detail: '合同台账写明：标的物“耕地（土地经营权流转）”（按耕地看待），期限2019-01-01至2039-01-01，共约20年。期限约20年，长于耕地合同一般最长的20年。请说明合同期限是怎样确定的，是否经村民会议或村民代表会议讨论决定。',
        amount: null,
        evidence: [{ publicationId: 'contract-2026', village: '430821212212', kind: 'contract', row: 4, label: '合同台账第4行（KJP-2019-001）' }],
        sample: false,
      },
    ]);
  });

  it('uses the limit of the class: 25 years of construction land is flagged, 25 years of forest is not', () => {
    const solar = contract({ row: 9, number: 'KJP-2024-001', subjectClass: 'construction-land', start: '2024-04-01', end: '2049-03-31' });
    expect(run([solar]).map((f) => f.title)).toEqual(['合同KJP-2024-001（张家界金坪生态农业开发有限公司）期限25年，长于集体建设用地合同一般最长的20年']);
    expect(run([{ ...solar, subjectClass: 'forest' }])).toEqual([]);
  });

  it("takes a county's own limit for one class and keeps the others' defaults", () => {
    const settings = contractTerm.settings.parse({ maxYears: { arable: 15 } });
    expect(settings.maxYears.forest).toBe(70);
    expect(run([arable('2033-12-31')], settings)).toEqual([]);
    expect(run([arable('2034-06-30')], settings).map((f) => f.title)).toEqual([
      '合同KJP-2019-001（张家界金坪生态农业开发有限公司）期限15年6个月，长于耕地合同一般最长的15年',
    ]);
  });

  it('flags an arable contract ending after the county’s end date, not one ending on it', () => {
    const settings = { ...defaults, arableEndsBy: '2028-12-31' };
    expect(run([arable('2028-12-31')], settings)).toEqual([]);
    expect(run([arable('2029-01-01')], settings).map((f) => f.title)).toEqual([
      '合同KJP-2019-001（张家界金坪生态农业开发有限公司）终止日期2029-01-01晚于县里设定的耕地合同截止日期2028-12-31',
    ]);
    const pond = contract({ row: 5, subjectClass: 'pond', start: '2020-03-01', end: '2030-02-28' });
    expect(run([pond], settings)).toEqual([]);
  });

  it('skips a contract without both dates', () => {
    expect(run([contract({ row: 4, start: '2000-01-01', end: null })])).toEqual([]);
  });
});
