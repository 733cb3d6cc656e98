import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, walk } from './canonical-json.ts';

// The bytes every publication hash covers (docs/verify.md): the fast path must write exactly
// what the member-by-member walk writes, for any value it may meet.

describe('canonical JSON', () => {
  it('is the same text as the member-by-member walk for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ depthSize: 'medium' }), (value) => {
        expect(canonicalJson(value)).toBe(walk(value));
      }),
      { numRuns: 500 },
    );
  });

  it('sorts keys by UTF-16 code units at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: null, y: '字' }], c: undefined }, A: true })).toBe('{"A":true,"a":{"d":[{"y":"字","z":null}]},"b":1}');
    // U+1F600 is a surrogate pair (D83D …), so it sorts before U+FF21 (Ａ) by code units
    expect(canonicalJson({ '\uff21': 1, '😀': 2 })).toBe('{"😀":2,"Ａ":1}');
  });

  it('keeps a member named __proto__ (found by the property above)', () => {
    const value = JSON.parse('{"":{"__proto__":""},"b":{"__proto__":{"x":1}}}') as unknown;
    expect(canonicalJson(value)).toBe('{"":{"__proto__":""},"b":{"__proto__":{"x":1}}}');
    expect(canonicalJson(value)).toBe(walk(value));
  });

  it('puts array-index keys in code-unit order too, where the engine would put them first', () => {
    expect(canonicalJson({ b: 0, '9': 1, '10': 2 })).toBe('{"10":2,"9":1,"b":0}');
    expect(canonicalJson([{ x: { '2': 'two', '1': 'one' } }])).toBe('[{"x":{"1":"one","2":"two"}}]');
  });

  it('refuses what has no canonical form', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(/NaN/);
    expect(() => canonicalJson([1, undefined])).toThrow(/undefined/);
    expect(() => canonicalJson({ a: 10n })).toThrow(/bigint/);
    expect(() => canonicalJson({ when: new Map() })).toThrow(/plain objects/);
    expect(() => canonicalJson(undefined)).toThrow();
  });
});
