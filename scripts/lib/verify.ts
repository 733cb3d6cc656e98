import { z } from 'zod';
import { auditLog, describeFinding, type AuditedFlag, type AuditedFlagSettings, type AuditedLeaf, type AuditedPublication, type AuditedRound, type AuditFinding } from '../../data/log/audit-log.ts';
import { fromBase64 } from '../../data/log/base64.ts';
import { openCheckpoint, rootFingerprint, type Checkpoint } from '../../data/log/checkpoint.ts';
import { HashTree } from '../../data/log/hash-tree.ts';
import { parseLeaf } from '../../data/log/log-leaf.ts';
import { equalBytes, leafHash, verifyConsistency, verifyInclusion } from '../../data/log/merkle.ts';
import { ConsistencyProofJson, hashBytes, InclusionProofJson } from '../../data/log/proof-json.ts';
import { parseVerifierKey, type NoteVerifier } from '../../data/log/signed-note.ts';
import { PublicationKind, type PublicationContent } from '../../data/publication.ts';

/**
 * The journalist's check of a portal (`npm run portal -- verify`): downloads the log's key, its
 * signed checkpoint, every leaf and every published version, and checks that the checkpoint is
 * signed by the key, the leaves hash to its root, each version's content still has the SHA-256
 * its leaf recorded (or its takedown is in the log), and the log only grew since a checkpoint
 * saved earlier. Everything it finds is returned, named; nothing is thrown for a finding.
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
  | { kind: 'printed-mismatch'; size: number; fingerprint: string; actual: string | null };

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
  /** red flags whose every step was checked against its leaf */
  flags: number;
  /** flags in the log that are not public yet (the village's time to explain): their steps are not served, so not checked */
  flagsNotYetPublic: number;
  /** rounds of rectification and versions of county settings checked against their leaves */
  rounds: number;
  settings: number;
  saved: Checkpoint | null;
  findings: VerifyFinding[];
}

export async function verifyPortal(options: VerifyOptions): Promise<VerifyReport> {
  const base = options.url.replace(/\/+$/, '');
  const http = client(options.fetch ?? fetch);
  const limit = options.concurrency ?? 8;
  const report: VerifyReport = { checkpoint: null, note: null, signedBy: null, leaves: 0, publications: 0, takenDown: 0, flags: 0, flagsNotYetPublic: 0, rounds: 0, settings: 0, saved: null, findings: [] };
  const found = (f: VerifyFinding): void => {
    report.findings.push(f);
  };

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
      if (res.status !== 404) found(res.status === null ? { kind: 'unreachable', url: res.url, detail: res.detail } : { kind: 'unreadable', url: res.url, detail: res.detail });
      return 'absent';
    }
    for (const l of res.value.leaves) {
      const hash = fromBase64(l.hash);
      leaves.set(l.index, { index: l.index, leaf: l.leaf, ...(hash ? { hash } : {}) });
    }
    return res.value.leaves.length >= TILE ? 'full' : 'partial';
  };
  await mapLimit(range(Math.ceil(cp.size / TILE)), limit, async (n) => void (await fetchTile(n)));

  // The villages the log names, and every version their data twins list: a version whose leaf
  // was deleted is found this way. Leaves appended while this ran are fetched once more.
  const logged = () => publicationLeaves(leaves);
  const villages = [...new Set([...logged().values()].map((p) => p.village))];
  const listed = new Map<string, string>(); // publication id → village
  await mapLimit(villages, limit, async (village) => {
    const res = await http.json(`${base}/v/${village}/index.json`, VillageTwin);
    if (!res.ok) return found({ kind: 'unreadable', url: res.url, detail: res.detail });
    for (const h of res.value.history) listed.set(h.id, village);
  });
  if ([...listed.keys()].some((id) => !logged().has(id))) {
    let n = Math.floor(Math.max(0, ...leaves.keys()) / TILE);
    while ((await fetchTile(n)) === 'full') n += 1;
  }
  const byLeaf = logged();
  const tombstoned = new Set([...leaves.values()].flatMap((l) => {
    const parsed = parseLeaf(l.leaf);
    return parsed.ok && parsed.leaf.type === 'tombstone' ? [parsed.leaf.publication] : [];
  }));

  // Every version, as its data twin serves it.
  const wanted = new Map<string, string>([...[...byLeaf].map(([id, p]) => [id, p.village] as const), ...listed]);
  const publications: AuditedPublication[] = [];
  await mapLimit([...wanted], limit, async ([id, village]) => {
    const res = await http.json(`${base}/v/${village}/p/${encodeURIComponent(id)}/index.json`, PublicationTwin);
    if (!res.ok) {
      // a missing version is named by the audit (its leaf has no publication)
      if (res.status !== 404) found({ kind: 'unreadable', url: res.url, detail: res.detail });
      return;
    }
    const twin = res.value;
    if (tombstoned.has(id) && twin.content !== null) found({ kind: 'takedown-not-applied', publication: id });
    publications.push({ ...twin, content: twin.content as PublicationContent | null });
  });
  report.publications = publications.filter((p) => p.content !== null).length;
  report.takenDown = publications.length - report.publications;

  // Flags, rounds and county settings named by the log, as the API serves them: each step's digest
  // must be the one its leaf carries. A flag not yet public is not served, so it is counted, not checked.
  const records = loggedRecords(leaves);
  const flags: AuditedFlag[] = [];
  await mapLimit([...records.flags], limit, async (id) => {
    const res = await http.json(`${base}/api/v1/flags/${id}`, FlagResponse);
    if (res.ok) flags.push({ ...res.value.flag, events: withoutDigests(res.value.flag.events) } as unknown as AuditedFlag);
    else if (res.status === 404) report.flagsNotYetPublic += 1;
    else found({ kind: 'unreadable', url: res.url, detail: res.detail });
  });
  const rounds: AuditedRound[] = [];
  await mapLimit([...records.rounds], limit, async (id) => {
    const res = await http.json(`${base}/api/v1/rectification/rounds/${id}`, RoundResponse);
    if (res.ok) rounds.push({ ...res.value.round, events: withoutDigests(res.value.round.events) } as unknown as AuditedRound);
    else found(res.status === null ? { kind: 'unreachable', url: res.url, detail: res.detail } : { kind: 'unreadable', url: res.url, detail: res.detail });
  });
  const flagSettings: AuditedFlagSettings[] = [];
  await mapLimit([...records.settings], limit, async (code) => {
    const res = await http.json(`${base}/api/v1/flag-settings/${code}`, SettingsResponse);
    if (res.ok) flagSettings.push(...res.value.versions.map((v) => ({ code, version: v.version, document: v.document })));
    else found(res.status === null ? { kind: 'unreachable', url: res.url, detail: res.detail } : { kind: 'unreadable', url: res.url, detail: res.detail });
  });
  Object.assign(report, { flags: flags.length, rounds: rounds.length, settings: flagSettings.length });

  const roots = [{ size: cp.size, root: cp.root }, ...(saved && saved.size <= cp.size ? [{ size: saved.size, root: saved.root }] : [])];
  const audit = auditLog([...leaves.values()], publications, { roots, flags, rounds, flagSettings });
  report.leaves = audit.size;
  for (const finding of audit.findings) found({ kind: 'audit', finding });

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

/** One line per finding, Chinese first with English alongside. */
export function describeVerifyFinding(f: VerifyFinding): string {
  switch (f.kind) {
    case 'audit':
      return describeFinding(f.finding);
    case 'unreachable':
      return `无法下载 ${f.url}：${f.detail} / could not download ${f.url}: ${f.detail}`;
    case 'unreadable':
      return `${f.url} 的内容无法读取：${f.detail} / ${f.url} is unreadable: ${f.detail}`;
    case 'bad-key':
      return `验证密钥无效：${f.detail} / the verifier key is invalid: ${f.detail}`;
    case 'key-changed':
      return `门户公布的密钥（${f.served}）与你固定的密钥不同，已按你固定的密钥核验 / the portal serves a different key (${f.served}) from the one you pinned; checked with yours`;
    case 'bad-checkpoint':
      return `检查点签名无效或格式错误（${f.detail}）/ the checkpoint's signature or format is invalid (${f.detail})`;
    case 'bad-saved-checkpoint':
      return `保存的检查点无法验证（${f.detail}）/ the saved checkpoint does not verify (${f.detail})`;
    case 'log-shrank':
      return `日志变短了：保存时有 ${f.saved} 条，现在只有 ${f.size} 条 / the log shrank: ${f.saved} leaves when saved, ${f.size} now`;
    case 'inconsistent':
      return `现在的日志与保存的检查点不一致（${f.from} → ${f.to} 条，${f.detail}）：已有记录被改写 / the log is not consistent with the saved checkpoint (${f.from} → ${f.to}, ${f.detail}): earlier records were rewritten`;
    case 'not-in-signed-tree':
      return `公开记录 ${f.publication}（日志第 ${f.index} 号记录）不在签名的日志树中该位置 / publication ${f.publication} (leaf ${f.index}) is not where the signed tree has it`;
    case 'no-proof':
      return `门户无法证明公开记录 ${f.publication}（日志第 ${f.index} 号记录）在签名的日志树中（${f.detail}）/ the portal cannot prove publication ${f.publication} (leaf ${f.index}) is in the signed tree (${f.detail})`;
    case 'takedown-not-applied':
      return `公开记录 ${f.publication} 已在日志中撤下，但内容仍在公开 / publication ${f.publication} was taken down in the log but its content is still served`;
    case 'printed-mismatch':
      return `打印的日志指纹（${f.size} 条，${f.fingerprint}）与日志不符${f.actual ? `（应为 ${f.actual}）` : ''} / the printed fingerprint (${f.size} leaves, ${f.fingerprint}) does not match the log${f.actual ? ` (it is ${f.actual})` : ''}`;
  }
}

/** What the command prints when all is well (or before the findings). */
export function summaryLines(report: VerifyReport, url: string): string[] {
  const cp = report.checkpoint;
  if (!cp) return [`门户 / portal: ${url}`];
  const lines = [
    `门户 / portal: ${url}`,
    `日志 / log: ${cp.origin}，检查点共 ${cp.size} 条记录 / checkpoint of ${cp.size} leaves，日志指纹 / fingerprint ${rootFingerprint(cp.root)}`,
    `签名 / signed by: ${report.signedBy ?? '—'}`,
    `已核对 ${report.leaves} 条日志记录、${report.publications} 份公开记录、${report.takenDown} 份已撤下记录 / checked ${report.leaves} leaves, ${report.publications} publications, ${report.takenDown} taken down`,
    `已核对 ${report.flags} 条核对提示、${report.rounds} 轮巡察整改、${report.settings} 个县级设置版本的每一步 / checked every step of ${report.flags} flags, ${report.rounds} rounds and ${report.settings} settings versions` +
      (report.flagsNotYetPublic > 0 ? `；另有 ${report.flagsNotYetPublic} 条提示尚未公开，未核对内容 / ${report.flagsNotYetPublic} flags not yet public, content not checked` : ''),
  ];
  if (report.saved) lines.push(`保存的检查点 / saved checkpoint: ${report.saved.size} 条 / leaves，指纹 / fingerprint ${rootFingerprint(report.saved.root)}`);
  return lines;
}

// ——— private helpers ———

const TILE = 256;

const FlagResponse = z.object({ flag: z.object({ id: z.string(), village: z.string(), rule: z.string(), events: z.array(z.looseObject({ seq: z.number() })) }) });
const RoundResponse = z.object({ round: z.object({ id: z.string(), scope: z.string(), events: z.array(z.looseObject({ seq: z.number() })) }) });
const SettingsResponse = z.object({ versions: z.array(z.object({ version: z.number().int(), document: z.unknown() })) });

/** The served steps without the digest the API adds beside each: the audit recomputes it from the rest. */
function withoutDigests(events: ReadonlyArray<Record<string, unknown>>): Array<Record<string, unknown>> {
  return events.map(({ sha256: _digest, ...event }) => event);
}

/** The flags, rounds and settings codes the log has leaves for. */
function loggedRecords(leaves: ReadonlyMap<number, AuditedLeaf>): { flags: Set<string>; rounds: Set<string>; settings: Set<string> } {
  const out = { flags: new Set<string>(), rounds: new Set<string>(), settings: new Set<string>() };
  for (const l of leaves.values()) {
    const parsed = parseLeaf(l.leaf);
    if (!parsed.ok) continue;
    if (parsed.leaf.type === 'flag-event') out.flags.add(parsed.leaf.flag);
    else if (parsed.leaf.type === 'rectification-event') out.rounds.add(parsed.leaf.round);
    else if (parsed.leaf.type === 'flag-settings') out.settings.add(parsed.leaf.code);
  }
  return out;
}

const LeafTile = z.object({ start: z.number().int(), leaves: z.array(z.object({ index: z.number().int().nonnegative(), leaf: z.string(), hash: z.string() })) });
const VillageTwin = z.object({ history: z.array(z.object({ id: z.string().min(1) })) });
const PublicationTwin = z.object({
  id: z.string().min(1),
  village: z.string(),
  kind: PublicationKind,
  period: z.string(),
  subject: z.string(),
  version: z.number().int(),
  supersedes: z.string().nullable(),
  publishedAt: z.string(),
  sha256: z.string(),
  // the digest is recomputed from exactly what was served, so the content is not reshaped
  content: z.unknown().transform((c) => c ?? null),
});

type Fetched<T> = { ok: true; value: T } | { ok: false; url: string; status: number | null; detail: string };
type Http = ReturnType<typeof client>;

function client(fetchFn: typeof fetch) {
  const get = async (url: string): Promise<{ ok: true; text: string } | { ok: false; url: string; status: number | null; detail: string }> => {
    try {
      const res = await fetchFn(url, { signal: AbortSignal.timeout(60_000), headers: { accept: 'application/json, text/plain' } });
      const text = await res.text();
      if (!res.ok) return { ok: false, url, status: res.status, detail: `HTTP ${res.status}` };
      return { ok: true, text };
    } catch (error) {
      return { ok: false, url, status: null, detail: error instanceof Error ? error.message : String(error) };
    }
  };
  return {
    text: get,
    async json<T>(url: string, schema: z.ZodType<T>): Promise<Fetched<T>> {
      const res = await get(url);
      if (!res.ok) return res;
      let json: unknown;
      try {
        json = JSON.parse(res.text);
      } catch {
        return { ok: false, url, status: 200, detail: 'not JSON' };
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) return { ok: false, url, status: 200, detail: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
      return { ok: true, value: parsed.data };
    },
  };
}

/** The publication leaves: id → village and leaf index. */
function publicationLeaves(leaves: ReadonlyMap<number, AuditedLeaf>): Map<string, { village: string; index: number }> {
  const out = new Map<string, { village: string; index: number }>();
  for (const l of leaves.values()) {
    const parsed = parseLeaf(l.leaf);
    if (parsed.ok && parsed.leaf.type === 'publication' && !out.has(parsed.leaf.id)) out.set(parsed.leaf.id, { village: parsed.leaf.village, index: l.index });
  }
  return out;
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

function range(n: number): number[] {
  return Array.from({ length: Math.max(0, n) }, (_, i) => i);
}

function normalise(fingerprint: string): string {
  return fingerprint.replace(/\s+/g, '').toLowerCase();
}

async function mapLimit<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
