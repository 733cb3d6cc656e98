/**
 * Text fitting for SVG labels, decided at build time without a browser to measure in. Widths are
 * estimates on the generous side (a Chinese character is one em, Latin digits 0.65 em: as wide as
 * DejaVu Sans's, wider than PingFang's or Noto's), so a label judged to fit does fit.
 */

export function textWidth(text: string, size: number): number {
  let em = 0;
  for (const ch of text) em += charEm(ch);
  return em * size;
}

/**
 * Lines no wider than maxWidth, broken where a reader expects (after 年 or 月, at a hyphen, space or
 * 、, before a bracket), and inside a run only when a run alone is too wide: "2026年第三季度" →
 * ["2026年", "第三季度"].
 */
export function wrapText(text: string, maxWidth: number, size: number): string[] {
  const lines: string[] = [];
  let line = '';
  const push = () => {
    const trimmed = line.trim();
    if (trimmed !== '') lines.push(trimmed);
    line = '';
  };
  for (const segment of text.split(BREAKS)) {
    if (textWidth(line + segment, size) <= maxWidth) {
      line += segment;
      continue;
    }
    push();
    if (textWidth(segment, size) <= maxWidth) {
      line = segment;
      continue;
    }
    for (const ch of segment) {
      if (line !== '' && textWidth(line + ch, size) > maxWidth) push();
      line += ch;
    }
  }
  push();
  return lines;
}

/** The text, or as much of it as fits followed by "…" (the full text is in the table). */
export function truncateText(text: string, maxWidth: number, size: number): string {
  if (textWidth(text, size) <= maxWidth) return text;
  const chars = [...text];
  while (chars.length > 1 && textWidth(`${chars.join('')}…`, size) > maxWidth) chars.pop();
  return `${chars.join('').trimEnd()}…`;
}

// ——— private helpers ———

const BREAKS = /(?<=[年月\-\s/、，,])|(?=[（(])/;

function charEm(ch: string): number {
  const code = ch.codePointAt(0) ?? 0;
  if (code >= 0x2e80 || ch === '…') return 1;
  if (ch === ' ' || ch === '.' || ch === ',' || ch === ':' || ch === ';' || ch === '\'' || ch === '|' || ch === 'i' || ch === 'l') return 0.35;
  if (ch === '-' || ch === '(' || ch === ')' || ch === '/') return 0.45;
  if (ch === 'M' || ch === 'W' || ch === 'm' || ch === 'w' || ch === '%') return 0.9;
  return 0.65;
}
