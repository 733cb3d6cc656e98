import type { Account } from '../../data/accounts/account.ts';
import { CHANNEL_LABEL } from '../../data/complaints/complaint-channel.ts';
import { currentPowerItem, mergedInto, OPEN_STATUSES } from '../../data/complaints/complaint-workflow.ts';
import { mayAnswer } from '../../data/accounts/may-answer.ts';
import { allows, type Principal } from '../../data/accounts/permissions.ts';
import { STATUS_LABEL, type Complaint } from '../../data/complaints/complaint.ts';
import { lateness, type Deadlines } from '../../data/complaints/deadlines.ts';
import { REPLY_TEMPLATES } from '../../data/complaints/reply-templates.ts';
import type { Flag } from '../../data/flags/flag.ts';
import { MAX_ORIGINALS_PER_COMPLAINT } from '../../data/store/intake-originals.ts';
import type { Division } from '../../data/region.ts';
import type { ConsolePage } from './console-view.ts';
import { chinaDateTime } from './format.ts';
import type { PageBase, SiteInfo } from './page-model.ts';
import { CONSOLE_PATHS, consoleItemHref, consoleOriginalHref, villageHref } from './urls.ts';

/**
 * The console's work screens (issue 13, point 3): one complaint — dispatch, reply (with the
 * reusable openings), close, and the complainant's contact for the roles that need it, each form
 * shown only to those the permission table lets act — and one flag: explain, or confirm, dismiss
 * or resolve. Plain forms, JavaScript off.
 */
export interface WorkEvent {
  at: string;
  who: string;
  what: string;
}

export type WorkScreen =
  | {
      kind: 'complaint';
      id: string;
      heading: string;
      village: { name: string; href: string };
      status: string;
      due: string | null;
      overdue: boolean;
      text: string;
      events: WorkEvent[];
      /** the forms this account may use, each with its action */
      dispatch: { action: string; departments: string[] } | null;
      reply: { action: string; templates: Array<{ id: string; label: string }> } | null;
      close: { action: string } | null;
      /** merging this one into another open complaint of the village (issue 17) */
      merge: { action: string } | null;
      /** open complaints of the village with like words, to merge this one into (one button each) */
      similar: Array<{ publicId: string; href: string; text: string; label: string }>;
      /** how it reached the office, when not through the portal: 微信群，12月6日 20:15 收到（…），王家坪镇纪委 登记 */
      channel: string | null;
      /** 我也遇到: other villagers who said they have the same problem */
      supporters: number;
      /** the 小微权力 item it concerns now (the intake's, or the latest 确定 step's), by its name in the village's list */
      powerItem: string | null;
      /** naming or correcting the item: a 确定 step (those who dispatch; not once merged) */
      classify: { action: string; options: Array<{ value: string; label: string; selected: boolean }> } | null;
      /**
       * Screenshots or photos of the original words, for staff only (ingest/intake-original.ts);
       * null for a complaint filed on the portal, which has its own words and no original.
       */
      originals: { items: Array<{ href: string; label: string }>; add: { action: string } | null } | null;
      /** shown after the button was pressed (and the view recorded); before that, the button */
      contact: { action: string; shown: { name: string | null; phone: string | null } | 'none' | null } | null;
      back: string;
      problems: string[];
    }
  | {
      kind: 'flag';
      id: string;
      heading: string;
      village: { name: string; href: string };
      status: string;
      detail: string;
      events: WorkEvent[];
      explain: { action: string } | null;
      /** the village supervision committee's view */
      comment: { action: string } | null;
      review: { action: string } | null;
      back: string;
      problems: string[];
    };

export interface WorkPage extends PageBase {
  kind: 'console-work';
  csrf: ConsolePage['csrf'];
  screen: WorkScreen;
}

/** The work screens' form fields: the only place their names are written. */
export const WORK_FIELDS = { department: 'department', text: 'text', template: 'template', resolution: 'resolution', reason: 'reason', decision: 'decision', into: 'into', original: 'original', powerItem: 'power_item' } as const;

const FLAG_STATUS: Record<Flag['status'], string> = { open: '待说明', explained: '已说明，待审核', confirmed: '已确认，待整改', dismissed: '已排除', resolved: '已解决' };

export function buildComplaintWorkView(input: {
  site: SiteInfo;
  csrf: ConsolePage['csrf'];
  who: Principal & Pick<Account, 'department'>;
  complaint: Complaint;
  village: Division | undefined;
  departments: readonly string[];
  deadlines: Deadlines;
  now: string;
  contact?: 'shown';
  problems?: string[];
  /** the originals kept for a recorded complaint, in the order saved */
  originals?: ReadonlyArray<{ seq: number; at: string; savedBy: string; width: number; height: number }>;
  /** the name of the power item it concerns now (currentPowerItem) in the village's list */
  powerItemName?: string | null;
  /** the village's power list, code → name, for the steps that name an item and the form that sets one */
  powerItemNames?: Readonly<Record<string, string>>;
  /** open complaints of the village like this one (ingest/similar-open-complaints.ts), best first */
  similar?: ReadonlyArray<{ publicId: string; text: string; statusLabel: string; score: number; supporters: number }>;
}): WorkPage {
  const { complaint: c, who } = input;
  const may = (action: Parameters<typeof allows>[1]) => allows(who, action, c.village).ok;
  const late = lateness(c, input.deadlines, input.now);
  const answering = mayAnswer(who, c);
  const href = (action: string) => consoleItemHref('complaint', c.publicId, action);
  const item = currentPowerItem(c);
  return {
    site: input.site,
    title: `投诉 ${c.publicId}`,
    description: '工作台：投诉办理',
    sample: false,
    kind: 'console-work',
    csrf: input.csrf,
    screen: {
      kind: 'complaint',
      id: c.publicId,
      heading: `投诉 ${c.publicId} · ${c.category}`,
      village: { name: input.village?.name ?? c.village, href: villageHref(c.village) },
      status: STATUS_LABEL[c.status],
      due: late.due === null ? null : chinaDateTime(late.due),
      overdue: late.late,
      text: c.text,
      events: c.events.map((e) => ({ at: chinaDateTime(e.at), who: e.actor, what: complaintEventText(e, (code) => input.powerItemNames?.[code] ?? null) })),
      dispatch: may('dispatch-complaint') && (c.status === 'received' || c.status === 'dispatched') ? { action: href('dispatch'), departments: [...input.departments] } : null,
      reply: answering && (c.status === 'dispatched' || c.status === 'replied') ? { action: href('reply'), templates: REPLY_TEMPLATES.map(({ id, label }) => ({ id, label })) } : null,
      close: may('close-complaint') && c.status === 'replied' ? { action: href('close') } : null,
      // issue 17: a duplicate of another open complaint of the village is merged into it
      merge: may('merge-complaints') && OPEN_STATUSES.includes(c.status) ? { action: href('merge') } : null,
      similar:
        may('merge-complaints') && OPEN_STATUSES.includes(c.status)
          ? (input.similar ?? [])
              .filter((o) => o.publicId !== c.publicId)
              .map((o) => ({
                publicId: o.publicId,
                href: consoleItemHref('complaint', o.publicId),
                text: o.text.length > 80 ? `${o.text.slice(0, 80)}…` : o.text,
                label: `第 ${o.publicId} 号 · ${o.statusLabel} · 相似度 ${Math.round(o.score * 100)}%${o.supporters > 0 ? ` · ${o.supporters} 人也遇到` : ''}`,
              }))
          : [],
      channel: c.channel === 'portal' ? null : `${CHANNEL_LABEL[c.channel]}${c.intake ? `，${chinaDateTime(c.intake.heardAt)} 收到${c.intake.place ? `（${c.intake.place}）` : ''}，${c.intake.recordedBy} 登记` : ''}`,
      supporters: c.events.filter((e) => e.type === 'support').length,
      powerItem: item === null ? null : (input.powerItemName ?? item),
      classify:
        may('dispatch-complaint') && mergedInto(c) === null
          ? {
              action: href('classify'),
              options: [
                { value: '', label: '不涉及或不确定', selected: item === null },
                ...Object.entries(input.powerItemNames ?? {}).map(([value, label]) => ({ value, label, selected: value === item })),
              ],
            }
          : null,
      // a screenshot shows who spoke: for those who may see the complainant's contact only
      originals:
        c.channel === 'portal' || !may('read-complainant-contact')
          ? null
          : {
              items: (input.originals ?? []).map((o) => ({ href: consoleOriginalHref(c.publicId, o.seq), label: `原始材料 ${o.seq}（${o.width}×${o.height}，${chinaDateTime(o.at)} ${o.savedBy} 存档）` })),
              add: may('record-complaint') && (input.originals ?? []).length < MAX_ORIGINALS_PER_COMPLAINT ? { action: href('originals') } : null,
            },
      contact: may('read-complainant-contact')
        ? { action: href('contact'), shown: input.contact !== 'shown' ? null : c.contact === null ? 'none' : { name: c.contact.name, phone: c.contact.phone } }
        : null,
      back: CONSOLE_PATHS.home,
      problems: input.problems ?? [],
    },
  };
}

export function buildFlagWorkView(input: { site: SiteInfo; csrf: ConsolePage['csrf']; who: Principal; flag: Flag; village: Division | undefined; problems?: string[] }): WorkPage {
  const { flag: f, who } = input;
  const active = f.status === 'open' || f.status === 'explained' || f.status === 'confirmed';
  return {
    site: input.site,
    title: `预警 ${f.id}`,
    description: '工作台：预警说明与审核',
    sample: f.sample,
    kind: 'console-work',
    csrf: input.csrf,
    screen: {
      kind: 'flag',
      id: f.id,
      heading: `预警 ${f.id} · ${f.title}`,
      village: { name: input.village?.name ?? f.village, href: villageHref(f.village) },
      status: FLAG_STATUS[f.status],
      detail: f.detail,
      events: f.events.map((e) => ({ at: chinaDateTime(e.at), who: e.actor, what: flagEventText(e) })),
      explain: active && allows(who, 'explain-flag', f.village).ok ? { action: consoleItemHref('flag', f.id, 'explain') } : null,
      comment: allows(who, 'comment-flag', f.village).ok ? { action: consoleItemHref('flag', f.id, 'comment') } : null,
      review: (f.status === 'open' || f.status === 'explained' || f.status === 'confirmed') && allows(who, 'review-flag', f.village).ok ? { action: consoleItemHref('flag', f.id, 'review') } : null,
      back: CONSOLE_PATHS.home,
      problems: input.problems ?? [],
    },
  };
}

function complaintEventText(e: Complaint['events'][number], powerItemName: (code: string) => string | null): string {
  switch (e.type) {
    case 'received':
      return '收到投诉';
    case 'dispatch':
      return `转交：${e.department}`;
    case 'reply':
      return `答复：${e.text}`;
    case 'close':
      return `办结：${e.resolution}`;
    case 'reopen':
      return `重新办理${e.reason ? `：${e.reason}` : ''}`;
    case 'feedback':
      return `群众评价：${e.satisfied ? '满意' : '不满意'}${e.comment ? `（${e.comment}）` : ''}`;
    case 'support':
      return '又一位村民反映遇到同样问题（我也遇到）';
    case 'merge-into':
      return `与第 ${e.into} 号是同一问题，并入该件办理`;
    case 'merge-from':
      return `第 ${e.from} 号反映同一问题，并入本件办理`;
    case 'classify':
      return e.powerItem === null ? '确定不涉及小微权力事项' : `涉及小微权力：${powerItemName(e.powerItem) ?? e.powerItem}`;
  }
}

function flagEventText(e: Flag['events'][number]): string {
  switch (e.type) {
    case 'raised':
      return `发现：${e.title}`;
    case 'updated':
      return `更新：${e.title}`;
    case 'explained':
      return `村里说明：${e.text}`;
    case 'commented':
      return `村务监督委员会意见：${e.text}`;
    case 'confirmed':
      return `确认问题：${e.reason}`;
    case 'dismissed':
      return `排除：${e.reason}`;
    case 'resolved':
      return `已解决：${e.reason}`;
    case 'reopened':
      return '重新发现';
  }
}
