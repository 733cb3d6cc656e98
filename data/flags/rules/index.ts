import type { RuleDefinition } from '../rule.ts';
import { cashOverLimit } from './cash-over-limit.ts';
import { contractRentDrop } from './contract-rent-drop.ts';
import { contractTerm } from './contract-term.ts';
import { duplicateBeneficiary } from './duplicate-beneficiary.ts';
import { lateDisclosure } from './late-disclosure.ts';
import { paidBeforeDecision } from './paid-before-decision.ts';
import { paidBeyondContract } from './paid-beyond-contract.ts';
import { payeeConcentration } from './payee-concentration.ts';
import { receivableOverdue } from './receivable-overdue.ts';
import { splitPayments } from './split-payments.ts';

/** Every red-flag rule, in the order of FLAG_RULE_IDS. */
export const ALL_RULES: readonly RuleDefinition[] = [
  receivableOverdue,
  contractTerm,
  contractRentDrop,
  cashOverLimit,
  splitPayments,
  payeeConcentration,
  paidBeyondContract,
  paidBeforeDecision,
  duplicateBeneficiary,
  lateDisclosure,
];
