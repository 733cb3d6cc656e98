import { PowerItemCode } from '../power/power-catalogue.ts';
import { z } from 'zod';
import { DEFAULT_ID_MASK, maskNumbersInText } from '../personal-data.ts';
import { validText } from '../text-validity.ts';
import type { ComplaintChannel, ComplaintIntake } from './complaint-channel.ts';

/**
 * Complaints (投诉举报) filed by villagers, and what happens to them. The schemas here are the
 * source of truth for the JSON API, the form on the village complaint page, Open311 and the
 * store. A complaint's contact (name, phone) is private: it is stored for staff and never part
 * of any public view (see public-complaint.ts).
 */

/** The default categories (config may replace them: PORTAL_COMPLAINT_CATEGORIES). */
export const DEFAULT_COMPLAINT_CATEGORIES = ['财务公开', '惠农补贴', '工程项目', '四议两公开', '干部作风', '其他'] as const;

export const COMPLAINT_STATUSES = ['received', 'dispatched', 'replied', 'closed'] as const;
export const ComplaintStatus = z.enum(COMPLAINT_STATUSES);
export type ComplaintStatus = z.infer<typeof ComplaintStatus>;

export const STATUS_LABEL: Record<ComplaintStatus, string> = {
  received: '已受理',
  dispatched: '已转办',
  replied: '已答复',
  closed: '已办结',
};

export const MAX_COMPLAINT_CHARS = 2000;
/** a sentence at least: said on the form before it is sent (issue 16), checked when it is */
export const MIN_COMPLAINT_CHARS = 5;

/** Mainland mobile (11 digits starting 1) or a landline with area code; hyphens and spaces allowed. */
const PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;

/**
 * Text as it is stored: masked on the way in (ID, phone and card numbers; only the numbers the
 * portal publishes, `allow`, stay), so what the public sees is what the log's step hash covers and
 * a villager can recompute it with the tracking code. The private contact is kept apart, unmasked.
 */
const masked = (allow: readonly string[]) => (s: string) => maskNumbersInText(s, DEFAULT_ID_MASK, { allow }).text;

/*
 * Every text a person types here starts as validText() (data/text-validity.ts): a lone surrogate, a
 * control character other than tab and line breaks, a noncharacter or U+FFFD is refused, naming the
 * field, before it is trimmed, masked, hashed into the log or stored.
 */

/**
 * What a villager sends, from the form or as JSON. `category` is checked against the configured
 * list by `complaintInputSchema(categories)`; `publicationId`/`row` name the row questioned
 * from a publication page ("对这一行有疑问"). `anonymous`: no contact is kept at all.
 * `maxText`: Open311 lets a description run to 4,000 characters; the village form and the API
 * keep MAX_COMPLAINT_CHARS. `minText`: the form asks for a sentence; Open311 sets no minimum.
 */
export function complaintInputSchema(categories: readonly string[], allow: readonly string[] = [], maxText: number = MAX_COMPLAINT_CHARS, minText = MIN_COMPLAINT_CHARS) {
  return z
    .object({
      village: z.string().regex(/^\d{12}$/, '须为 12 位村级代码 / a 12-digit village code'),
      category: validText().refine((c) => categories.includes(c), `须为以下之一 / one of: ${categories.join('、')}`),
      text: validText()
        .transform((s) => s.trim())
        .pipe(z.string().min(minText, `请至少写 ${minText} 个字 / at least ${minText} characters`).max(maxText, `最多 ${maxText} 字 / at most ${maxText} characters`))
        .transform(masked(allow)),
      publicationId: z.string().regex(/^[0-9a-z-]{1,40}$/i).optional(),
      row: z.number().int().min(0).max(1_000_000).optional(),
      contact: z
        .object({
          name: validText().trim().max(40, '姓名最多 40 字 / name: at most 40 characters').optional(),
          phone: validText()
            .transform((s) => s.replace(/[\s-]/g, ''))
            .pipe(z.string().regex(PHONE, '请填写手机号或带区号的座机号 / a mobile number or a landline with area code'))
            .optional(),
        })
        .optional(),
      anonymous: z.boolean().default(false),
    })
    .strict();
}
export type ComplaintInput = z.infer<ReturnType<typeof complaintInputSchema>>;

export const MAX_DEPARTMENT_CHARS = 60;

/** The office a complaint is sent to (转办), public like every step: masked as the text is. */
export function departmentSchema(allow: readonly string[] = []) {
  return validText().trim().min(1).max(MAX_DEPARTMENT_CHARS).transform(masked(allow));
}

/** Staff actions, as posted to /api/v1/staff/complaints/{publicId}/events; text masked as above. */
export function staffActionSchema(allow: readonly string[] = []) {
  const text = (min: number) => validText().trim().min(min).max(MAX_COMPLAINT_CHARS).transform(masked(allow));
  return z.discriminatedUnion('type', [
    z.object({ type: z.literal('dispatch'), department: departmentSchema(allow) }).strict(),
    z.object({ type: z.literal('reply'), text: text(1) }).strict(),
    z.object({ type: z.literal('close'), resolution: text(1) }).strict(),
    z.object({ type: z.literal('reopen'), reason: text(0).optional() }).strict(),
    // the 小微权力 item it concerns, named or corrected by staff (null: none); checked against the village's list by the caller
    z.object({ type: z.literal('classify'), powerItem: PowerItemCode.nullable() }).strict(),
  ]);
}
export const StaffAction = staffActionSchema();
export type StaffAction = z.infer<typeof StaffAction>;

export const MAX_FEEDBACK_COMMENT = 500;

/** The villager's answer once the complaint is closed (or replied); the comment masked as above. */
export function feedbackSchema(allow: readonly string[] = []) {
  return z.object({ satisfied: z.boolean(), comment: validText().trim().max(MAX_FEEDBACK_COMMENT).transform(masked(allow)).optional() }).strict();
}
export const Feedback = feedbackSchema();
export type Feedback = z.infer<typeof Feedback>;

/** One step in a complaint's history; `seq` counts from 1, `at` is an ISO instant. */
export type ComplaintEvent = { seq: number; at: string; actor: string } & (
  | { type: 'received' }
  | { type: 'dispatch'; department: string }
  | { type: 'reply'; text: string }
  | { type: 'close'; resolution: string }
  | { type: 'reopen'; reason: string | null }
  | { type: 'feedback'; satisfied: boolean; comment: string | null }
  // issue 17: another villager with the same problem (我也遇到), counted instead of a duplicate
  | { type: 'support' }
  // staff merged this complaint into another (`into`, its public id): it is closed by that, and its
  // complainant follows the other with their own code
  | { type: 'merge-into'; into: string }
  // the other side of a merge: complaint `from` was merged into this one
  | { type: 'merge-from'; from: string }
  // staff named (or corrected, or cleared) the 小微权力 item it concerns: a code of the village's list
  | { type: 'classify'; powerItem: string | null }
);
export type ComplaintEventType = ComplaintEvent['type'];
/** An event before the store numbers it. */
export type NewComplaintEvent = ComplaintEvent extends infer E ? (E extends ComplaintEvent ? Omit<E, 'seq'> : never) : never;

/** Who the history names for things the villager or the portal did (staff events carry the token's name). */
export const VILLAGER = '群众';
export const PORTAL = '系统';

export interface Complaint {
  /** the villager's secret handle: 10 Crockford base32 characters (50 bits), see tracking-code.ts */
  trackingCode: string;
  /** a public, sequential number (Open311's service_request_id, public lists); reveals nothing */
  publicId: string;
  village: string;
  category: string;
  text: string;
  publicationId: string | null;
  row: number | null;
  /** private: staff only; null when the villager gave none or chose anonymity */
  contact: { name: string | null; phone: string | null } | null;
  anonymous: boolean;
  status: ComplaintStatus;
  /** the department it was last dispatched to */
  department: string | null;
  receivedAt: string;
  updatedAt: string;
  /** how it reached the portal (issue 17); `portal` for what villagers file themselves */
  channel: ComplaintChannel;
  /** for a complaint staff recorded from another channel: when and where it was heard, who recorded it */
  intake: ComplaintIntake | null;
  /** oldest first; the first is always `received` */
  events: ComplaintEvent[];
}

/** A new complaint as the store receives it: everything but the public id, which the store assigns. */
export type NewComplaint = Omit<Complaint, 'publicId'>;
