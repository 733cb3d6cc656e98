import { ORIGINAL_REFUSED, type KeepOriginalRefusal } from '../data/complaints/original-refusal.ts';
import type { Context } from 'hono';
import type { MergeRefusal } from '../data/complaints/complaint-workflow.ts';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { STATUS_LABEL, type ComplaintStatus } from '../data/complaints/complaint.ts';
import { FLAG_STATUS_LABEL, type FlagStatus } from '../data/flags/flag.ts';
import type { RectificationRefusal } from '../data/rectification/rectification.ts';
import type { ColumnReading } from '../data/import/column-report.ts';
import type { ImportIssue } from '../data/import/import-result.ts';
import { bilingual, failureBody, fieldIssue, issueFromImport, type ApiErrorBody, type ApiIssue } from './envelope.ts';

/**
 * Every expected way an ingest request can fail, as a value. Handlers return these; the one
 * exhaustive function below decides status, headers and envelope, so the same failure reads
 * the same everywhere and adding a kind without mapping it is a type error.
 */
export type Failure =
  | { kind: 'unauthenticated'; reason: 'missing' | 'malformed' | 'unknown' }
  | { kind: 'forbidden'; village: string }
  | { kind: 'village-not-found'; code: string }
  | { kind: 'publication-not-found'; id: string }
  | { kind: 'decision-matter-not-found'; id: string }
  | { kind: 'route-not-found'; method: string; path: string }
  | { kind: 'unsupported-media-type'; message: string; messageEn: string }
  | { kind: 'payload-too-large'; limitBytes: number }
  | { kind: 'bad-request'; issues: ApiIssue[] }
  | { kind: 'invalid-file'; errors: ImportIssue[]; warnings: ImportIssue[]; columns?: ColumnReading[] }
  /** a file that says it is another place's (data/place-mismatch.ts): by its code, refused; by a name, until confirmed */
  | { kind: 'wrong-village'; code: string; otherName: string | null; village: { code: string; name: string } }
  | { kind: 'place-unconfirmed'; otherName: string; where: 'title' | 'filename'; village: { code: string; name: string } }
  | { kind: 'invalid-photo'; field: string; reason: 'not-an-image' | 'too-many-pixels' | 'undecodable' | 'no-such-project'; maxPixels?: number }
  | {
      kind: 'invalid-evidence';
      reason: 'not-an-image' | 'too-many-pixels' | 'undecodable' | 'not-a-pdf' | 'truncated' | 'too-large' | 'empty';
      limitBytes: number;
      maxPixels: number;
    }
  | { kind: 'idempotency-conflict'; key: string }
  /** the same form or Idempotency-Key is being filed by an earlier post that has not finished (submit-once.ts) */
  | { kind: 'submission-in-progress' }
  | { kind: 'complaint-not-found'; code: string }
  /** a public complaint number no complaint has (我也遇到): says no more than that the number is unused */
  | { kind: 'complaint-number-not-found'; publicId: string }
  | { kind: 'invalid-complaint'; issues: ApiIssue[] }
  | { kind: 'invalid-transition'; from: ComplaintStatus; action: string }
  | { kind: 'rate-limited'; retryAfterSeconds: number }
  | { kind: 'csrf-failed' }
  | { kind: 'submission-rejected' }
  | { kind: 'not-staff'; scope: string }
  | { kind: 'complaint-forbidden'; village: string }
  | { kind: 'scope-forbidden'; scope: string; tokenScope: string }
  | { kind: 'unknown-service'; code: string }
  | { kind: 'request-not-found'; id: string }
  | { kind: 'cross-site' }
  /** Open311 filing when PORTAL_OPEN311_KEYS is set: the spec's 403 for a missing or wrong api_key */
  | { kind: 'api-key-invalid'; reason: 'missing' | 'unknown' }
  /** Open311's token lookup: every service is realtime, so no token was ever issued */
  | { kind: 'token-not-found'; token: string }
  /** staff address complaints by public number; one answer for any unknown or non-numeric id (no oracle on tracking codes) */
  | { kind: 'staff-complaint-not-found' }
  | { kind: 'invalid-original'; reason: KeepOriginalRefusal; limit: number | null }
  /** two complaints that cannot be merged (issue 17): the same, of two villages, or one not open */
  | { kind: 'merge-refused'; refusal: MergeRefusal }
  /** the staff path that took a tracking code, gone for good */
  | { kind: 'staff-route-moved' }
  /** a feedback post carrying a bearer token: only the complainant, with the tracking code, rates */
  | { kind: 'feedback-villager-only' }
  | { kind: 'flag-not-found'; id: string }
  | { kind: 'invalid-flag-transition'; from: FlagStatus; action: string }
  /** the token may not take this action here: `need` says who may */
  | { kind: 'action-forbidden'; scope: string; need: 'village' | 'reviewer' | 'inspector' | 'county' | 'region' }
  | { kind: 'invalid-settings'; issues: ApiIssue[] }
  | { kind: 'invalid-classify-rules'; issues: ApiIssue[] }
  | { kind: 'invalid-catalogue'; issues: ApiIssue[] }
  | { kind: 'catalogue-version-taken'; scope: string; version: string }
  | { kind: 'division-not-found'; code: string }
  | { kind: 'round-not-found'; id: string }
  | { kind: 'rectification-refused'; refusal: RectificationRefusal }
  /** the path exists, but not for this method: `allow` lists the methods it answers */
  | { kind: 'method-not-allowed'; method: string; path: string; allow: string[] }
  /** every import worker is busy and the queue is full (ingest/import-pool.ts) */
  | { kind: 'imports-busy'; retryAfterSeconds: number }
  | { kind: 'internal' };

export interface FailureResponse {
  status: ContentfulStatusCode;
  headers: Record<string, string>;
  body: ApiErrorBody;
}

export function failureResponse(failure: Failure): FailureResponse {
  switch (failure.kind) {
    case 'unauthenticated': {
      const message =
        failure.reason === 'unknown'
          ? bilingual('身份令牌无效或已停用', 'Unknown or revoked bearer token')
          : failure.reason === 'malformed'
            ? bilingual('Authorization 请求头格式应为 “Bearer 令牌”', 'Authorization header must be "Bearer <token>"')
            : bilingual('缺少身份令牌', 'Missing bearer token');
      const challenge = failure.reason === 'missing' ? 'Bearer realm="cunwu"' : 'Bearer realm="cunwu", error="invalid_token"';
      return { status: 401, headers: { 'WWW-Authenticate': challenge }, body: failureBody('unauthenticated', message) };
    }
    case 'forbidden':
      return plain(403, 'forbidden', bilingual(`此令牌无权发布村 ${failure.village} 的内容`, `This token may not publish for village ${failure.village}`));
    case 'village-not-found':
      return plain(404, 'village-not-found', bilingual(`找不到村 ${failure.code}（须为本区域内的 12 位村级代码）`, `No village ${failure.code} (a 12-digit village code in this region)`));
    case 'publication-not-found':
      return plain(404, 'publication-not-found', bilingual(`找不到公开记录 ${failure.id}`, `No publication ${failure.id}`));
    case 'decision-matter-not-found':
      return plain(404, 'decision-matter-not-found', bilingual(`找不到四议两公开事项 ${failure.id}`, `No 四议两公开 matter ${failure.id}`));
    case 'route-not-found':
      return plain(404, 'route-not-found', bilingual(`没有这个接口：${failure.method} ${failure.path}`, `No such endpoint: ${failure.method} ${failure.path}`));
    case 'unsupported-media-type':
      return plain(415, 'unsupported-media-type', bilingual(failure.message, failure.messageEn));
    case 'payload-too-large': {
      const size = readableSize(failure.limitBytes);
      return plain(413, 'payload-too-large', bilingual(`上传内容超过 ${size} 上限`, `Upload exceeds the ${size} limit`));
    }
    case 'bad-request': {
      const first = failure.issues[0];
      const message = first && failure.issues.length === 1 ? first.message : bilingual('请求参数有误', 'Invalid request parameters');
      return { status: 400, headers: {}, body: failureBody('bad-request', message, failure.issues) };
    }
    case 'invalid-file': {
      const n = failure.errors.length;
      return {
        status: 422,
        headers: {},
        body: failureBody(
          'invalid-file',
          bilingual(`文件有 ${n} 处错误，未发布`, `The file has ${n} error${n === 1 ? '' : 's'}; nothing was published`),
          failure.errors.map(issueFromImport),
          failure.warnings.map(issueFromImport),
          failure.columns,
        ),
      };
    }
    case 'wrong-village': {
      const other = failure.otherName ? `（${failure.otherName}）` : '';
      const issue = fieldIssue(
        'wrong-village',
        'file',
        `文件名中的村代码 ${failure.code}${other}不是所选的${failure.village.name}（${failure.village.code}），未公开。请确认选对了村和文件。`,
        `The file name's village code ${failure.code}${failure.otherName ? ` (${failure.otherName})` : ''} is not the village chosen, ${failure.village.name} (${failure.village.code}); nothing was published. Check the village and the file.`,
      );
      return { status: 422, headers: {}, body: failureBody('wrong-village', issue.message, [issue]) };
    }
    case 'place-unconfirmed': {
      const where = failure.where === 'title' ? { zh: '表格标题', en: 'title' } : { zh: '文件名', en: 'file name' };
      const issue = fieldIssue(
        'place-unconfirmed',
        'confirmPlace',
        `${where.zh}写的是“${failure.otherName}”，不是所选的${failure.village.name}，未公开。如确认这份材料就是${failure.village.name}的，请勾选“已核对村名”（接口加上 confirmPlace=1）后重新提交。`,
        `The ${where.en} names ${failure.otherName}, not the village chosen, ${failure.village.name}; nothing was published. If this is ${failure.village.name}'s file, confirm it (confirmPlace=1) and send it again.`,
      );
      return { status: 422, headers: {}, body: failureBody('place-unconfirmed', issue.message, [issue]) };
    }
    case 'invalid-photo': {
      const [zh, en] = photoReason(failure);
      const issue = fieldIssue(`photo-${failure.reason}`, failure.field, `照片 ${failure.field}：${zh}`, `Photo ${failure.field}: ${en}`);
      return { status: 422, headers: {}, body: failureBody('invalid-photo', issue.message, [issue]) };
    }
    case 'invalid-original': {
      const [zh, en] = ORIGINAL_REFUSED[failure.reason];
      const limit = failure.limit === null ? ['', ''] : failure.reason === 'too-large' ? [`（上限 ${failure.limit} 字节）`, ` (limit ${failure.limit} bytes)`] : [`（上限 ${failure.limit}）`, ` (limit ${failure.limit})`];
      const issue = fieldIssue(`original-${failure.reason}`, 'file', `原始材料：${zh}${limit[0]}`, `Original: ${en}${limit[1]}`);
      const status = failure.reason === 'too-large' ? 413 : failure.reason === 'too-many' ? 409 : failure.reason === 'no-such-complaint' ? 404 : 422;
      return { status, headers: {}, body: failureBody('invalid-original', issue.message, [issue]) };
    }
    case 'invalid-evidence': {
      const [zh, en] = evidenceReason(failure);
      const issue = fieldIssue(`evidence-${failure.reason}`, 'file', `材料文件：${zh}`, `Evidence file: ${en}`);
      return { status: failure.reason === 'too-large' ? 413 : 422, headers: {}, body: failureBody('invalid-evidence', issue.message, [issue]) };
    }
    case 'idempotency-conflict':
      return plain(
        422,
        'idempotency-conflict',
        bilingual(
          `Idempotency-Key “${failure.key}” 已用于另一份不同的上传`,
          `Idempotency-Key "${failure.key}" was already used for a different upload`,
        ),
      );
    case 'submission-in-progress':
      return {
        status: 409,
        headers: { 'Retry-After': '5' },
        body: failureBody(
          'submission-in-progress',
          bilingual('同一份反映正在提交，请稍后查看，不要重复提交', 'The same submission is still being filed by an earlier request; look again shortly instead of sending it again'),
        ),
      };
    case 'complaint-not-found':
      return plain(
        404,
        'complaint-not-found',
        bilingual(`找不到查询码为 ${failure.code} 的投诉，请核对查询码`, `No complaint with tracking code ${failure.code}; please check the code`),
      );
    case 'complaint-number-not-found':
      return plain(404, 'complaint-not-found', bilingual(`没有第 ${failure.publicId} 号投诉，请核对编号`, `No complaint number ${failure.publicId}`));
    case 'invalid-complaint': {
      const n = failure.issues.length;
      const first = failure.issues[0];
      const message = first && n === 1 ? first.message : bilingual(`投诉内容有 ${n} 处需要修改，未提交`, `The complaint has ${n} problems; nothing was filed`);
      return { status: 422, headers: {}, body: failureBody('invalid-complaint', message, failure.issues) };
    }
    case 'invalid-transition':
      return plain(
        409,
        'invalid-transition',
        bilingual(
          `投诉当前状态为“${STATUS_LABEL[failure.from]}”，不能${ACTION_ZH[failure.action] ?? failure.action}`,
          `A complaint that is ${failure.from} cannot take "${failure.action}"`,
        ),
      );
    case 'rate-limited':
      return {
        status: 429,
        headers: { 'Retry-After': String(failure.retryAfterSeconds) },
        body: failureBody(
          'rate-limited',
          bilingual(`提交过于频繁，请 ${waitZh(failure.retryAfterSeconds)}后再试`, `Too many requests; try again in ${failure.retryAfterSeconds} s`),
        ),
      };
    case 'csrf-failed':
      return plain(
        403,
        'csrf-failed',
        bilingual('表单已过期或不是从本站提交的，请回到投诉页面重新填写', 'The form has expired or was not sent from this site; please fill it in again'),
      );
    case 'submission-rejected':
      return plain(400, 'submission-rejected', bilingual('提交未被接受', 'The submission was not accepted'));
    case 'not-staff':
      return plain(
        403,
        'not-staff',
        bilingual(`村级令牌（${failure.scope}）不能查看或处理投诉，须用乡镇或县级令牌`, `A village token (${failure.scope}) cannot see or handle complaints; use a township or county token`),
      );
    case 'complaint-forbidden':
      return plain(403, 'complaint-forbidden', bilingual(`此令牌无权处理村 ${failure.village} 的投诉`, `This token may not handle complaints of village ${failure.village}`));
    case 'scope-forbidden':
      return plain(
        403,
        'scope-forbidden',
        bilingual(`此令牌只能查看 ${failure.tokenScope} 范围内的投诉，不含 ${failure.scope}`, `This token sees complaints under ${failure.tokenScope} only, not ${failure.scope}`),
      );
    case 'unknown-service':
      return plain(404, 'service-not-found', bilingual(`没有投诉类别（service_code）“${failure.code}”`, `No service_code "${failure.code}"`));
    case 'request-not-found':
      return plain(404, 'request-not-found', bilingual(`没有编号为 ${failure.id} 的投诉`, `No service request ${failure.id}`));
    case 'cross-site':
      return plain(403, 'cross-site', bilingual('不接受其他网站的网页代为提交', 'Posts from pages of other websites are not accepted'));
    case 'api-key-invalid':
      return plain(
        403,
        'api-key-invalid',
        failure.reason === 'missing'
          ? bilingual('提交投诉须提供 api_key（请向门户管理员申请）', 'Filing needs an api_key (ask the portal’s administrators for one)')
          : bilingual('api_key 无效，不能提交投诉', 'Invalid api_key; the request was not filed'),
      );
    case 'token-not-found':
      return plain(
        404,
        'token-not-found',
        bilingual(`没有 token “${failure.token}”：本门户的服务都是实时的，提交时直接返回 service_request_id，从不发放 token`, `No token "${failure.token}": every service here is realtime and answers a post with its service_request_id; no tokens are issued`),
      );
    case 'merge-refused': {
      const r = failure.refusal;
      const [zh, en] =
        r.kind === 'merge-same'
          ? ['不能把一件投诉并入它自己', 'A complaint cannot be merged into itself']
          : r.kind === 'merge-other-village'
            ? [`第 ${r.from} 号和第 ${r.into} 号不是同一个村的投诉，不能合并`, `Complaints ${r.from} and ${r.into} are of different villages and cannot be merged`]
            : [`第 ${r.publicId} 号投诉当前为“${STATUS_LABEL[r.status]}”，只有办理中的投诉能合并`, `Complaint ${r.publicId} is ${r.status}; only open complaints can be merged`];
      return plain(409, r.kind, bilingual(zh, en));
    }
    case 'staff-complaint-not-found':
      return {
        status: 404,
        headers: { 'Cache-Control': 'no-store' },
        body: failureBody(
          'complaint-not-found',
          bilingual('没有这个编号的投诉。工作人员按投诉的公开编号（数字，如 17）办理，不使用查询码', 'No complaint with this number. Staff address complaints by their public number (digits, e.g. 17), never by tracking code'),
        ),
      };
    case 'staff-route-moved':
      return {
        status: 410,
        headers: { 'Cache-Control': 'no-store' },
        body: failureBody(
          'staff-route-moved',
          bilingual(
            '此接口已停用：工作人员请按投诉的公开编号办理，POST /api/v1/staff/complaints/{公开编号}/events；不再接受查询码',
            'This endpoint is gone: staff act on a complaint by its public number at POST /api/v1/staff/complaints/{publicId}/events; tracking codes are not accepted',
          ),
        ),
      };
    case 'feedback-villager-only':
      return {
        status: 403,
        headers: { 'Cache-Control': 'no-store' },
        body: failureBody('feedback-villager-only', bilingual('评价只能由投诉人凭查询码提交，工作人员的令牌不能评价', 'Only the complainant, with the tracking code, may rate the answer; a staff token cannot')),
      };
    case 'flag-not-found':
      return plain(404, 'flag-not-found', bilingual(`找不到编号为 ${failure.id} 的核对提示`, `No flag ${failure.id}`));
    case 'invalid-flag-transition':
      return plain(
        409,
        'invalid-flag-transition',
        bilingual(`这条提示当前为“${FLAG_STATUS_LABEL[failure.from]}”，不能${FLAG_ACTION_ZH[failure.action] ?? failure.action}`, `A flag that is ${failure.from} cannot take "${failure.action}"`),
      );
    case 'action-forbidden': {
      const need = NEED_ZH[failure.need];
      return plain(403, 'action-forbidden', bilingual(`此令牌（${failure.scope}）不能进行这项操作：${need[0]}`, `This token (${failure.scope}) may not do this: ${need[1]}`));
    }
    case 'invalid-settings': {
      const n = failure.issues.length;
      const first = failure.issues[0];
      const message = first && n === 1 ? first.message : bilingual(`设置有 ${n} 处错误，未保存`, `The settings have ${n} errors; nothing was saved`);
      return { status: 422, headers: {}, body: failureBody('invalid-settings', message, failure.issues) };
    }
    case 'invalid-classify-rules': {
      const n = failure.issues.length;
      const first = failure.issues[0];
      const message = first && n === 1 ? first.message : bilingual(`规则有 ${n} 处错误，未保存`, `The rules have ${n} errors; nothing was saved`);
      return { status: 422, headers: {}, body: failureBody('invalid-classify-rules', message, failure.issues) };
    }
    case 'invalid-catalogue': {
      const n = failure.issues.length;
      const first = failure.issues[0];
      const message = first && n === 1 ? first.message : bilingual(`小微权力清单有 ${n} 处错误，未发布`, `The power list has ${n} errors; nothing was published`);
      return { status: 422, headers: {}, body: failureBody('invalid-catalogue', message, failure.issues) };
    }
    case 'catalogue-version-taken':
      return plain(
        409,
        'catalogue-version-taken',
        bilingual(`${failure.scope} 已发布过版本“${failure.version}”，请给新版本另起一个版本号`, `${failure.scope} already published version "${failure.version}"; give the new one another version`),
      );
    case 'division-not-found':
      return plain(404, 'division-not-found', bilingual(`本区域没有区划代码 ${failure.code}`, `No division ${failure.code} in this region`));
    case 'round-not-found':
      return plain(404, 'round-not-found', bilingual(`找不到编号为 ${failure.id} 的巡察整改`, `No inspection round ${failure.id}`));
    case 'rectification-refused': {
      const [status, zh, en] = refusalText(failure.refusal);
      return plain(status, `rectification-${failure.refusal.kind}`, bilingual(zh, en));
    }
    case 'method-not-allowed':
      return {
        status: 405,
        headers: { Allow: failure.allow.join(', ') },
        body: failureBody(
          'method-not-allowed',
          bilingual(`接口 ${failure.path} 不支持 ${failure.method} 请求，只支持 ${failure.allow.join('、')}`, `Endpoint ${failure.path} does not answer ${failure.method}; it answers ${failure.allow.join(', ')}`),
        ),
      };
    case 'imports-busy':
      return {
        status: 503,
        headers: { 'Retry-After': String(failure.retryAfterSeconds) },
        body: failureBody(
          'imports-busy',
          bilingual(
            `服务器正在处理其他上传，请 ${waitZh(failure.retryAfterSeconds)}后重新上传，文件尚未发布`,
            `The server is busy reading other uploads; nothing was published. Upload again in ${failure.retryAfterSeconds} s`,
          ),
        ),
      };
    case 'internal':
      return plain(500, 'internal', bilingual('服务器内部错误，请稍后再试', 'Internal server error; please try again later'));
    default:
      return unreachable(failure);
  }
}

/** Answers a failure through Hono, with its status, headers and envelope. */
export function respond(c: Context, failure: Failure): Response {
  const { status, headers, body } = failureResponse(failure);
  return c.json(body, status, headers);
}

const ACTION_ZH: Record<string, string> = { dispatch: '转办', reply: '答复', close: '办结', reopen: '重新办理', feedback: '评价', support: '再登记“我也遇到”' };

const FLAG_ACTION_ZH: Record<string, string> = { explain: '说明', confirm: '确认', dismiss: '排除', resolve: '标为已解决' };

const NEED_ZH: Record<Extract<Failure, { kind: 'action-forbidden' }>['need'], [string, string]> = {
  village: ['须用本村的令牌', 'it needs the village’s own token'],
  reviewer: ['须用覆盖该村的乡镇或县级令牌', 'it needs a township or county token covering the village'],
  inspector: ['须用覆盖被巡察对象的乡镇、县级或更高层级令牌', 'it needs a township, county or wider token covering the inspected division'],
  county: ['须用覆盖该县的县级或更高层级令牌', 'it needs a county or wider token covering the county'],
  region: ['须用覆盖该乡镇、县或市的本级或上级令牌', 'it needs a token of the township, county or city, or one covering it'],
};

/** A refused rectification action: its status and what it says, in Chinese and English (the console shows the Chinese). */
export function refusalText(r: RectificationRefusal): [ContentfulStatusCode, string, string] {
  switch (r.kind) {
    case 'round-closed':
      return [409, '这轮巡察整改已结束，不能再更改', 'The round is closed and cannot change'];
    case 'no-such-problem':
      return [422, `没有问题 ${r.problem}`, `No problem ${r.problem} in this round`];
    case 'no-such-task':
      return [422, `没有整改任务 ${r.task}`, `No task ${r.task} in this round`];
    case 'task-state':
      if (r.action === 'close-round') return [409, `立行立改任务 ${r.task} 尚未销号，不能结束本轮整改`, `Immediate task ${r.task} is not closed; the round cannot close yet`];
      return [409, `整改任务 ${r.task} 当前状态为“${TASK_STATE_ZH[r.state]}”，不能进行这项操作`, `Task ${r.task} is ${r.state} and cannot take "${r.action}"`];
    case 'village-outside-round':
      return [422, `村 ${r.village} 不在被巡察对象 ${r.scope} 范围内`, `Village ${r.village} is outside the inspected division ${r.scope}`];
  }
}

const TASK_STATE_ZH = { open: '整改中', submitted: '待验收', closed: '已销号' } as const;

function waitZh(seconds: number): string {
  return seconds >= 120 ? `${Math.ceil(seconds / 60)} 分钟` : `${seconds} 秒`;
}

function plain(status: ContentfulStatusCode, code: string, message: string): FailureResponse {
  return { status, headers: {}, body: failureBody(code, message) };
}

function readableSize(bytes: number): string {
  const mb = bytes / 1024 / 1024;
  return mb >= 1 ? `${Number(mb.toFixed(1))} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function evidenceReason(failure: Extract<Failure, { kind: 'invalid-evidence' }>): [string, string] {
  switch (failure.reason) {
    case 'not-an-image':
    case 'not-a-pdf':
      return ['只接受 JPEG、PNG、WebP 照片或 PDF 文件', 'only JPEG, PNG or WebP photos or PDF files are accepted'];
    case 'too-many-pixels':
      return [`照片像素过多（上限 ${failure.maxPixels} 像素）`, `too many pixels (limit ${failure.maxPixels})`];
    case 'undecodable':
      return ['照片已损坏或无法读取', 'the photo is damaged or cannot be read'];
    case 'truncated':
      return ['PDF 文件不完整（没有结束标记），请重新导出后上传', 'the PDF is incomplete (no end marker); export it again'];
    case 'too-large':
      return [`文件超过 ${readableSize(failure.limitBytes)} 上限`, `the file exceeds the ${readableSize(failure.limitBytes)} limit`];
    case 'empty':
      return ['文件是空的', 'the file is empty'];
  }
}

function photoReason(failure: Extract<Failure, { kind: 'invalid-photo' }>): [string, string] {
  switch (failure.reason) {
    case 'not-an-image':
      return ['只接受 JPEG、PNG 或 WebP 图片', 'only JPEG, PNG or WebP images are accepted'];
    case 'too-many-pixels':
      return [`像素过多（上限 ${failure.maxPixels ?? '?'} 像素）`, `too many pixels (limit ${failure.maxPixels ?? '?'})`];
    case 'undecodable':
      return ['图片已损坏或无法读取', 'the image is damaged or cannot be read'];
    case 'no-such-project':
      return ['文件中没有对应序号的项目', 'the file has no project with that number'];
  }
}

function unreachable(value: never): never {
  throw new Error(`unmapped failure ${JSON.stringify(value)}`);
}
