import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';

// An outsider's recomputation of the test vectors in docs/verify.md, written from that page alone:
// it imports nothing from this project (node:crypto and its own canonical JSON), so a mistake shared
// by the portal and its own verifier cannot hide here. test/vectors/project-hashes.test.ts checks
// these are the page's vectors and the project's functions agree.

/** Canonical JSON as docs/verify.md specifies it, written out rather than borrowed. */
function canonical(value: unknown): string {
  if (value === null) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('no NaN or Infinity');
    return Number.isInteger(value) ? value.toFixed(0) : value.toString();
  }
  if (typeof value === 'string') return quote(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object') {
    const keys = Object.keys(value as object)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort(byCodeUnits);
    return `{${keys.map((k) => `${quote(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  throw new TypeError(`not JSON: ${typeof value}`);
}

function byCodeUnits(a: string, b: string): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const d = a.charCodeAt(i) - b.charCodeAt(i);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

const SHORT: Record<number, string> = { 0x22: '\\"', 0x5c: '\\\\', 0x08: '\\b', 0x09: '\\t', 0x0a: '\\n', 0x0c: '\\f', 0x0d: '\\r' };

function quote(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const unit = s.charCodeAt(i);
    const high = unit >= 0xd800 && unit <= 0xdbff;
    const low = unit >= 0xdc00 && unit <= 0xdfff;
    const next = s.charCodeAt(i + 1);
    if (SHORT[unit] !== undefined) out += SHORT[unit];
    else if (unit < 0x20) out += `\\u${unit.toString(16).padStart(4, '0')}`;
    else if (high && next >= 0xdc00 && next <= 0xdfff) out += s[i]! + s[++i]!;
    else if (high || low) out += `\\u${unit.toString(16)}`;
    else out += s[i];
  }
  return `${out}"`;
}

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes).digest('hex');
const digest = (value: unknown) => sha256(canonical(value));
const leafHash = (text: string) => sha256(Buffer.concat([Buffer.from([0]), Buffer.from(text, 'utf8')]));
const nodeHash = (left: string, right: string) => sha256(Buffer.concat([Buffer.from([1]), Buffer.from(left, 'hex'), Buffer.from(right, 'hex')]));

const P1 = {
  village: '430802108214',
  kind: 'finance',
  period: '2026-Q3',
  subject: '',
  content: {
    kind: 'finance',
    title: '马头溪村2026年第三季度财务收支明细',
    period: '2026-Q3',
    openingBalance: 1250000,
    entries: [{ row: 5, date: '2026-07-03', voucher: '记-01', summary: '收到村道硬化项目上级补助', account: '补助收入', income: 15000000, expense: 0, balance: 16250000, remark: null }],
    totals: { income: 15000000, expense: 0, closingBalance: 16250000 },
    notes: ['单位：元'],
  },
};
const C1 = {
  trackingCode: '7KQ2M9XH4R',
  event: { seq: 1, at: '2026-10-12T08:00:00.000Z', actor: '群众', type: 'received' },
  complaint: { village: '430802108214', category: '财务公开', text: '村道硬化的补助什么时候公示？' },
};

describe('the hash recipes of docs/verify.md, recomputed from the page alone', () => {
  it('K1: canonical JSON sorts keys by UTF-16 code units and escapes only what JSON must', () => {
    const input = { 'ｚ': 1, '😀': 2, b: [true, false, null], a: '引号"反斜杠\\换行\n控制\u0001/斜杠', c: -12.5 };
    expect(canonical(input)).toBe('{"a":"引号\\"反斜杠\\\\换行\\n控制\\u0001/斜杠","b":[true,false,null],"c":-12.5,"😀":2,"ｚ":1}');
    expect(digest(input)).toBe('8223d51af7721078371c42ed722ab87dd98169e9ffb9d9bb0c6d7181865560c9');
    // a lone surrogate is escaped; a pair is written as it is
    expect(canonical('\ud83d|\ud83d\ude00')).toBe('"\\ud83d|😀"');
  });

  it('P1: a version’s content digest', () => {
    expect(canonical(P1)).toBe(
      '{"content":{"entries":[{"account":"补助收入","balance":16250000,"date":"2026-07-03","expense":0,"income":15000000,"remark":null,"row":5,"summary":"收到村道硬化项目上级补助","voucher":"记-01"}],"kind":"finance","notes":["单位：元"],"openingBalance":1250000,"period":"2026-Q3","title":"马头溪村2026年第三季度财务收支明细","totals":{"closingBalance":16250000,"expense":0,"income":15000000}},"kind":"finance","period":"2026-Q3","subject":"","village":"430802108214"}',
    );
    expect(digest(P1)).toBe('953ddc4757784a088d512992e1308b1b2fc95f788cf295b355a29c89926f7a48');
    expect(digest({ ...P1, village: '430802108201' })).not.toBe('953ddc4757784a088d512992e1308b1b2fc95f788cf295b355a29c89926f7a48');
  });

  it('C1, C2: a complaint step salted with its tracking code, the complaint itself in the received step only', () => {
    expect(canonical(C1)).toBe(
      '{"complaint":{"category":"财务公开","text":"村道硬化的补助什么时候公示？","village":"430802108214"},"event":{"actor":"群众","at":"2026-10-12T08:00:00.000Z","seq":1,"type":"received"},"trackingCode":"7KQ2M9XH4R"}',
    );
    expect(digest(C1)).toBe('ecdf500a2a44c82945208b37ecc2aea4bad10381a553896c183d4ab232b3510f');
    const C2 = { trackingCode: '7KQ2M9XH4R', event: { seq: 3, at: '2026-10-15T02:30:00.000Z', actor: '王家坪镇纪委', type: 'reply', text: '已公示在10月的财务收支明细中，见第5行。' } };
    expect(canonical(C2)).toBe('{"event":{"actor":"王家坪镇纪委","at":"2026-10-15T02:30:00.000Z","seq":3,"text":"已公示在10月的财务收支明细中，见第5行。","type":"reply"},"trackingCode":"7KQ2M9XH4R"}');
    expect(digest(C2)).toBe('fc30d314f513c95617c10d7d1debb8c33700677b3884d47fcd80178096223ae7');
    // another code gives another hash: the public leaf says nothing without it
    expect(digest({ ...C1, trackingCode: '7KQ2M9XH4S' })).not.toBe('ecdf500a2a44c82945208b37ecc2aea4bad10381a553896c183d4ab232b3510f');
  });

  it('L1, L2, R2: leaf hashes carry the digests above, and the tree of both hashes them with 0x01', () => {
    const L1 = {
      type: 'publication', id: '06h4ndz2afqak5aycgj11qbj', village: '430802108214', kind: 'finance', period: '2026-Q3',
      version: 1, supersedes: null, publishedAt: '2026-10-12T07:00:00.000Z', sha256: digest(P1),
    };
    const l1 = canonical(L1);
    expect(l1).toBe('{"id":"06h4ndz2afqak5aycgj11qbj","kind":"finance","period":"2026-Q3","publishedAt":"2026-10-12T07:00:00.000Z","sha256":"953ddc4757784a088d512992e1308b1b2fc95f788cf295b355a29c89926f7a48","supersedes":null,"type":"publication","version":1,"village":"430802108214"}');
    expect(leafHash(l1)).toBe('682d714bdd10a62f688a7a689eace80d6ad5c4f1607f93a9dcf34b199237276e');
    const l2 = canonical({ type: 'complaint-event', complaint: '1', seq: 1, event: 'received', at: '2026-10-12T08:00:00.000Z', hash: digest(C1) });
    expect(l2).toBe('{"at":"2026-10-12T08:00:00.000Z","complaint":"1","event":"received","hash":"ecdf500a2a44c82945208b37ecc2aea4bad10381a553896c183d4ab232b3510f","seq":1,"type":"complaint-event"}');
    expect(leafHash(l2)).toBe('639064dffe7434b7330157b313a11e2be4c473a3d37710ec505c01f1909cdff6');
    expect(nodeHash(leafHash(l1), leafHash(l2))).toBe('394a5c32f2dbf0e53736a346a960b9cfff349c3cd86a58d071104ada32a99b39');
    // without the 0x00 prefix the leaf hash is another value (RFC 6962 keeps leaves and nodes apart)
    expect(sha256(l1)).not.toBe('682d714bdd10a62f688a7a689eace80d6ad5c4f1607f93a9dcf34b199237276e');
  });

  it('F1, G1, S1: flag and round steps with their record, settings documents as they are', () => {
    const F1 = { flag: { id: '3', village: '430821212212', rule: 'receivable-overdue' }, event: { seq: 2, at: '2026-10-20T01:00:00.000Z', actor: '康家坪村', type: 'explained', text: '承包户申请缓缴，已签订还款计划。' } };
    expect(canonical(F1)).toBe('{"event":{"actor":"康家坪村","at":"2026-10-20T01:00:00.000Z","seq":2,"text":"承包户申请缓缴，已签订还款计划。","type":"explained"},"flag":{"id":"3","rule":"receivable-overdue","village":"430821212212"}}');
    expect(digest(F1)).toBe('7bfeb6a58d94609e26ecb9c5f055207a05acb0da6c95c664a30425304d4e3c8c');
    const G1 = { round: { id: '1', scope: '430821' }, event: { seq: 7, at: '2026-11-30T09:00:00.000Z', actor: '慈利县委巡察办', type: 'round-closed', summary: '全部问题已整改销号。' } };
    expect(canonical(G1)).toBe('{"event":{"actor":"慈利县委巡察办","at":"2026-11-30T09:00:00.000Z","seq":7,"summary":"全部问题已整改销号。","type":"round-closed"},"round":{"id":"1","scope":"430821"}}');
    expect(digest(G1)).toBe('819bf92b6d0457895470eb70efafcec7d7eed4d3e6c201d89520330f82a2a95f');
    const S1 = { publication: { mode: 'after-explanation', workingDays: 5 }, rules: { 'contract-term': { maxYears: { 'construction-land': 30 } } } };
    expect(canonical(S1)).toBe('{"publication":{"mode":"after-explanation","workingDays":5},"rules":{"contract-term":{"maxYears":{"construction-land":30}}}}');
    expect(digest(S1)).toBe('cb680428df2280b9f24b6dfcbc8bbf93323a591075312c576c0c36a4bbbfbc61');
  });

  it('PH: a photo’s id is the first 24 hex digits of the SHA-256 of its bytes', () => {
    const bytes = Buffer.from('616263', 'hex');
    expect(sha256(bytes)).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256(bytes).slice(0, 24)).toBe('ba7816bf8f01cfea414140de');
  });
});
