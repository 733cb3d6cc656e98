import { queryTokens, tokenize } from './tokenize.ts';

/**
 * The part of a search hit's row text shown in a result list, with the query's matches marked.
 * Matching uses the same tokens as the index (queryTokens), so what is highlighted is what was
 * found: both characters of a bigram, a Latin word case-insensitively, and an amount however it
 * was typed (20150 highlights 20,150.00). Returns segments, never HTML, so every renderer
 * escapes the text as it always does.
 */
export interface SnippetSegment {
  text: string;
  hit: boolean;
}

export const ELLIPSIS = '…';

export function snippet(text: string, q: string, maxChars = 80): SnippetSegment[] {
  const chars = Array.from(text);
  const marks = markMatches(chars, queryTokens(q));
  const limit = Math.max(1, Math.floor(maxChars));

  let start = 0;
  let end = chars.length;
  if (chars.length > limit) {
    const first = marks.indexOf(true);
    // Some context before the first hit, most of the window after it: a row reads left to right.
    start = first < 0 ? 0 : Math.max(0, first - Math.floor(limit / 3));
    end = Math.min(chars.length, start + limit);
    start = Math.max(0, end - limit);
  }

  const segments: SnippetSegment[] = [];
  if (start > 0) segments.push({ text: ELLIPSIS, hit: false });
  for (let i = start; i < end; i++) {
    const hit = marks[i] ?? false;
    const last = segments[segments.length - 1];
    if (last && last.hit === hit) last.text += chars[i];
    else segments.push({ text: chars[i] ?? '', hit });
  }
  if (end < chars.length) appendPlain(segments, ELLIPSIS);
  return segments;
}

/** The segments as plain text, for CSV exports and titles. */
export function snippetText(segments: readonly SnippetSegment[]): string {
  return segments.map((s) => s.text).join('');
}

// ——— private helpers ———

/** A number as the tokenizer sees one (see PART in tokenize.ts), with an optional 元. */
const NUMBER = /(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)元?/g;

/**
 * One flag per character of the text: part of some match of a query token. The text is
 * normalised one character at a time (NFKC, lower case) so every offset in the normalised
 * string maps back to the character it came from, even where NFKC changes a length.
 */
function markMatches(chars: readonly string[], tokens: readonly string[]): boolean[] {
  const marks = chars.map(() => false);
  if (tokens.length === 0) return marks;
  let normal = '';
  const owner: number[] = [];
  chars.forEach((c, i) => {
    const n = c.normalize('NFKC').toLowerCase();
    normal += n;
    for (let k = 0; k < n.length; k++) owner.push(i);
  });
  const mark = (from: number, length: number) => {
    for (let k = from; k < from + length; k++) {
      const i = owner[k];
      if (i !== undefined) marks[i] = true;
    }
  };

  const numbers = new Set(tokens.filter((t) => /^\d/.test(t)));
  if (numbers.size > 0) {
    for (const m of normal.matchAll(NUMBER)) {
      const [token] = tokenize(m[0]);
      if (token !== undefined && numbers.has(token)) mark(m.index, m[0].length);
    }
  }
  for (const token of tokens) {
    if (numbers.has(token)) continue;
    for (let at = normal.indexOf(token); at >= 0; at = normal.indexOf(token, at + 1)) mark(at, token.length);
  }
  return marks;
}

function appendPlain(segments: SnippetSegment[], text: string): void {
  const last = segments[segments.length - 1];
  if (last && !last.hit) last.text += text;
  else segments.push({ text, hit: false });
}
