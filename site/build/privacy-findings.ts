import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { describeFinding, KIND_NAME, type PersonalNumberKind } from '../../data/privacy/personal-number-scan.ts';
import type { WithheldFile, WriteReport } from './output-writer.ts';

/**
 * The list of files the privacy guard withheld, for staff (GET /api/v1/privacy/findings,
 * ingest/routes/privacy.ts): `<data folder>/privacy-findings.json`, written by the site builder.
 * A full build replaces it with what that build withheld; a rebuild updates the files it wrote —
 * a file withheld again keeps its entry with the new findings, a file written clean or removed
 * loses it. It lives on disk, not in memory, so `npm run portal -- build` and the server read and
 * write the same list, and it survives a restart. Each update reads the file, changes it and
 * renames a new one into place, synchronously: two builders in one process cannot interleave.
 * Numbers in it are masked, as describeFinding prints them; the raw number is never written.
 */
export const PRIVACY_FINDINGS_FILE = 'privacy-findings.json';

export function privacyFindingsPath(dataDir: string): string {
  return join(dataDir, PRIVACY_FINDINGS_FILE);
}

export const FindingRecord = z.object({
  /** the file relative to the site's root, e.g. v/430802108214/p/abc/index.html */
  file: z.string(),
  /** the village or region whose page it is (from the address); null for the home page and the like */
  scope: z.string().nullable(),
  /** the publication whose page or file it is; null for village, region and other pages */
  publication: z.string().nullable(),
  /** whatever kinds the recogniser knows (data/privacy/personal-number-scan.ts) */
  kind: z.custom<PersonalNumberKind>((v) => typeof v === 'string' && Object.hasOwn(KIND_NAME, v), 'unknown kind of number'),
  line: z.number().int().nullable(),
  /** masked */
  shown: z.string(),
  /** one line as the server log and the audit print it */
  message: z.string(),
  /** when the build that withheld it ran */
  at: z.string(),
});
export type FindingRecord = z.infer<typeof FindingRecord>;

export const FindingsDocument = z.object({
  /** when the list last changed; null before any build */
  updatedAt: z.string().nullable(),
  findings: z.array(FindingRecord),
});
export type FindingsDocument = z.infer<typeof FindingsDocument>;

export type FindingsRead = { kind: 'ok'; document: FindingsDocument } | { kind: 'unreadable'; message: string };

/** The list as last written; an empty one when no build has written it yet. */
export function readPrivacyFindings(path: string): FindingsRead {
  if (!existsSync(path)) return { kind: 'ok', document: { updatedAt: null, findings: [] } };
  try {
    const parsed = FindingsDocument.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    if (parsed.success) return { kind: 'ok', document: parsed.data };
    return { kind: 'unreadable', message: `${path}: ${parsed.error.issues[0]?.message ?? 'invalid'}` };
  } catch (error) {
    return { kind: 'unreadable', message: `${path}: ${error instanceof Error ? error.message : String(error)}` };
  }
}

export interface FindingsLedger {
  /** a full build: the list becomes what it withheld */
  replace(withheld: readonly WithheldFile[]): void;
  /** a rebuild: what it withheld replaces those files' entries; what it wrote clean loses its entries */
  apply(report: WriteReport): void;
}

export function findingsLedger(opts: { path: string; clock: () => Date; log: (line: string) => void }): FindingsLedger {
  const { path, clock, log } = opts;

  const current = (): FindingRecord[] => {
    const read = readPrivacyFindings(path);
    if (read.kind === 'ok') return read.document.findings;
    // Rewritten whole by the next full build; until then it holds what rebuilds add.
    log(`[privacy] 核查清单无法读取，重新开始 / the list of findings is unreadable and starts afresh: ${read.message}`);
    return [];
  };

  const report = (withheld: readonly WithheldFile[]) => {
    if (withheld.length === 0) return;
    log(`[privacy] ${withheld.length} 个文件含未打码的个人号码，已改为“内容待核查” / ${withheld.length} files carry unmasked personal numbers and were withheld:`);
    for (const w of withheld) for (const f of w.findings) log(describeFinding(w.file, f));
  };

  const save = (findings: FindingRecord[], at: string) => {
    const document: FindingsDocument = { updatedAt: at, findings };
    const temp = `${path}.${process.pid}.tmp`;
    try {
      writeFileSync(temp, `${JSON.stringify(document, null, 1)}\n`);
      renameSync(temp, path);
    } catch (error) {
      // The pages are written; a list that cannot be saved must not undo that. The log has each finding.
      log(`[privacy] 核查清单未能保存 / the list of findings could not be saved: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  return {
    replace(withheld) {
      report(withheld);
      const at = clock().toISOString();
      save(withheld.flatMap((w) => recordsOf(w, at)), at);
    },
    apply({ withheld, cleared }) {
      report(withheld);
      const before = current();
      const touched = new Set([...cleared, ...withheld.map((w) => w.file)]);
      if (withheld.length === 0 && !before.some((r) => touched.has(r.file))) return;
      const at = clock().toISOString();
      save([...before.filter((r) => !touched.has(r.file)), ...withheld.flatMap((w) => recordsOf(w, at))], at);
    },
  };
}

// ——— private helpers ———

function recordsOf(w: WithheldFile, at: string): FindingRecord[] {
  const address = /^(?:v|r)\/(\d{6,12})\/(?:p\/([^/]+)\/)?/.exec(w.file);
  return w.findings.map((f) => ({
    file: w.file,
    scope: address?.[1] ?? null,
    publication: address?.[2] ?? null,
    kind: f.kind,
    line: f.line ?? null,
    shown: f.shown,
    message: describeFinding(w.file, f),
    at,
  }));
}
