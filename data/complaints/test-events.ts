import type { ComplaintEvent } from './complaint.ts';

/**
 * Test support: a step of each type with plausible fields, so the tests of the workflow, the
 * deadlines, the facts and the figures build histories from types alone, and a new type of step
 * is added here once. `over` sets the fields a test cares about.
 */
export function testEvent(
  type: ComplaintEvent['type'],
  base: { seq: number; at: string; actor: string },
  over: { department?: string; satisfied?: boolean } = {},
): ComplaintEvent {
  switch (type) {
    case 'received':
      return { ...base, type };
    case 'dispatch':
      return { ...base, type, department: over.department ?? '镇财政所' };
    case 'reply':
      return { ...base, type, text: '答复' };
    case 'close':
      return { ...base, type, resolution: '办结' };
    case 'reopen':
      return { ...base, type, reason: null };
    case 'feedback':
      return { ...base, type, satisfied: over.satisfied ?? true, comment: null };
    case 'support':
      return { ...base, type };
    case 'merge-into':
      return { ...base, type, into: '1' };
    case 'merge-from':
      return { ...base, type, from: '1' };
    case 'classify':
      return { ...base, type, powerItem: 'subsidy-payout' };
  }
}
