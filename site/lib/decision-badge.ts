import type { DecisionCheckSummary } from '../../data/decisions/checks/run-decision-checks.ts';

/**
 * A 四议两公开 badge as the pages print it: the checks' own words (流程完整 / 缺少：党员大会审议 /
 * 需说明：… / 待核对：… / 进行中：… / 无需四议两公开), how loud it is, and one plain sentence
 * for the top of a matter's page.
 */
export interface DecisionBadgeView {
  text: string;
  /** attention: something is missing or failed (printed red); otherwise the usual badge */
  attention: boolean;
}

export function decisionBadge(summary: DecisionCheckSummary): DecisionBadgeView {
  return { text: summary.badge, attention: summary.missing.length > 0 || summary.failed.length > 0 };
}

/** What the badge means, in one sentence a villager reads without knowing the checks. */
export function badgeSentence(summary: DecisionCheckSummary): string {
  if (summary.complete) return '各个步骤都有记录，表决人数和公开时间都符合要求。';
  if (summary.missing.length > 0) return '登记表中缺少必须有的步骤。没有记录不等于没有开会，村里可以补充会议记录和照片。';
  if (summary.failed.length > 0) return '有的步骤不符合要求（见下方标红的说明），村里需要作出说明。';
  if (summary.cannotJudge.length > 0) return '现有的记录和账目不足以判断有的要求是否做到，需要核对（见下方说明）。';
  if (summary.notYetDue.length > 0) return '事项还在办理中：已有的步骤符合要求，后面的步骤还没到时间。';
  return '';
}
