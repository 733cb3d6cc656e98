import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { EVIDENCE_MAX_BYTES, evidenceKey } from '../../data/decisions/decision-evidence.ts';
import { recordedSteps } from '../../data/decisions/decision-matter.ts';
import { DecisionEvidence, EVIDENCE_KIND_NAME } from '../../data/decisions/decision-record.ts';
import type { AppDeps } from '../app.ts';
import { authenticate, authorise, findVillage } from '../auth.ts';
import { fieldIssue, success, type ApiIssue } from '../envelope.ts';
import { respond } from '../http-errors.ts';
import { attachEvidenceFile } from '../attach-evidence.ts';

/**
 * Evidence for a recorded 四议两公开 step (issue 11, point 3): a photo of the 会议记录 or 签到表, or
 * a PDF, sent as the request body (or a multipart `file`) with the step entry's `seq`, the `kind`
 * and a `name`. Photos go through the photo pipeline (re-encoded, metadata dropped); a PDF is taken
 * by its magic bytes and end marker, whatever it is called. The attachment is a new entry of the
 * matter with its log leaf; the file is kept, not published: only a token whose scope covers the
 * village reads it back (decision-evidence.ts says why).
 */
export function decisionEvidenceRoutes(deps: AppDeps): Hono {
  const routes = new Hono();
  const limit = bodyLimit({ maxSize: EVIDENCE_BODY_LIMIT, onError: (c) => respond(c, { kind: 'payload-too-large', limitBytes: EVIDENCE_MAX_BYTES }) });

  routes.post('/decisions/:id/evidence', async (c, next) => {
    // who you are (401), the matter (404), whether you may (403), then the body
    const allowed = await officialOf(deps, c);
    if (!allowed.ok) return allowed.response;
    await next();
  }, limit, async (c) => {
    const id = c.req.param('id');
    const read = await readEvidenceRequest(c);
    if (!read.ok) return respond(c, { kind: 'bad-request', issues: read.issues });
    const outcome = await attachEvidenceFile(deps, { matterId: id, ...read.params, bytes: read.bytes });
    if (outcome.kind === 'failure') return respond(c, outcome.failure);
    const entry = outcome.matter.entries.find((e) => e.seq === outcome.seq)!;
    return c.json(success({ matter: { id: outcome.matter.id, village: outcome.matter.village }, entry, added: outcome.fresh, fileHref: evidenceFileHref(id, outcome.key) }), outcome.fresh ? 201 : 200);
  });

  routes.get('/decisions/:id/evidence/:key', async (c) => {
    const allowed = await officialOf(deps, c);
    if (!allowed.ok) return allowed.response;
    const key = c.req.param('key');
    // only a file attached to this matter, so a token for one village cannot read another's by its key
    const attached = recordedSteps(allowed.matter).some((s) => s.attachments.some((a) => evidenceKey(a.attachment.evidence) === key));
    const file = attached ? await deps.store.getEvidenceFile(key) : null;
    if (!file) return respond(c, { kind: 'route-not-found', method: 'GET', path: c.req.path.slice(0, 200) });
    const extension = file.mediaType === 'application/pdf' ? 'pdf' : 'webp';
    return c.body(file.bytes as Uint8Array<ArrayBuffer>, 200, {
      'content-type': file.mediaType,
      'content-disposition': `attachment; filename="decision-${allowed.matter.id}-${key.slice(0, 16)}.${extension}"`,
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "sandbox; default-src 'none'",
      etag: `"${file.sha256}"`,
    });
  });

  return routes;
}

/** Where an official fetches an attached file; the only place this path is built. */
export function evidenceFileHref(matterId: string, key: string): string {
  return `/api/v1/decisions/${encodeURIComponent(matterId)}/evidence/${key}`;
}

// ——— private helpers ———

/** A multipart body carries a little more than its file. */
const EVIDENCE_BODY_LIMIT = EVIDENCE_MAX_BYTES + 64 * 1024;

/** The form fields and query parameters of an attachment; the only place they are named. */
const FIELDS = { file: 'file', step: 'step', kind: 'kind', name: 'name' } as const;

async function officialOf(deps: AppDeps, c: Context) {
  const fail = (response: Response) => ({ ok: false as const, response });
  const auth = await authenticate(deps.store, c.req.header('authorization'));
  if (!auth.ok) return fail(respond(c, auth.failure));
  const id = c.req.param('id') ?? '';
  const matter = await deps.store.getDecisionMatter(id);
  if (!matter) return fail(respond(c, { kind: 'decision-matter-not-found', id: id.slice(0, 20) }));
  const village = await findVillage(deps.store, matter.village);
  if (!village.ok) return fail(respond(c, village.failure));
  const denied = authorise(auth.token, village.village, 'record-decisions');
  if (denied) return fail(respond(c, denied));
  return { ok: true as const, matter };
}

type EvidenceRequest =
  | { ok: true; bytes: Uint8Array; params: { step: number; kind: DecisionEvidence['kind']; name: string } }
  | { ok: false; issues: ApiIssue[] };

async function readEvidenceRequest(c: Context): Promise<EvidenceRequest> {
  const contentType = c.req.header('content-type') ?? '';
  let bytes: Uint8Array;
  let value: (name: string) => string | undefined;
  if (/^multipart\/form-data\b/i.test(contentType)) {
    let form: FormData;
    try {
      form = await c.req.formData();
    } catch {
      return { ok: false, issues: [fieldIssue('multipart-malformed', null, 'multipart/form-data 请求体格式有误', 'Malformed multipart/form-data body')] };
    }
    const file = form.get(FIELDS.file);
    if (!(file instanceof File)) return { ok: false, issues: [fieldIssue('file-missing', FIELDS.file, '请选择要上传的照片或 PDF 文件', 'Attach the photo or PDF in the `file` field')] };
    bytes = new Uint8Array(await file.arrayBuffer());
    value = (name) => {
      const v = form.get(name);
      return typeof v === 'string' ? v : (c.req.query(name) ?? undefined);
    };
  } else {
    bytes = new Uint8Array(await c.req.arrayBuffer());
    value = (name) => c.req.query(name) ?? undefined;
  }
  const issues: ApiIssue[] = [];
  if (bytes.byteLength === 0) issues.push(fieldIssue('file-missing', FIELDS.file, '请求中没有文件内容', 'The request body is empty'));
  const step = Number(value(FIELDS.step) ?? '');
  if (!Number.isInteger(step) || step < 1) issues.push(fieldIssue('invalid-step', FIELDS.step, '请写明材料属于哪一步：步骤登记的序号（seq）', 'Give the seq of the step entry the file documents'));
  const kind = DecisionEvidence.shape.kind.safeParse(value(FIELDS.kind));
  if (!kind.success) {
    const names = Object.entries(EVIDENCE_KIND_NAME).map(([k, v]) => `${k}（${v}）`).join('、');
    issues.push(fieldIssue('invalid-kind', FIELDS.kind, `材料类别须为：${names}`, `kind must be one of ${Object.keys(EVIDENCE_KIND_NAME).join(', ')}`));
  }
  const name = (value(FIELDS.name) ?? '').trim();
  if (name === '' || name.length > 200) issues.push(fieldIssue('invalid-name', FIELDS.name, '请写明材料名称（1 到 200 字），如“党员大会签到表”', 'Name the file in 1 to 200 characters'));
  if (issues.length > 0 || !kind.success) return { ok: false, issues };
  return { ok: true, bytes, params: { step, kind: kind.data, name } };
}

