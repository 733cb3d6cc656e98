import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { rng } from '../demo/seeded-random.ts';
import { DEFAULT_ID_MASK, maskNumbersInText } from '../personal-data.ts';
import { PublicationContent } from '../publication.ts';
import { encodeText, mutateCsvText, mutateJson } from './fuzz-mutations.ts';
import { importPublication } from './import-publication.ts';
import type { ImportInput } from './import-result.ts';

/**
 * The contract ledger sample, mutated 1,500 times as CSV and 500 times as JSON (the import-fuzz
 * mix predates the kind). Whatever is accepted must pass the schema and publish no unmasked
 * number; nothing may throw; row 8's raw ID may appear nowhere, accepted or refused.
 */

const TEXT = iconv.decode(readFileSync(new URL('../../test/fixtures/430821212212-康家坪村-集体资产资源合同台账.csv', import.meta.url)), 'gb18030');
const RAW_ID = '430821198312126262';
/** Dates and credit codes (public, and a word of letters and digits to the privacy scan), not free text. */
const NOT_TEXT = new Set(['start', 'end', 'due', 'from', 'to', 'asOf', 'period', 'creditCode']);

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

async function problem(input: ImportInput): Promise<{ ok: boolean; problem: string | null }> {
  let result;
  try {
    result = await importPublication(input);
  } catch (error) {
    return { ok: false, problem: `threw ${String(error)}` };
  }
  if (JSON.stringify(result).includes(RAW_ID)) return { ok: result.ok, problem: 'the raw ID of row 8 is in the result' };
  if (!result.ok) return { ok: false, problem: result.errors.length === 0 ? 'refused without an error' : null };
  if (!PublicationContent.safeParse(result.content).success) return { ok: true, problem: 'content fails the schema' };
  const leak = unmaskedNumber(result.content);
  return { ok: true, problem: leak ? `publishes an unmasked number in ${leak}` : null };
}

describe('contract import under mutated inputs', () => {
  it('never throws, and accepts only schema-valid content without unmasked numbers', async () => {
    const base = await importPublication({ bytes: iconv.encode(TEXT, 'gbk'), format: 'csv', kind: 'contract', idMask: DEFAULT_ID_MASK });
    if (!base.ok || base.content.kind !== 'contract') throw new Error('the sample does not import');
    // A village system's export: the party's number as it holds it, row 8's unmasked.
    const jsonBody = {
      ...base.content,
      kind: undefined,
      contracts: base.content.contracts.map(({ subjectClass: _c, partyKind: _p, creditCode, idNumber, ...c }) => ({ ...c, partyId: creditCode ?? (c.row === 8 ? RAW_ID : idNumber) })),
    };
    const failures: string[] = [];
    const tally = { ok: 0, refused: 0 };
    for (let i = 0; i < 2_000; i++) {
      const r = rng(20_261_130 ^ (i * 0x9e3779b1));
      const steps: string[] = [];
      const json = i >= 1_500;
      let bytes: Uint8Array;
      try {
        bytes = json ? new TextEncoder().encode(JSON.stringify(mutateJson(r, jsonBody, steps))) : encodeText(r, mutateCsvText(r, TEXT, steps), 'gbk', steps);
      } catch {
        continue; // the mutation itself overflowed (structuredClone of a 3,000-deep array): no input to try
      }
      const outcome = await problem({ bytes, format: json ? 'json' : 'csv', kind: 'contract', idMask: DEFAULT_ID_MASK });
      tally[outcome.ok ? 'ok' : 'refused']++;
      if (outcome.problem) failures.push(`${i} [${steps.join('; ')}] ${outcome.problem}`);
    }
    expect(failures.slice(0, 10), `${failures.length} failing cases`).toEqual([]);
    expect(tally.ok).toBeGreaterThan(100);
    expect(tally.refused).toBeGreaterThan(100);
  }, 120_000);
});
