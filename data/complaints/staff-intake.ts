import { z } from 'zod';
import { PowerItemCode } from '../power/power-catalogue.ts';
import { complaintInputSchema, departmentSchema, type ComplaintInput } from './complaint.ts';
import { heardAtSchema, intakePlaceSchema, STAFF_CHANNELS, type StaffChannel } from './complaint-channel.ts';

/**
 * What staff send when they record a complaint heard elsewhere (issue 17): the complaint as a
 * villager would file it (complaint.ts's schema: its text masked on the way in, the contact kept
 * apart and private), plus the channel, when the channel received it and where, the 小微权力 item
 * it concerns if staff name one (checked against the village's power list when recorded), and the
 * office to send it on to at once (分类派发), if any. The source of truth for the staff API
 * (POST /api/v1/staff/complaints) and the console's form.
 */
export function staffIntakeSchema(categories: readonly string[], allow: readonly string[], now: string) {
  return z
    .object({
      channel: z.enum(STAFF_CHANNELS, { message: `须为以下之一 / one of: ${STAFF_CHANNELS.join(', ')}` }),
      heardAt: heardAtSchema(now),
      place: intakePlaceSchema.optional(),
      powerItem: PowerItemCode.optional(),
      department: departmentSchema(allow).optional(),
      complaint: complaintInputSchema(categories, allow),
    })
    .strict();
}

export interface StaffIntake {
  channel: StaffChannel;
  heardAt: string;
  place: string | null;
  powerItem: string | null;
  /** the office it is sent on to as it is recorded, or null */
  department: string | null;
  complaint: ComplaintInput;
}

export function toStaffIntake(parsed: z.infer<ReturnType<typeof staffIntakeSchema>>): StaffIntake {
  return { channel: parsed.channel, heardAt: parsed.heardAt, place: parsed.place ?? null, powerItem: parsed.powerItem ?? null, department: parsed.department ?? null, complaint: parsed.complaint };
}
