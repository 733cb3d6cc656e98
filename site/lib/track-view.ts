import type { PublicComplaint, PublicEvent } from '../../data/complaints/public-complaint.ts';
import type { Publication } from '../../data/publication.ts';
import { describeRow } from './complaint-form-view.ts';
import { feedbackAction, MAX_FEEDBACK_COMMENT_CHARS, TRACK_HREF, trackHref } from './complaint-form.ts';
import { chinaDateTime } from './format.ts';
import type { SiteInfo, TrackedComplaint, TrackPage, TrackStep } from './page-model.ts';
import { qrPath } from './track-qr.ts';
import { powerItemPath, publicationHref, villageHref } from './urls.ts';

/** What a tracking-code lookup found. Only the public view of a complaint ever gets here. */
export type TrackLookup =
  | { kind: 'none' }
  | { kind: 'malformed' }
  /** too many lookups from this client: asked to wait, nothing was looked up */
  | { kind: 'rate-limited'; retryAfterSeconds: number }
  | { kind: 'not-found'; code: string }
  | {
      kind: 'found';
      complaint: PublicComplaint;
      villageName: string;
      /** 永定区 · 沅古坪镇 */
      place: string;
      /** the publication the complaint is about, when it names one the store has */
      publication: Publication | null;
      /** the villager may give feedback on the latest answer (complaint-workflow.ts villagerFeedback) */
      feedbackOpen: boolean;
      /** merged into another (issue 17): the one it is now handled in, without that one's code */
      followed?: Omit<PublicComplaint, 'trackingCode'> | null;
      /** the 小微权力 item it concerns now (currentPowerItem) in the village's list, with that list's scope */
      powerItem?: { name: string; code: string; scope: string } | null;
      /** the village's power list, code → name, for steps that name an item */
      powerItemNames?: Readonly<Record<string, string>>;
    };

export interface TrackViewInput {
  site: SiteInfo;
  /** what was typed into the code box, as sent */
  typed: string;
  lookup: TrackLookup;
  /** just filed (?new=1): show the code large, with its QR */
  fresh: boolean;
  /** the CSRF token for the feedback form's hidden field */
  csrf: { name: string; value: string };
}

/** The tracking page: the code form, and the complaint's status and every step when found. */
export function buildTrackView(input: TrackViewInput): TrackPage {
  const { lookup } = input;
  const base = {
    kind: 'track' as const,
    site: input.site,
    description: '输入投诉查询码，查看办理进度和部门答复。',
    sample: false,
    action: TRACK_HREF,
    typed: input.typed.slice(0, 40),
  };
  switch (lookup.kind) {
    case 'none':
      return { ...base, title: '查询投诉进度', notFound: null, complaint: null, confirmation: null, feedback: null };
    case 'malformed':
      return {
        ...base,
        title: '查询码有误',
        notFound: { message: '查询码应为 10 位字母和数字，例如 ABCDE-FGHJK。请核对后重新输入。' },
        complaint: null,
        confirmation: null,
        feedback: null,
      };
    case 'rate-limited':
      return {
        ...base,
        title: '查询过于频繁',
        notFound: { message: `查询过于频繁，请 ${waitText(lookup.retryAfterSeconds)}后再试。` },
        complaint: null,
        confirmation: null,
        feedback: null,
      };
    case 'not-found':
      return {
        ...base,
        title: '没有找到这件投诉',
        notFound: { message: `没有找到查询码为 ${lookup.code} 的投诉。请核对是否抄错（数字 0 和字母 O、数字 1 和字母 I 通用，大小写均可）。` },
        complaint: null,
        confirmation: null,
        feedback: null,
      };
    case 'found': {
      const c = lookup.complaint;
      const url = `${input.site.baseUrl}${trackHref(c.trackingCode)}`;
      return {
        ...base,
        title: `投诉进度 ${c.trackingCode}`,
        typed: c.trackingCode,
        notFound: null,
        complaint: trackedComplaint(lookup),
        confirmation: input.fresh ? { code: c.trackingCode, url, qr: qrPath(url) } : null,
        feedback: lookup.feedbackOpen ? { action: feedbackAction(c.trackingCode.replace('-', '')), csrf: input.csrf, maxChars: MAX_FEEDBACK_COMMENT_CHARS } : null,
      };
    }
  }
}

// ——— private helpers ———

function trackedComplaint(found: Extract<TrackLookup, { kind: 'found' }>): TrackedComplaint {
  const c = found.complaint;
  const rowLabel = found.publication && c.row !== null ? describeRow(found.publication, c.row) : null;
  const about =
    c.publicationId !== null && c.row !== null
      ? { label: rowLabel ?? `公开材料第${c.row}行`, href: `${publicationHref(c.village, c.publicationId)}#r${c.row}` }
      : null;
  return {
    code: c.trackingCode,
    statusLabel: c.statusLabel,
    status: c.status,
    category: c.category,
    villageName: found.villageName,
    villageHref: villageHref(c.village),
    place: found.place,
    text: c.text,
    about,
    received: chinaDateTime(c.receivedAt),
    department: c.department,
    overdue: c.overdue,
    dueLabel: c.due === null ? null : `${c.overdue ? '已超期：' : ''}应于 ${chinaDateTime(c.due)} 前${c.status === 'received' ? '转交办理' : '答复'}`,
    supportersLabel: c.supporters > 0 ? `另有 ${c.supporters} 位村民也反映遇到这个问题` : null,
    sourceLabel: c.intake ? `${c.channelLabel}，${chinaDateTime(c.intake.heardAt)} 收到，${c.intake.recordedBy} 登记` : null,
    powerItem: found.powerItem ? { label: found.powerItem.name, href: powerItemPath(found.powerItem.code, found.powerItem.scope) } : null,
    steps: c.events.map((e) => step(e, found.powerItemNames)),
    followed: found.followed
      ? {
          heading: `并入办理的第 ${found.followed.publicId} 号反映`,
          statusLabel: found.followed.statusLabel,
          department: found.followed.department,
          text: found.followed.text,
          supportersLabel: found.followed.supporters > 0 ? `另有 ${found.followed.supporters} 位村民也反映遇到这个问题` : null,
          steps: found.followed.events.map((e) => step(e, found.powerItemNames)),
        }
      : null,
  };
}

function waitText(seconds: number): string {
  return seconds < 60 ? `${seconds} 秒` : `${Math.ceil(seconds / 60)} 分钟`;
}

function step(e: PublicEvent, powerItemNames: Readonly<Record<string, string>> = {}): TrackStep {
  const common = { label: e.label, at: chinaDateTime(e.at), iso: e.at, actor: e.actor };
  switch (e.type) {
    case 'received':
      return { ...common, detail: null, long: false, verdict: null };
    case 'dispatch':
      return { ...common, detail: `转交 ${e.department} 办理`, long: false, verdict: null };
    case 'reply':
      return { ...common, detail: e.text, long: true, verdict: null };
    case 'close':
      return { ...common, detail: e.resolution, long: true, verdict: null };
    case 'reopen':
      return { ...common, detail: e.reason, long: false, verdict: null };
    case 'feedback':
      return { ...common, detail: e.comment, long: false, verdict: e.satisfied ? 'satisfied' : 'unsatisfied' };
    case 'support':
      return { ...common, detail: null, long: false, verdict: null };
    case 'merge-into':
      return { ...common, detail: `与第 ${e.into} 号反映的是同一问题，并入该件一并办理，请看下面该件的办理经过`, long: false, verdict: null };
    case 'merge-from':
      return { ...common, detail: `第 ${e.from} 号反映的是同一问题，并入本件一并办理`, long: false, verdict: null };
    case 'classify':
      return { ...common, detail: e.powerItem === null ? '不涉及小微权力事项' : `涉及：${powerItemNames[e.powerItem] ?? e.powerItem}`, long: false, verdict: null };
  }
}
