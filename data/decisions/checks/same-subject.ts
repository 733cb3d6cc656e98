import { z } from 'zod';
import { toHalfWidth } from '../../money.ts';
import { STEP_NAME } from '../decision-record.ts';
import { type CheckOutcome, defineRecordCheck, outcome } from './decision-check.ts';

const Settings = z
  .object({
    /** fewer characters than this (after spaces are dropped) does not name a matter: 修路, 见附件 */
    minSubjectLength: z.number().int().min(1).max(50).default(4),
  })
  .strict();

/** Words that fill the 事由 box without saying anything. */
const PLACEHOLDERS = new Set(['无', '略', '同上', '见附件', '详见附件', '其他', '/', '-', '—']);

/** 事由：…, up to the end of the clause; 事由来源（who proposed it） is a different field and is skipped. */
const SUBJECT_MENTION = /事由[:：]\s*([^，,。；;\n]+)/g;

/**
 * The register writes the 事由 once above the table, and the record keeps it once (`subject`), so
 * "the six rows share one 事由" comes down to two things this can see: the 事由 actually names a
 * matter, and no row's 主要内容 / 备注 nor a note under the table names a different 事由 ("事由：…").
 * It does not compare the 事由 with the power-list item or the linked project's name: those are
 * worded differently by design, and matching them is the importer's job.
 */
export const sameSubject = defineRecordCheck({
  id: 'same-subject',
  name: '事由前后一致',
  explanation: '看这件事的“事由”是不是写清楚了，并且登记表各步骤写的是同一件事，没有中途换成别的事由。',
  legalBasis: '四议两公开登记表填写说明：“对同一件事，事由应一致”；自动核对第7项“事由在六行中相同”（village-oversight-rules.md §2）。',
  settings: Settings,
  run(record, _context, settings) {
    const subject = record.subject.trim();
    const key = normalise(subject);
    if (key.length < settings.minSubjectLength || PLACEHOLDERS.has(key)) {
      return [outcome('same-subject', 'failed', null, `事由只写了“${subject}”，没有写清楚是哪件事（至少${settings.minSubjectLength}个字）`)];
    }
    const outcomes: CheckOutcome[] = [];
    for (const s of record.steps) {
      for (const other of mentions(`${s.content ?? ''}\n${s.remark ?? ''}`)) {
        if (normalise(other) !== key) outcomes.push(outcome('same-subject', 'failed', s.step, `“${STEP_NAME[s.step]}”一行写的事由“${other}”与登记表的事由“${subject}”不一致`));
      }
    }
    for (const note of record.notes) {
      for (const other of mentions(note)) {
        if (normalise(other) !== key) outcomes.push(outcome('same-subject', 'failed', null, `登记表下方写的事由“${other}”与表头的事由“${subject}”不一致`));
      }
    }
    if (outcomes.length > 0) return outcomes;
    return [outcome('same-subject', 'passed', null, `事由“${subject}”写明，登记表各行没有写成别的事由`)];
  },
});

function mentions(text: string): string[] {
  return [...text.matchAll(SUBJECT_MENTION)].map((m) => (m[1] ?? '').trim()).filter((m) => m.length > 0);
}

/** Spaces, full-width letters and enclosing quotes do not make a different 事由. */
function normalise(text: string): string {
  return toHalfWidth(text)
    .replace(/\s+/g, '')
    .replace(/^事由[:：]/, '')
    .replace(/^[“"「『]+|[”"」』]+$/g, '');
}
