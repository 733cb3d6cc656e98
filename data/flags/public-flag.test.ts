import { describe, expect, it } from 'vitest';
import { flagEventDigest } from '../log/log-leaf.ts';
import { FLAG_SYSTEM, type Flag, type FlagEvent } from './flag.ts';
import { isPublic, publicFlag } from './public-flag.ts';

const VILLAGE = '430821212212';
const SECRET_KEY = 'KJP-2019-001:2024-12-31#internal-key-7f3a';
const EVIDENCE = [{ publicationId: 'c1', village: VILLAGE, kind: 'contract' as const, row: 4, label: '合同台账第4行（KJP-2019-001）' }];

/** One event of every type, as stored. */
const EVENTS: FlagEvent[] = [
  { seq: 1, type: 'raised', run: 'run-1', title: '应于2024-12-31前缴纳的130,600.00元未见入账', detail: '未见入账', amount: 13_060_000, evidence: EVIDENCE, at: '2026-11-01T02:00:00.000Z', actor: FLAG_SYSTEM },
  { seq: 2, type: 'updated', run: 'run-2', title: '尚差65,300.00元', detail: '部分入账', amount: 6_530_000, evidence: EVIDENCE, at: '2026-11-02T02:00:00.000Z', actor: FLAG_SYSTEM },
  { seq: 3, type: 'explained', text: '承包方申请缓缴。', at: '2026-11-03T02:00:00.000Z', actor: '康家坪村村委会' },
  { seq: 4, type: 'resolved', reason: '重新核对时不再发现', byData: true, run: 'run-3', at: '2026-11-04T02:00:00.000Z', actor: FLAG_SYSTEM },
  { seq: 5, type: 'reopened', run: 'run-4', at: '2026-11-05T02:00:00.000Z', actor: FLAG_SYSTEM },
  { seq: 6, type: 'confirmed', reason: '确未收取', at: '2026-11-06T02:00:00.000Z', actor: '乡纪委' },
  { seq: 7, type: 'dismissed', reason: '另有约定', at: '2026-11-07T02:00:00.000Z', actor: '乡纪委' },
];

const FLAG: Flag = {
  id: '7',
  village: VILLAGE,
  rule: 'receivable-overdue',
  key: SECRET_KEY,
  title: '尚差65,300.00元',
  detail: '部分入账',
  amount: 6_530_000,
  evidence: EVIDENCE,
  sample: true,
  status: 'dismissed',
  raisedAt: '2026-11-01T02:00:00.000Z',
  publicFrom: '2026-11-08T02:00:00.000Z',
  updatedAt: '2026-11-07T02:00:00.000Z',
  events: EVENTS,
};

/** The event with one field changed to another value of its type. */
function changed(e: FlagEvent, field: string): FlagEvent {
  const v = (e as unknown as Record<string, unknown>)[field];
  const other =
    typeof v === 'string' ? `${v}x` : typeof v === 'number' ? v + 1 : typeof v === 'boolean' ? !v : v === null ? 'run-x' : Array.isArray(v) ? [] : v;
  return { ...e, [field]: other } as FlagEvent;
}

describe('publicFlag', () => {
  it('never carries the key', () => {
    const text = JSON.stringify(publicFlag(FLAG, '2026-12-01T00:00:00.000Z'));
    expect(text).not.toContain(SECRET_KEY);
    expect(text).not.toContain('internal-key');
    expect(Object.keys(publicFlag(FLAG, '2026-12-01T00:00:00.000Z'))).not.toContain('key');
  });

  it('carries the rest of the flag, with the rule named and the status in words', () => {
    const p = publicFlag(FLAG, '2026-12-01T00:00:00.000Z');
    expect(p).toMatchObject({ id: '7', village: VILLAGE, rule: 'receivable-overdue', ruleName: '合同应收款未见入账', status: 'dismissed', statusLabel: '已排除', amount: 6_530_000, sample: true, publicFrom: FLAG.publicFrom });
    expect(p.events.map(({ sha256: _, ...e }) => e)).toEqual(EVENTS);
  });

  it("gives each step the SHA-256 of its log leaf", () => {
    const p = publicFlag(FLAG, '2026-12-01T00:00:00.000Z');
    expect(p.events.map((e) => e.sha256)).toEqual(EVENTS.map((e) => flagEventDigest(FLAG, e)));
    expect(new Set(p.events.map((e) => e.sha256)).size).toBe(EVENTS.length);
    for (const e of p.events) expect(e.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives another digest when any field of a step changes', () => {
    for (const e of EVENTS) {
      const original = flagEventDigest(FLAG, e);
      for (const field of Object.keys(e)) {
        expect(flagEventDigest(FLAG, changed(e, field)), `${e.type}.${field}`).not.toBe(original);
      }
    }
  });

  it("gives another digest when the step belongs to another flag, village or rule", () => {
    const e = EVENTS[0]!;
    const original = flagEventDigest(FLAG, e);
    expect(flagEventDigest({ ...FLAG, id: '8' }, e)).not.toBe(original);
    expect(flagEventDigest({ ...FLAG, village: '430821212213' }, e)).not.toBe(original);
    expect(flagEventDigest({ ...FLAG, rule: 'contract-term' }, e)).not.toBe(original);
    // the key is not part of what is hashed: it never leaves the portal
    const otherKey: Flag = { ...FLAG, key: 'other' };
    expect(flagEventDigest(otherKey, e)).toBe(original);
  });
});

describe('isPublic', () => {
  it('is false before publicFrom and true from it on', () => {
    expect(isPublic(FLAG, '2026-11-08T01:59:59.999Z')).toBe(false);
    expect(isPublic(FLAG, '2026-11-08T02:00:00.000Z')).toBe(true);
    expect(isPublic(FLAG, '2026-11-08T02:00:00.001Z')).toBe(true);
    expect(publicFlag(FLAG, '2026-11-08T01:59:59.999Z').public).toBe(false);
    expect(publicFlag(FLAG, '2026-11-08T02:00:00.000Z').public).toBe(true);
  });

  it('compares instants, not text: the same moment written in China time counts', () => {
    expect(isPublic(FLAG, '2026-11-08T10:00:00+08:00')).toBe(true);
    expect(isPublic(FLAG, '2026-11-08T09:59:59+08:00')).toBe(false);
  });
});
