import { describe, expect, it } from 'vitest';
import { contract, contractLedger } from '../flags/rules/test-builders.ts';
import { DEFAULT_CATALOGUE } from '../power/default-catalogue.ts';
import type { ContractContent } from '../publication.ts';
import { wastelandMatter } from './checks/test-records.ts';
import type { DecisionRecord } from './decision-record.ts';
import { judgeMatter } from './matter-checks.ts';

// A matter linked to a contract of the village's contract ledger by its number is dated by it:
// the lease of 老鸦坡 resolved on 2026-05-22 must not have started before.

const ledger = (start: string): ContractContent => contractLedger('2026', [contract({ row: 4, number: 'LG-2026-03', start })]).content as ContractContent;
const linked: DecisionRecord = { ...wastelandMatter(), links: [{ kind: 'contract', publicationId: null, row: null, name: 'LG-2026-03' }] };
const order = (record: DecisionRecord, contracts: ContractContent[]) =>
  judgeMatter(record, { catalogue: DEFAULT_CATALOGUE, ledgers: [], contracts, today: '2026-10-15' }).checks.outcomes.filter((o) => o.check === 'decision-before-contract-and-payment');

describe('a matter and its contract', () => {
  it('finds a contract that started before the resolution', () => {
    const [early] = order(linked, [ledger('2026-05-01')]);
    expect(early?.status).toBe('failed');
    expect(early?.message).toContain('2026-05-01');
  });

  it('passes a contract that started after it, and cannot judge without a link or without the contract', () => {
    expect(order(linked, [ledger('2026-06-01')]).map((o) => o.status)).toEqual(['passed']);
    expect(order(wastelandMatter(), [ledger('2026-05-01')]).map((o) => o.status)).toEqual(['cannot-judge']);
    expect(order(linked, []).map((o) => o.status)).toEqual(['cannot-judge']);
  });

  it('takes the signing day the register states when no contract ledger holds the number, the ledger’s when one does', () => {
    const stated: DecisionRecord = { ...wastelandMatter(), links: [{ ...linked.links[0]!, signedOn: '2026-05-20' }] };
    const [fromRegister] = order(stated, []);
    expect(fromRegister?.status).toBe('failed');
    expect(fromRegister?.message).toContain('2026-05-20');
    expect(order(stated, [ledger('2026-06-01')]).map((o) => o.status)).toEqual(['passed']);
  });
});
