import { describe, expect, it } from 'vitest';
import { decisionBeforeContractAndPayment as check } from './decision-before-contract-and-payment.ts';
import { roadContext, roadMatter, wastelandContext, wastelandMatter, withoutStep } from './test-records.ts';

const defaults = check.settings.parse({});

describe('decision-before-contract-and-payment', () => {
  it('passes a resolution, then a contract, then a payment', () => {
    expect(check.run(roadMatter(), roadContext(), defaults).map((o) => [o.status, o.message])).toEqual([
      ['passed', '合同于2026-04-08签订，在决议日期2026-03-18之后'],
      ['passed', '第一笔付款于2026-05-15，在合同签订日期2026-04-08之后'],
    ]);
  });

  it('fails a contract signed before the resolution', () => {
    expect(check.run(roadMatter(), roadContext({ contractSignedOn: '2026-03-15' }), defaults)[0]).toEqual({
      check: 'decision-before-contract-and-payment',
      status: 'failed',
      passed: false,
      step: 'villagers-resolution',
      message: '合同于2026-03-15签订，早于决议日期2026-03-18，应先决议后签合同',
    });
  });

  it('fails a payment made before the contract was signed', () => {
    const outcomes = check.run(roadMatter(), roadContext({ firstPaymentOn: '2026-04-01' }), defaults);
    expect(outcomes.map((o) => [o.status, o.message])).toEqual([
      ['passed', '合同于2026-04-08签订，在决议日期2026-03-18之后'],
      ['failed', '第一笔付款于2026-04-01，早于合同签订日期2026-04-08，应先签合同后付款'],
    ]);
  });

  it('fails signing on the day of the resolution unless the county allows it', () => {
    const sameDay = roadContext({ contractSignedOn: '2026-03-18' });
    expect(check.run(roadMatter(), sameDay, defaults)[0]?.message).toBe('合同于2026-03-18签订，与决议日期2026-03-18是同一天，应先决议后签合同');
    expect(check.run(roadMatter(), sameDay, check.settings.parse({ sameDayAllowed: true }))[0]?.status).toBe('passed');
  });

  it('compares a payment with the resolution when there is no contract', () => {
    const outcomes = check.run(roadMatter(), roadContext({ contractSignedOn: null, firstPaymentOn: '2026-03-01' }), defaults);
    expect(outcomes.map((o) => [o.status, o.message])).toEqual([['failed', '第一笔付款于2026-03-01，早于决议日期2026-03-18（没有找到合同日期），应先决议后付款']]);
  });

  it('mentions that nothing has been paid yet', () => {
    expect(check.run(wastelandMatter(), wastelandContext(), defaults).map((o) => o.message)).toEqual(['合同于2026-06-05签订，在决议日期2026-05-22之后（尚无付款记录）']);
  });

  it('cannot judge without a contract or payment date, nor without a resolution', () => {
    expect(check.run(wastelandMatter(), wastelandContext({ contractSignedOn: null }), defaults).map((o) => o.status)).toEqual(['cannot-judge']);
    expect(check.run(withoutStep(roadMatter(), 'villagers-resolution'), roadContext(), defaults).map((o) => o.status)).toEqual(['cannot-judge']);
  });
});
