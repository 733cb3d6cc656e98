import { z } from 'zod';
import { validText } from '../text-validity.ts';

/**
 * How a complaint reached the portal (issue 17). In the system this portal is modelled on, most
 * complaints never arrive through a form: a villager writes in the district's WeChat group, calls,
 * writes a letter, walks into the township office, rings 12345 or tells the inspection team in the
 * village, and staff record it. `portal` is what villagers file themselves (the village page's
 * form, the JSON API, Open311). The channel is public: the statistics count by it.
 */
export const COMPLAINT_CHANNELS = ['portal', 'wechat-group', 'phone', 'visit', 'letter', 'hotline', 'inspection'] as const;
export const ComplaintChannel = z.enum(COMPLAINT_CHANNELS);
export type ComplaintChannel = z.infer<typeof ComplaintChannel>;

export const CHANNEL_LABEL: Record<ComplaintChannel, string> = {
  portal: '网上反映',
  'wechat-group': '微信群',
  phone: '电话',
  visit: '来访',
  letter: '来信',
  hotline: '12345 热线',
  inspection: '巡察',
};

/** The channels staff record from: every one but the portal's own form. */
export const STAFF_CHANNELS = COMPLAINT_CHANNELS.filter((c): c is Exclude<ComplaintChannel, 'portal'> => c !== 'portal');
export type StaffChannel = (typeof STAFF_CHANNELS)[number];

export const MAX_INTAKE_PLACE = 60;

/**
 * How staff came by a complaint they record: when the channel received it (a group message of last
 * night recorded this morning), where (村部, 镇纪委接待室, the group's name …) and who recorded it
 * (the account's office, public as every staff actor is). Deadlines run from the recording, the
 * portal's receipt, as 受理 does; the channel's time is shown beside it.
 */
export interface ComplaintIntake {
  heardAt: string;
  place: string | null;
  recordedBy: string;
  /**
   * The 小微权力 item it concerns, as staff confirmed it when recording (a code of the village's
   * power list, data/power/power-catalogue.ts), or null. Filed with the rest, so it never changes
   * and is covered by the received step's log hash; the county counts complaints by it.
   */
  powerItem: string | null;
}

/** The instant the channel received it: not after the recording, and at most `maxDaysBack` before it. */
export function heardAtSchema(now: string, maxDaysBack = 90) {
  const nowMs = Date.parse(now);
  return z
    .string()
    .trim()
    .refine((s) => !Number.isNaN(Date.parse(normaliseLocal(s))), '请填写收到的日期和时间 / a date and time')
    .transform((s) => new Date(Date.parse(normaliseLocal(s))).toISOString())
    .refine((iso) => Date.parse(iso) <= nowMs + 60_000, '收到时间不能晚于现在 / not in the future')
    .refine((iso) => Date.parse(iso) >= nowMs - maxDaysBack * 86_400_000, `收到时间不能早于 ${maxDaysBack} 天前 / at most ${maxDaysBack} days back`);
}

export const intakePlaceSchema = validText()
  .trim()
  .max(MAX_INTAKE_PLACE, `地点最多 ${MAX_INTAKE_PLACE} 字 / place: at most ${MAX_INTAKE_PLACE} characters`)
  .transform((s) => (s === '' ? null : s));

// ——— private helpers ———

/**
 * A date and time as a form's datetime-local field sends it (2026-12-07T09:30, no zone) is China's
 * time; an ISO instant with its zone is taken as it is.
 */
function normaliseLocal(s: string): string {
  const local = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2})?$/.exec(s);
  if (local) return `${local[1]}T${local[2]}${local[3] ?? ':00'}+08:00`;
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(s);
  return dateOnly ? `${s}T00:00:00+08:00` : s;
}
