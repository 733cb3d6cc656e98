import { Period, PublicationKind } from '../data/publication.ts';
import { fieldIssue, type ApiIssue } from './envelope.ts';
import { isValidText } from '../data/text-validity.ts';
import type { Failure } from './http-errors.ts';

/**
 * Reads an upload request into its parts: the main file, the parameters and any photos.
 * The body is either the file itself (JSON, CSV, XLSX) with parameters in the query string, or
 * multipart/form-data with a `file` field and the parameters as form fields. The file's format
 * is decided later from its bytes, never from the name or the declared type.
 */

export interface UploadParams {
  kind: PublicationKind;
  period?: string;
  programme?: string;
  dryRun: boolean;
  /** the official has checked that a file whose title names another place is this village's (issue 16) */
  confirmPlace?: boolean;
}

export interface UploadedFile {
  bytes: Uint8Array;
  contentType?: string;
  filename?: string;
}

export interface PhotoUpload {
  /** the form field it came in, named in errors: `photo` or `photo.3` */
  field: string;
  /** 1-based position of the project in the file */
  project: number;
  bytes: Uint8Array;
}

export interface Upload {
  params: UploadParams;
  file: UploadedFile;
  photos: PhotoUpload[];
}

export type UploadResult = { ok: true; upload: Upload } | { ok: false; failure: Failure };

export async function readUpload(body: Uint8Array<ArrayBuffer>, headers: Headers, query: URLSearchParams): Promise<UploadResult> {
  const contentType = headers.get('content-type') ?? undefined;
  if (contentType && /^multipart\/form-data\b/i.test(contentType)) return readMultipart(body, contentType, query);
  if (body.byteLength === 0) return badRequest([fieldIssue('file-missing', 'file', '请求中没有文件内容', 'The request body is empty')]);
  const params = readParams(query, new Map());
  if (!params.ok) return params;
  const filename = filenameFromDisposition(headers.get('content-disposition'));
  return { ok: true, upload: { params: params.params, file: { bytes: body, contentType, filename }, photos: [] } };
}

const PARAM_NAMES = ['kind', 'period', 'programme', 'dryRun', 'confirmPlace'] as const;
type ParamName = (typeof PARAM_NAMES)[number];

async function readMultipart(body: Uint8Array<ArrayBuffer>, contentType: string, query: URLSearchParams): Promise<UploadResult> {
  let form: FormData;
  try {
    form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
  } catch {
    return badRequest([fieldIssue('multipart-malformed', null, 'multipart/form-data 请求体格式有误', 'Malformed multipart/form-data body')]);
  }
  const issues: ApiIssue[] = [];
  const fields = new Map<ParamName, string>();
  const files: File[] = [];
  const photos: { field: string; project: number; file: File }[] = [];
  for (const [name, value] of form.entries()) {
    if (name === 'file') {
      if (typeof value === 'string') issues.push(fieldIssue('file-not-a-file', 'file', '字段 file 须为上传的文件', 'Field "file" must be an uploaded file'));
      else files.push(value);
      continue;
    }
    const photo = /^photo(?:\.(\d{1,4}))?$/.exec(name);
    if (photo) {
      const project = photo[1] === undefined ? 1 : Number(photo[1]);
      if (typeof value === 'string') issues.push(fieldIssue('photo-not-a-file', name, `字段 ${name} 须为上传的图片`, `Field "${name}" must be an uploaded image`));
      else if (project < 1) issues.push(fieldIssue('photo-bad-index', name, `照片字段 ${name} 的项目序号从 1 开始`, `Photo field "${name}": projects are numbered from 1`));
      else photos.push({ field: name, project, file: value });
      continue;
    }
    if ((PARAM_NAMES as readonly string[]).includes(name) && typeof value === 'string') {
      if (fields.has(name as ParamName)) issues.push(fieldIssue('field-repeated', name, `字段 ${name} 重复`, `Field "${name}" is given more than once`));
      fields.set(name as ParamName, value);
      continue;
    }
    issues.push(fieldIssue('field-unknown', name.slice(0, 60), `未知的表单字段 ${name.slice(0, 60)}`, `Unknown form field "${name.slice(0, 60)}"`));
  }
  if (files.length === 0) issues.push(fieldIssue('file-missing', 'file', '缺少 file 字段（要公开的表格文件）', 'Missing the "file" field (the spreadsheet to publish)'));
  if (files.length > 1) issues.push(fieldIssue('file-repeated', 'file', '只能上传一个 file 文件', 'Only one "file" may be uploaded'));
  const params = readParams(query, fields);
  if (!params.ok) issues.push(...(params.failure.kind === 'bad-request' ? params.failure.issues : []));
  else if (photos.length > 0 && params.params.kind !== 'project') {
    issues.push(fieldIssue('photo-not-allowed', photos[0]?.field ?? 'photo', '只有工程项目公示可以附照片', 'Photos can only be attached to project lists'));
  }
  const main = files[0];
  if (main && main.size === 0) issues.push(fieldIssue('file-empty', 'file', '上传的文件是空的', 'The uploaded file is empty'));
  if (issues.length > 0 || !params.ok || !main) return badRequest(issues);

  return {
    ok: true,
    upload: {
      params: params.params,
      file: { bytes: new Uint8Array(await main.arrayBuffer()), contentType: main.type || undefined, filename: uploadFilename(main.name) },
      photos: await Promise.all(photos.map(async (p) => ({ field: p.field, project: p.project, bytes: new Uint8Array(await p.file.arrayBuffer()) }))),
    },
  };
}

type ParamsResult = { ok: true; params: UploadParams } | { ok: false; failure: Failure };

/** Form fields win over the query string only when they agree; a contradiction is an error. */
function readParams(query: URLSearchParams, form: Map<ParamName, string>): ParamsResult {
  const issues: ApiIssue[] = [];
  const value = (name: ParamName): string | undefined => {
    const q = query.get(name) ?? undefined;
    const f = form.get(name);
    if (q !== undefined && f !== undefined && q.trim() !== f.trim()) {
      issues.push(fieldIssue('param-conflict', name, `参数 ${name} 在网址和表单中不一致`, `Parameter "${name}" differs between the query string and the form`));
    }
    const v = (f ?? q)?.trim();
    return v === '' ? undefined : v;
  };

  const kindText = value('kind');
  const kind = PublicationKind.safeParse(kindText);
  if (kindText === undefined) {
    issues.push(fieldIssue('kind-missing', 'kind', '缺少参数 kind（finance 财务 / subsidy 补贴 / project 工程项目 / contract 资产资源合同 / statement 财务报表）', 'Missing parameter "kind" (finance / subsidy / project / contract / statement)'));
  } else if (!kind.success) {
    issues.push(fieldIssue('kind-invalid', 'kind', `kind 须为 finance、subsidy、project、contract 或 statement，收到 “${kindText.slice(0, 40)}”`, `"kind" must be finance, subsidy, project, contract or statement, got "${kindText.slice(0, 40)}"`));
  }

  const period = value('period');
  if (period !== undefined && !Period.safeParse(period).success) {
    issues.push(fieldIssue('period-invalid', 'period', `期间格式应为 2026、2026-Q3 或 2026-07，收到 “${period.slice(0, 40)}”`, `"period" must look like 2026, 2026-Q3 or 2026-07, got "${period.slice(0, 40)}"`));
  }

  const programme = value('programme');
  if (programme !== undefined && programme.length > 100) {
    issues.push(fieldIssue('programme-too-long', 'programme', '补贴项目名称不能超过 100 个字', '"programme" is at most 100 characters'));
  }

  const dryRunText = value('dryRun')?.toLowerCase();
  const dryRun = dryRunText === undefined ? false : DRY_RUN_VALUES.get(dryRunText);
  if (dryRun === undefined) {
    issues.push(fieldIssue('dry-run-invalid', 'dryRun', 'dryRun 须为 1 或 0', '"dryRun" must be 1 or 0'));
  }

  const confirmText = value('confirmPlace')?.toLowerCase();
  const confirmPlace = confirmText === undefined ? false : DRY_RUN_VALUES.get(confirmText);
  if (confirmPlace === undefined) {
    issues.push(fieldIssue('confirm-place-invalid', 'confirmPlace', 'confirmPlace 须为 1 或 0', '"confirmPlace" must be 1 or 0'));
  }

  if (issues.length > 0 || !kind.success || dryRun === undefined || confirmPlace === undefined) return badRequest(issues);
  return { ok: true, params: { kind: kind.data, period, programme, dryRun, ...(confirmPlace && { confirmPlace }) } };
}

const DRY_RUN_VALUES = new Map<string, boolean>([['1', true], ['true', true], ['yes', true], ['0', false], ['false', false], ['no', false]]);

function badRequest(issues: ApiIssue[]): { ok: false; failure: Failure } {
  return { ok: false, failure: { kind: 'bad-request', issues } };
}

/** `attachment; filename*=UTF-8''%E9%A9%AC.csv` or `filename="a.csv"`, as curl and browsers send it. */
export function filenameFromDisposition(header: string | null): string | undefined {
  if (!header) return undefined;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (extended?.[1]) {
    try {
      return uploadFilename(decodeURIComponent(extended[1].trim()));
    } catch {
      // a broken percent-encoding: fall through to the plain filename
    }
  }
  const plain = /filename\s*=\s*(?:"([^"]*)"|([^;]+))/.exec(header);
  return uploadFilename(plain?.[1] ?? plain?.[2]?.trim());
}

/**
 * Only the base name is kept; it is published as the source of the record. A name that is not
 * valid text (a lone surrogate, a control character) is not kept at all: the record then says no
 * file name, as for a JSON upload, and the file itself is read and checked as any other.
 */
export function uploadFilename(name: string | undefined): string | undefined {
  const base = name?.split(/[\\/]/).pop()?.trim();
  return base && isValidText(base) ? base.slice(0, 200) : undefined;
}
