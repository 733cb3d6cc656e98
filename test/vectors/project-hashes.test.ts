import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../data/canonical-json.ts';
import type { ComplaintEvent } from '../../data/complaints/complaint.ts';
import type { Flag, FlagEvent } from '../../data/flags/flag.ts';
import { HashTree } from '../../data/log/hash-tree.ts';
import { complaintEventDigest, flagEventDigest, flagSettingsDigest, leafText, LogLeaf, rectificationEventDigest } from '../../data/log/log-leaf.ts';
import { leafHash } from '../../data/log/merkle.ts';
import { publicationDigest } from '../../data/publication-digest.ts';
import type { RectificationEvent } from '../../data/rectification/rectification.ts';
import { photoMatches } from '../../scripts/lib/verify-publications.ts';

// The vectors printed in docs/verify.md, read from the page and recomputed with the project's own
// functions: the page, the portal and the outsider's code (independent-hashes.test.ts) agree.

const DOC = readFileSync(new URL('../../docs/verify.md', import.meta.url), 'utf8');
const INDEPENDENT = readFileSync(new URL('./independent-hashes.test.ts', import.meta.url), 'utf8');

interface Vector {
  id: string;
  input: unknown;
  canonical: string | null;
  result: string;
}

function vectors(doc: string): Map<string, Vector> {
  const out = new Map<string, Vector>();
  for (const [, id, body] of doc.matchAll(/^```json vector (\w+) input\n([\s\S]*?)\n```$/gm)) {
    const canonical = new RegExp(`^\`\`\`text vector ${id} canonical\\n([\\s\\S]*?)\\n\`\`\`$`, 'm').exec(doc)?.[1] ?? null;
    const result = new RegExp(`^\\*\\*${id} →\\*\\* \`([0-9a-f]+)\``, 'm').exec(doc)?.[1];
    if (!result) throw new Error(`docs/verify.md: vector ${id} has no result line`);
    out.set(id!, { id: id!, input: JSON.parse(body!), canonical, result });
  }
  return out;
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

/** What the project computes for each vector: the text it hashes (if any) and the result. */
function computed(v: Vector): { canonical: string | null; result: string } {
  const input = v.input;
  switch (v.id === 'PH' ? 'photo' : v.id[0]) {
    case 'K':
      return { canonical: canonicalJson(input), result: createHash('sha256').update(canonicalJson(input), 'utf8').digest('hex') };
    case 'P':
      return { canonical: canonicalJson(input), result: publicationDigest(v.input as Parameters<typeof publicationDigest>[0]) };
    case 'C': {
      const doc = v.input as { trackingCode: string; event: ComplaintEvent; complaint?: { village: string; category: string; text: string } };
      const complaint = doc.complaint ?? { village: '', category: '', text: '' };
      return { canonical: canonicalJson(doc), result: complaintEventDigest({ trackingCode: doc.trackingCode, ...complaint }, doc.event) };
    }
    case 'L': {
      const text = leafText(LogLeaf.parse(input));
      return { canonical: text, result: hex(leafHash(text)) };
    }
    case 'R': {
      const [left, right] = v.input as [string, string];
      const tree = new HashTree();
      tree.append(new Uint8Array(Buffer.from(left, 'hex')));
      tree.append(new Uint8Array(Buffer.from(right, 'hex')));
      return { canonical: null, result: hex(tree.root()) };
    }
    case 'F': {
      const doc = v.input as { flag: Pick<Flag, 'id' | 'village' | 'rule'>; event: FlagEvent };
      return { canonical: canonicalJson(doc), result: flagEventDigest(doc.flag, doc.event) };
    }
    case 'G': {
      const doc = v.input as { round: { id: string; scope: string }; event: RectificationEvent };
      return { canonical: canonicalJson(doc), result: rectificationEventDigest(doc.round, doc.event) };
    }
    case 'S':
      return { canonical: canonicalJson(input), result: flagSettingsDigest(input) };
    default: {
      const bytes = new Uint8Array(Buffer.from((v.input as { bytesHex: string }).bytesHex, 'hex'));
      const match = photoMatches(v.result, bytes);
      return { canonical: null, result: match.actual };
    }
  }
}

describe('the test vectors of docs/verify.md', () => {
  const all = vectors(DOC);

  it('cover every recipe on the page', () => {
    expect([...all.keys()]).toEqual(['K1', 'P1', 'L1', 'L2', 'R2', 'C1', 'C2', 'F1', 'G1', 'S1', 'PH']);
  });

  it.each([...all.values()].map((v) => [v.id, v] as const))('%s: the project’s functions give the canonical JSON and the hash the page prints', (_id, v) => {
    const got = computed(v);
    if (v.canonical !== null) expect(got.canonical).toBe(v.canonical);
    expect(got.result).toBe(v.result);
  });

  it('are the ones the independent recomputation checks', () => {
    for (const v of all.values()) expect(INDEPENDENT, `${v.id} ${v.result}`).toContain(v.result);
    // K1's text holds escapes, which the independent test writes escaped once more; its hash ties it
    for (const v of all.values()) if (v.canonical !== null && v.id !== 'K1') expect(INDEPENDENT, `${v.id} canonical`).toContain(v.canonical);
  });

  it('fail when a printed hash is off by one digit', () => {
    const v = all.get('P1')!;
    const wrong = { ...v, result: v.result.replace(/.$/, (d) => (d === '0' ? '1' : '0')) };
    expect(computed(wrong).result).not.toBe(wrong.result);
  });
});
