import type { Complaint } from '../data/complaints/complaint.ts';
import { lateness, type Deadlines } from '../data/complaints/deadlines.ts';
import { EVENT_LABEL, publicComplaint } from '../data/complaints/public-complaint.ts';
import { displayTrackingCode } from '../data/complaints/tracking-code.ts';
import type { Config } from '../data/config.ts';
import { trackHref } from '../site/lib/complaint-form.ts';

/**
 * The JSON shapes of complaints besides the public one (data/complaints/public-complaint.ts,
 * the only shape any public response uses). Built field by field, as views.ts does, so nothing
 * the store might add later leaks by accident.
 */

/** The tracking page of a code: where the filer is sent, and what the QR on it encodes. */
export function trackUrl(config: Config, trackingCode: string): string {
  return `${config.baseUrl}${trackHref(displayTrackingCode(trackingCode))}`;
}

/** What filing answers: the code and where to follow it. Only the filer ever sees this. */
export function createdComplaintView(config: Config, c: Complaint) {
  return {
    trackingCode: displayTrackingCode(c.trackingCode),
    status: c.status,
    url: trackUrl(config, c.trackingCode),
  };
}

/**
 * What township and county staff see: the public view without the tracking code, plus the
 * contact — they need it to call the villager back — and the text and history unmasked, as
 * written. Only ever sent to a staff token whose scope covers the complaint's village. The code
 * stays the villager's alone: whoever holds it can rate the answer, so staff work by `publicId`.
 */
export function staffComplaintView(c: Complaint, deadlines: Deadlines, now: string) {
  const late = lateness(c, deadlines, now);
  const { trackingCode: _villagersOnly, ...shown } = publicComplaint(c, deadlines, now);
  return {
    ...shown,
    text: c.text,
    contact: c.contact ? { name: c.contact.name, phone: c.contact.phone } : null,
    anonymous: c.anonymous,
    waitingFor: late.late ? late.waitingFor : null,
    events: c.events.map((e) => ({ ...e, label: EVENT_LABEL[e.type] })),
  };
}
