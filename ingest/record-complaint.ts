import { randomBytes } from 'node:crypto';
import type { Correction } from '../data/complaints/classify.ts';
import type { Complaint } from '../data/complaints/complaint.ts';
import { CHANNEL_LABEL } from '../data/complaints/complaint-channel.ts';
import { recordedComplaint, staffAction } from '../data/complaints/complaint-workflow.ts';
import type { StaffIntake } from '../data/complaints/staff-intake.ts';
import { displayTrackingCode, trackingCodeFrom } from '../data/complaints/tracking-code.ts';
import type { Config } from '../data/config.ts';
import type { Notifier } from '../data/notify/notifier.ts';
import type { AccountStore } from '../data/store/account-store.ts';
import type { CatalogueStore } from '../data/store/catalogue-store.ts';
import type { IntakeCorrections } from '../data/store/intake-corrections.ts';
import type { Store } from '../data/store/store.ts';
import { findVillage } from './auth.ts';
import { trackUrl } from './complaint-views.ts';
import { powerItemIssue } from './village-catalogue.ts';
import type { Failure } from './http-errors.ts';
import { notifyDispatch } from './notify-dispatch.ts';

export interface RecordDeps {
  store: Pick<Store, 'fileComplaint' | 'getComplaint' | 'getDivision' | 'updateComplaint'> & Pick<CatalogueStore, 'listCatalogues'> & Pick<IntakeCorrections, 'recordCorrections'> & Pick<AccountStore, 'listAccounts'>;
  config: Config;
  clock: () => Date;
  notifier?: Notifier;
  afterComplaint?: (village: string) => void;
}

/** What 识别 suggested for this complaint (the values staff saw, departments under the township's name). */
export interface IntakeSuggestion {
  category: string | null;
  department: string | null;
  powerItem: string | null;
}

export interface RecordOptions {
  /** the recording office, public as every staff actor is */
  recordedBy: string;
  /** whether the recorder may send a complaint of this village on (the permission table's answer) */
  mayDispatch: (village: string) => boolean;
  /** what the rules suggested, so what staff kept or changed is recorded (intake-corrections.ts); null when nothing was suggested */
  suggested: IntakeSuggestion | null;
}

export type RecordResult = { ok: true; complaint: Complaint } | { ok: false; failure: Failure };

/**
 * Records a complaint staff heard by another channel (issue 17), by the API or the console, the one
 * flow both take: the power item checked against the village's list, the complaint filed, sent on
 * to the office staff named (分类派发, the same step as on the work page), the complainant told
 * their code where a notifier and a phone allow, and what staff kept or changed of the suggestions
 * recorded. From here on it is a complaint like any other (deadlines, log, statistics). Resolves
 * once the complaint is durably stored; refusals come before anything is written.
 */
export async function recordComplaint(deps: RecordDeps, intake: StaffIntake, options: RecordOptions): Promise<RecordResult> {
  const village = await findVillage(deps.store, intake.complaint.village);
  if (!village.ok) return village;
  if (intake.department !== null && !options.mayDispatch(village.village.code)) return { ok: false, failure: { kind: 'forbidden', village: village.village.code } };
  const unknown = intake.powerItem === null ? null : await powerItemIssue(deps.store, village.village.code, intake.powerItem);
  if (unknown) return { ok: false, failure: { kind: 'invalid-complaint', issues: [unknown] } };
  const now = deps.clock().toISOString();
  let complaint: Complaint | null = null;
  for (let attempt = 1; complaint === null; attempt++) {
    const code = trackingCodeFrom(randomBytes(7));
    try {
      complaint = await deps.store.fileComplaint(
        recordedComplaint(intake.complaint, code, now, { channel: intake.channel, heardAt: intake.heardAt, place: intake.place, recordedBy: options.recordedBy, powerItem: intake.powerItem }),
      );
    } catch (error) {
      // 50 random bits: a clash is astronomically unlikely, but a clash must not become a 500
      if (attempt >= 3 || !(await deps.store.getComplaint(code))) throw error;
    }
  }
  if (intake.department !== null) {
    const at = deps.clock().toISOString();
    const sent = await deps.store.updateComplaint(complaint.trackingCode, (current) => staffAction(current, { type: 'dispatch', department: intake.department! }, options.recordedBy, at));
    if (sent.kind === 'updated') {
      complaint = sent.complaint;
      await notifyDispatch(deps, complaint, at);
    }
  }
  try {
    deps.afterComplaint?.(complaint.village);
  } catch (error) {
    console.error(`[ingest] afterComplaint for ${complaint.village} failed:`, error);
  }
  await tellComplainant(deps, complaint);
  if (options.suggested !== null) await deps.store.recordCorrections(complaint.village, complaint.receivedAt, intakeCorrections(options.suggested, intake, complaint.category));
  return { ok: true, complaint };
}

/**
 * One per kind staff decided: the category always; the department when they sent it on as they
 * recorded it (one sent later was not decided here); the power item when one was suggested or
 * chosen (leaving a suggested item out says the rules fired where they should not).
 */
export function intakeCorrections(suggested: IntakeSuggestion, intake: Pick<StaffIntake, 'department' | 'powerItem'>, category: string): Correction[] {
  return [
    { kind: 'category', suggested: suggested.category, chosen: category },
    ...(intake.department !== null ? [{ kind: 'department' as const, suggested: suggested.department, chosen: intake.department }] : []),
    ...(suggested.powerItem !== null || intake.powerItem !== null ? [{ kind: 'power-item' as const, suggested: suggested.powerItem, chosen: intake.powerItem }] : []),
  ];
}

/**
 * The rules name a township's offices by their short names (农经站); accounts, dispatches and the
 * form by the township's (王家坪镇农经站).
 */
export function townshipDepartment(department: string | null, townshipName: string | undefined): string | null {
  if (department === null || townshipName === undefined || department.startsWith(townshipName)) return department;
  return `${townshipName}${department}`;
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
