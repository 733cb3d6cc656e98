import { randomBytes } from 'node:crypto';
import type { Complaint } from '../data/complaints/complaint.ts';
import { CHANNEL_LABEL } from '../data/complaints/complaint-channel.ts';
import { recordedComplaint } from '../data/complaints/complaint-workflow.ts';
import type { StaffIntake } from '../data/complaints/staff-intake.ts';
import { displayTrackingCode, trackingCodeFrom } from '../data/complaints/tracking-code.ts';
import type { Config } from '../data/config.ts';
import type { Notifier } from '../data/notify/notifier.ts';
import type { Store } from '../data/store/store.ts';
import { findVillage } from './auth.ts';
import type { Failure } from './http-errors.ts';
import { trackUrl } from './complaint-views.ts';

export interface RecordDeps {
  store: Pick<Store, 'fileComplaint' | 'getComplaint' | 'getDivision'>;
  config: Config;
  clock: () => Date;
  notifier?: Notifier;
  afterComplaint?: (village: string) => void;
}

export type RecordResult = { ok: true; complaint: Complaint } | { ok: false; failure: Failure };

/**
 * Records a complaint staff heard by another channel (issue 17), by the API or the console: from
 * here on it is a complaint like any other (deadlines, log, statistics). The complainant gets its
 * tracking code on the slip staff print; where a notifier is configured and a phone was given, by
 * a notice too. Resolves once the complaint is durably stored.
 */
export async function recordComplaint(deps: RecordDeps, intake: StaffIntake, recordedBy: string): Promise<RecordResult> {
  const village = await findVillage(deps.store, intake.complaint.village);
  if (!village.ok) return village;
  const now = deps.clock().toISOString();
  let complaint: Complaint | null = null;
  for (let attempt = 1; complaint === null; attempt++) {
    const code = trackingCodeFrom(randomBytes(7));
    try {
      complaint = await deps.store.fileComplaint(recordedComplaint(intake.complaint, code, now, { channel: intake.channel, heardAt: intake.heardAt, place: intake.place, recordedBy }));
    } catch (error) {
      // 50 random bits: a clash is astronomically unlikely, but a clash must not become a 500
      if (attempt >= 3 || !(await deps.store.getComplaint(code))) throw error;
    }
  }
  try {
    deps.afterComplaint?.(complaint.village);
  } catch (error) {
    console.error(`[ingest] afterComplaint for ${complaint.village} failed:`, error);
  }
  await tellComplainant(deps, complaint);
  return { ok: true, complaint };
}

/** The tracking code by the notifier, to the phone the complainant gave; a failure is logged, the complaint stands. */
async function tellComplainant(deps: RecordDeps, complaint: Complaint): Promise<void> {
  const phone = complaint.contact?.phone;
  if (!deps.notifier || !phone) return;
  const code = displayTrackingCode(complaint.trackingCode);
  try {
    await deps.notifier.send([
      {
        accountId: `complaint:${complaint.publicId}`,
        name: complaint.contact?.name ?? '反映人',
        mobile: phone,
        text: `您通过${CHANNEL_LABEL[complaint.channel]}反映的问题已登记为第 ${complaint.publicId} 号，查询码 ${code}，凭码可查看办理进展并评价。`,
        link: trackUrl(deps.config, complaint.trackingCode),
        reason: 'tracking-code',
      },
    ]);
  } catch (error) {
    console.error(`[notify] telling the complainant of complaint ${complaint.publicId} their code failed:`, error);
  }
}
