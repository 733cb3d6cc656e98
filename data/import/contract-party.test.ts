import { describe, expect, it } from 'vitest';
import { IssueLog } from './issues.ts';
import { isCreditCode, isOrganisationName, readParty } from './contract-party.ts';

const MASK = { keepStart: 6, keepEnd: 4 };
const where = { row: 8, column: 'C', field: 'partyId' };

function party(name: string, id: string) {
  const log = new IssueLog();
  return { party: readParty(name, id, where, '身份证号/统一社会信用代码', log, MASK), log };
}

describe('contract party', () => {
  it('keeps a company credit code as written and calls the party an organisation', () => {
    expect(party('张家界金坪生态农业开发有限公司', '91430821MA4L8K2X7Q').party).toEqual({ partyKind: 'organisation', creditCode: '91430821MA4L8K2X7Q', idNumber: null });
  });

  it('keeps an already masked ID and masks a raw one with a warning that never carries it', () => {
    expect(party('覃永红', '430821********7201').party).toEqual({ partyKind: 'person', creditCode: null, idNumber: '430821********7201' });
    const { party: raw, log } = party('张永红', '430821198312126262');
    expect(raw).toEqual({ partyKind: 'person', creditCode: null, idNumber: '430821********6262' });
    expect(log.warnings.map((w) => [w.code, w.row, w.column])).toEqual([['unmasked-id-number', 8, 'C']]);
    expect(JSON.stringify(log)).not.toContain('430821198312126262');
  });

  it('does not take an ID number, even one mistyped, for a credit code', () => {
    expect(party('李某', '43082119831212626X').party.idNumber).toBe('430821********626X');
    expect(isCreditCode('4308211983121262X6')).toBe(false);
    // all digits but the last, and a valid check character: an older organisation code
    expect(isCreditCode('91430800186000002B')).toBe(true);
    expect(isCreditCode('91430800186000002C')).toBe(false);
  });

  it('drops a malformed credit code of an organisation with a warning', () => {
    const { party: p, log } = party('慈利县康源养殖专业合作社', '93430821MA4PQ6N3IB');
    expect(p).toEqual({ partyKind: 'organisation', creditCode: null, idNumber: null });
    expect(log.warnings.map((w) => w.code)).toEqual(['invalid-credit-code']);
  });

  it('tells an organisation by its name when there is no code', () => {
    expect(party('慈利县康源养殖专业合作社', '').party.partyKind).toBe('organisation');
    expect(party('田德明', '').party.partyKind).toBeNull();
    expect(isOrganisationName('某某光伏科技有限公司（分公司）')).toBe(true);
    expect(isOrganisationName('覃永红')).toBe(false);
  });
});
