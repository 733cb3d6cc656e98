import { z } from 'zod';
import { auditLog, type AuditedDecisionMatter, type AuditedFlag, type AuditedFlagSettings, type AuditedLeaf, type AuditedPowerCatalogue, type AuditedRound, type AuditFinding } from '../../data/log/audit-log.ts';
import { fromBase64 } from '../../data/log/base64.ts';
import { openCheckpoint, rootFingerprint, type Checkpoint } from '../../data/log/checkpoint.ts';
import { HashTree } from '../../data/log/hash-tree.ts';
import { equalBytes, leafHash, verifyConsistency, verifyInclusion } from '../../data/log/merkle.ts';
import { ConsistencyProofJson, hashBytes, InclusionProofJson } from '../../data/log/proof-json.ts';
import { parseVerifierKey, type NoteVerifier } from '../../data/log/signed-note.ts';
import { publicationDigest } from '../../data/publication-digest.ts';
import { checkComplaints } from './verify-complaints.ts';
import { httpClient, mapLimit, range, type Http } from './verify-http.ts';
import { logView } from './verify-log-view.ts';
import { servedPublications } from './verify-publications.ts';

export { describeVerifyFinding, summaryLines } from './verify-describe.ts';

/**
 * The journalist's check of a portal (`npm run portal -- verify`): downloads the log's key, its
 * signed checkpoint and every leaf, then enumerates what the portal serves — every version from
 * the public index (/log/publications.json), every public complaint, flag and round — and checks
 * that the checkpoint is signed by the key, the leaves hash to its root, every served record has
 * its leaf and still matches it, each takedown is in the log, each photo is the one its id names,
 * and the log only grew since a checkpoint saved earlier. What it cannot check is listed in
 * docs/guarantees.md. Everything it finds is returned, named; nothing is thrown for a finding.
 */
export interface VerifyOptions {
  /** the portal's address, e.g. https://cunwu.example.cn */
  url: string;
  /** the verifier key to trust, as a journalist pins it; the portal's /log/key when absent */
  key?: string;
  /** the text of a checkpoint saved earlier (`--save`) */
  saved?: string;
  /** size and fingerprint as printed on a village or publication page */
  printed?: ReadonlyArray<{ size: number; fingerprint: string }>;
  /** tracking codes whose every step is recomputed and compared with its leaf (a villager's own) */
  trackingCodes?: readonly string[];
  /** requests in flight at once */
  concurrency?: number;
  fetch?: typeof fetch;
}

export type VerifyFinding =
  | { kind: 'audit'; finding: AuditFinding }
  | { kind: 'unreachable'; url: string; detail: string }
  | { kind: 'bad-key'; detail: string }
  | { kind: 'key-changed'; pinned: string; served: string }
  | { kind: 'bad-checkpoint'; detail: string }
  | { kind: 'bad-saved-checkpoint'; detail: string }
  | { kind: 'log-shrank'; saved: number; size: number }
  | { kind: 'inconsistent'; from: number; to: number; detail: string }
  | { kind: 'not-in-signed-tree'; publication: string; index: number }
  | { kind: 'no-proof'; publication: string; index: number; detail: string }
  | { kind: 'takedown-not-applied'; publication: string }
  | { kind: 'unreadable'; url: string; detail: string }
  | { kind: 'printed-mismatch'; size: number; fingerprint: string; actual: string | null }
  /** a version served (by the log's village or a village's data twin) that the public index leaves out */
  | { kind: 'not-in-index'; publication: string; url: string }
  /** the index says otherwise than the version's data twin, in these fields */
  | { kind: 'index-mismatch'; publication: string; fields: string[] }
  /** the takedown shown is not the one the tombstone leaf records */
  | { kind: 'takedown-mismatch'; publication: string; index: number; fields: string[] }
  /** the version names a newer one other than the one the log has superseding it */
  | { kind: 'superseded-by-mismatch'; publication: string; served: string | null; logged: string | null }
  | { kind: 'photo-missing'; publication: string; photo: string; url: string }
  | { kind: 'photo-mismatch'; publication: string; photo: string; url: string; actual: string }
  /** a complaint listed publicly whose first step has no leaf */
  | { kind: 'complaint-not-logged'; complaint: string }
  /** a complaint the log names that the portal no longer lists */
  | { kind: 'complaint-missing'; complaint: string; index: number }
  | { kind: 'bad-tracking-code'; code: string }
  /** a step shown with no leaf, not matching its leaf, logged but no longer shown, or shown as taken down without that takedown logged */
  | { kind: 'complaint-step'; complaint: string; seq: number; problem: 'not-logged' | 'mismatch' | 'missing' | 'takedown-mismatch'; index: number | null };

/** A version served at another address than its leaf's village gives it: moved, not gone. */
export interface MovedPublication {
  publication: string;
  loggedVillage: string;
  servedVillage: string;
  /** where the index says it is now */
  url: string;
}

export interface VerifyReport {
  /** the checkpoint as verified, and its note (what `--save` writes); null when it could not be verified */
  checkpoint: Checkpoint | null;
  note: string | null;
  /** `<name>+<key ID>` of the key that signed it */
  signedBy: string | null;
  /** leaves checked (some may be newer than the checkpoint) */
  leaves: number;
  publications: number;
  takenDown: number;
  moved: MovedPublication[];
  /** photos whose bytes were hashed against their id */
  photos: number;
  /** red flags whose every step was checked against its leaf */
  flags: number;
  /** flags in the log that are not public yet (the village's time to explain): their steps are not served, so not checked */
  flagsNotYetPublic: number;
  /** the public flag list stopped at its limit: flags past it were found from the log only */
  flagListCapped: boolean;
  /** rounds of rectification and versions of county settings checked against their leaves */
  rounds: number;
  settings: number;
  /** 四议两公开 matters and versions of power lists whose every entry was checked against its leaf */
  decisions: number;
  powerCatalogues: number;
  regionSummaries: number;
  /** complaints listed publicly, each with its first step in the log */
  complaints: number;
  /** steps recomputed from the tracking codes given, matching their leaves */
  complaintSteps: number;
  /** steps taken down, their takedown leaf checked instead */
  complaintStepsTakenDown: number;
  /** steps shown with a number masked, which cannot be recomputed from the page */
  maskedSteps: Array<{ complaint: string; seq: number }>;
  saved: Checkpoint | null;
  findings: VerifyFinding[];
}

export async function verifyPortal(options: VerifyOptions): Promise<VerifyReport> {
  const base = options.url.replace(/\/+$/, '');
  const http = httpClient(options.fetch ?? fetch);
  const limit = options.concurrency ?? 8;
  const report: VerifyReport = {
    checkpoint: null, note: null, signedBy: null, leaves: 0, publications: 0, takenDown: 0, moved: [], photos: 0,
    flags: 0, flagsNotYetPublic: 0, flagListCapped: false, rounds: 0, settings: 0, decisions: 0, powerCatalogues: 0, regionSummaries: 0, complaints: 0, complaintSteps: 0, complaintStepsTakenDown: 0, maskedSteps: [], saved: null, findings: [],
  };
  const found = (f: VerifyFinding): void => {
    report.findings.push(f);
  };
  const failed = (res: { url: string; status: number | null; detail: string }) =>
    found(res.status === null ? { kind: 'unreachable', url: res.url, detail: res.detail } : { kind: 'unreadable', url: res.url, detail: res.detail });

  // The key: the pinned one is trusted; a different one served is itself worth saying.
  const served = await http.text(`${base}/log/key`);
  const pinned = options.key?.trim();
  if (!pinned && !served.ok) return (found({ kind: 'unreachable', url: served.url, detail: served.detail }), report);
  const vkey = pinned ?? (served.ok ? served.text.trim() : '');
  if (pinned && served.ok && served.text.trim() !== pinned) found({ kind: 'key-changed', pinned, served: served.text.trim() });
  const parsedKey = parseVerifierKey(vkey);
  if (!parsedKey.ok) return (found({ kind: 'bad-key', detail: parsedKey.detail }), report);
  const verifier = parsedKey.verifier;

  const noteRes = await http.text(`${base}/log/checkpoint`);
  if (!noteRes.ok) return (found({ kind: 'unreachable', url: noteRes.url, detail: noteRes.detail }), report);
  const opened = openCheckpoint(noteRes.text, verifier);
  if (!opened.ok) return (found({ kind: 'bad-checkpoint', detail: `${opened.reason}: ${opened.detail}` }), report);
  const cp = opened.checkpoint;
  Object.assign(report, { checkpoint: cp, note: noteRes.text, signedBy: opened.signedBy[0] ?? null });

  let saved: Checkpoint | null = null;
  if (options.saved !== undefined) {
    const s = openCheckpoint(options.saved, verifier);
    if (s.ok) saved = s.checkpoint;
    else found({ kind: 'bad-saved-checkpoint', detail: `${s.reason}: ${s.detail}` });
  }
  report.saved = saved;

  // Every leaf of the signed tree, tile by tile (a tile may also hold leaves newer than it).
  const leaves = new Map<number, AuditedLeaf>();
  const fetchTile = async (n: number): Promise<'full' | 'partial' | 'absent'> => {
    const res = await http.json(`${base}/log/leaves/${n}.json`, LeafTile);
    if (!res.ok) {
      if (res.status !== 404) failed(res);
      return 'absent';
    }
    for (const l of res.value.leaves) {
      const hash = fromBase64(l.hash);
      leaves.set(l.index, { index: l.index, leaf: l.leaf, ...(hash ? { hash } : {}) });
    }
    return res.value.leaves.length >= TILE ? 'full' : 'partial';
  };
  await mapLimit(range(Math.ceil(cp.size / TILE)), limit, async (n) => void (await fetchTile(n)));
  // Records published while this runs have leaves past the checkpoint: fetched when a record needs one.
  const refetchTail = async () => {
    let n = Math.floor(Math.max(0, ...leaves.keys()) / TILE);
    while ((await fetchTile(n)) === 'full') n += 1;
  };
  const log = () => logView(leaves.values());

  // What the portal serves, enumerated from its own public lists, not from the log.
  const pubs = await servedPublications({ http, base, limit, found, log, refetchTail });
  report.publications = pubs.publications.filter((p) => p.content !== null).length;
  report.takenDown = pubs.publications.length - report.publications;
  Object.assign(report, { moved: pubs.moved, photos: pubs.photos });

  // Flags, rounds and county settings, as the API serves them: each step's digest must be the one
  // its leaf carries. A flag not yet public is not served, so it is counted, not checked.
  const flagList = await http.json(`${base}/api/v1/flags?limit=${FLAG_LIST_LIMIT}`, FlagList);
  if (!flagList.ok) failed(flagList);
  else report.flagListCapped = flagList.value.capped;
  const roundList = await http.json(`${base}/api/v1/rectification/rounds`, RoundList);
  if (!roundList.ok) failed(roundList);
  const records = log();
  const flagIds = new Set([...records.flags, ...(flagList.ok ? flagList.value.flags.map((f) => f.id) : [])]);
  const roundIds = new Set([...records.rounds, ...(roundList.ok ? roundList.value.rounds.map((r) => r.id) : [])]);
  const flags: AuditedFlag[] = [];
  await mapLimit([...flagIds], limit, async (id) => {
    const res = await http.json(`${base}/api/v1/flags/${id}`, FlagResponse);
    if (res.ok) flags.push({ ...res.value.flag, events: withoutDigests(res.value.flag.events) } as unknown as AuditedFlag);
    else if (res.status === 404) report.flagsNotYetPublic += 1;
    else failed(res);
  });
  const rounds: AuditedRound[] = [];
  await mapLimit([...roundIds], limit, async (id) => {
    const res = await http.json(`${base}/api/v1/rectification/rounds/${id}`, RoundResponse);
    if (res.ok) rounds.push({ ...res.value.round, events: withoutDigests(res.value.round.events) } as unknown as AuditedRound);
    else failed(res);
  });
  const flagSettings: AuditedFlagSettings[] = [];
  await mapLimit([...records.settings], limit, async (code) => {
    const res = await http.json(`${base}/api/v1/flag-settings/${code}`, SettingsResponse);
    if (res.ok) flagSettings.push(...res.value.versions.map((v) => ({ code, version: v.version, document: v.document })));
    else failed(res);
  });
  Object.assign(report, { flags: flags.length, rounds: rounds.length, settings: flagSettings.length });
  // 四议两公开 matters the log names, and every published power list, entry by entry.
  const decisions: AuditedDecisionMatter[] = [];
  await mapLimit([...records.decisions], limit, async (id) => {
    const res = await http.json(`${base}/api/v1/decisions/${id}`, MatterResponse);
    if (res.ok) decisions.push(res.value.matter);
    else failed(res);
  });
  const catalogueList = await http.json(`${base}/api/v1/power-catalogues`, CatalogueList);
  if (!catalogueList.ok) failed(catalogueList);
  const powerCatalogues: AuditedPowerCatalogue[] = catalogueList.ok ? catalogueList.value.catalogues : [];
  // every version of each region's summary tables the log names
  const regionSummaries: AuditedPowerCatalogue[] = [];
  await mapLimit([...records.regionSummaries], limit, async (scope) => {
    const res = await http.json(`${base}/api/v1/regions/${scope}/summaries`, SummaryList);
    if (res.ok) regionSummaries.push(...res.value.summaries);
    else failed(res);
  });
  Object.assign(report, { decisions: decisions.length, powerCatalogues: powerCatalogues.length, regionSummaries: regionSummaries.length });

  const complaints = await checkComplaints({ http, base, limit, found, log }, options.trackingCodes ?? []);
  Object.assign(report, { complaints: complaints.listed, complaintSteps: complaints.steps, complaintStepsTakenDown: complaints.takenDown, maskedSteps: complaints.masked });

  const roots = [{ size: cp.size, root: cp.root }, ...(saved && saved.size <= cp.size ? [{ size: saved.size, root: saved.root }] : [])];
  const audit = auditLog([...leaves.values()], pubs.publications, { roots, flags, rounds, flagSettings, decisions, powerCatalogues, regionSummaries });
  report.leaves = audit.size;
  // A version filed under another village whose content is otherwise unchanged is said so once
  // (the leaf differs in `village`), not also as changed content.
  const byLeaf = log().publications;
  const refiled = new Set(
    pubs.moved
      .filter((m) => m.servedVillage !== m.loggedVillage)
      .filter((m) => {
        const p = pubs.publications.find((x) => x.id === m.publication);
        return p?.content && publicationDigest({ ...p, village: m.loggedVillage, content: p.content }) === byLeaf.get(m.publication)?.sha256;
      })
      .map((m) => m.publication),
  );
  for (const finding of audit.findings) if (!(finding.kind === 'content-mismatch' && refiled.has(finding.publication))) found({ kind: 'audit', finding });

  if (saved) {
    if (saved.size > cp.size) found({ kind: 'log-shrank', saved: saved.size, size: cp.size });
    else await checkConsistency(http, base, saved, cp, found);
  }

  // The leaves do not make the signed tree: ask for each version's proof to name the ones out of place.
  const rootWrong = audit.findings.some((f) => (f.kind === 'root-mismatch' || f.kind === 'log-too-short') && f.size === cp.size);
  if (rootWrong) {
    const suspects = [...byLeaf].filter(([, p]) => p.index < cp.size);
    await mapLimit(suspects, limit, async ([id, p]) => {
      const proved = await provedInSignedTree(http, base, verifier, id, p.index, leaves.get(p.index)?.leaf ?? '');
      if (proved === false) found({ kind: 'not-in-signed-tree', publication: id, index: p.index });
      else if (proved !== true) found({ kind: 'no-proof', publication: id, index: p.index, detail: proved.detail });
    });
  }

  for (const printed of options.printed ?? []) {
    const texts = range(printed.size).map((i) => leaves.get(i)?.leaf);
    const actual = texts.every((t) => t !== undefined) && printed.size <= audit.size ? rootFingerprint(HashTree.fromLeaves(texts as string[]).root()) : null;
    if (actual === null || normalise(actual) !== normalise(printed.fingerprint)) found({ kind: 'printed-mismatch', size: printed.size, fingerprint: printed.fingerprint, actual });
  }
  return report;
}

// ——— private helpers ———

const TILE = 256;
/** the flag API's largest page */
const FLAG_LIST_LIMIT = 1000;

const LeafTile = z.object({ start: z.number().int(), leaves: z.array(z.object({ index: z.number().int().nonnegative(), leaf: z.string(), hash: z.string() })) });
const FlagList = z.object({ capped: z.boolean(), flags: z.array(z.looseObject({ id: z.string() })) });
const RoundList = z.object({ rounds: z.array(z.looseObject({ id: z.string() })) });
const FlagResponse = z.object({ flag: z.object({ id: z.string(), village: z.string(), rule: z.string(), events: z.array(z.looseObject({ seq: z.number() })) }) });
const RoundResponse = z.object({ round: z.object({ id: z.string(), scope: z.string(), events: z.array(z.looseObject({ seq: z.number() })) }) });
const SettingsResponse = z.object({ versions: z.array(z.object({ version: z.number().int(), document: z.unknown() })) });
const MatterResponse = z.object({ matter: z.object({ id: z.string(), village: z.string(), entries: z.array(z.object({ seq: z.number().int(), value: z.unknown() })) }) });
const SummaryList = z.object({ summaries: z.array(z.object({ scope: z.string(), seq: z.number().int(), document: z.unknown() })) });
const CatalogueList = z.object({ catalogues: z.array(z.object({ scope: z.string(), seq: z.number().int(), document: z.unknown() })) });

/** The served steps without the digest the API adds beside each: the audit recomputes it from the rest. */
function withoutDigests(events: ReadonlyArray<Record<string, unknown>>): Array<Record<string, unknown>> {
  return events.map(({ sha256: _digest, ...event }) => event);
}

async function checkConsistency(http: Http, base: string, saved: Checkpoint, cp: Checkpoint, found: (f: VerifyFinding) => void): Promise<void> {
  if (saved.size === cp.size || saved.size === 0) {
    const proof = verifyConsistency(saved.size, cp.size, [], saved.root, cp.root);
    if (!proof.ok) found({ kind: 'inconsistent', from: saved.size, to: cp.size, detail: proof.reason });
    return;
  }
  const res = await http.json(`${base}/api/v1/log/consistency?from=${saved.size}&to=${cp.size}`, ConsistencyResponse);
  if (!res.ok) return found({ kind: 'unreadable', url: res.url, detail: res.detail });
  const proof = res.value;
  if (proof.from !== saved.size || proof.to !== cp.size) return found({ kind: 'inconsistent', from: saved.size, to: cp.size, detail: `the proof is for ${proof.from} → ${proof.to}` });
  const check = verifyConsistency(saved.size, cp.size, proof.path.map(hashBytes), saved.root, cp.root);
  if (!check.ok) found({ kind: 'inconsistent', from: saved.size, to: cp.size, detail: check.reason });
}

const ConsistencyResponse = z.looseObject(ConsistencyProofJson.shape);
const InclusionResponse = z.looseObject({ ...InclusionProofJson.shape, checkpoint: z.string() });

/** Whether the portal's proof puts this leaf text at this index of a tree it signed; why not, when it gives no proof. */
async function provedInSignedTree(http: Http, base: string, verifier: NoteVerifier, id: string, index: number, leaf: string): Promise<boolean | { detail: string }> {
  const res = await http.json(`${base}/api/v1/publications/${encodeURIComponent(id)}/proof`, InclusionResponse);
  if (!res.ok) return { detail: res.detail };
  const cp = openCheckpoint(res.value.checkpoint, verifier);
  if (!cp.ok || cp.checkpoint.size !== res.value.size) return false;
  if (res.value.leaf !== undefined && res.value.leaf !== leaf) return false;
  const hash = leafHash(leaf);
  if (!equalBytes(hash, hashBytes(res.value.leafHash))) return false;
  return verifyInclusion(index, res.value.size, hash, res.value.path.map(hashBytes), cp.checkpoint.root).ok;
}

function normalise(fingerprint: string): string {
  return fingerprint.replace(/\s+/g, '').toLowerCase();
}
