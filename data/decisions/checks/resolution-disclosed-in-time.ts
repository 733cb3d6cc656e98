import { z } from 'zod';
import { dateFromParts } from '../../dates.ts';
import { addDays, daysBetween } from '../../flags/rules/days.ts';
import { toHalfWidth } from '../../money.ts';
import type { DecisionStep } from '../decision-record.ts';
import { type CheckOutcome, defineRecordCheck, outcome } from './decision-check.ts';
import { effectiveStep, postedOn } from './record-steps.ts';

const Settings = z
  .object({
    /** the notice goes up at most this many days after the resolution */
    startWithinDays: z.number().int().min(0).max(60).default(5),
    /** and stays up at least this many days */
    minPostedDays: z.number().int().min(1).max(90).default(7),
  })
  .strict();

const CHECK = 'resolution-disclosed-in-time';
const STEP = 'resolution-disclosure';

/**
 * No national rule fixes either number (village-oversight-rules.md §2: a uniform "≥7天" was not
 * found), so both are county settings. The defaults borrow the nearest written ones: 5 days is
 * 陕西's "收到批复后5日内公布" (§3), 7 days the 公示期 of the 宅基地 rules (§1 B) and what 龙岗村's
 * register itself states.
 *
 * How long the notice stayed up comes from postedFrom/postedUntil when the register gives them, else
 * from the step's own words: a range "3月19日至3月26日" (in the step's year), or a stated
 * "公示期7天". With none of these it cannot judge the duration.
 */
export const resolutionDisclosedInTime = defineRecordCheck({
  id: CHECK,
  name: '决议及时公开',
  explanation: '看村民（代表）会议作出决议后，是否在规定的天数内把决议贴到公开栏，并且公示够规定的天数，让村民有时间提意见。',
  legalBasis:
    '“四议两公开”第五步决议公开，及自动核对第5项“决议公开开始日期不晚于决议后N天，公示天数不少于规定天数”；《村民委员会组织法》第三十条“重大事项随时公布”（village-oversight-rules.md §2、§3）。',
  settings: Settings,
  run(record, context, settings) {
    const resolution = effectiveStep(record, 'villagers-resolution');
    if (!resolution) return [outcome(CHECK, 'cannot-judge', STEP, '登记表中没有村民（代表）会议决议，无法核对决议公开是否及时')];
    const deadline = addDays(resolution.date, settings.startWithinDays);
    const disclosure = effectiveStep(record, STEP);
    if (!disclosure) {
      return context.today > deadline
        ? [outcome(CHECK, 'failed', STEP, `决议于${resolution.date}作出，已超过${settings.startWithinDays}天（最迟${deadline}），还没有决议公开的记录`)]
        : [outcome(CHECK, 'not-yet-due', STEP, `决议于${resolution.date}作出，最迟应在${deadline}公开`)];
    }
    return [start(resolution.date, postedOn(disclosure), deadline, settings), duration(disclosure, settings)];
  },
});

function start(resolvedOn: string, from: string, deadline: string, settings: z.infer<typeof Settings>): CheckOutcome {
  const head = `决议于${resolvedOn}作出，${from}开始公开`;
  if (from < resolvedOn) return outcome(CHECK, 'failed', STEP, `${head}，公开日期早于决议，对不上`);
  const gap = daysBetween(resolvedOn, from);
  return from <= deadline
    ? outcome(CHECK, 'passed', STEP, `${head}，相隔${gap}天，在${settings.startWithinDays}天以内`)
    : outcome(CHECK, 'failed', STEP, `${head}，相隔${gap}天，超过${settings.startWithinDays}天（最迟应在${deadline}公开）`);
}

function duration(step: DecisionStep, settings: z.infer<typeof Settings>): CheckOutcome {
  const posted = postedDays(step);
  if (posted === null) {
    return outcome(CHECK, 'cannot-judge', STEP, `决议公开没有写明公示起止日期或公示天数，无法核对是否公示满${settings.minPostedDays}天`);
  }
  const head = `决议公示${posted.how}，共${posted.days}天，`;
  return posted.days >= settings.minPostedDays
    ? outcome(CHECK, 'passed', STEP, `${head}达到${settings.minPostedDays}天`)
    : outcome(CHECK, 'failed', STEP, `${head}不足${settings.minPostedDays}天`);
}

const RANGE = /(?:(\d{4})年)?(\d{1,2})月(\d{1,2})[日号]?\s*(?:至|到|-|~|—|–)\s*(?:(\d{4})年)?(\d{1,2})月(\d{1,2})[日号]?/;
const STATED = /公示期?\s*(?:为|共)?\s*(\d{1,3})\s*[天日]/;

/** Days between the first and last day of posting (3月19日至3月26日 → 7, as registers count a 公示期). */
function postedDays(step: DecisionStep): { days: number; how: string } | null {
  if (step.postedUntil !== null) {
    const from = postedOn(step);
    return { days: daysBetween(from, step.postedUntil), how: `从${from}到${step.postedUntil}` };
  }
  const text = toHalfWidth(`${step.content ?? ''}\n${step.remark ?? ''}`);
  const range = RANGE.exec(text);
  if (range) {
    const fromYear = Number(range[1] ?? step.date.slice(0, 4));
    const from = dateFromParts(fromYear, Number(range[2]), Number(range[3]));
    let until = dateFromParts(Number(range[4] ?? fromYear), Number(range[5]), Number(range[6]));
    // 12月28日至1月4日 runs into the next year
    if (from.kind === 'ok' && until.kind === 'ok' && until.date < from.date && range[4] === undefined) {
      until = dateFromParts(fromYear + 1, Number(range[5]), Number(range[6]));
    }
    if (from.kind === 'ok' && until.kind === 'ok') {
      return { days: daysBetween(from.date, until.date), how: `从${from.date}到${until.date}（据登记表所写“${range[0]}”）` };
    }
  }
  const stated = STATED.exec(text);
  if (stated) return { days: Number(stated[1]), how: `（登记表写明“${stated[0]}”）` };
  return null;
}

