import { detectFormat } from '../data/import/detect-format.ts';
import type { ColumnReading } from '../data/import/column-report.ts';
import type { ImportIssue, SourceFormat } from '../data/import/import-result.ts';
import { newPublication } from '../data/new-publication.ts';
import { nextTurn } from '../data/next-turn.ts';
import { totalsOf, type ContentTotals, type Publication, type PublicationContent, type PublicationSummary } from '../data/publication.ts';
import type { Division } from '../data/region.ts';
import type { IdempotencyClaim, NewPhoto } from '../data/store/store.ts';
import type { AppDeps } from './app.ts';
import { issueFromImport, type ApiIssue } from './envelope.ts';
import { failureResponse, type Failure } from './http-errors.ts';
import { placeMismatch, type PlaceMismatch } from '../data/place-mismatch.ts';
import { versionDiff, type VersionDiff } from '../data/version-diff.ts';
import { sharedImportPool, type ImportRun } from './import-pool.ts';
import { attachPhotos, processPhotos, refuseTakenDownPhotos } from './photos.ts';
import type { Upload } from './upload.ts';

/**
 * One upload published (or previewed), whoever sent it: the API with a token
 * (routes/publications.ts) and the console signed in (console-upload.ts) both come here after
 * checking who may publish what where. The file is read in a worker thread; when every worker is
 * busy the answer is imports-busy, before anything is stored. The rules run, then the pages are
 * rebuilt, before the outcome returns.
 */
export type PublishDeps = Pick<AppDeps, 'store' | 'config' | 'clock' | 'importPool' | 'flagRunner' | 'afterPublish' | 'afterFlags' | 'newId' | 'beneficiaryKey'>;

export type UploadOutcome =
  | { kind: 'failure'; failure: Failure }
  | { kind: 'preview'; preview: Preview; warnings: ApiIssue[] }
  | { kind: 'published'; publication: Publication; replayed: boolean; warnings: ApiIssue[] }
  /** the same content as the series' current version: nothing new is published, that version answers (issue 16) */
  | { kind: 'unchanged'; publication: Publication; warnings: ApiIssue[] };

export interface Preview {
  kind: PublicationContent['kind'];
  period: string;
  subject: string;
  title: string;
  sha256: string;
  content: PublicationContent;
  /** null for a statement, whose 合计 lines are in its content */
  totals: ContentTotals | null;
  /** how each column of the file was read (`收入金额（元）` → 收入), so a misreading is seen before publishing */
  columns: ColumnReading[];
  /** the series' current version this one would replace; null for a new series */
  replaces: { id: string; version: number } | null;
  /** the content is that version's exactly: publishing would change nothing */
  unchanged: boolean;
  /** what would change from that version: rows added, removed and changed, totals before and after */
  changes: VersionDiff | null;
}

export async function publishUpload(deps: PublishDeps, request: { upload: Upload; village: Division; claim?: IdempotencyClaim }): Promise<UploadOutcome> {
  const { upload, village, claim } = request;
  const fail = (failure: Failure): UploadOutcome => ({ kind: 'failure', failure });
  const detected = detectFormat(upload.file.bytes, upload.file.contentType, upload.file.filename);
  if (detected.kind !== 'ok') return fail({ kind: 'unsupported-media-type', message: detected.message, messageEn: detected.messageEn });
  const format = detected.format;

  if (claim) {
    const prior = await deps.store.findIdempotency(claim.scope, claim.key);
    if (prior && prior.requestHash !== claim.requestHash) return fail({ kind: 'idempotency-conflict', key: claim.key });
    if (prior) {
      const publication = await deps.store.getPublication(prior.publicationId);
      if (!publication) throw new Error(`idempotency record points at missing publication ${prior.publicationId}`);
      const again = await importUpload(deps, upload, format);
      if (again.kind === 'busy') return fail({ kind: 'imports-busy', retryAfterSeconds: again.retryAfterSeconds });
      return { kind: 'published', publication, replayed: true, warnings: replayWarnings(again) };
    }
  }

  const run = await importUpload(deps, upload, format);
  if (run.kind === 'busy') return fail({ kind: 'imports-busy', retryAfterSeconds: run.retryAfterSeconds });
  const imported = run.result;
  if (!imported.ok) return fail({ kind: 'invalid-file', errors: imported.errors, warnings: imported.warnings, columns: imported.columns });
  const warnings = imported.warnings.map(issueFromImport);
  if (imported.content.kind !== upload.params.kind) {
    throw new Error(`importer returned ${imported.content.kind} content for a ${upload.params.kind} upload`);
  }

  // A file that says it is another place's: refused by its code, asked about by a name.
  const mismatch = await placeOfFile(deps.store, village, imported.content.title, upload.file.filename ?? null);
  const chosen = { code: village.code, name: village.name };
  if (mismatch?.kind === 'code') return fail({ kind: 'wrong-village', code: mismatch.code, otherName: mismatch.other?.name ?? null, village: chosen });
  if (mismatch?.kind === 'name') {
    const unconfirmed: Failure = { kind: 'place-unconfirmed', otherName: mismatch.other.name, where: mismatch.where, village: chosen };
    if (!upload.params.dryRun && !upload.params.confirmPlace) return fail(unconfirmed);
    if (!upload.params.confirmPlace) warnings.unshift({ ...failureResponse(unconfirmed).body.errors[0]!, code: 'other-place' });
  }

  let content: PublicationContent = imported.content;
  let photos: NewPhoto[] = [];
  if (upload.photos.length > 0 && content.kind === 'project') {
    const processed = await processPhotos(upload.photos, content.projects.length, deps.config.maxPhotoPixels);
    if (!processed.ok) return fail(processed.failure);
    content = attachPhotos(content, processed.photos);
    photos = processed.photos.map((p) => p.photo);
  }
  const refused = await refuseTakenDownPhotos(deps.store, content);
  if (refused) return fail(refused);

  const input = newPublication({
    id: deps.newId?.(),
    village: village.code,
    content,
    publishedAt: deps.clock().toISOString(),
    sample: false,
    source: { filename: upload.file.filename ?? null, format },
    photos,
    beneficiaryKeys: imported.beneficiaryKeys,
  });
  // An official who uploads the same file again means no correction: the current version answers.
  const currentSummary = await currentOfSeries(deps.store, village.code, input);
  const unchanged = currentSummary !== null && currentSummary.sha256 === input.sha256 && !(await deps.store.getTakedown(currentSummary.id));
  // its content only when it is compared or answered with, not on every upload
  const current = currentSummary && (upload.params.dryRun || unchanged) ? await deps.store.getPublication(currentSummary.id) : null;
  if (upload.params.dryRun) {
    const replaces = current ? { id: current.id, version: current.version } : null;
    const changes = current ? versionDiff(current.content, content) : null;
    const preview = { kind: content.kind, period: content.period, subject: input.subject, title: content.title, sha256: input.sha256, content, totals: totalsOf(content), columns: imported.columns, replaces, unchanged, changes };
    return { kind: 'preview', preview, warnings };
  }
  if (unchanged && current) {
    // The same key racing the upload that published this version: answered as that upload's replay.
    const prior = claim ? await deps.store.findIdempotency(claim.scope, claim.key) : null;
    if (prior && prior.requestHash !== claim?.requestHash) return fail({ kind: 'idempotency-conflict', key: claim?.key ?? '' });
    if (prior && prior.publicationId === current.id) return { kind: 'published', publication: current, replayed: true, warnings };
    return { kind: 'unchanged', publication: current, warnings };
  }

  await nextTurn(); // the digest of a big file was one long piece of work, storing it is another
  const outcome = await deps.store.publish(input, claim);
  if (outcome.kind === 'replayed') {
    // A concurrent request with the same key won the race: answer with its publication.
    if (outcome.requestHash !== claim?.requestHash) return fail({ kind: 'idempotency-conflict', key: claim?.key ?? '' });
    return { kind: 'published', publication: outcome.publication, replayed: true, warnings };
  }

  // The rules first, so the village page rebuilt next shows what they found; a failure here is
  // only logged (the version is stored, and the nightly run finds what this one missed).
  let flagged: string[] = [];
  if (deps.flagRunner) {
    try {
      flagged = await deps.flagRunner.afterPublication(village.code);
    } catch (error) {
      console.error(`[ingest] running the red-flag rules after publishing ${outcome.publication.id} failed:`, error);
    }
  }
  if (deps.afterPublish) {
    try {
      await deps.afterPublish(outcome.publication);
    } catch (error) {
      // The version is stored and will be rendered on the next rebuild; the upload succeeded.
      console.error(`[ingest] rebuilding pages after publishing ${outcome.publication.id} failed:`, error);
    }
  }
  const others = flagged.filter((v) => v !== village.code);
  if (others.length > 0) {
    try {
      deps.afterFlags?.(others);
    } catch (error) {
      console.error('[ingest] afterFlags failed:', error);
    }
  }
  return { kind: 'published', publication: outcome.publication, replayed: false, warnings };
}

/** What the file says of its place, against the village chosen and the places of its prefecture. */
async function placeOfFile(store: PublishDeps['store'], village: Division, title: string, filename: string | null): Promise<PlaceMismatch | null> {
  const path: Division[] = [];
  for (let code = village.parent; code; ) {
    const d = await store.getDivision(code);
    if (!d) break;
    path.push(d);
    code = d.parent;
  }
  const divisions = await store.listDivisions(village.code.slice(0, 4));
  return placeMismatch({ village, path, title, filename, divisions });
}

/** The current version of the series `input` belongs to (village, kind, period, subject), if any: its summary, without content. */
async function currentOfSeries(store: PublishDeps['store'], village: string, input: { kind: string; period: string; subject: string }): Promise<PublicationSummary | null> {
  const versions = await store.listPublications(village);
  return versions.find((p) => p.supersededBy === null && p.kind === input.kind && p.period === input.period && p.subject === input.subject) ?? null;
}

/**
 * A replay answers with the warnings the first upload got. The bytes are the same (the request
 * hash matched) and importing is deterministic, so importing again recovers them without storing them.
 */
function replayWarnings(again: Extract<ImportRun, { kind: 'done' }>): ApiIssue[] {
  return (again.result.ok ? again.result.warnings : ([] as ImportIssue[])).map(issueFromImport);
}

function importUpload(deps: PublishDeps, upload: Upload, format: SourceFormat): Promise<ImportRun> {
  return (deps.importPool ?? sharedImportPool()).run({
    bytes: upload.file.bytes,
    format,
    kind: upload.params.kind,
    period: upload.params.period,
    filename: upload.file.filename,
    programme: upload.params.programme,
    idMask: deps.config.idMask,
    ...(deps.config.amountToleranceFen !== undefined && { amountToleranceFen: deps.config.amountToleranceFen }),
    publicNumbers: deps.config.publicPhones,
    beneficiaryKey: deps.beneficiaryKey,
  });
}
