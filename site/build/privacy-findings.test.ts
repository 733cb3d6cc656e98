import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WithheldFile } from './output-writer.ts';
import { findingsLedger, privacyFindingsPath, readPrivacyFindings } from './privacy-findings.ts';

// The staff's list of withheld files: a full build replaces it, a rebuild updates the files it wrote.
const MASKED_ID = '430802********1328';
let dir: string;
let lines: string[];
let tick: number;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cunwu-findings-'));
  lines = [];
  tick = 0;
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const ledger = () => findingsLedger({ path: privacyFindingsPath(dir), clock: () => new Date(Date.UTC(2026, 9, 12, 8, 0, tick++)), log: (l) => lines.push(l) });
const list = () => {
  const read = readPrivacyFindings(privacyFindingsPath(dir));
  if (read.kind !== 'ok') throw new Error(read.message);
  return read.document;
};
const page = (file: string, line = 3): WithheldFile => ({ file, findings: [{ kind: 'id-number', at: 40, line, shown: MASKED_ID }] });

describe('the list of withheld files', () => {
  it('is empty before any build', () => {
    expect(list()).toEqual({ updatedAt: null, findings: [] });
  });

  it('after a full build names each finding masked, with its village and publication, and the log has one line each', () => {
    ledger().replace([page('v/430802108214/index.html'), page('v/430802108214/p/pub1/index.html', 9), page('index.html', 5)]);
    expect(list()).toEqual({
      updatedAt: '2026-10-12T08:00:00.000Z',
      findings: [
        { file: 'v/430802108214/index.html', scope: '430802108214', publication: null, kind: 'id-number', line: 3, shown: MASKED_ID, message: `v/430802108214/index.html:3 身份证号 / ID number ${MASKED_ID}`, at: '2026-10-12T08:00:00.000Z' },
        { file: 'v/430802108214/p/pub1/index.html', scope: '430802108214', publication: 'pub1', kind: 'id-number', line: 9, shown: MASKED_ID, message: `v/430802108214/p/pub1/index.html:9 身份证号 / ID number ${MASKED_ID}`, at: '2026-10-12T08:00:00.000Z' },
        { file: 'index.html', scope: null, publication: null, kind: 'id-number', line: 5, shown: MASKED_ID, message: `index.html:5 身份证号 / ID number ${MASKED_ID}`, at: '2026-10-12T08:00:00.000Z' },
      ],
    });
    expect(lines).toEqual([
      '[privacy] 3 个文件含未打码的个人号码，已改为“内容待核查” / 3 files carry unmasked personal numbers and were withheld:',
      `v/430802108214/index.html:3 身份证号 / ID number ${MASKED_ID}`,
      `v/430802108214/p/pub1/index.html:9 身份证号 / ID number ${MASKED_ID}`,
      `index.html:5 身份证号 / ID number ${MASKED_ID}`,
    ]);
  });

  it('drops a page a rebuild wrote clean, keeps the others, and takes a page withheld again with its new findings', () => {
    ledger().replace([page('v/430802108214/index.html'), page('v/430802108214/p/pub1/index.html')]);
    ledger().apply({ withheld: [page('v/430802108214/p/pub1/index.html', 12)], cleared: ['v/430802108214/index.html', 'index.html'] });
    expect(list().findings.map((f) => [f.file, f.line, f.at])).toEqual([['v/430802108214/p/pub1/index.html', 12, '2026-10-12T08:00:01.000Z']]);
    expect(list().updatedAt).toBe('2026-10-12T08:00:01.000Z');
  });

  it('is not rewritten by a clean rebuild of pages it does not name', () => {
    ledger().replace([page('v/430802108214/index.html')]);
    const before = readFileSync(privacyFindingsPath(dir), 'utf8');
    ledger().apply({ withheld: [], cleared: ['index.html', 'r/430802/index.html'] });
    expect(readFileSync(privacyFindingsPath(dir), 'utf8')).toBe(before);
    expect(lines.filter((l) => l.startsWith('[privacy]'))).toHaveLength(1);
  });

  it('starts afresh, saying so, when the file cannot be read', () => {
    writeFileSync(privacyFindingsPath(dir), '{"findings": [');
    expect(readPrivacyFindings(privacyFindingsPath(dir)).kind).toBe('unreadable');
    ledger().apply({ withheld: [page('r/430802/index.html')], cleared: [] });
    expect(list().findings.map((f) => [f.file, f.scope, f.publication])).toEqual([['r/430802/index.html', '430802', null]]);
    expect(lines.some((l) => l.startsWith('[privacy] 核查清单无法读取，重新开始 / the list of findings is unreadable and starts afresh'))).toBe(true);
  });
});
