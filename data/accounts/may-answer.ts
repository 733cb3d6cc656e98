import type { Complaint } from '../complaints/complaint.ts';
import type { Account } from './account.ts';
import { allows, type Principal } from './permissions.ts';

/**
 * Who answers a dispatched complaint: the office it was dispatched to (an account whose department
 * is that office), or the discipline staff who dispatched it, who may answer themselves. The
 * console's form and its handler both ask here.
 */
export function mayAnswer(who: Principal & Pick<Account, 'department'>, complaint: Pick<Complaint, 'village' | 'department'>): boolean {
  if (!allows(who, 'answer-complaint', complaint.village).ok) return false;
  if (who.department !== null) return who.department === complaint.department;
  return allows(who, 'dispatch-complaint', complaint.village).ok;
}
