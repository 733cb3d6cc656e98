import { z } from 'zod';

/**
 * What text may enter the portal (issue 15): Unicode text and nothing that only looks like it.
 * Refused, wherever text comes in (uploaded files' cells, JSON uploads, API bodies, the complaint
 * form): lone UTF-16 surrogates (a JSON `\ud800` escape; no file, database or other program can
 * keep them), control characters other than tab, line feed and carriage return (C0, DEL and C1:
 * invisible, and they break CSV, XML and terminals downstream), Unicode's noncharacters
 * (U+FDD0–U+FDEF and U+xxFFFE/U+xxFFFF in every plane), and U+FFFD, the replacement character: it
 * is what a decoder leaves where it could not read the bytes (a GBK file read with the wrong
 * encoding, a damaged UTF-8 one), so text carrying it has already lost characters.
 *
 * Messages are bilingual and name only the character and where it is: each caller puts the field,
 * the cell or the JSON path in front (and, for a file, what to do about its encoding).
 */

export type TextProblem = 'lone-surrogate' | 'control' | 'noncharacter' | 'replacement';

export interface InvalidText {
  problem: TextProblem;
  codePoint: number;
  /** 1-based, counted in characters (code points), as a person counts them */
  position: number;
  /** "含有控制字符 U+0001（第 3 个字符）", fit to follow a field's or a cell's name */
  zh: string;
  en: string;
}

/** The first thing in `s` that is not valid text, or null when it is all valid. */
export function invalidTextReason(s: string): InvalidText | null {
  // One scan of code units for the common case; a surrogate here is usually half of a valid pair (an emoji, a rare hanzi).
  if (!SUSPECT.test(s)) return null;
  let position = 0;
  for (let i = 0; i < s.length; i += 1) {
    position += 1;
    const cp = s.codePointAt(i)!;
    if (cp > 0xffff) i += 1;
    const problem = problemOf(cp);
    if (problem) return { problem, codePoint: cp, position, ...describe(problem, cp, position) };
  }
  return null;
}

export function isValidText(s: string): boolean {
  return invalidTextReason(s) === null;
}

/** A string schema that refuses invalid text with a bilingual message ("中文 / English"), before any trim or transform. */
export function validText(): z.ZodString {
  return z.string().superRefine((s, ctx) => {
    const invalid = invalidTextReason(s);
    // continue: false, so a length or format check after it does not add a second, misleading message
    if (invalid) ctx.addIssue({ code: 'custom', message: `${invalid.zh} / ${invalid.en}`, params: { en: invalid.en }, continue: false });
  });
}

export interface InvalidTextAt {
  /** where in the value: object keys and array indexes, outermost first */
  path: (string | number)[];
  /** true when an object's key, not its value, is the text refused */
  key: boolean;
  invalid: InvalidText;
}

/**
 * Every string in a parsed JSON value, keys too, checked; at most `limit` findings, in document
 * order. Walked without recursion: JSON.parse builds arrays nested deeper than the call stack.
 */
export function findInvalidText(value: unknown, limit = 20): InvalidTextAt[] {
  const found: InvalidTextAt[] = [];
  // Each item links to its parent, and a path is built only for what is found: copying paths as
  // the walk goes down took quadratic time on deep nesting.
  type Step = { up: Step | null; name: string | number } | null;
  const pathOf = (step: Step): (string | number)[] => {
    const out: (string | number)[] = [];
    for (let s = step; s; s = s.up) out.push(s.name);
    return out.reverse();
  };
  const stack: Array<{ value: unknown; at: Step; keyInvalid?: InvalidText }> = [{ value, at: null }];
  while (stack.length > 0 && found.length < limit) {
    const item = stack.pop()!;
    if (item.keyInvalid) {
      found.push({ path: pathOf(item.at), key: true, invalid: item.keyInvalid });
      continue;
    }
    const v = item.value;
    if (typeof v === 'string') {
      const invalid = invalidTextReason(v);
      if (invalid) found.push({ path: pathOf(item.at), key: false, invalid });
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i -= 1) stack.push({ value: v[i], at: { up: item.at, name: i } });
    } else if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i -= 1) {
        const [k, child] = entries[i]!;
        const at = { up: item.at, name: k };
        stack.push({ value: child, at });
        const invalid = invalidTextReason(k);
        if (invalid) stack.push({ value: undefined, at, keyInvalid: invalid });
      }
    }
  }
  return found;
}

/** "contact.name", "entries.3.summary" (a key's invalid characters shown as [U+FFFF]); null for the value itself */
export function pathName(path: readonly (string | number)[]): string | null {
  return path.length === 0 ? null : path.map((p) => printable(String(p))).join('.');
}

/** The text with each invalid character written as its name, "[U+0001]": fit to echo in a message. */
export function printable(s: string): string {
  if (!SUSPECT.test(s)) return s;
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    out += problemOf(cp) ? `[${codePointName(cp)}]` : ch;
  }
  return out;
}

/** "U+0001", "U+1FFFE" */
export function codePointName(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

// ——— private helpers ———

/** Code units that may start a problem: C0 but tab/LF/CR, DEL and C1, surrogates, U+FDD0–U+FDEF, U+FFFD–U+FFFF. */
const SUSPECT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ud800-\udfff\ufdd0-\ufdef\ufffd-\uffff]/;

function problemOf(cp: number): TextProblem | null {
  if (cp >= 0xd800 && cp <= 0xdfff) return 'lone-surrogate';
  if ((cp < 0x20 && cp !== 0x09 && cp !== 0x0a && cp !== 0x0d) || (cp >= 0x7f && cp <= 0x9f)) return 'control';
  if ((cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) === 0xfffe) return 'noncharacter';
  if (cp === 0xfffd) return 'replacement';
  return null;
}

function describe(problem: TextProblem, cp: number, position: number): { zh: string; en: string } {
  const name = codePointName(cp);
  const at = { zh: `（第 ${position} 个字符）`, en: ` (character ${position})` };
  switch (problem) {
    case 'lone-surrogate':
      return { zh: `含有残缺的字符 ${name}${at.zh}：单独的 UTF-16 代理项不是有效文字`, en: `contains a broken character, ${name}${at.en}: a lone UTF-16 surrogate is not valid text` };
    case 'control':
      return { zh: `含有不可见的控制字符 ${name}${at.zh}，多是复制粘贴带进来的，请删除后重试`, en: `contains the invisible control character ${name}${at.en}, usually left by copy and paste; delete it and try again` };
    case 'noncharacter':
      return { zh: `含有非字符 ${name}${at.zh}：Unicode 规定它不能出现在文字中`, en: `contains the noncharacter ${name}${at.en}, which Unicode keeps out of text` };
    case 'replacement':
      return { zh: `含有乱码替换符“\ufffd”（${name}）${at.zh}：这里的文字在读取前就已损坏`, en: `contains the replacement character "\ufffd" (${name})${at.en}: the text here was damaged before it was read` };
  }
}
