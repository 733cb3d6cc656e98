import { MAX_FEEDBACK_COMMENT } from '../../data/complaints/complaint.ts';
import type { ComplaintFormFields } from './page-model.ts';

/**
 * The complaint form's contract with the API that receives it (POST /api/v1/complaints as
 * application/x-www-form-urlencoded, ingest/routes/complaints.ts): the field names, and the
 * addresses of the complaint, tracking and feedback pages. One place, so the page and the
 * route cannot drift apart.
 */
export const COMPLAINT_FIELDS: ComplaintFormFields = {
  village: 'village',
  category: 'category',
  text: 'text',
  publicationId: 'publicationId',
  /** the row number in the uploaded file, as on the publication page */
  row: 'row',
  contactName: 'contact_name',
  contactPhone: 'contact_phone',
  /** a checkbox: present (value "1") when ticked */
  anonymous: 'anonymous',
  /** the honeypot: hidden from people, left empty by them; a bot that fills it is turned away */
  honeypot: 'website',
  /**
   * "1" once the villager saw the open complaints like theirs and said theirs is another problem
   * (不一样，继续提交我的反映, issue 17): the form is filed without looking for them again
   */
  confirmNew: 'confirm_new',
  /**
   * one per form shown, carried through a refilled form: the same form posted twice with the same
   * words (a double tap, WeChat sending it again) is filed once (ingest/submit-once.ts)
   */
  formKey: 'form_key',
};

/** What a form key looks like: 16 random bytes, base64url (ingest/complaint-pages.ts makes them). */
export const FORM_KEY_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

/** The feedback form's fields: `satisfied` is "true" or "false" (the button pressed), `comment` optional. */
export const FEEDBACK_FIELDS = { satisfied: 'satisfied', comment: 'comment' } as const;

export const COMPLAINT_ACTION = '/api/v1/complaints';
export const TRACK_HREF = '/track/';
/** as the Feedback schema allows (data/complaints/complaint.ts) */
export const MAX_FEEDBACK_COMMENT_CHARS = MAX_FEEDBACK_COMMENT;

/** The village's complaint page, optionally about one row of a publication (对这一行有疑问). */
export function complaintHref(village: string, about?: { publicationId: string; row: number }): string {
  if (!about) return `/v/${village}/complaint/`;
  return `/v/${village}/complaint/?${new URLSearchParams({ p: about.publicationId, r: String(about.row) }).toString()}`;
}

/** The tracking page for a code (canonical or as displayed); `fresh` adds the just-filed confirmation. */
export function trackHref(code?: string, fresh = false): string {
  if (!code) return TRACK_HREF;
  return `${TRACK_HREF}?${new URLSearchParams(fresh ? { code, new: '1' } : { code }).toString()}`;
}

export function feedbackAction(code: string): string {
  return `${COMPLAINT_ACTION}/${encodeURIComponent(code)}/feedback`;
}

/** The open complaints of a village like a text (GET, JSON): what an API client asks before filing (issue 17). */
export const SIMILAR_ACTION = `${COMPLAINT_ACTION}/similar`;

/** 我也遇到: where the button beside an open complaint posts, by its public number. */
export function supportAction(publicId: string): string {
  return `${COMPLAINT_ACTION}/${encodeURIComponent(publicId)}/support`;
}

/** The query flag of the complaint page after a 我也遇到: the public number supported. */
export const SUPPORTED_PARAM = 'supported';

/** The village's complaint page saying the 我也遇到 for complaint `publicId` was recorded. */
export function supportedHref(village: string, publicId: string): string {
  return `/v/${village}/complaint/?${new URLSearchParams({ [SUPPORTED_PARAM]: publicId }).toString()}`;
}
