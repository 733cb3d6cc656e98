import { supportAction } from './complaint-form.ts';
import { chinaDate } from './format.ts';
import type { ComplaintPage, SimilarComplaintItem } from './page-model.ts';

/**
 * The complaint page's parts for "someone already reported this" (issue 17): the open complaints
 * like the one posted, each with its 我也遇到 button, and the notice after one was pressed. Only
 * public fields come in (ingest/similar-open-complaints.ts copies them out of publicComplaint()).
 */
export interface SimilarShown {
  publicId: string;
  /** masked, as published */
  text: string;
  category: string;
  statusLabel: string;
  receivedAt: string;
  supporters: number;
}

/**
 * A complaint runs to 2,000 characters; five of them whole would push the villager's own form
 * screens down on a 360 px phone. The first 120 characters say what the problem is, which is all
 * the villager needs to judge whether it is theirs.
 */
export const SIMILAR_TEXT_CHARS = 120;

export function similarItems(found: readonly SimilarShown[]): SimilarComplaintItem[] {
  return found.map((c) => ({
    publicId: c.publicId,
    number: `第 ${c.publicId} 号`,
    text: clip(c.text, SIMILAR_TEXT_CHARS),
    category: c.category,
    statusLabel: c.statusLabel,
    received: chinaDate(c.receivedAt),
    supportersLabel: c.supporters > 0 ? `已有 ${c.supporters} 位村民也遇到` : '还没有其他村民点过“我也遇到”',
    action: supportAction(c.publicId),
  }));
}

/** What the page says after a 我也遇到 was recorded (the count as it now stands, this one included). */
export function supportedNotice(publicId: string, supporters: number): NonNullable<ComplaintPage['notice']> {
  return { tone: 'ok', message: `已记下：第 ${publicId} 号现在共有 ${supporters} 位村民也遇到这个问题。您不必再重复提交。` };
}

// ——— private helpers ———

/** The first `max` characters (code points, so no emoji is cut in half), with … when cut. */
function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max).join('')}…`;
}
