import { readFileSync, writeFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { pick, rng } from '../demo/seeded-random.ts';
import { DEFAULT_ID_MASK, maskNumbersInText } from '../personal-data.ts';
import { PublicationContent, type PublicationKind } from '../publication.ts';
import { encodeText, mutateBytes, mutateCsvText, mutateJson } from './fuzz-mutations.ts';
import { importPublication } from './import-publication.ts';
import type { ImportInput, SourceFormat } from './import-result.ts';
import { mutateXlsxParts, mutateZipStructure } from './xlsx-mutations.ts';
import { SAMPLE_XLSX, sampleParts } from './zip-test-support.ts';

/**
 * 10,000 seeded mutations of the three field samples and of JSON publications, thrown at the
 * importer. It must never throw, and whatever it accepts must pass the publication schema and
 * carry no unmasked ID, phone or card number. Every case has its own seed: a failure names it,
 * `CASE=<family>:<index>` replays just that one, and `FUZZ_REPORT=<file>` writes the time per
 * family, the slowest cases and every failure there.
 *
 * The mix (20–40 s on two cores): 2,500 finance CSV (GBK), 2,500 subsidy CSV (UTF-8 with BOM),
 * 2,000 JSON (a third per kind), and 3,000 XLSX: 1,000 with bytes damaged anywhere and 500 with
 * a directory field broken (nearly all stop at the zip guard, which is cheap), and 1,500 with
 * the workbook XML edited inside a sound zip (these reach exceljs, ~7 ms each). About one in
 * eight CSV and JSON cases and one in three XML edits is still accepted, which exercises the
 * checks on accepted content.
 */

const SEED = 20_261_012;
const MIX: [Family, number][] = [
  ['finance-csv', 2_500],
  ['subsidy-csv', 2_500],
  ['json', 2_000],
  ['xlsx-bytes', 1_000],
  ['xlsx-directory', 500],
  ['xlsx-xml', 1_500],
];
type Family = 'finance-csv' | 'subsidy-csv' | 'json' | 'xlsx-bytes' | 'xlsx-directory' | 'xlsx-xml';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url)));
const FINANCE = iconv.decode(Buffer.from(fixture('430802108214-马头溪村-2026Q3-财务收支明细.csv')), 'gbk');
const SUBSIDY = new TextDecoder().decode(fixture('430802108214-马头溪村-2026年耕地地力保护补贴花名册.csv'));
const PARTS = sampleParts();
/** JSON bodies made from the samples' own content, as a village system would export them. */
const JSON_BODIES = new Map<PublicationKind, unknown>();

interface Case {
  family: Family;
  index: number;
  input: ImportInput;
  steps: string[];
}

function makeCase(family: Family, index: number): Case {
  const r = rng(SEED ^ (index * 0x9e3779b1) ^ family.length * 7919);
  const steps: string[] = [];
  let bytes: Uint8Array;
  let kind: PublicationKind;
  let format: SourceFormat;
  if (family === 'finance-csv' || family === 'subsidy-csv') {
    kind = family === 'finance-csv' ? 'finance' : 'subsidy';
    format = 'csv';
    const text = r() < 0.85 ? mutateCsvText(r, kind === 'finance' ? FINANCE : SUBSIDY, steps) : kind === 'finance' ? FINANCE : SUBSIDY;
    bytes = encodeText(r, text, kind === 'finance' ? 'gbk' : 'utf-8-bom', steps);
    if (r() < 0.3) bytes = mutateBytes(r, bytes, steps);
  } else if (family === 'json') {
    kind = pick(r, ['finance', 'subsidy', 'project'] as const);
    format = 'json';
    const body = r() < 0.85 ? mutateJson(r, JSON_BODIES.get(kind), steps) : JSON_BODIES.get(kind);
    // Not indented: a 3,000-deep nested array indented is tens of MB of spaces.
    bytes = new TextEncoder().encode(JSON.stringify(body));
    if (r() < 0.3) bytes = mutateBytes(r, bytes, steps);
  } else {
    kind = 'project';
    format = 'xlsx';
    if (family === 'xlsx-bytes') bytes = mutateBytes(r, SAMPLE_XLSX, steps);
    else if (family === 'xlsx-directory') bytes = mutateZipStructure(r, SAMPLE_XLSX, steps);
    else bytes = mutateXlsxParts(r, PARTS, steps);
  }
  const period = r() < 0.7 ? undefined : pick(r, ['2026', '2026-Q3', '2025-07', 'bad']);
  const programme = kind === 'subsidy' ? pick(r, ['', '', '耕地地力保护补贴', ' ']) || undefined : undefined;
  if (period) steps.push(`period=${period}`);
  return { family, index, steps, input: { bytes, format, kind, period, programme, filename: 'fuzz', idMask: DEFAULT_ID_MASK } };
}

/** Why an outcome is wrong, or null when it is fine. */
async function check(c: Case): Promise<{ outcome: 'ok' | 'refused'; problem: string | null }> {
  let result;
  try {
    result = await importPublication(c.input);
  } catch (error) {
    return { outcome: 'refused', problem: `threw ${describeError(error)}` };
  }
  if (!result.ok) return { outcome: 'refused', problem: result.errors.length === 0 ? 'refused without an error' : null };
  const parsed = PublicationContent.safeParse(result.content);
  if (!parsed.success) return { outcome: 'ok', problem: `content fails the schema: ${parsed.error.message.slice(0, 300)}` };
  if (result.content.kind !== c.input.kind) return { outcome: 'ok', problem: `${result.content.kind} content for a ${c.input.kind} upload` };
  const leak = unmaskedNumber(result.content);
  return { outcome: 'ok', problem: leak ? `publishes an unmasked number in ${leak}` : null };
}

/** The message and the first frames in our own code: enough to find the bug without pages of stack. */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const frames = (error.stack ?? '').split('\n').filter((l) => /\/(data|ingest)\//.test(l) && !l.includes('.test.ts'));
  return [`${error.name}: ${error.message}`, ...frames.slice(0, 3).map((f) => f.trim())].join(' ');
}

/** Numeric and date strings are not free text; everything else a reader sees is checked. */
const NOT_TEXT = new Set(['quantity', 'rateText', 'date', 'datePaid', 'plannedStart', 'actualStart', 'plannedCompletion', 'actualCompletion', 'period', 'id']);

function unmaskedNumber(value: unknown, path = 'content'): string | null {
  if (typeof value === 'string') return maskNumbersInText(value, DEFAULT_ID_MASK).found.length > 0 ? `${path} (${value.slice(0, 60)})` : null;
  if (value === null || typeof value !== 'object') return null;
  for (const [key, child] of Object.entries(value)) {
    if (NOT_TEXT.has(key)) continue;
    const found = unmaskedNumber(child, `${path}.${key}`);
    if (found) return found;
  }
  return null;
}

beforeAll(async () => {
  const samples: [PublicationKind, Uint8Array, SourceFormat][] = [
    ['finance', new Uint8Array(iconv.encode(FINANCE, 'gbk')), 'csv'],
    ['subsidy', new TextEncoder().encode(SUBSIDY), 'csv'],
    ['project', SAMPLE_XLSX, 'xlsx'],
  ];
  for (const [kind, bytes, format] of samples) {
    const result = await importPublication({ bytes, format, kind, idMask: DEFAULT_ID_MASK });
    if (!result.ok) throw new Error(`the ${kind} sample does not import`);
    const { kind: _kind, ...body } = result.content;
    JSON_BODIES.set(kind, body);
  }
});

describe('importPublication under 10,000 mutated inputs', () => {
  it('never throws, and accepts only schema-valid content without unmasked numbers', async () => {
    const only = process.env.CASE?.split(':');
    const failures: string[] = [];
    const outcomes = new Map<Family, { ok: number; refused: number }>();
    const timings: string[] = [];
    const slow: [number, string][] = [];
    for (const [family, count] of MIX) {
      const started = performance.now();
      const tally = { ok: 0, refused: 0 };
      outcomes.set(family, tally);
      for (let index = 0; index < count; index++) {
        if (only && (only[0] !== family || Number(only[1]) !== index)) continue;
        const t0 = performance.now();
        const c = makeCase(family, index);
        const { outcome, problem } = await check(c);
        slow.push([performance.now() - t0, `${family}:${index} ${c.input.bytes.length}B [${c.steps.join('; ')}]`]);
        tally[outcome]++;
        if (problem) failures.push(`${family}:${index} [${c.steps.join('; ')}] ${problem}`);
      }
      timings.push(`${family}: ${count} in ${Math.round(performance.now() - started)} ms, ${tally.ok} accepted`);
    }
    if (process.env.FUZZ_REPORT) {
      const slowest = slow.sort((a, b) => b[0] - a[0]).slice(0, 15).map(([ms, what]) => `${Math.round(ms)} ms ${what}`);
      writeFileSync(process.env.FUZZ_REPORT, [...timings, ...slowest, ...failures].join('\n'));
    }
    expect(failures.slice(0, 10), `${failures.length} failing cases`).toEqual([]);
    if (only) return;
    // Both outcomes must occur in every family, or the mutations are too weak (or too strong) to test anything.
    for (const [family, tally] of outcomes) {
      expect(tally.ok, `${family} accepted`).toBeGreaterThan(0);
      expect(tally.refused, `${family} refused`).toBeGreaterThan(0);
    }
  }, 180_000);
});

