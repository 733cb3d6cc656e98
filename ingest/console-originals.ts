import { Hono, type Context } from 'hono';
import { allows } from '../data/accounts/permissions.ts';
import type { Complaint } from '../data/complaints/complaint.ts';
import type { IntakeOriginals } from '../data/store/intake-originals.ts';
import type { SignInLog } from '../data/store/sign-in-log.ts';
import type { Store } from '../data/store/store.ts';
import { WORK_FIELDS } from '../site/lib/console-work-view.ts';
import { consoleItemHref, CONSOLE_PATHS } from '../site/lib/urls.ts';
import { consoleCommon, uploadForm, type ConsoleContext } from './console-common.ts';
import { ORIGINAL_REFUSED } from '../data/complaints/original-refusal.ts';
import { consoleOriginalBodyLimit, keepOriginal } from './intake-original.ts';

export interface ConsoleOriginalsDeps extends ConsoleContext {
  store: ConsoleContext['store'] & SignInLog & Pick<Store, 'getComplaintByPublicId'> & IntakeOriginals;
}

/**
 * The original words of a recorded complaint in the console (issue 17): a screenshot or photo kept
 * after the fact from its work page (补传), and each one shown to the staff who may see the
 * complainant's contact — a screenshot shows who spoke as surely as a phone number does — each
 * view recorded in the account's log as a contact view is. Never a static file, never cached,
 * never public (ingest/intake-original.ts says why).
 */
export function consoleOriginalsRoutes(deps: ConsoleOriginalsDeps): Hono {
  const routes = new Hono();
  const siteOrigins = [new URL(deps.config.baseUrl).origin];
  const common = consoleCommon(deps);
  const limitBody = consoleOriginalBodyLimit();
  const notFound = (c: Context) => c.text('没有这一项，或它不在您的工作范围内。', 404);

  /** A complaint recorded by staff that the account may read; a portal complaint has no originals. */
  const recorded = async (c: Context): Promise<{ accountId: string; office: string; complaint: Complaint; may: (a: 'record-complaint' | 'read-complainant-contact') => boolean } | Response> => {
    const me = await common.signedIn(c);
    if (!me) return c.redirect(CONSOLE_PATHS.home, 303);
    const id = c.req.param('id') ?? '';
    const complaint = /^[1-9]\d{0,11}$/.test(id) ? await deps.store.getComplaintByPublicId(id) : null;
    if (!complaint || complaint.channel === 'portal' || !allows(me.account, 'read-complaints', complaint.village).ok) return notFound(c);
    return { accountId: me.account.id, office: me.account.office, complaint, may: (a) => allows(me.account, a, complaint.village).ok };
  };

  routes.get('/console/complaints/:id/originals/:seq', async (c) => {
    const who = await recorded(c);
    if (who instanceof Response) return who;
    // a screenshot can show who spoke: only those who may see the complainant's contact see it
    if (!who.may('read-complainant-contact')) return c.text('您的岗位不能查看反映人的原始材料。', 403);
    const seq = Number(c.req.param('seq'));
    const meta = (await deps.store.listOriginals(who.complaint.publicId)).find((o) => o.seq === seq);
    const found = meta ? await deps.store.getOriginal(who.complaint.publicId, meta.id) : null;
    if (!found) return notFound(c);
    await deps.store.recordEvent({ accountId: who.accountId, at: deps.clock().toISOString(), type: 'original-viewed', detail: `投诉 ${who.complaint.publicId} 原始材料 ${seq}` });
    return c.body(new Uint8Array(found.bytes), 200, {
      'Content-Type': found.meta.mime,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
      'Content-Disposition': `inline; filename="complaint-${who.complaint.publicId}-original-${seq}.webp"`,
    });
  });

  routes.post('/console/complaints/:id/originals', limitBody, async (c) => {
    const who = await recorded(c);
    if (who instanceof Response) return who;
    if (!who.may('record-complaint')) return c.text('您的岗位不能为群众反映存档原始材料。', 403);
    const read = await uploadForm(c, siteOrigins);
    if (!read.ok) return c.text(read.problem, read.status);
    const file = read.form.get(WORK_FIELDS.original);
    if (!(file instanceof File) || file.size === 0) return c.text('请选择原话截图或信件照片。', 400);
    const kept = await keepOriginal(deps.store, {
      complaint: who.complaint.publicId,
      bytes: new Uint8Array(await file.arrayBuffer()),
      savedBy: who.office,
      at: deps.clock().toISOString(),
      maxPixels: deps.config.maxPhotoPixels,
    });
    if (kept.kind === 'refused') return c.text(`没有存档：${ORIGINAL_REFUSED[kept.reason][0]}。`, 422);
    await deps.store.recordEvent({ accountId: who.accountId, at: deps.clock().toISOString(), type: 'original-kept', detail: `投诉 ${who.complaint.publicId} 原始材料 ${kept.meta.seq}` });
    return c.redirect(consoleItemHref('complaint', who.complaint.publicId), 303);
  });

  return routes;
}
