import { z } from 'zod';
import type { ComplaintEvent } from '../../data/complaints/complaint.ts';
import { ComplaintChannel, type ComplaintIntake } from '../../data/complaints/complaint-channel.ts';
import { normaliseTrackingCode } from '../../data/complaints/tracking-code.ts';
import { complaintEventDigest } from '../../data/log/log-leaf.ts';
import { mapLimit, type Http } from './verify-http.ts';
import type { LogView } from './verify-log-view.ts';
import type { VerifyFinding } from './verify.ts';

/**
 * Complaints. A complaint step's leaf holds only a hash salted with the villager's tracking code,
 * so without the code `verify` can check that every complaint the portal lists publicly (Open311,
 * public numbers 1, 2, 3 …) has its first step in the log, and that every complaint the log names
 * is still listed. With a tracking code (`--complaint`), every step the tracking page shows is
 * recomputed (complaintEventDigest) and compared with its leaf.
 */
export interface ComplaintsContext {
  http: Http;
  base: string;
  limit: number;
  found: (f: VerifyFinding) => void;
  log: () => LogView;
}

export interface CheckedComplaints {
  /** complaints listed publicly and checked for their first leaf */
  listed: number;
  /** steps recomputed from a tracking code and matching their leaf */
  steps: number;
  /** steps taken down whose takedown is the logged one (their words are gone, so they are not recomputed) */
  takenDown: number;
  /** steps stored before numbers were masked at input: their hash covers the raw text, the page shows it masked, so they cannot be recomputed from the page */
  masked: Array<{ complaint: string; seq: number }>;
}

/** Open311 answers at most this many ids at once. */
export const OPEN311_BATCH = 100;
const MAX_PUBLIC_ID = 999_999_999_999;

export async function checkComplaints(ctx: ComplaintsContext, trackingCodes: readonly string[]): Promise<CheckedComplaints> {
  const out: CheckedComplaints = { listed: 0, steps: 0, takenDown: 0, masked: [] };
  const logged = ctx.log().complaints;
  const maxLogged = Math.max(0, ...[...logged.keys()].map(Number));

  // Public numbers are given in filing order without gaps: read batches until one past the log's is empty.
  const listed = new Set<string>();
  for (let start = 1; start <= MAX_PUBLIC_ID; start += OPEN311_BATCH) {
    const ids = Array.from({ length: OPEN311_BATCH }, (_, i) => String(start + i));
    const res = await ctx.http.json(`${ctx.base}/open311/v2/requests.json?service_request_id=${ids.join(',')}`, Open311Requests);
    if (!res.ok) {
      ctx.found(res.status === null ? { kind: 'unreachable', url: res.url, detail: res.detail } : { kind: 'unreadable', url: res.url, detail: res.detail });
      return out;
    }
    for (const r of res.value) listed.add(r.service_request_id);
    if (res.value.length === 0 && start > maxLogged) break;
  }
  for (const id of [...listed].sort((a, b) => Number(a) - Number(b))) if (!logged.get(id)?.has(1)) ctx.found({ kind: 'complaint-not-logged', complaint: id });
  for (const [id, steps] of logged) if (!listed.has(id)) ctx.found({ kind: 'complaint-missing', complaint: id, index: Math.min(...[...steps.values()].map((s) => s.index)) });
  out.listed = listed.size;

  await mapLimit(trackingCodes, ctx.limit, async (typed) => {
    const code = normaliseTrackingCode(typed);
    if (!code) return ctx.found({ kind: 'bad-tracking-code', code: typed });
    const res = await ctx.http.json(`${ctx.base}/api/v1/complaints/${code}`, TrackedComplaint);
    if (!res.ok) return ctx.found(res.status === null ? { kind: 'unreachable', url: res.url, detail: res.detail } : { kind: 'unreadable', url: res.url, detail: res.detail });
    const c = res.value.complaint;
    const leaves = ctx.log().complaints.get(c.publicId) ?? new Map();
    c.events.forEach(({ label: _label, takenDown, ...shown }, i) => {
      const seq = i + 1;
      const leaf = leaves.get(seq);
      if (!leaf) return ctx.found({ kind: 'complaint-step', complaint: c.publicId, seq, problem: 'not-logged', index: null });
      if (takenDown) {
        // its words are gone from the page, so it cannot be recomputed; its takedown must be the logged one
        const logged = ctx.log().stepTakedowns.get(`${c.publicId}/${seq}`);
        if (logged && logged.index === takenDown.logIndex && logged.at === takenDown.at && logged.reason === takenDown.reason) out.takenDown += 1;
        else ctx.found({ kind: 'complaint-step', complaint: c.publicId, seq, problem: 'takedown-mismatch', index: logged?.index ?? null });
        return;
      }
      const digest = complaintStepDigest(code, c, { ...shown, seq } as unknown as ComplaintEvent);
      if (digest === leaf.hash) out.steps += 1;
      else if (showsMasked(c, shown)) out.masked.push({ complaint: c.publicId, seq });
      else ctx.found({ kind: 'complaint-step', complaint: c.publicId, seq, problem: 'mismatch', index: leaf.index });
    });
    for (const [seq, leaf] of leaves) if (seq > c.events.length) ctx.found({ kind: 'complaint-step', complaint: c.publicId, seq, problem: 'missing', index: leaf.index });
  });
  out.masked.sort((a, b) => Number(a.complaint) - Number(b.complaint) || a.seq - b.seq);
  return out;
}

/** A step's digest from what the tracking page shows: its position is its seq, the code is the canonical one (no hyphen). */
export function complaintStepDigest(code: string, complaint: { village: string; category: string; text: string; channel?: ComplaintChannel; intake?: (Omit<ComplaintIntake, 'powerItem'> & { powerItem?: string | null }) | null }, event: ComplaintEvent): string {
  const { village, category, text, channel, intake } = complaint;
  return complaintEventDigest({ trackingCode: code, village, category, text, channel, intake: intake && { ...intake, powerItem: intake.powerItem ?? null } }, event);
}

// ——— private helpers ———

const Open311Requests = z.array(z.looseObject({ service_request_id: z.string() }));
const TrackedComplaint = z.object({
  complaint: z.looseObject({
    publicId: z.string(),
    village: z.string(),
    category: z.string(),
    text: z.string(),
    // issue 17: a complaint recorded by staff from another channel; older portals send neither
    channel: ComplaintChannel.optional(),
    intake: z.object({ heardAt: z.string(), place: z.string().nullable(), recordedBy: z.string(), powerItem: z.string().nullable().optional() }).nullable().optional(),
    events: z.array(
      z.looseObject({
        type: z.string(),
        at: z.string(),
        actor: z.string(),
        label: z.string().optional(),
        takenDown: z.object({ reason: z.string(), at: z.string(), logIndex: z.number().int() }).nullable().optional(),
      }),
    ),
  }),
});

/** Whether a text the step's hash covers is shown with a number masked (e.g. 138****5678). */
function showsMasked(complaint: { text: string; intake?: { place: string | null; recordedBy: string } | null }, event: Record<string, unknown>): boolean {
  const texts = [event.type === 'received' ? complaint.text : null, event.type === 'received' ? complaint.intake?.place : null, event.type === 'received' ? complaint.intake?.recordedBy : null, event.actor, event.text, event.resolution, event.reason, event.comment, event.department];
  return texts.some((t) => typeof t === 'string' && /\*{3,}/.test(t));
}
