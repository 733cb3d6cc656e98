import { describe, expect, it } from 'vitest';
import { parsePosterOptions, posterQuery } from './poster-options.ts';

const parse = (query: Record<string, string>) => parsePosterOptions((name) => query[name]);

describe('poster options from a query string', () => {
  it('default to A4 in colour', () => {
    expect(parse({})).toEqual({ ok: true, options: { size: 'a4', mono: false } });
  });

  it('read ?size=a3 and ?mono=1, in any case', () => {
    expect(parse({ size: 'A3', mono: '1' })).toEqual({ ok: true, options: { size: 'a3', mono: true } });
    expect(parse({ mono: 'true' })).toEqual({ ok: true, options: { size: 'a4', mono: true } });
    expect(parse({ mono: '0' })).toEqual({ ok: true, options: { size: 'a4', mono: false } });
  });

  it('refuse a paper size or colour value they do not know, saying which field', () => {
    expect(parse({ size: 'letter' })).toMatchObject({ ok: false, field: 'size', message: 'size 只能是 a4 或 a3' });
    expect(parse({ mono: 'yes' })).toMatchObject({ ok: false, field: 'mono' });
  });

  it('write back the shortest query for the same options', () => {
    expect(posterQuery({ size: 'a4', mono: false })).toBe('');
    expect(posterQuery({ size: 'a3', mono: true })).toBe('?size=a3&mono=1');
  });
});
