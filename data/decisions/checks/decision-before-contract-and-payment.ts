import { z } from 'zod';
import { STEP_NAME } from '../decision-record.ts';
import { type CheckOutcome, defineRecordCheck, outcome } from './decision-check.ts';
import { effectiveStep } from './record-steps.ts';

const Settings = z
  .object({
    /**
     * Whether signing on the day of the resolution, or paying on the day of signing, is in order.
     * Off by default, as the reference states the order strictly (决议 < 合同 < 付款); a county that
     * signs right after the meeting or pays an advance at signing turns it on.
     */
    sameDayAllowed: z.boolean().default(false),
  })
  .strict();

const CHECK = 'decision-before-contract-and-payment';
const STEP = 'villagers-resolution';

/**
 * The resolution against the linked contract's signing date and the first payment the finance
 * ledger shows (context). With neither known it cannot judge — nothing linked looks the same as
 * nothing yet signed, and a blank must not read as "in order". A payment with no contract is
 * compared with the resolution; no payment yet is normal and is only mentioned.
 */
export const decisionBeforeContractAndPayment = defineRecordCheck({
  id: CHECK,
  name: '先决议、再签合同、再付款',
  explanation: '看是不是先经村民（代表）会议决议，再签合同，签了合同才付款，而不是先签先付、事后补手续。',
  legalBasis: '“四议两公开”：决议日期应早于合同日期，合同日期应早于第一笔付款（自动核对第4项），巡察中的“资金先付手续再补”问题（village-oversight-rules.md §2）。',
  settings: Settings,
  run(record, context, settings) {
    const resolution = effectiveStep(record, STEP);
    if (!resolution) {
      return [outcome(CHECK, 'cannot-judge', STEP, `登记表中没有“${STEP_NAME[STEP]}”，无法核对决议、合同、付款的先后`)];
    }
    const { contractSignedOn, firstPaymentOn } = context;
    if (contractSignedOn === null && firstPaymentOn === null) {
      return [outcome(CHECK, 'cannot-judge', STEP, `没有找到与这件事关联的合同日期和付款日期，无法核对是否先决议、后签合同和付款`)];
    }
    const inOrder = (earlier: string, later: string) => (settings.sameDayAllowed ? earlier <= later : earlier < later);
    const decided = `决议日期${resolution.date}`;
    const outcomes: CheckOutcome[] = [];
    if (contractSignedOn !== null) {
      const after = firstPaymentOn === null ? '（尚无付款记录）' : '';
      outcomes.push(
        inOrder(resolution.date, contractSignedOn)
          ? outcome(CHECK, 'passed', STEP, `合同于${contractSignedOn}签订，在${decided}之后${after}`)
          : outcome(CHECK, 'failed', STEP, `合同于${contractSignedOn}签订，${order(contractSignedOn, resolution.date, decided)}，应先决议后签合同`),
      );
    }
    if (firstPaymentOn !== null) {
      const [base, baseName] = contractSignedOn !== null ? [contractSignedOn, `合同签订日期${contractSignedOn}`] : [resolution.date, `${decided}（没有找到合同日期）`];
      const should = contractSignedOn !== null ? '应先签合同后付款' : '应先决议后付款';
      outcomes.push(
        inOrder(base, firstPaymentOn)
          ? outcome(CHECK, 'passed', STEP, `第一笔付款于${firstPaymentOn}，在${baseName}之后`)
          : outcome(CHECK, 'failed', STEP, `第一笔付款于${firstPaymentOn}，${order(firstPaymentOn, base, baseName)}，${should}`),
      );
    }
    return outcomes;
  },
});

function order(date: string, reference: string, referenceName: string): string {
  return date === reference ? `与${referenceName}是同一天` : `早于${referenceName}`;
}
