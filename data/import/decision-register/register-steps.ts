import type { DecisionStep } from '../../decisions/decision-record.ts';
import { parseDate } from '../../dates.ts';
import { EMPTY_MARKS, parseQuantity, toHalfWidth } from '../../money.ts';
import { cellText, isEmptyRow, rowLine, type GridRow } from '../grid.ts';
import type { Column } from '../header-map.ts';
import { at, place, quote, type IssueLog } from '../issues.ts';
import { freeText, type TextMask } from '../personal-fields.ts';
import { badValue, cellOf, personalNumberInNumber } from '../read-cell.ts';
import { isFooterLine } from '../table-layout.ts';
import { postedPeriod } from './posted-period.ts';
import type { RegisterBlock, RegisterColumns, RegisterField } from './register-layout.ts';
import { knownLabels, stepOfLabel } from './step-labels.ts';

/**
 * The step table of one register to steps, in the order written, and the footer lines under it.
 * A step is kept even when the checks will find it out of place; only what cannot be read —
 * an unknown step name, a date or count that is not one — is refused, each with its cell.
 */
export function readSteps(block: RegisterBlock, log: IssueLog, mask: TextMask): { steps: DecisionStep[]; footer: Array<{ text: string; row: number }> } {
  const c = block.columns;
  const steps: DecisionStep[] = [];
  const footer: Array<{ text: string; row: number }> = [];
  const text = (row: GridRow, f: RegisterField): string | null => {
    const col = c[f];
    return col ? freeText(cellOf(row, col), at(row.row, col), col.header, log, mask) : null;
  };
  for (const row of block.body) {
    const label = cellText(cellOf(row, c.step)).replace(/\s*\n\s*/g, '');
    const kind = label === '' ? null : stepOfLabel(label);
    if (!kind && isFooterLine(row)) {
      footer.push({ text: rowLine(row), row: row.row });
      continue;
    }
    const step = c.step as Column;
    if (label === '') {
      log.error('step-missing', at(row.row, step), `${place(at(row.row, step), step.header).zh}：这一行填了内容，但没有写是哪个步骤。`, `${place(at(row.row, step), step.header).en}: the row has entries but does not say which step it is.`);
      continue;
    }
    if (!kind) {
      const p = place(at(row.row, step), step.header);
      log.error(
        'unknown-step',
        at(row.row, step),
        `${p.zh}：无法识别的步骤“${quote(label)}”。“四议两公开”的步骤应写作：${knownLabels().join('、')}。`,
        `${p.en}: unknown step "${quote(label)}". The steps of the 四议两公开 procedure are written as: ${knownLabels().join(', ')}.`,
      );
      continue;
    }
    if (onlyLabel(row, step)) {
      // A printed form lists all six steps; a row with nothing but the name has not happened yet.
      log.warn('step-not-taken', at(row.row, step), `第${row.row}行“${quote(label)}”只有步骤名称，视为尚未进行，未导入。`, `Row ${row.row} "${quote(label)}" has only the step's name; it is read as not taken yet and not imported.`);
      continue;
    }
    const date = readStepDate(row, c.date, log);
    const counts = readCounts(row, c, log);
    const content = text(row, 'content');
    const remark = text(row, 'remark');
    const posted = date && (kind.step === 'resolution-disclosure' || kind.step === 'result-disclosure') ? readPosted(row, c, content, remark, date, log) : null;
    steps.push({
      step: kind.step,
      label,
      date: date ?? '',
      body: kind.body,
      meeting: text(row, 'meeting'),
      noticeDate: null,
      ...counts,
      townshipOfficials: text(row, 'townshipOfficials'),
      content,
      remark,
      postedFrom: posted?.from ?? null,
      postedUntil: posted?.until ?? null,
      evidence: [],
      row: row.row,
    });
  }
  return { steps, footer };
}

// ——— private helpers ———

type Counts = Pick<DecisionStep, 'expected' | 'present' | 'votesFor' | 'votesAgainst' | 'abstentions'>;
const COUNT_FIELDS = ['expected', 'present', 'votesFor', 'votesAgainst', 'abstentions'] as const;
const MAX_COUNT = 1_000_000;

function onlyLabel(row: GridRow, step: Column): boolean {
  return isEmptyRow({ row: row.row, cells: row.cells.map((cell, i) => (i === step.index ? null : cell)) });
}

function readStepDate(row: GridRow, column: Column | undefined, log: IssueLog): string | null {
  if (!column) return null;
  // No year is assumed for 3月2日: a register spans months, often across a new year.
  const parsed = parseDate(cellOf(row, column) ?? null);
  if (parsed.kind === 'ok') return parsed.date;
  if (parsed.kind === 'invalid') badValue(row, column, log, 'invalid-date', parsed.reason, parsed.reasonEn);
  else badValue(row, column, log, 'date-missing', '这一步没有填写时间', 'the step has no date');
  return null;
}

function readCounts(row: GridRow, c: RegisterColumns, log: IssueLog): Counts {
  const counts: Counts = { expected: null, present: null, votesFor: null, votesAgainst: null, abstentions: null };
  for (const field of COUNT_FIELDS) counts[field] = readCount(row, c[field], log);
  const votes = [counts.votesFor, counts.votesAgainst, counts.abstentions];
  const cast = votes.reduce<number>((sum, v) => sum + (v ?? 0), 0);
  const limit = counts.present ?? counts.expected;
  const first = c.votesFor ?? c.votesAgainst ?? c.abstentions;
  if (limit !== null && votes.some((v) => v !== null) && cast > limit && first) {
    const who = counts.present !== null ? { zh: '实到', en: 'present', col: c.present } : { zh: '应到', en: 'expected', col: c.expected };
    const p = place(at(row.row, first), first.header);
    log.error(
      'votes-exceed-present',
      at(row.row, first),
      `${p.zh}：赞成、反对、弃权共 ${cast} 人，多于${who.zh}人数 ${limit} 人（${who.col?.letter ?? ''}列），请核对。`,
      `${p.en}: ${cast} votes for, against and abstaining, more than the ${limit} ${who.en} (column ${who.col?.letter ?? ''}). Please check them.`,
    );
  }
  if (counts.expected !== null && counts.present !== null && counts.present > counts.expected && c.present) {
    const p = place(at(row.row, c.present), c.present.header);
    log.warn('present-exceeds-expected', at(row.row, c.present), `${p.zh}：实到 ${counts.present} 人，多于应到 ${counts.expected} 人，请核对。`, `${p.en}: ${counts.present} present, more than the ${counts.expected} expected. Please check it.`);
  }
  return counts;
}

/** 24, "24", "24人", "２４" → 24; blank, / and — → null; 2.5, -1, "abc" refused. */
function readCount(row: GridRow, column: Column | undefined, log: IssueLog): number | null {
  if (!column || personalNumberInNumber(row, column, log)) return null;
  const cell = cellOf(row, column) ?? null;
  const raw = cellText(cell);
  if (EMPTY_MARKS.has(toHalfWidth(raw).replace(/\s+/g, ''))) return null;
  const parsed = parseQuantity(cell);
  const unitOk = parsed.kind === 'ok' && (parsed.unit === null || /^(人|名|票|户|位)$/.test(parsed.unit));
  const whole = parsed.kind === 'ok' ? /^-?\d+(?:\.0+)?$/.exec(parsed.text) : null;
  if (parsed.kind !== 'ok' || !unitOk || !whole) {
    badValue(row, column, log, 'invalid-count', `“${raw}”不是人数（应填整数，不到会或不表决的留空）`, `"${raw}" is not a head count (a whole number; leave it blank where there was no meeting or vote)`);
    return null;
  }
  const n = Number(parsed.text);
  if (n < 0 || n > MAX_COUNT) {
    badValue(row, column, log, 'invalid-count', `人数 ${raw} 不合理（应在 0 到 ${MAX_COUNT} 之间）`, `the count ${raw} is out of range (0 to ${MAX_COUNT})`);
    return null;
  }
  return n;
}

/** 公示期 from 主要内容, else from 备注; a stated range that cannot be a range is refused. */
function readPosted(row: GridRow, c: RegisterColumns, content: string | null, remark: string | null, date: string, log: IssueLog): { from: string; until: string } | null {
  for (const [text, column] of [[content, c.content], [remark, c.remark]] as const) {
    if (!text || !column) continue;
    const posted = postedPeriod(text, date);
    if (posted.kind === 'ok') return posted;
    if (posted.kind === 'invalid') {
      badValue(row, column, log, 'invalid-posted-period', posted.reason, posted.reasonEn);
      return null;
    }
  }
  return null;
}
