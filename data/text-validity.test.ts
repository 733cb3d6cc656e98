import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { codePointName, findInvalidText, invalidTextReason, isValidText, pathName, printable, validText } from './text-validity.ts';

describe('invalidTextReason', () => {
  it('accepts Chinese, emoji, rare hanzi beyond the BMP, tabs and line breaks', () => {
    for (const s of ['', '村道硬化的补助什么时候公示？', '😀 👍', '𠀀𪚥', 'a\tb\r\nc\nd', '￼', '\u2028']) expect(invalidTextReason(s), JSON.stringify(s)).toBeNull();
  });

  it('refuses a lone surrogate, high or low, and names it and where it is', () => {
    expect(invalidTextReason('补助\ud800')).toMatchObject({ problem: 'lone-surrogate', codePoint: 0xd800, position: 3 });
    expect(invalidTextReason('\udc00补助')).toMatchObject({ problem: 'lone-surrogate', codePoint: 0xdc00, position: 1 });
    // a valid pair counts as one character
    expect(invalidTextReason('😀\ud83d')).toMatchObject({ problem: 'lone-surrogate', position: 2 });
    expect(invalidTextReason('\ud83d\ude00')).toBeNull();
    expect(isValidText('a\ud800b')).toBe(false);
  });

  it('refuses control characters but tab, LF and CR: NUL, vertical tab, ESC, DEL and C1', () => {
    for (const cp of [0x00, 0x01, 0x08, 0x0b, 0x0c, 0x1b, 0x1f, 0x7f, 0x80, 0x85, 0x9f]) {
      expect(invalidTextReason(`ab${String.fromCodePoint(cp)}`), codePointName(cp)).toMatchObject({ problem: 'control', codePoint: cp, position: 3 });
    }
  });

  it('refuses noncharacters in every plane, and U+FFFD, the mark of a misread encoding', () => {
    for (const cp of [0xfdd0, 0xfdef, 0xfffe, 0xffff, 0x1fffe, 0x10ffff]) expect(invalidTextReason(String.fromCodePoint(cp)), codePointName(cp)).toMatchObject({ problem: 'noncharacter', codePoint: cp });
    expect(invalidTextReason('鏉戦亾\ufffd')).toMatchObject({ problem: 'replacement', codePoint: 0xfffd, position: 4 });
  });

  it('says what is wrong in Chinese and English', () => {
    const r = invalidTextReason('a\u0001')!;
    expect(r.zh).toContain('控制字符 U+0001（第 2 个字符）');
    expect(r.en).toContain('control character U+0001 (character 2)');
    expect(codePointName(0x1fffe)).toBe('U+1FFFE');
  });
});

describe('validText', () => {
  it('refuses invalid text with a bilingual message before trimming, and passes valid text on to the rest of the schema', () => {
    const schema = validText().trim().max(5);
    expect(schema.parse('  你好 ')).toBe('你好');
    const failed = schema.safeParse(' \u0007 ');
    expect(failed.success).toBe(false);
    expect(failed.error?.issues[0]?.message).toMatch(/^含有不可见的控制字符 U\+0007.* \/ contains the invisible control character U\+0007/);
    expect(z.object({ text: validText() }).safeParse({ text: '\ud800' }).error?.issues[0]?.path).toEqual(['text']);
    // one message: the checks after it are not run on text already refused
    expect(validText().trim().max(2).safeParse('\u0001abc').error?.issues).toHaveLength(1);
  });
});

describe('findInvalidText', () => {
  it('finds every bad string in a JSON value, keys too, with its path, in document order', () => {
    const value = JSON.parse('{"title":"ok","entries":[{"summary":"a"},{"summary":"b\\u0000","remark":"\\ud800"}],"\\ufffe":1,"notes":["\\u001b[31m"]}') as unknown;
    const found = findInvalidText(value);
    expect(found.map((f) => [pathName(f.path), f.key, f.invalid.problem])).toEqual([
      ['entries.1.summary', false, 'control'],
      ['entries.1.remark', false, 'lone-surrogate'],
      ['[U+FFFE]', true, 'noncharacter'],
      ['notes.0', false, 'control'],
    ]);
    expect(findInvalidText('\ud800').map((f) => pathName(f.path))).toEqual([null]);
    expect(pathName(['a', 2, 'b\ud800c'])).toBe('a.2.b[U+D800]c');
    expect(printable('好\u0001😀')).toBe('好[U+0001]😀');
    expect(findInvalidText({ a: ['fine', 1, null, true, { b: '好' }] })).toEqual([]);
  });

  it('stops at the limit, and walks nesting deeper than the call stack', () => {
    expect(findInvalidText(Array.from({ length: 50 }, () => '\u0001'), 3)).toHaveLength(3);
    const deep = JSON.parse(`${'['.repeat(200_000)}"\\u0001"${']'.repeat(200_000)}`) as unknown;
    expect(findInvalidText(deep)).toHaveLength(1);
  });
});
