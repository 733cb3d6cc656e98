/**
 * Line breaking for poster text, given a way to measure it. Chinese breaks between any two
 * characters, but not before closing punctuation (，。）) nor after opening punctuation (（“);
 * Latin words, numbers and URLs stay whole unless a single one is wider than the line.
 */

export type FontWeight = 'regular' | 'bold';

/** The advance width of `text` in ems: multiply by a font size to get a width in that unit. */
export type Measure = (text: string, weight: FontWeight) => number;

export function wrapText(text: string, maxEm: number, weight: FontWeight, measure: Measure): string[] {
  const lines: string[] = [];
  let line = '';
  let width = 0;
  for (const token of tokens(text)) {
    const w = measure(token, weight);
    if (line !== '' && width + w > maxEm && token.trim() !== '') {
      lines.push(line.trimEnd());
      line = '';
      width = 0;
    }
    if (line === '' && token.trim() === '') continue;
    if (w > maxEm) {
      // One token wider than the line (a long URL): break it between characters.
      for (const ch of token) {
        const cw = measure(ch, weight);
        if (line !== '' && width + cw > maxEm) {
          lines.push(line.trimEnd());
          line = '';
          width = 0;
        }
        line += ch;
        width += cw;
      }
      continue;
    }
    line += token;
    width += w;
  }
  if (line.trim() !== '') lines.push(line.trimEnd());
  return lines;
}

/** The largest size up to `preferred` at which `text` fits `maxWidth` on one line, but not below `min`. */
export function fitSize(text: string, preferred: number, min: number, maxWidth: number, weight: FontWeight, measure: Measure): number {
  const em = measure(text, weight);
  if (em <= 0) return preferred;
  return Math.max(min, Math.min(preferred, maxWidth / em));
}

// ——— private helpers ———

const CLOSING = new Set([...'，。、；：！？）》」』”’,.;:!?)]%']);
const OPENING = new Set([...'（《「『“‘([']);

/** Break opportunities: a Latin/number run, a space run, or one character, with punctuation glued on. */
function tokens(text: string): string[] {
  const raw = text.match(/[A-Za-z0-9][A-Za-z0-9./:\-_@#?=&+~]*|\s+|./gsu) ?? [];
  const out: string[] = [];
  let pendingOpen = '';
  for (const t of raw) {
    if (OPENING.has(t)) {
      pendingOpen += t;
      continue;
    }
    if (CLOSING.has(t) && out.length > 0 && pendingOpen === '') {
      out[out.length - 1] += t;
      continue;
    }
    out.push(pendingOpen + t);
    pendingOpen = '';
  }
  if (pendingOpen !== '') out.push(pendingOpen);
  return out;
}
